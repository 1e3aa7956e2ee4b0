//! Every "Beyond the steps" program rejects bad arguments with exit code 2
//! and a usage line, and runs the distributed example end to end.
//! `cargo test -p step03-tasks --test beyond_cli`

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

const EXAMPLES: [&str; 11] = [
    "backpressure",
    "blocking_ticker",
    "deadlock",
    "distributed",
    "error_handling",
    "load_test",
    "lock_across_await",
    "logging",
    "metrics",
    "streams",
    "task_panic",
];

/// Builds the examples once (a `--test` run does not build them) and
/// returns where cargo put them: next to this test's own `deps` folder.
fn examples_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut build = Command::new(cargo);
            build.args(["build", "--quiet", "-p", "step03-tasks"]);
            for name in EXAMPLES {
                build.args(["--example", name]);
            }
            let status = build.status().expect("cargo starts");
            assert!(status.success(), "building the examples failed");
            let test_binary = std::env::current_exe().expect("the test knows its path");
            let debug = test_binary
                .parent()
                .and_then(|deps| deps.parent())
                .expect("target/debug");
            debug.join("examples")
        })
        .clone()
}

fn run(name: &str, args: &[&str]) -> Output {
    let program = examples_dir()
        .join(name)
        .with_extension(std::env::consts::EXE_EXTENSION);
    Command::new(&program)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot start {}: {error}", program.display()))
}

#[test]
fn every_example_rejects_an_unknown_argument_with_exit_code_2_and_usage() {
    for name in EXAMPLES {
        let output = run(name, &["--bogus"]);
        assert_eq!(output.status.code(), Some(2), "{name} --bogus");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("usage:"),
            "{name} printed no usage: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{name} ran anyway");
    }
}

#[test]
fn numbers_out_of_range_and_missing_values_are_rejected() {
    for args in [
        &["load_test", "--requests", "0"][..],
        &["load_test", "--max-clients"],
        &["backpressure", "--capacity", "many"],
        &["distributed", "--workers", "99"],
    ] {
        let output = run(args[0], &args[1..]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn the_distributed_example_finishes_every_job_and_reaps_every_worker() {
    let output = run("distributed", &["--workers", "3", "--jobs", "9"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("9 of 9 jobs done"), "{stdout}");
    assert!(stdout.contains("worker 2 exited with 3"), "{stdout}");
    assert_eq!(stdout.matches("exited with").count(), 3, "{stdout}");
}
