//! What the graceful-shutdown programs share whatever their runtime: their
//! one option (`--wait`), and the SIGINT a program sends itself so that it
//! runs to the end on its own.
//!
//! `examples/graceful_shutdown.rs` and its smol and tokio twins use both,
//! and `lesson::Connection` for their stubborn task's cleanup. What the
//! runtimes change (spawning, timers, waiting and cancelling after the
//! grace period) stays in each program, where the book sets them side by
//! side.

use crate::args;

/// `--wait`, or nothing: whether the reader will press Ctrl-C (`--wait`)
/// or the program sends itself SIGINT ([`interrupt`]). Read by the lessons'
/// one argument reader (`--help`, or exit code 2 for anything else);
/// `program` names the program in its usage line.
pub fn wait_option(program: &str) -> bool {
    let usage = format!("{program} [--wait]   (--wait: wait for a real Ctrl-C)");
    args::read(&usage, |arguments| args::flag(arguments, "--wait"))
}

// ANCHOR: interrupt
/// Asks the reader for Ctrl-C, or sends this process the SIGINT that Ctrl-C
/// sends, so that the example (and its test) runs on its own.
pub fn interrupt(wait_for_user: bool) -> std::io::Result<()> {
    if wait_for_user || cfg!(not(unix)) {
        println!("press Ctrl-C to stop");
        return Ok(());
    }
    println!("sending myself SIGINT, as Ctrl-C would (-- --wait to press it yourself)");
    #[cfg(unix)]
    {
        use rustix::process::{Signal, getpid, kill_process};
        kill_process(getpid(), Signal::INT)?;
    }
    Ok(())
}
// ANCHOR_END: interrupt
