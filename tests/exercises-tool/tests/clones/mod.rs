//! Fresh copies of the tutorial's exercises ("clones") in the build folder,
//! and `cargo exercises` run in them: shared by the tool's test files
//! through cargo's usual idiom for test fixtures (a folder with a `mod.rs`,
//! which cargo does not build as a test of its own, and `mod clones;` in
//! each test file). Each file uses a part, hence `dead_code` allowed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use exercises_tool::workspace::TEST_SUPPORT_FOLDER;

/// The tutorial this crate belongs to, whose exercises the clones copy.
pub fn tutorial() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/exercises-tool is two levels down")
        .to_path_buf()
}

/// The build folder this test runs from (`<target>/debug/deps/student-…`).
/// The clones build their exercises in `<target>/exercises`, as the real
/// tool and the exercise gate do, so async-std compiles once.
pub fn shared_target() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its path");
    exe.ancestors()
        .nth(3)
        .expect("the test runs from <target>/debug/deps")
        .to_path_buf()
}

/// A fresh clone named `name`: the workspace manifest, the lock file,
/// every step's exercises and the test modules they share, which is all
/// the tool reads.
pub fn clone(name: &str) -> PathBuf {
    clone_of_steps(name, "step")
}

/// A fresh clone with the exercises of the steps whose folder starts with
/// `steps` only (`step02` for Step 2's three): shorter runs.
pub fn clone_of_steps(name: &str, steps: &str) -> PathBuf {
    let root = shared_target().join("exercises-tool-clones").join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("the build folder is writable");
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(tutorial().join(file), root.join(file))
            .expect("copy a root file");
    }
    for entry in std::fs::read_dir(tutorial())
        .expect("the tutorial is readable")
        .flatten()
    {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(steps)
            && entry.path().join("exercises").is_dir()
        {
            copy_folder(
                &entry.path().join("exercises"),
                &root.join(&name).join("exercises"),
            );
        }
    }
    copy_folder(
        &tutorial().join(TEST_SUPPORT_FOLDER),
        &root.join(TEST_SUPPORT_FOLDER),
    );
    root
}

/// Fails unless `cargo exercises start <id>` succeeds in `clone`.
#[track_caller]
pub fn start(clone: &Path, id: &str) {
    assert_exit(&exercises(clone, &["start", id]), 0, &format!("start {id}"));
}

/// A fresh clone of Step 2's exercises (see [`clone_of_steps`]) in which
/// exercise `id` is started.
pub fn step02_clone_started(name: &str, id: &str) -> PathBuf {
    let clone = clone_of_steps(name, "step02");
    start(&clone, id);
    clone
}

/// The `src/` folder of exercise `id` in the copy of `student` below
/// `class`, made if missing: where `cargo exercises grade` reads their work.
pub fn student_src(class: &Path, student: &str, id: &str) -> PathBuf {
    let src = class
        .join(student)
        .join("exercises-work")
        .join(id)
        .join("src");
    std::fs::create_dir_all(&src).expect("a student's folder");
    src
}

/// A copy of the tutorial's folder `from` at `to`, with the tool's one
/// folder copier.
pub fn copy_folder(from: &Path, to: &Path) {
    exercises_tool::copy::copy_tree(from, to)
        .unwrap_or_else(|error| panic!("copying {}: {error}", from.display()));
}

/// `cargo exercises <args>` run in `folder`, as a student's shell would,
/// with `RUST_BACKTRACE=1` as some machines set it.
pub fn exercises(folder: &Path, args: &[&str]) -> Output {
    exercises_command(folder, args)
        .output()
        .expect("the tool starts")
}

/// The command [`exercises`] runs, to start it another way.
pub fn exercises_command(folder: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exercises"));
    command
        .args(args)
        .current_dir(folder)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("RUST_BACKTRACE", "1")
        .env_remove("CARGO_MANIFEST_DIR");
    command
}

/// The cargo that runs these tests (`$CARGO`), or the one on `PATH`.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()))
}

/// `cargo metadata` run in `folder`, as an editor's rust-analyzer loads the
/// workspace around it (offline, without dependencies).
pub fn cargo_metadata(folder: &Path) -> Output {
    cargo()
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(folder)
        .output()
        .expect("cargo starts")
}

/// `cargo exercises <args>` through the tutorial's cargo alias (which
/// builds the tool), run in `folder` as a student types it. The tool builds
/// in a build folder of its own: the one this test runs from is locked by
/// the `cargo test` that runs it.
pub fn cargo_alias_exercises(folder: &Path, args: &[&str]) -> Output {
    cargo()
        .arg("exercises")
        .args(args)
        .current_dir(folder)
        .env(
            "CARGO_TARGET_DIR",
            shared_target().join("exercises-tool-alias"),
        )
        .output()
        .expect("cargo starts")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Fails unless the tool ended with exit code `code` (0: success), showing
/// all it printed; `what` says what was run.
#[track_caller]
pub fn assert_exit(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: {}",
        describe(output)
    );
}

/// Fails unless what the tool printed holds `text`, showing all it printed;
/// `what` says why it should.
#[track_caller]
pub fn assert_says(output: &Output, text: &str, what: &str) {
    assert!(
        stdout(output).contains(text),
        "{what}: no `{text}` in {}",
        describe(output)
    );
}

/// The folder of exercise `id` (`2.1`) in a clone.
pub fn exercise_folder(clone: &Path, id: &str) -> PathBuf {
    let prefix = format!("{id}-");
    std::fs::read_dir(clone)
        .expect("the clone is readable")
        .flatten()
        .filter_map(|step| std::fs::read_dir(step.path().join("exercises")).ok())
        .flatten()
        .flatten()
        .find(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .unwrap_or_else(|| panic!("exercise {id} is in the clone"))
        .path()
}

pub fn solution(clone: &Path, exercise: &str) -> String {
    std::fs::read_to_string(exercise_folder(clone, exercise).join("solution.rs"))
        .expect("a solution")
}

/// Gives a clone the tool's sources, the tutorial's cargo aliases, and a
/// workspace manifest whose only member is the tool.
pub fn with_the_tool_and_its_alias(clone: &Path) {
    copy_folder(&tutorial().join(".cargo"), &clone.join(".cargo"));
    let tool = clone.join("tests/exercises-tool");
    copy_folder(
        &tutorial().join("tests/exercises-tool/src"),
        &tool.join("src"),
    );
    std::fs::copy(
        tutorial().join("tests/exercises-tool/Cargo.toml"),
        tool.join("Cargo.toml"),
    )
    .expect("copy the tool's manifest");
    let manifest =
        std::fs::read_to_string(tutorial().join("Cargo.toml")).expect("the manifest");
    let start = manifest.find("members = [").expect("a members list");
    let end = start + manifest[start..].find(']').expect("a closed list");
    let only_the_tool = format!(
        "{}members = [\"tests/exercises-tool\"]{}",
        &manifest[..start],
        &manifest[end + 1..]
    );
    std::fs::write(clone.join("Cargo.toml"), only_the_tool)
        .expect("write the manifest");
}
