//! Wrong solution of exercise 4.2: polls again and again without ever parking
//! Expect: Polling again and again without waiting is a busy loop

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
    let mut future = pin!(future);
    let waker = Waker::from(Arc::clone(&signal));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
