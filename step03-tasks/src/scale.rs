//! The parts of the `scale` benchmark worth testing on their own: its
//! command line and its memory probe.

/// What `--example scale` prints for bad arguments, after the error line.
pub const USAGE: &str = "usage: scale [--tasks N]    N: 1 to 1000000 tasks (default 10000)";

/// The most tasks the benchmark agrees to spawn.
pub const MAX_TASKS: usize = 1_000_000;

/// How many tasks to run when `--tasks` is not given.
pub const DEFAULT_TASKS: usize = 10_000;

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Run the benchmark with this many tasks.
    Run { tasks: usize },
    /// Print the usage and exit successfully (`--help`).
    Help,
}

// ANCHOR: parse_args
/// Reads the arguments after the program name: `--tasks N` or `--help`.
/// The error is one line, meant to be printed above [`USAGE`].
pub fn parse_args<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut tasks = DEFAULT_TASKS;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--tasks" => {
                let value = args.next().ok_or("--tasks needs a number")?;
                tasks = parse_count(&value)?;
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Command::Run { tasks })
}

fn parse_count(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(count) if (1..=MAX_TASKS).contains(&count) => Ok(count),
        Ok(_) => Err(format!("--tasks must be 1 to {MAX_TASKS}, not {value}")),
        Err(_) => Err(format!("--tasks takes a whole number, not `{value}`")),
    }
}
// ANCHOR_END: parse_args

/// Resident memory of this process now (`VmRSS`), in KiB. Linux only.
pub fn resident_kib() -> Option<u64> {
    proc_status_kib("VmRSS:")
}

/// The most resident memory this process has used so far (`VmHWM`, the
/// "high water mark"), in KiB. Linux only.
pub fn peak_resident_kib() -> Option<u64> {
    proc_status_kib("VmHWM:")
}

/// Reads one `Name:   1234 kB` line of `/proc/self/status`.
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line[field.len()..]
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()
}

/// `100000` as `100,000`.
pub fn with_commas(number: usize) -> String {
    let digits = number.to_string();
    let mut result = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            result.push(',');
        }
        result.push(digit);
    }
    result
}

/// KiB as megabytes with one decimal, or `n/a` where it was not measured.
pub fn megabytes(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_string(), |kib| {
        format!("{:.1} MB", kib as f64 * 1024.0 / 1e6)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn good_arguments() {
        assert_eq!(
            parse(&[]),
            Ok(Command::Run {
                tasks: DEFAULT_TASKS
            })
        );
        assert_eq!(
            parse(&["--tasks", "100000"]),
            Ok(Command::Run { tasks: 100_000 })
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
            &["--tasks"],
            &["--threads", "4"],
            &["100"],
        ] {
            let error = parse(bad).expect_err("bad arguments must be rejected");
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
            let now = resident_kib();
            assert!(now.is_some_and(|kib| kib > 0));
            assert!(peak_resident_kib() >= now);
        }
        assert_eq!(megabytes(None), "n/a");
        assert_eq!(megabytes(Some(1000)), "1.0 MB");
    }
}
