//! The classroom exercises, as the student's tool (`cargo exercises`) and
//! the tests crate's gate both see them.
//!
//! # Layout
//!
//! - [`workspace`]: finds the tutorial's folder at run time (walking up from
//!   where the student stands) and the exercises in it.
//! - [`exercise`]: one exercise on disk: its files, id, title and hints.
//! - [`starter`]: derives the starter from the solution (the `// STUDENT:`
//!   regions become `todo!()`).
//! - [`dependencies`]: the runtime (async-std, futures) at the tutorial's
//!   versions, read from its `[workspace.dependencies]`.
//! - [`scratch`]: turns an exercise into a crate cargo can build and test;
//!   the manifest of every crate built outside the tutorial's workspace.
//! - [`test_run`]: builds that crate and runs its tests under a time limit,
//!   reading back which tests passed and what each failure said.
//! - [`verdict`]: whether a run passed, decided by the harness (exit
//!   status, one `ok` per expected test, a summary that agrees), not by
//!   what the code under test printed.
//! - [`progress`]: the student's progress file and the backups `reset`
//!   keeps.
//! - [`files`]: every file written whole or not at all, never through a
//!   symbolic link.
//! - [`process_group`]: a check's tests end with the tool, however it ends.
//! - [`cli`]: the command line, as typed commands.
//! - [`student`]: the student's commands (list, start, check, hint, reset,
//!   solution, `check --all`): what each one does, told as values;
//!   [`messages`]: what they say and the exit code it means.
//! - [`watch`]: `cargo exercises watch`, the check on every save.
//! - [`grade`]: the teacher's grade sheet over many students' work;
//!   [`grade_kit`] prepares the read-only crate copies and builds each
//!   student in [`sandbox`] (bubblewrap); [`grade_sheet`] writes the sheets
//!   safe to open; [`untrusted`] reads a student's files (regular files
//!   only, capped).
//! - [`copy`]: copies a folder, keeping modification times: the grading
//!   kit's build folder, and for the tests crate the built book.
//!
//! The binary, `src/bin/exercises.rs`, reads the command line and calls
//! them. No module here depends on the book or on mdBook, so the tool
//! builds in seconds.

pub mod cli;
pub mod copy;
pub mod dependencies;
pub mod exercise;
pub mod files;
pub mod grade;
pub mod grade_kit;
pub mod grade_sheet;
pub mod messages;
pub mod process_group;
pub mod progress;
pub mod sandbox;
pub mod scratch;
pub mod starter;
pub mod student;
pub mod test_run;
pub mod untrusted;
pub mod verdict;
pub mod watch;
pub mod workspace;

pub use exercise::Exercise;
pub use workspace::Workspace;
