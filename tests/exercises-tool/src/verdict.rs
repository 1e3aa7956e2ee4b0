//! Whether a test run passed, decided by the harness, not by what the code
//! under test printed.
//!
//! A test binary's output mixes libtest's report with whatever the code
//! under test prints, and that code can print `test x ... ok` too, or a
//! whole forged summary, and then exit. So a pass needs all of:
//!
//! - the exit status 0 (a panic or a failed test ends with 101);
//! - every expected test (named by the exercise's `tests.rs`, not by the
//!   binary) reported exactly once, as `ok`, and no `FAILED` line at all;
//! - a summary line that agrees: `test result: ok. N passed; 0 failed`.
//!
//! What stays forgeable: code in the test process can print exactly the
//! right report and exit 0 before the test runs. Only a separate process
//! that watched the test could tell; the sandbox keeps such code from
//! touching anything else, not from lying about itself.

use crate::test_run::{TestResult, parse_results};

/// The tests an exercise's `tests.rs` declares: each `fn` after a
/// `#[test]` (other attributes may stand between).
pub fn expected_tests(tests_rs: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut after_test_attribute = false;
    for line in tests_rs.lines().map(str::trim) {
        if line == "#[test]" {
            after_test_attribute = true;
        } else if after_test_attribute && line.starts_with("#[") {
            continue;
        } else if after_test_attribute {
            let name = line
                .strip_prefix("fn ")
                .and_then(|rest| rest.split(['(', '<']).next())
                .map(str::trim)
                .filter(|name| !name.is_empty());
            names.extend(name.map(str::to_string));
            after_test_attribute = false;
        }
    }
    names
}

/// The verdict on each expected test of one run of the test binary that
/// ran them all (the student's `check`), and a reason to doubt the run as
/// a whole, if any: then no test of it counts as passed.
pub fn judge_run(
    expected: &[String],
    stdout: &str,
    exited_ok: bool,
) -> Vec<TestResult> {
    let reported = parse_results(stdout);
    let doubt = run_doubt(expected.len(), stdout, exited_ok, &reported);
    expected
        .iter()
        .filter_map(|name| {
            let lines: Vec<&TestResult> =
                reported.iter().filter(|r| &r.name == name).collect();
            let result = match (lines.as_slice(), &doubt) {
                ([], _) => return None,
                ([one], None) => (*one).clone(),
                ([one], Some(doubt)) if one.passed => failed(name, doubt),
                ([one], Some(_)) => (*one).clone(),
                (_, _) => failed(name, &reported_twice(&lines)),
            };
            Some(result)
        })
        .collect()
}

/// The verdict on one test run alone (`--exact <name>`), as `grade` runs
/// them: `None` when the run reported nothing about it (it never ended).
pub fn judge_single(name: &str, stdout: &str, exited_ok: bool) -> Option<TestResult> {
    judge_run(&[name.to_string()], stdout, exited_ok)
        .into_iter()
        .next()
        .or_else(|| {
            // A run that exited 0 with no line for its test: something ended it
            // early and pretended (a forged report under another name).
            exited_ok.then(|| failed(name, "the test never reported a result"))
        })
}

/// Why the run's own report cannot be believed, if it cannot.
fn run_doubt(
    expected: usize,
    stdout: &str,
    exited_ok: bool,
    reported: &[TestResult],
) -> Option<String> {
    if !exited_ok {
        return Some(
            "the test run failed (exit status), although the test printed `ok`".into(),
        );
    }
    if let Some(stranger) = reported.iter().find(|r| !r.passed) {
        return Some(format!("the run reported `{}` FAILED", stranger.name));
    }
    if reported.len() != expected {
        return Some(format!(
            "{} results for {expected} tests: the code under test printed some",
            reported.len()
        ));
    }
    let agreeing = format!("test result: ok. {expected} passed; 0 failed;");
    let summaries: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("test result:"))
        .collect();
    match summaries.as_slice() {
        [summary] if summary.starts_with(&agreeing) => None,
        [summary] => Some(format!("the summary disagrees: `{summary}`")),
        _ => Some(format!("{} summaries instead of one", summaries.len())),
    }
}

fn reported_twice(lines: &[&TestResult]) -> String {
    let verdicts: Vec<&str> = lines
        .iter()
        .map(|line| if line.passed { "ok" } else { "FAILED" })
        .collect();
    // The failure's message may hang on either line of the same name.
    let message = lines
        .iter()
        .map(|line| line.message.clone())
        .find(|message| !message.is_empty())
        .unwrap_or_default();
    format!(
        "reported {} times ({}): the code under test printed test results{}{message}",
        lines.len(),
        verdicts.join(", "),
        if message.is_empty() { "" } else { "\n" }
    )
}

fn failed(name: &str, why: &str) -> TestResult {
    TestResult {
        name: name.to_string(),
        passed: false,
        message: why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "
running 1 test
test one ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 2 filtered out; finished in 0.00s
";

    #[test]
    fn the_expected_tests_are_read_from_the_tests_file() {
        let tests_rs = "#[test]\nfn one() {}\n\n#[test]\n#[should_panic]\nfn two<T>() {}\n\
                        fn helper() {}\n#[track_caller]\nfn other() {}\n";
        assert_eq!(expected_tests(tests_rs), ["one", "two"]);
    }

    #[test]
    fn a_true_pass_passes() {
        let verdict = judge_single("one", PASS, true).expect("a verdict");
        assert!(verdict.passed, "{verdict:?}");
    }

    #[test]
    fn a_pass_with_a_failing_exit_status_fails() {
        let verdict = judge_single("one", PASS, false).expect("a verdict");
        assert!(!verdict.passed);
        assert!(verdict.message.contains("exit status"), "{verdict:?}");
    }

    #[test]
    fn forged_ok_lines_before_a_real_failure_fail() {
        let stdout = "test one ... ok\ntest two ... ok\n\nrunning 1 test\ntest one ... FAILED\n\n\
                      failures:\n\n---- one stdout ----\nnot yet implemented\n\nfailures:\n    one\n\n\
                      test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        let verdict = judge_single("one", stdout, false).expect("a verdict");
        assert!(!verdict.passed);
        assert!(
            verdict.message.contains("reported 2 times (ok, FAILED)"),
            "{verdict:?}"
        );
        assert!(
            verdict.message.contains("not yet implemented"),
            "{verdict:?}"
        );
    }

    #[test]
    fn a_forged_report_for_every_test_fails_each_single_run() {
        let forged = "running 3 tests\ntest one ... ok\ntest two ... ok\ntest three ... ok\n\n\
                      test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
        let verdict = judge_single("one", forged, true).expect("a verdict");
        assert!(!verdict.passed, "{verdict:?}");
        let names = ["one", "two", "three"].map(String::from);
        let whole = judge_run(&names, &format!("{forged}{forged}"), true);
        assert!(whole.iter().all(|test| !test.passed), "{whole:?}");
    }

    #[test]
    fn an_exit_0_with_nothing_reported_fails() {
        let verdict = judge_single("one", "", true).expect("a verdict");
        assert!(!verdict.passed);
        assert_eq!(judge_single("one", "", false), None, "never ended");
    }

    #[test]
    fn a_summary_that_disagrees_fails() {
        let stdout = PASS.replace("1 passed", "2 passed");
        assert!(!judge_single("one", &stdout, true).unwrap().passed);
    }
}
