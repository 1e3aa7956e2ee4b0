//! Helpers for the benchmark programs: running one measurement in a fresh
//! process, and (from Step 3's `scale`, so that every benchmark of the
//! book reads `--tasks` and measures memory the same way) the argument
//! parser and the memory probe.

use std::process::Command as Process;

pub use step03_tasks::scale::{
    Command, TaskCount, bytes_per_task, parse_args, peak_resident_bytes, resident_bytes,
};

/// Runs this same program again with `args` and returns its standard
/// output. Each measurement gets a fresh process, so that memory freed by
/// one measurement cannot be reused (and hide the cost) in the next.
///
/// The child runs with glibc's heap trimming off. By default glibc gives
/// freed memory back to the operating system once the free space at the
/// top of its heap passes a threshold that it moves as the program runs,
/// and the next round of tasks then pays a page fault for every 4 KiB it
/// touches again. Whether that happens depends on the sizes of earlier
/// allocations, not on the executor, and it moved single results by up to
/// two times; with trimming off, every executor keeps its memory between
/// rounds. Other C libraries ignore the variable.
pub fn run_self(args: &[String]) -> Result<String, String> {
    let program = std::env::current_exe().map_err(|error| error.to_string())?;
    let output = Process::new(program)
        .args(args)
        .env("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=4294967295")
        .output()
        .map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
