//! Wrong solution of exercise 4.3: returns Pending as soon as `a` is Pending, so `b` starts only when `a` is done
//! Expect: returned as soon as `a` was Pending

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

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.a_output.is_none() {
            match this.a.as_mut().poll(cx) {
                Poll::Ready(output) => this.a_output = Some(output),
                Poll::Pending => return Poll::Pending,
            }
        }
        if this.b_output.is_none() {
            match this.b.as_mut().poll(cx) {
                Poll::Ready(output) => this.b_output = Some(output),
                Poll::Pending => return Poll::Pending,
            }
        }
        let a = this.a_output.take().expect("a finished above");
        let b = this.b_output.take().expect("b finished above");
        Poll::Ready((a, b))
    }
}
