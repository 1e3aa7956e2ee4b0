//! Wrong solution of exercise 4.2: clears `woken` after each poll, losing a wake that came during it
//! Expect: that wake-up was lost

//! Only what differs from solution.rs: each // REGION n replaces its n-th student region.

// REGION 2
    let mut future = pin!(future);
    let waker = Waker::from(Arc::clone(&signal));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        // Too late: a wake-up that came during the poll is forgotten here.
        signal.woken.store(false, Ordering::SeqCst);
        while !signal.woken.load(Ordering::SeqCst) {
            thread::park();
        }
    }
