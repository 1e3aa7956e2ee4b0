//! Going further, async closures: a function that spawns what an async
//! closure returns must promise that the future is `Send`, and naming that
//! future's type is not stable. The book shows the compiler's error, kept
//! in async_closure_send.expected; when a toolchain accepts this snippet,
//! the test fails and the book must be updated.

use async_std::task::{self, JoinHandle};

// ANCHOR: spawn_closure
pub fn spawn_call<F>(work: F) -> JoinHandle<()>
where
    F: AsyncFnOnce() + Send + 'static,
    F::CallOnceFuture: Send + 'static,
{
    task::spawn(work())
}
// ANCHOR_END: spawn_closure
