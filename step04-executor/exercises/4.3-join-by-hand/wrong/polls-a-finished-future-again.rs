//! Wrong solution of exercise 4.3: polls both futures in every call, even one that already returned Ready
//! Expect: polled again after it returned Ready

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 1.1
        if let Poll::Ready(output) = this.a.as_mut().poll(cx) {
            this.a_output = Some(output);
        }
// REGION 1.2
        if let Poll::Ready(output) = this.b.as_mut().poll(cx) {
            this.b_output = Some(output);
        }
