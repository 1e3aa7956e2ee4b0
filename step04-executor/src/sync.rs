//! The synchronisation the task and the executor are built on: the
//! standard library's, or, when the crate is built for its loom model
//! tests (`--cfg step04_loom`, see `loom.sh`), loom's look-alikes. loom runs a
//! test once per interleaving of its threads, and it can only interleave
//! at the operations it sees: these.

#[cfg(not(step04_loom))]
pub(crate) use crate::lock::lock;
#[cfg(not(step04_loom))]
pub(crate) use std::{
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    thread::{
        JoinHandle as ThreadHandle, Thread, current as current_thread, park,
        park_timeout, spawn as spawn_thread,
    },
    thread_local,
};

#[cfg(step04_loom)]
pub(crate) use loom::{
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    thread::{
        JoinHandle as ThreadHandle, Thread, current as current_thread, park,
        spawn as spawn_thread,
    },
    thread_local,
};

/// loom has no timed park; the models use no timers, so a timed park is
/// never reached there.
#[cfg(step04_loom)]
pub(crate) fn park_timeout(_: std::time::Duration) {
    park();
}

/// `crate::lock::lock`, for loom's mutex (which is never poisoned).
#[cfg(step04_loom)]
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap()
}

/// Locks `mutex` if no other thread holds it (a poisoned mutex is used
/// anyway, as `lock` does); `None` if it is held.
pub(crate) fn try_lock<T>(mutex: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match mutex.try_lock() {
        Ok(guard) => Some(guard),
        #[cfg(not(step04_loom))]
        Err(std::sync::TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
        Err(_) => None,
    }
}
