//! Exercise 4.3: Write join for two futures by hand
//!
//! Instructions: the book, Step 4, "Exercises", "Exercise 4.3".
//! Check your work with `cargo exercises check 4.3`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that runs two futures together and is ready when both are:
/// what `futures::join!(a, b)` builds for you.
#[derive(Debug)]
pub struct Join<A: Future, B: Future> {
    // Boxed so that they stay pinned without `unsafe` pin projection.
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    // An output is kept here from when its future finishes until both have.
    a_output: Option<A::Output>,
    b_output: Option<B::Output>,
}

/// `Join` never pins its fields in place (the futures live in boxes), so
/// moving a `Join` is fine even when the outputs are not `Unpin`.
impl<A: Future, B: Future> Unpin for Join<A, B> {}

/// Joins `a` and `b`.
pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    Join {
        a: Box::pin(a),
        b: Box::pin(b),
        a_output: None,
        b_output: None,
    }
}

// ANCHOR: student
impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        // STUDENT: poll only the unfinished futures; Ready when both are done
        if this.a_output.is_none()
            && let Poll::Ready(output) = this.a.as_mut().poll(cx)
        {
            this.a_output = Some(output);
        }
        // PART: the same for `b`
        if this.b_output.is_none()
            && let Poll::Ready(output) = this.b.as_mut().poll(cx)
        {
            this.b_output = Some(output);
        }
        // PART: Ready with both outputs once both futures have finished
        if this.a_output.is_some() && this.b_output.is_some() {
            let a = this.a_output.take().expect("checked above");
            let b = this.b_output.take().expect("checked above");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
        // END STUDENT
    }
}
// ANCHOR_END: student
