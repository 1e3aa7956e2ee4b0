//! The twins (issue 25): each lesson program that has a smol and a tokio
//! twin (`NAME_smol.rs`, `NAME_tokio.rs`, most beside `NAME.rs`) prints the same
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

/// One set of twins: `NAME_smol` and `NAME_tokio` in `crate`'s examples,
/// and how each one's output compares with `original`'s (an example's
/// name, or `main` for the crate's `src/main.rs`).
struct Twins {
    crate_name: &'static str,
    original: &'static str,
    name: &'static str,
    smol: Output,
    tokio: Output,
}

const fn twins(
    crate_name: &'static str,
    original: &'static str,
    name: &'static str,
    smol: Output,
    tokio: Output,
) -> Twins {
    Twins {
        crate_name,
        original,
        name,
        smol,
        tokio,
    }
}

const STEP3: &str = "step03-tasks";

/// Where the outputs differ, the difference is the lesson:
/// - step01: each runtime names its own start, timer and spawner;
/// - server: the lesson server's core on smol and on tokio, serving
///   fetch_many's requests, counts what the lesson server counts;
/// - graceful_shutdown: tokio's hard stop drops the stubborn task before
///   the reports;
/// - timeout: async-std's TimeoutError, a smol race, tokio's Elapsed;
/// - cancel: smol cancels a dropped Task; tokio has abort() and a JoinError;
/// - leftover_tasks: tasks left at the end of main are dropped (their Drop
///   runs) by smol's executor and tokio's runtime, killed with the process
///   on async-std;
/// - task_panic: smol's tasks have no names; tokio catches the panic;
/// - blocking_ticker: the same on all three, but for a label on smol;
/// - task_group: smol cancels dropped Tasks; tokio's JoinSet replaces the
///   TaskGroup.
const TWINS: &[Twins] = &[
    twins("step01-setup", "main", "step01", Differs, Differs),
    twins("step02-basic-async", "main", "step02", Same, Same),
    twins(STEP3, "main", "step03", Same, Same),
    twins(STEP3, "spawn_handles", "spawn_handles", Same, Same),
    twins(STEP3, "fetch_many", "fetch_many", Same, Same),
    twins(STEP3, "fetch_many", "server", Same, Same),
    twins(STEP3, "race", "race", Same, Same),
    twins(STEP3, "bounded", "bounded", Same, Same),
    twins(
        STEP3,
        "graceful_shutdown",
        "graceful_shutdown",
        Same,
        Differs,
    ),
    twins(STEP3, "timeout", "timeout", Differs, Differs),
    twins(STEP3, "cancel", "cancel", Differs, Differs),
    twins(STEP3, "leftover_tasks", "leftover_tasks", Differs, Differs),
    twins(STEP3, "task_panic", "task_panic", Differs, Differs),
    twins(STEP3, "blocking_ticker", "blocking_ticker", Differs, Same),
    twins(STEP3, "task_group", "task_group", Differs, Differs),
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
    let each_twin = TWINS.iter().flat_map(|set| {
        [("smol", set.smol), ("tokio", set.tokio)]
            .map(|(runtime, output)| (set, format!("{}_{runtime}", set.name), output))
    });
    for (set, twin, expected) in each_twin {
        let (crate_name, original) = (set.crate_name, set.original);
        let original = match original {
            "main" => "src/main".to_string(),
            example => format!("examples/{example}"),
        };
        let original_output = output_of(crate_name, &original);
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
            let name = stem.trim_end_matches("_smol").trim_end_matches("_tokio");
            let listed = TWINS.iter().any(|set| set.name == name);
            let standalone = ["local_tasks_tokio"].contains(&stem);
            assert!(
                !is_twin || listed || standalone,
                "{crate_name}/examples/{name}: a twin missing from TWINS"
            );
        }
    }
}
