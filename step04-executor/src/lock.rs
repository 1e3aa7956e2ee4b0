//! `lock`, how every part of the executor takes a mutex: the library's
//! task, executor and reactor, and every stage from 3 on (public for
//! them: the stage programs in `examples/` take it from this library).

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, and uses it even if it is poisoned (a panic elsewhere
/// while it was held). That is safe here because no code of the program
/// that uses the executor runs under these locks and unwinds through
/// them: a task's future is polled and dropped inside `catch_unwind`
/// (`task.rs`), and wakers are called after the lock is released. What
/// is left under a lock is a push, a take or an assignment of the
/// executor's own, which a panic cannot leave half done.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
