//! `lock`, how every part of the executor takes a mutex: the library's
//! task, executor and reactor, and every stage from 3 on (they declare
//! this very file).

use std::sync::{Mutex, MutexGuard};

/// Locks `mutex`, and uses it even if it is poisoned (a panic elsewhere
/// while it was held). That is safe here: tasks are polled inside
/// `catch_unwind`, and every change made under these locks is a single
/// push, take or assignment, which a panic cannot leave half done.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
