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
        atomic::{AtomicBool, Ordering},
    },
    thread::{Thread, current as current_thread, park, park_timeout},
    thread_local,
};

#[cfg(step04_loom)]
pub(crate) use loom::{
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicBool, Ordering},
    },
    thread::{Thread, current as current_thread, park},
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
