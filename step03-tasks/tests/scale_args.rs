//! The `scale` example rejects bad arguments: one error line, the usage,
//! exit code 2. The parser is tested in `src/scale.rs`; this runs the real
//! binary to check that it is wired up.

use std::path::PathBuf;
use std::process::Command;

use step03_tasks::scale::USAGE;

/// target/<profile>/examples/scale, found from this test's own path
/// (target/<profile>/deps/scale_args-HASH), built if it is missing.
fn scale_binary() -> PathBuf {
    let test_exe = std::env::current_exe().expect("the test knows its path");
    let profile_dir = test_exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("tests live in target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join("scale")
        .with_extension(std::env::consts::EXE_EXTENSION);
    if !binary.is_file() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "-p",
                "step03-tasks",
                "--example",
                "scale",
            ])
            .status()
            .expect("cargo can be started");
        assert!(status.success(), "building the scale example failed");
    }
    binary
}

#[test]
fn bad_arguments_exit_with_code_2_and_a_usage() {
    let binary = scale_binary();
    for bad in [
        &["--tasks", "abc"][..],
        &["--tasks", "0"],
        &["--tasks", "1000001"],
        &["--tasks", "99999999999"],
        &["--tasks"],
        &["--frobnicate"],
    ] {
        let output = Command::new(&binary).args(bad).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{bad:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{bad:?} printed a result");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{bad:?}: {stderr}");
        assert!(lines[0].starts_with("error: "), "{bad:?}: {stderr}");
        assert_eq!(lines[1], USAGE);
    }
}

#[test]
fn a_small_run_prints_its_table() {
    let output = Command::new(scale_binary())
        .args(["--tasks", "10"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("async-std: 10 tasks, each sleeping 100 ms\n"),
        "{stdout}"
    );
    assert!(stdout.contains("memory per task"), "{stdout}");
}
