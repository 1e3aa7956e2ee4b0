//! The task promises of the behaviour suite (`tests/behaviour.rs`): join,
//! cancel, panic and wakes, for any executor. Whoever declares this module
//! has the executor's `block_on`, `spawn`, `yield_now` and `JoinError` in
//! scope; the four files below take them from here.

use super::{JoinError, block_on, spawn, yield_now};

#[path = "cancel.rs"]
pub mod cancel;
#[path = "join.rs"]
mod join;
#[path = "panic.rs"]
mod panic;
#[path = "wakes.rs"]
mod wakes;
