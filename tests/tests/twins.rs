//! The twins (issue 25): each lesson program that has a smol and a tokio
//! twin (`NAME_smol.rs`, `NAME_tokio.rs`, most beside `NAME.rs`) prints the same
//! output where the runtimes behave the same, and a different one where
//! they do not. `cargo test -p tests --test listings` checks each program
//! against its `.out`; this test compares the `.out` files of a set, so
//! that the book's "the same on smol and tokio" and "here they differ"
//! are both facts a run has shown.
//!
//! The twins are found in the crates' `examples/` folders, so a new twin is
//! checked without being listed; what is listed here is what the book says
//! of them: which ones differ, and the few whose original has another name.

use std::path::{Path, PathBuf};

use tests::{files, step_crates, workspace_root};

/// The twins whose output differs from their original's. Each difference is
/// a lesson, shown in the book:
/// - step01: each runtime names its own start, timer and spawner;
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
#[rustfmt::skip] // a table: one lesson a row, as in the list above
const DIFFERS: &[&str] = &[
    "step01_smol", "step01_tokio",
    "graceful_shutdown_tokio",
    "timeout_smol", "timeout_tokio",
    "cancel_smol", "cancel_tokio",
    "leftover_tasks_smol", "leftover_tasks_tokio",
    "task_panic_smol", "task_panic_tokio",
    "blocking_ticker_smol",
    "task_group_smol", "task_group_tokio",
];

/// Twins whose original is not `examples/NAME.rs`: a step's main program
/// (`stepNN_smol` is the twin of the crate's `src/main.rs`, found by name),
/// and the lesson server, whose async-std original runs inside fetch_many
/// (its smol and tokio cores serve fetch_many's requests and count what the
/// lesson server counts).
const OTHER_ORIGINALS: [(&str, &str); 1] = [("server", "examples/fetch_many")];

/// A tokio program with no async-std original: `LocalSet` has none.
const STANDALONE: [&str; 1] = ["local_tasks_tokio"];

/// One twin: `examples/{stem}.rs` in `crate_name`, and the program it is
/// the twin of (`src/main` or `examples/NAME`, without `.rs`).
struct Twin {
    crate_name: String,
    stem: String,
    original: String,
}

/// Every twin in the crates' examples, with its original; a twin whose
/// original cannot be found fails here, unless it is `STANDALONE`.
fn twins() -> Vec<Twin> {
    let mut twins = Vec::new();
    for crate_name in step_crates() {
        let folder = workspace_root().join(&crate_name);
        for program in files::in_folder(&folder.join("examples"), "rs") {
            let stem = program
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(name) = stem
                .strip_suffix("_smol")
                .or_else(|| stem.strip_suffix("_tokio"))
            else {
                continue;
            };
            if STANDALONE.contains(&stem.as_str()) {
                continue;
            }
            let original = original_of(&folder, name).unwrap_or_else(|| {
                panic!(
                    "{crate_name}/examples/{stem}.rs: a twin without an original \
                     (no examples/{name}.rs): add it to OTHER_ORIGINALS or STANDALONE"
                )
            });
            twins.push(Twin {
                crate_name: crate_name.clone(),
                stem,
                original,
            });
        }
    }
    twins
}

/// The program `NAME_smol` and `NAME_tokio` are twins of, in a crate's folder.
fn original_of(crate_folder: &Path, name: &str) -> Option<String> {
    let is_main = name
        .strip_prefix("step")
        .is_some_and(|n| n.parse::<u8>().is_ok());
    let original = match OTHER_ORIGINALS.iter().find(|(twin, _)| *twin == name) {
        Some((_, original)) => original.to_string(),
        None if is_main => "src/main".to_string(),
        None => format!("examples/{name}"),
    };
    let exists = crate_folder.join(format!("{original}.rs")).is_file();
    exists.then_some(original)
}

fn output_of(crate_name: &str, program: &str) -> String {
    let path: PathBuf = workspace_root()
        .join(crate_name)
        .join(format!("{program}.out"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

#[test]
fn twins_print_the_same_where_the_runtimes_behave_the_same() {
    for twin in twins() {
        let crate_name = &twin.crate_name;
        let (stem, original) = (&twin.stem, &twin.original);
        let original_output = output_of(crate_name, original);
        let twin_output = output_of(crate_name, &format!("examples/{stem}"));
        if DIFFERS.contains(&stem.as_str()) {
            assert_ne!(
                original_output, twin_output,
                "{crate_name}: {stem} prints what {original} prints, but the book says they differ"
            );
        } else {
            pretty_assertions::assert_eq!(
                original_output,
                twin_output,
                "{crate_name}: {stem} should print what {original} prints"
            );
        }
    }
}

#[test]
fn the_lists_name_only_twins_that_exist() {
    let twins = twins();
    let exists = |stem: &str| twins.iter().any(|twin| twin.stem == stem);
    for stem in DIFFERS {
        assert!(exists(stem), "DIFFERS names {stem}, which is not a twin");
    }
    for (name, original) in OTHER_ORIGINALS {
        assert!(
            exists(&format!("{name}_smol")) || exists(&format!("{name}_tokio")),
            "OTHER_ORIGINALS names {name} (twin of {original}), which has no twin"
        );
    }
    assert!(twins.len() >= 30, "only {} twins found", twins.len());
}
