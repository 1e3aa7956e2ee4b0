//! Wrong solution of exercise 4.5: clears `scheduled` after the poll, losing a wake that came during it
//! Expect: a wake during the poll was lost

//! Only what differs from solution.rs: // REGION n.m replaces the m-th part of the n-th student region (parts are split by // PART: lines).

// REGION 1.1
        // Cleared below, after the poll: too late.

// REGION 1.2
        let waker = Waker::from(Arc::clone(self));
        let mut context = Context::from_waker(&waker);
        let mut slot = lock(&self.future);
        let Some(future) = slot.as_mut() else {
            return true;
        };
        let ready = future.as_mut().poll(&mut context).is_ready();
        self.scheduled.store(false, Ordering::SeqCst);
        if ready {
            *slot = None;
            return true;
        }
        false
