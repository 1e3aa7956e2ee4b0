//! Building an exercise crate and running its tests under a time limit.
//!
//! Two stages, because they fail differently. The build has no time limit
//! (the first one compiles async-std and futures) and shows the compiler's
//! messages as they are. The test run has one: a future that is never woken,
//! or a thread blocked in a task, never ends, and a student should hear so
//! within seconds, not wait for cargo's "has been running for over 60
//! seconds". The tests run as cargo would run them, but started by us, in
//! a process group of their own ([`process_group`](crate::process_group)):
//! the tool ends that group when time runs out, when the run ends (taking
//! any process the tests left behind), and when the tool itself is stopped.
//! The run's output is read back
//! into one [`TestResult`] per test, so that the student sees each failure's
//! message and nothing else: no backtrace, no "to rerun pass `--test
//! exercise`" (advice for cargo users, not for `cargo exercises`).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::process_group::Group;
use crate::scratch::cargo;
use crate::verdict;

/// How long a check's tests may run unless the student says otherwise.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30);

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The code does not compile. The compiler's messages were shown, or,
    /// with [`Diagnostics::Keep`], are here.
    DoesNotCompile(String),
    /// Every test ran to its end.
    Finished(TestReport),
    /// The time limit ran out; the report holds the tests that had ended.
    TimedOut(TestReport),
}

/// Where the compiler's messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagnostics {
    /// Straight to the terminal, as the student's own `cargo build` would.
    Show,
    /// Kept in [`Outcome::DoesNotCompile`] (grading many students at once).
    Keep,
}

/// The tests of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestReport {
    /// Every test the crate has, by name.
    pub all: Vec<String>,
    /// The tests that ended, in the order they did.
    pub ended: Vec<TestResult>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
    /// For a failure: what the test said (its panic message).
    pub message: String,
}

impl TestReport {
    pub fn passed(&self) -> usize {
        self.ended.iter().filter(|test| test.passed).count()
    }

    pub fn failures(&self) -> impl Iterator<Item = &TestResult> {
        self.ended.iter().filter(|test| !test.passed)
    }

    /// The tests that had not ended when the run stopped.
    pub fn unfinished(&self) -> Vec<&str> {
        self.all
            .iter()
            .filter(|name| !self.ended.iter().any(|test| &test.name == *name))
            .map(String::as_str)
            .collect()
    }

    /// Every test ran and passed: each expected name has one result, a
    /// pass (a count of passes alone could be made of forged lines).
    pub fn all_passed(&self) -> bool {
        !self.all.is_empty()
            && self.ended.len() == self.all.len()
            && self.all.iter().all(|name| {
                let mut results = self.ended.iter().filter(|test| &test.name == name);
                results.next().is_some_and(|test| test.passed)
                    && results.next().is_none()
            })
    }
}

impl Outcome {
    /// Every test ran and passed.
    pub fn passed(&self) -> bool {
        matches!(self, Outcome::Finished(report) if report.all_passed())
    }

    /// The tests, when the code compiled.
    pub fn report(&self) -> Option<&TestReport> {
        match self {
            Outcome::Finished(report) | Outcome::TimedOut(report) => Some(report),
            Outcome::DoesNotCompile(_) => None,
        }
    }
}

/// Builds the crate in `dir` into `target`, then runs its tests for at
/// most `limit`.
pub fn check(
    dir: &Path,
    target: &Path,
    limit: Duration,
    diagnostics: Diagnostics,
) -> Result<Outcome, String> {
    let tests = match build(dir, target, diagnostics)? {
        Ok(tests) => tests,
        Err(messages) => return Ok(Outcome::DoesNotCompile(messages)),
    };
    let all = expected_tests_of(dir, &tests, limit)?;
    let run = test_binary(&tests, dir, &["--color", "never", "--format", "pretty"]);
    let Run { status, stdout, .. } =
        run_with_limit(run, limit, usize::MAX, "the tests")?;
    // A finished run is judged by the harness (see `verdict`): what the
    // code under test printed cannot make it pass. A stopped one keeps the
    // tests that had ended; it never passes anyway.
    Ok(match status {
        Some(status) => Outcome::Finished(TestReport {
            ended: verdict::judge_run(&all, &stdout, status.success()),
            all,
        }),
        None => Outcome::TimedOut(TestReport {
            all,
            ended: parse_results(&stdout),
        }),
    })
}

/// The tests the crate should have: those its `tests/exercise.rs` declares,
/// not those the binary lists (its `--list` runs the student's code too).
/// A crate whose tests file names none falls back on the listing.
fn expected_tests_of(
    dir: &Path,
    tests: &Path,
    limit: Duration,
) -> Result<Vec<String>, String> {
    let declared =
        std::fs::read_to_string(dir.join("tests/exercise.rs")).unwrap_or_default();
    let expected = verdict::expected_tests(&declared);
    if !expected.is_empty() {
        return Ok(expected);
    }
    let list = test_binary(tests, dir, &["--list"]);
    let listing = run_with_limit(list, limit, usize::MAX, "the tests")?.stdout;
    Ok(listing
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect())
}

/// Whether the build folder has never built the exercises' dependencies:
/// the first check then takes a while, and says so.
pub fn is_cold(target: &Path) -> bool {
    let fingerprints = target.join("debug/.fingerprint");
    let Ok(entries) = std::fs::read_dir(fingerprints) else {
        return true;
    };
    !entries.flatten().any(|entry| {
        entry
            .file_name()
            .to_string_lossy()
            .starts_with("async-std-")
    })
}

/// Compiles the tests and returns the test binary's path, or the compiler's
/// messages (empty when they were shown) if the code does not compile.
fn build(
    dir: &Path,
    target: &Path,
    diagnostics: Diagnostics,
) -> Result<Result<PathBuf, String>, String> {
    // cargo renders the compiler's messages on stderr as usual and reports
    // what it built as JSON on stdout, where we find the test binary.
    let stderr = match diagnostics {
        Diagnostics::Show => Stdio::inherit(),
        Diagnostics::Keep => Stdio::piped(),
    };
    let output = cargo(dir, target)
        .args([
            "test",
            "--no-run",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .stdin(Stdio::null())
        .stderr(stderr)
        .output()
        .map_err(|error| format!("could not start cargo: {error}"))?;
    let messages = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Ok(Err(messages));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(test_executable(&stdout).ok_or_else(|| {
        format!(
            "cargo built no test binary in {}:\n{messages}",
            dir.display()
        )
    }))
}

/// The test binary among the artifacts cargo reported.
pub fn test_executable(cargo_messages: &str) -> Option<PathBuf> {
    cargo_messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| message["target"]["kind"][0] == "test")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
}

/// The test binary, run as `cargo test` runs it: in the crate's folder,
/// without backtraces (a student needs the message, not the stack).
fn test_binary(tests: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(tests);
    command
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CARGO_MANIFEST_DIR", dir);
    command
}

/// What one run under a time limit did.
#[derive(Debug, Clone)]
pub struct Run {
    /// Its exit status, or `None` when the time limit ended it.
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| status.success())
    }
}

/// Runs `command` in a process group of its own with its output collected
/// (the first `cap` bytes of each stream; the rest is read and dropped);
/// once `limit` has passed, kills it and everything it started. `what`
/// names the command in the error when it cannot start.
pub fn run_with_limit(
    mut command: Command,
    limit: Duration,
    cap: usize,
    what: &str,
) -> Result<Run, String> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // A process group of its own (ended with the tool, on Ctrl-C or SIGTERM
    // too), so that the end below reaches every process the run started.
    let mut group = Group::spawn(&mut command)
        .map_err(|error| format!("could not start {what}: {error}"))?;
    let child = group.child();
    // Read both pipes while waiting: a child that fills a pipe nobody reads
    // would block and look hung.
    let stdout = collect(child.stdout.take(), cap);
    let stderr = collect(child.stderr.take(), cap);
    let status = wait_at_most(child, limit)?;
    // Finished or not, end the group: the command if it still runs, and
    // any process it started and left behind.
    group.end();
    // The pipes close when every process holding them has ended. One that
    // left the group (a daemon of the tests' making, outside a sandbox's pid
    // namespace) would keep them open for ever, so wait for the last output
    // a few seconds only.
    Ok(Run {
        status,
        stdout: stdout.recv_timeout(PIPE_GRACE).unwrap_or_default(),
        stderr: stderr.recv_timeout(PIPE_GRACE).unwrap_or_default(),
    })
}

/// How long to wait for a stopped run's last output.
const PIPE_GRACE: Duration = Duration::from_secs(5);

/// Reads a pipe to its end on a thread of its own, keeping its first `cap`
/// bytes; the text arrives on the returned channel.
fn collect(pipe: Option<impl Read + Send + 'static>, cap: usize) -> Receiver<String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        if let Some(mut pipe) = pipe {
            let cap = u64::try_from(cap).unwrap_or(u64::MAX);
            let _ = pipe.by_ref().take(cap).read_to_end(&mut kept);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        }
        let _ = sender.send(String::from_utf8_lossy(&kept).into_owned());
    });
    receiver
}

/// Waits for `child` to end, at most `limit`: its status, or `None` if it
/// is still running (the caller decides what to do with it).
pub fn wait_at_most(
    child: &mut Child,
    limit: Duration,
) -> Result<Option<ExitStatus>, String> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            return Ok(Some(status));
        }
        if started.elapsed() >= limit {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reads libtest's pretty output: a `test <name> ... ok|FAILED` line per
/// test that ended, and for each failure a `---- <name> stdout ----`
/// section with what it printed and its panic message.
pub fn parse_results(stdout: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("test ")?;
            let (name, verdict) = rest.rsplit_once(" ... ")?;
            let passed = match verdict.trim() {
                "ok" => true,
                "FAILED" => false,
                _ => return None,
            };
            Some(TestResult {
                name: name.to_string(),
                passed,
                message: String::new(),
            })
        })
        .collect();
    for (name, section) in failure_sections(stdout) {
        if let Some(result) = results.iter_mut().find(|result| result.name == name) {
            result.message = panic_message(&section);
        }
    }
    results
}

/// `(test name, text)` of each `---- <name> stdout ----` section.
fn failure_sections(stdout: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        let header = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"));
        if let Some(name) = header {
            sections.extend(current.take());
            current = Some((name.to_string(), String::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            sections.extend(current.take());
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    sections.extend(current);
    sections
}

/// What a failing test says: its own output, then the panic message without
/// the `thread '...' panicked at` line and the backtrace note.
fn panic_message(section: &str) -> String {
    section
        .lines()
        .filter(|line| {
            !(line.starts_with("thread '") && line.contains(" panicked at "))
        })
        .filter(|line| !line.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .filter(|line| !line.starts_with("stack backtrace:"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "
running 3 tests
test a_ready_future_is_polled_once ... ok
test a_wake_before_parking_is_not_lost ... FAILED
test a_busy_loop ... ignored

failures:

---- a_wake_before_parking_is_not_lost stdout ----
polling

thread 'a_wake_before_parking_is_not_lost' (7) panicked at tests/exercise.rs:9:5:
assertion `left == right` failed: polled 9 times, expected 4
  left: 9
 right: 4
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    a_wake_before_parking_is_not_lost

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out
";

    #[test]
    fn each_ended_test_is_read_with_its_verdict() {
        let results = parse_results(OUTPUT);
        let verdicts: Vec<(&str, bool)> = results
            .iter()
            .map(|result| (result.name.as_str(), result.passed))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("a_ready_future_is_polled_once", true),
                ("a_wake_before_parking_is_not_lost", false)
            ]
        );
    }

    #[test]
    fn a_failure_keeps_its_message_and_output_but_not_the_panic_noise() {
        let results = parse_results(OUTPUT);
        assert_eq!(
            results[1].message,
            "polling\n\nassertion `left == right` failed: polled 9 times, expected 4\n  left: 9\n right: 4"
        );
    }

    #[test]
    fn the_test_binary_is_found_among_cargo_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"exercise"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["test"],"name":"exercise"},"executable":"/t/debug/deps/exercise-0a1b"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            test_executable(messages),
            Some(PathBuf::from("/t/debug/deps/exercise-0a1b"))
        );
        assert_eq!(test_executable("not json\n"), None);
    }

    #[test]
    fn a_build_folder_without_async_std_is_cold() {
        let target = std::env::temp_dir().join(format!("cold-{}", std::process::id()));
        assert!(is_cold(&target), "a missing folder is cold");
        let fingerprints = target.join("debug/.fingerprint");
        std::fs::create_dir_all(fingerprints.join("futures-core-0a1b")).unwrap();
        assert!(is_cold(&target), "other crates do not make it warm");
        std::fs::create_dir_all(fingerprints.join("async-std-2c3d")).unwrap();
        assert!(!is_cold(&target), "async-std built once: warm");
        std::fs::remove_dir_all(&target).unwrap();
    }

    #[test]
    fn forged_ok_lines_do_not_add_up_to_a_pass() {
        let result = |name: &str, passed| TestResult {
            name: name.into(),
            passed,
            message: String::new(),
        };
        let report = TestReport {
            all: vec!["one".into(), "two".into()],
            ended: vec![
                result("one", true),
                result("two", true),
                result("one", false),
                result("two", false),
            ],
        };
        assert!(!report.all_passed(), "two ok lines and two FAILED ones");
    }

    #[test]
    fn unfinished_tests_are_those_listed_that_never_ended() {
        let report = TestReport {
            all: vec!["one".into(), "two".into()],
            ended: vec![TestResult {
                name: "one".into(),
                passed: true,
                message: String::new(),
            }],
        };
        assert_eq!(report.unfinished(), ["two"]);
        assert!(!report.all_passed());
    }
}
