//! Wrong solution of exercise 4.3: polls both futures in every call, even one that already returned Ready
//! Expect: polled again after it returned Ready

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        if let Poll::Ready(output) = this.a.as_mut().poll(cx) {
            this.a_output = Some(output);
        }
        if let Poll::Ready(output) = this.b.as_mut().poll(cx) {
            this.b_output = Some(output);
        }
        if this.a_output.is_some() && this.b_output.is_some() {
            let a = this.a_output.take().expect("checked above");
            let b = this.b_output.take().expect("checked above");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
