//! Helpers for the benchmark programs: memory in use, argument parsing, and
//! running one measurement in a fresh process.

use std::process::Command;

/// The resident set size of this process in bytes (`VmRSS` in
/// `/proc/self/status`), or `None` where there is no `/proc` (not Linux).
pub fn resident_bytes() -> Option<u64> {
    status_kilobytes("VmRSS:").map(|kilobytes| kilobytes * 1024)
}

/// The most memory this process has had resident so far (`VmHWM`), in
/// bytes, or `None` where there is no `/proc`.
pub fn peak_resident_bytes() -> Option<u64> {
    status_kilobytes("VmHWM:").map(|kilobytes| kilobytes * 1024)
}

fn status_kilobytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Bytes per task between two `resident_bytes` readings, as text
/// (`n/a` without `/proc`).
pub fn bytes_per_task(before: Option<u64>, peak: Option<u64>, tasks: usize) -> String {
    match (before, peak) {
        (Some(before), Some(peak)) => (peak.saturating_sub(before) / tasks as u64).to_string(),
        _ => "n/a".to_string(),
    }
}

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
    let output = Command::new(program)
        .args(args)
        .env("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=4294967295")
        .output()
        .map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The value after `--tasks`, if the arguments are exactly `--tasks N`
/// (N a whole number from 1 to `max`, `_` allowed between digits) or empty
/// (then `default`). The error is one line, meant to be printed above the
/// program's usage.
///
/// The upper bound matters: each task costs memory (or, with a thread per
/// sleep, a thread), and a count nobody could run, such as 99999999999,
/// would otherwise end in an allocation failure instead of a clear refusal.
pub fn parse_tasks(args: &[String], default: usize, max: usize) -> Result<usize, String> {
    match args {
        [] => Ok(default),
        [flag] if flag == "--tasks" => Err("--tasks needs a number".to_string()),
        [flag, value] if flag == "--tasks" => match value.replace('_', "").parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            Ok(_) => Err(format!("--tasks must be 1 to {max}, not {value}")),
            Err(_) => Err(format!("--tasks takes a whole number, not `{value}`")),
        },
        _ => Err(format!("unexpected arguments: {}", args.join(" "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn tasks_default_and_explicit() {
        assert_eq!(parse_tasks(&[], 7, 1_000_000), Ok(7));
        assert_eq!(
            parse_tasks(&strings(&["--tasks", "100_000"]), 7, 1_000_000),
            Ok(100_000)
        );
        assert_eq!(
            parse_tasks(&strings(&["--tasks", "1000000"]), 7, 1_000_000),
            Ok(1_000_000),
            "the bound itself is allowed"
        );
    }

    #[test]
    fn bad_task_counts_are_rejected_in_one_line() {
        for bad in [
            &["--tasks"][..],
            &["--tasks", "0"],
            &["--tasks", "-3"],
            &["--tasks", "many"],
            &["--tasks", "1000001"],
            &["--tasks", "99999999999"],
            &["--tasks", "99999999999999999999999"],
            &["--fast"],
        ] {
            let error = parse_tasks(&strings(bad), 7, 1_000_000).expect_err("rejected");
            assert!(!error.contains('\n'), "{bad:?}: {error:?} spans lines");
        }
    }

    #[test]
    fn bytes_per_task_divides_the_growth() {
        assert_eq!(bytes_per_task(Some(1000), Some(3000), 10), "200");
        assert_eq!(bytes_per_task(Some(3000), Some(1000), 10), "0");
        assert_eq!(bytes_per_task(None, Some(1000), 10), "n/a");
    }
}
