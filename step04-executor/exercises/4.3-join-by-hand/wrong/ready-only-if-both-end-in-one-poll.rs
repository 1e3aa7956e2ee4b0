//! Wrong solution of exercise 4.3: is Ready only if both futures end in the same call, else Pending with no wake to come
//! Expect: nothing will wake it again

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 1
        let a_ended = this.a_output.is_none()
            && match this.a.as_mut().poll(cx) {
                Poll::Ready(output) => {
                    this.a_output = Some(output);
                    true
                }
                Poll::Pending => false,
            };
        let b_ended = this.b_output.is_none()
            && match this.b.as_mut().poll(cx) {
                Poll::Ready(output) => {
                    this.b_output = Some(output);
                    true
                }
                Poll::Pending => false,
            };
        if a_ended && b_ended {
            let a = this.a_output.take().expect("a ended above");
            let b = this.b_output.take().expect("b ended above");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
