//! The synchronisation the task and the executor are built on: the
//! standard library's, or, when the crate is built for its loom model
//! tests (`--cfg loom`, see `loom.sh`), loom's look-alikes. loom runs a
//! test once per interleaving of its threads, and it can only interleave
//! at the operations it sees: these.

#[cfg(not(loom))]
pub(crate) use std::{
    sync::{
        Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::{Thread, current as current_thread, park, park_timeout},
    thread_local,
};

#[cfg(loom)]
pub(crate) use loom::{
    sync::{
        Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::{Thread, current as current_thread, park},
    thread_local,
};

/// loom has no timed park; the models use no timers, so a timed park is
/// never reached there.
#[cfg(loom)]
pub(crate) fn park_timeout(_: std::time::Duration) {
    park();
}
