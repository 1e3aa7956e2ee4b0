//! What the server counts: how many connections and requests, and above
//! all how many requests it handled at the same time. Shared by every task
//! of the server through atomics; [`Stats`] is a snapshot of them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

// ANCHOR: stats
/// What the server has done so far: a snapshot of its counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections accepted and served.
    pub connections: u64,
    /// Connections turned away with `ERR busy` (too many at once).
    pub rejected: u64,
    /// Requests answered after their delay (`OK ...` or `ERR not found`).
    pub served: u64,
    /// Malformed requests, answered `ERR ...` at once.
    pub errors: u64,
    /// Requests whose client disconnected before the answer was ready.
    pub abandoned: u64,
    /// Requests being handled right now.
    pub in_flight: u64,
    /// The most requests ever handled at the same time.
    pub max_in_flight: u64,
}
// ANCHOR_END: stats

/// The counters, shared by every task of the server. Public for the smol
/// and tokio twins of the server's core (`examples/server_smol.rs`,
/// `server_tokio.rs`), which count through [`reply_to`](super::reply_to).
#[derive(Debug, Default)]
pub struct Counters {
    pub(super) connections: AtomicU64,
    pub(super) open: AtomicU64,
    pub(super) rejected: AtomicU64,
    pub(super) served: AtomicU64,
    pub(super) errors: AtomicU64,
    pub(super) abandoned: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
}

impl Counters {
    /// What the counters hold now.
    pub fn snapshot(&self) -> Stats {
        let get = |counter: &AtomicU64| counter.load(Ordering::SeqCst);
        Stats {
            connections: get(&self.connections),
            rejected: get(&self.rejected),
            served: get(&self.served),
            errors: get(&self.errors),
            abandoned: get(&self.abandoned),
            in_flight: get(&self.in_flight),
            max_in_flight: get(&self.max_in_flight),
        }
    }

    /// Sets every counter except `in_flight` back to zero, to measure one
    /// phase of a program on its own.
    pub fn reset(&self) {
        for counter in [
            &self.connections,
            &self.rejected,
            &self.served,
            &self.errors,
            &self.abandoned,
        ] {
            counter.store(0, Ordering::SeqCst);
        }
        let now = self.in_flight.load(Ordering::SeqCst);
        self.max_in_flight.store(now, Ordering::SeqCst);
    }

    pub(super) fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::SeqCst);
    }

    /// Marks one request as in flight until the returned guard is dropped,
    /// however the request ends (answered, abandoned, server stopped).
    pub(super) fn start_request(&self) -> InFlight<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }
}

/// Decrements `in_flight` when dropped.
pub(super) struct InFlight<'a>(&'a Counters);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Decrements the number of open connections when dropped.
pub(super) struct OpenConnection(pub(super) Arc<Counters>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}
