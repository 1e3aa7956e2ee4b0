//! Wrong solution of exercise 4.2: parks once and polls again, without checking `woken`
//! Expect: block_on polled again after a spurious unpark

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
    let mut future = pin!(future);
    let waker = Waker::from(Arc::clone(&signal));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        // Any return from `park` is taken for a wake-up.
        thread::park();
    }
