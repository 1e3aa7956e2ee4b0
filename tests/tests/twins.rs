//! The twins (issue 25): each lesson program that has a smol and a tokio
//! twin (`NAME_smol.rs`, `NAME_tokio.rs` beside `NAME.rs`) prints the same
//! output where the runtimes behave the same, and a different one where
//! they do not. `cargo test -p tests --test listings` checks each program
//! against its `.out`; this test compares the `.out` files of a set, so
//! that the book's "the same on smol and tokio" and "here they differ"
//! are both facts a run has shown.

use std::path::PathBuf;

use tests::workspace_root;

/// Whether a twin prints what the async-std original prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Same,
    /// The output differs, and the difference is the lesson (or the API's
    /// name in a line), shown in the book.
    Differs,
}

use Output::{Differs, Same};

/// (crate, original's output, twin, how its output compares).
const TWINS: &[(&str, &str, &str, Output)] = &[
    ("step01-setup", "src/main", "step01_smol", Differs),
    ("step01-setup", "src/main", "step01_tokio", Differs),
    ("step02-basic-async", "src/main", "step02_smol", Same),
    ("step02-basic-async", "src/main", "step02_tokio", Same),
    ("step03-tasks", "src/main", "step03_smol", Same),
    ("step03-tasks", "src/main", "step03_tokio", Same),
    (
        "step03-tasks",
        "examples/spawn_handles",
        "spawn_handles_smol",
        Same,
    ),
    (
        "step03-tasks",
        "examples/spawn_handles",
        "spawn_handles_tokio",
        Same,
    ),
    (
        "step03-tasks",
        "examples/fetch_many",
        "fetch_many_smol",
        Same,
    ),
    (
        "step03-tasks",
        "examples/fetch_many",
        "fetch_many_tokio",
        Same,
    ),
    ("step03-tasks", "examples/race", "race_smol", Same),
    ("step03-tasks", "examples/race", "race_tokio", Same),
    ("step03-tasks", "examples/bounded", "bounded_smol", Same),
    ("step03-tasks", "examples/bounded", "bounded_tokio", Same),
    (
        "step03-tasks",
        "examples/graceful_shutdown",
        "graceful_shutdown_smol",
        Same,
    ),
    // tokio: the hard stop drops the stubborn task before the reports.
    (
        "step03-tasks",
        "examples/graceful_shutdown",
        "graceful_shutdown_tokio",
        Differs,
    ),
    // The timeout's error: async-std's TimeoutError, a smol race, tokio's Elapsed.
    ("step03-tasks", "examples/timeout", "timeout_smol", Differs),
    ("step03-tasks", "examples/timeout", "timeout_tokio", Differs),
    // smol: dropping a Task cancels it; tokio: abort() and a JoinError.
    ("step03-tasks", "examples/cancel", "cancel_smol", Differs),
    ("step03-tasks", "examples/cancel", "cancel_tokio", Differs),
    // Tasks left at the end of main: dropped (Drop runs) on smol's
    // executor and tokio's runtime, killed with the process on async-std.
    (
        "step03-tasks",
        "examples/leftover_tasks",
        "leftover_tasks_smol",
        Differs,
    ),
    (
        "step03-tasks",
        "examples/leftover_tasks",
        "leftover_tasks_tokio",
        Differs,
    ),
    // A panic in a task: smol's tasks have no names; tokio catches it.
    (
        "step03-tasks",
        "examples/task_panic",
        "task_panic_smol",
        Differs,
    ),
    (
        "step03-tasks",
        "examples/task_panic",
        "task_panic_tokio",
        Differs,
    ),
    // Blocking the thread: the same on all three (only a label changes on smol).
    (
        "step03-tasks",
        "examples/blocking_ticker",
        "blocking_ticker_smol",
        Differs,
    ),
    (
        "step03-tasks",
        "examples/blocking_ticker",
        "blocking_ticker_tokio",
        Same,
    ),
    // smol cancels dropped Tasks; tokio's JoinSet replaces the TaskGroup.
    (
        "step03-tasks",
        "examples/task_group",
        "task_group_smol",
        Differs,
    ),
    (
        "step03-tasks",
        "examples/task_group",
        "task_group_tokio",
        Differs,
    ),
];

fn output_of(crate_name: &str, program: &str) -> String {
    let path: PathBuf = workspace_root()
        .join(crate_name)
        .join(format!("{program}.out"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

#[test]
fn twins_print_the_same_where_the_runtimes_behave_the_same() {
    for &(crate_name, original, twin, expected) in TWINS {
        let original_output = output_of(crate_name, original);
        let twin_output = output_of(crate_name, &format!("examples/{twin}"));
        match expected {
            Same => pretty_assertions::assert_eq!(
                original_output,
                twin_output,
                "{crate_name}: {twin} should print what {original} prints"
            ),
            Differs => assert_ne!(
                original_output, twin_output,
                "{crate_name}: {twin} prints what {original} prints, but the book says they differ"
            ),
        }
    }
}

#[test]
fn every_twin_is_in_the_table() {
    for crate_name in ["step01-setup", "step02-basic-async", "step03-tasks"] {
        let examples = workspace_root().join(crate_name).join("examples");
        for entry in std::fs::read_dir(&examples).expect("the crate has examples") {
            let name = entry.expect("a readable folder").file_name();
            let name = name.to_string_lossy();
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            let is_twin = stem.ends_with("_smol") || stem.ends_with("_tokio");
            let listed = TWINS.iter().any(|(_, _, twin, _)| *twin == stem);
            let standalone = ["local_tasks_tokio"].contains(&stem);
            assert!(
                !is_twin || listed || standalone,
                "{crate_name}/examples/{name}: a twin missing from TWINS"
            );
        }
    }
}
