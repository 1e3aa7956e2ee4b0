//! Wrong solution of exercise 4.3: is Ready only if both futures end in the same call, else Pending with no wake to come
//! Expect: nothing will wake it again

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        let a_ended = this.a_output.is_none()
            && ends_now(this.a.as_mut(), cx, &mut this.a_output);
        let b_ended = this.b_output.is_none()
            && ends_now(this.b.as_mut(), cx, &mut this.b_output);
        if a_ended && b_ended {
            let a = this.a_output.take().expect("a ended above");
            let b = this.b_output.take().expect("b ended above");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
// EXTRA

/// Polls `future` once and keeps its output: whether it ended in this poll.
fn ends_now<F: Future>(
    future: Pin<&mut F>,
    cx: &mut Context<'_>,
    output: &mut Option<F::Output>,
) -> bool {
    match future.poll(cx) {
        Poll::Ready(value) => {
            *output = Some(value);
            true
        }
        Poll::Pending => false,
    }
}
