//! Stage 7: an `Rc` alive across an `.await` in a task given to a `spawn`
//! whose bound is the multi-threaded executor's own (`F: Future + Send +
//! 'static`, step04-executor/src/multi_thread.rs), so that the error
//! points at that bound. The book shows the compiler's error, kept in
//! spawn_rc_across_await.expected.

use std::rc::Rc;

// ANCHOR: spawn
/// Stage 7's `spawn`, reduced to its signature: any worker may poll the
/// task, so the future must be `Send`.
pub fn spawn<F>(future: F)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    drop(future); // a stand-in: the bound is what this file is about
}
// ANCHOR_END: spawn

async fn pause() {}

// ANCHOR: rc
pub fn greet_later(name: String) {
    spawn(async move {
        let shared_name = Rc::new(name); // Rc: counted without atomics
        pause().await; // the task may resume on another worker here
        println!("hello, {shared_name}");
    });
}
// ANCHOR_END: rc
