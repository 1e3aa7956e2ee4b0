//! The parts of the `scale` benchmark worth testing on their own: its
//! command line and its memory probe. Step 4's benchmarks use them too, so
//! that every benchmark in the book reads `--tasks` and measures memory
//! the same way.

use crate::args;

/// What `--example scale` prints after `usage: `.
pub const USAGE: &str = "scale [--tasks N]    N: 1 to 1_000_000 tasks (default 10_000)";

/// How many tasks `scale` runs, and the most it agrees to spawn.
pub const SCALE_TASKS: TaskCount = TaskCount {
    default: 10_000,
    max: 1_000_000,
};

/// The task counts a program accepts: `--tasks N` with N from 1 to `max`,
/// `default` without `--tasks`. Step 4's benchmarks take the same
/// argument, parsed by the same function, with their own bounds.
///
/// The upper bound matters: each task costs memory (or, with a thread per
/// sleep, a thread), and a count nobody could run, such as 99999999999,
/// would otherwise end in an allocation failure instead of a clear refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskCount {
    /// How many tasks to run without `--tasks`.
    pub default: usize,
    /// The most tasks the program agrees to run.
    pub max: usize,
}

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Run the benchmark with this many tasks.
    Run {
        /// How many tasks to spawn.
        tasks: usize,
    },
    /// Print the usage and exit successfully (`--help`).
    Help,
}

/// Reads the arguments after the program name: `--tasks N` or `--help`,
/// by the rules of [`crate::args`]. The error is one line, meant to be
/// printed above the usage.
pub fn parse_args<I>(args: I, count: TaskCount) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let arguments: Vec<String> = args.into_iter().collect();
    if args::asks_for_help(&arguments) {
        return Ok(Command::Help);
    }
    Ok(Command::Run {
        tasks: tasks(&arguments, count)?,
    })
}

/// The task count `--tasks N` asks for, from 1 to `count.max`.
pub fn tasks(arguments: &[String], count: TaskCount) -> Result<usize, String> {
    let option = args::number("--tasks", count.default as u64, 1..=count.max as u64);
    let [tasks] = args::numbers(arguments, &[option])?[..] else {
        unreachable!("one value per option");
    };
    Ok(usize::try_from(tasks).expect("at most `count.max`, a usize"))
}

/// Resident memory of this process now (`VmRSS`), in bytes. Linux only.
pub fn resident_bytes() -> Option<u64> {
    proc_status_bytes("VmRSS:")
}

/// The most resident memory this process has used so far (`VmHWM`, the
/// "high water mark"), in bytes. Linux only.
pub fn peak_resident_bytes() -> Option<u64> {
    proc_status_bytes("VmHWM:")
}

/// Reads one `Name:   1234 kB` line of `/proc/self/status` (the kernel's
/// "kB" is KiB), in bytes.
fn proc_status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// The growth of resident memory from `before` to `peak`, divided among
/// `tasks`, in bytes; `None` where memory was not measured.
pub fn bytes_per_task(
    before: Option<u64>,
    peak: Option<u64>,
    tasks: usize,
) -> Option<u64> {
    Some(peak?.saturating_sub(before?) / tasks.max(1) as u64)
}

/// `100000` as `100,000`, as the programs print counts for people.
pub fn with_commas(number: usize) -> String {
    args::group_digits(number as u64, ',')
}

/// Bytes as megabytes with one decimal, or `n/a` where not measured.
pub fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or("n/a".to_string(), |bytes| {
        format!("{:.1} MB", bytes as f64 / 1e6)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|arg| arg.to_string()), SCALE_TASKS)
    }

    #[test]
    fn good_arguments() {
        assert_eq!(parse(&[]), Ok(Command::Run { tasks: 10_000 }));
        assert_eq!(
            parse(&["--tasks", "100000"]),
            Ok(Command::Run { tasks: 100_000 })
        );
        assert_eq!(
            parse(&["--tasks", "100_000"]),
            Ok(Command::Run { tasks: 100_000 }),
            "digits may be grouped as in source code"
        );
        assert_eq!(
            parse(&["--tasks", "1000000"]),
            Ok(Command::Run { tasks: 1_000_000 }),
            "the bound itself is allowed"
        );
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn bad_arguments_are_one_line_errors() {
        for bad in [
            &["--tasks", "abc"][..],
            &["--tasks", "0"],
            &["--tasks", "-5"],
            &["--tasks", "2000000"],
            &["--tasks", "1000001"],
            &["--tasks", "99999999999"],
            &["--tasks", "99999999999999999999999"],
            &["--tasks", "_100"],
            &["--tasks", "1__000"],
            &["--tasks", "100_"],
            &["--tasks"],
            &["--threads", "4"],
            &["100"],
        ] {
            let error = parse(bad).expect_err("bad arguments must be rejected");
            let other_bounds = TaskCount {
                default: 7,
                max: 10,
            };
            let same = parse_args(bad.iter().map(|arg| arg.to_string()), other_bounds);
            assert!(same.is_err(), "{bad:?} is rejected whatever the bounds");
            assert!(!error.contains('\n'), "{error:?} spans several lines");
        }
    }

    #[test]
    fn numbers_get_commas() {
        assert_eq!(with_commas(7), "7");
        assert_eq!(with_commas(1_000), "1,000");
        assert_eq!(with_commas(100_000), "100,000");
        assert_eq!(with_commas(1_000_000), "1,000,000");
    }

    #[test]
    fn memory_is_measured_on_linux() {
        if cfg!(target_os = "linux") {
            // Read the current size first: the peak, read after it, can only
            // be as large or larger (other test threads may allocate between).
            let now = resident_bytes();
            assert!(now.is_some_and(|bytes| bytes > 0 && bytes % 1024 == 0));
            assert!(peak_resident_bytes() >= now);
        }
        assert_eq!(megabytes(None), "n/a");
        assert_eq!(megabytes(Some(1_024_000)), "1.0 MB");
    }

    #[test]
    fn bytes_per_task_divides_the_growth() {
        assert_eq!(bytes_per_task(Some(1000), Some(3000), 10), Some(200));
        assert_eq!(bytes_per_task(Some(3000), Some(1000), 10), Some(0));
        assert_eq!(bytes_per_task(None, Some(1000), 10), None);
    }
}
