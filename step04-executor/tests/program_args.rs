//! The benchmark programs (`bench`, `timer_threads`) refuse a task count
//! they cannot run: one error line, the usage, exit code 2, before they
//! allocate anything. The parser is tested in `src/measure.rs`; this runs
//! the real binaries to check that they are wired up.

use std::path::PathBuf;
use std::process::Command;

/// target/<profile>/examples/NAME, found from this test's own path
/// (target/<profile>/deps/program_args-HASH), built if it is missing.
fn example_binary(name: &str) -> PathBuf {
    let test_exe = std::env::current_exe().expect("the test knows its path");
    let profile_dir = test_exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("tests live in target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(name)
        .with_extension(std::env::consts::EXE_EXTENSION);
    if !binary.is_file() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "-p",
                "step04-executor",
                "--example",
                name,
            ])
            .status()
            .expect("cargo can be started");
        assert!(status.success(), "building the {name} example failed");
    }
    binary
}

/// Runs `program` with `args` and checks the refusal: exit code 2, nothing
/// on stdout, and on stderr exactly an error line and the usage line.
fn assert_refused(program: &str, args: &[&str]) {
    let output = Command::new(example_binary(program))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{program} {args:?}: {stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "{program} {args:?} printed a result"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{program} {args:?}: {stderr}");
    assert!(
        lines[0].starts_with("error: "),
        "{program} {args:?}: {stderr}"
    );
    assert!(
        lines[1].starts_with(&format!("usage: {program} [--tasks N]")),
        "{program} {args:?}: {stderr}"
    );
}

#[test]
fn bench_refuses_task_counts_out_of_range() {
    for tasks in ["0", "1000001", "99999999999", "100000000", "-5", "lots"] {
        assert_refused("bench", &["--tasks", tasks]);
    }
    assert_refused("bench", &["--tasks"]);
    // The per-executor child process checks its count too.
    assert_refused("bench", &["--child", "step04", "--tasks", "99999999999"]);
}

#[test]
fn timer_threads_refuses_task_counts_out_of_range() {
    // One thread per task: its bound is lower than the benchmark's.
    for tasks in ["0", "10001", "99999999999", "-5", "lots"] {
        assert_refused("timer_threads", &["--tasks", tasks]);
    }
    assert_refused("timer_threads", &["--child", "threads", "--tasks", "10001"]);
}
