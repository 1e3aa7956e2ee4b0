//! Wrong solution of exercise 4.3: returns Pending as soon as `a` is Pending, so `b` starts only when `a` is done
//! Expect: returned as soon as `a` was Pending

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
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
