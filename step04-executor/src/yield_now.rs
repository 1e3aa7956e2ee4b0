//! `yield_now`, which needs nothing from the executor it runs on: the
//! library, every stage from 3 on and the behaviour suite use this one
//! function.

use std::task::Poll;

// ANCHOR: yield_now
/// Lets the other ready tasks run before this one continues (asyncio:
/// `await asyncio.sleep(0)`). Works on any executor.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref(); // back of the queue
        Poll::Pending
    })
    .await;
}
// ANCHOR_END: yield_now
