//! The workspace's own checks: every listing the book shows is compiled and
//! run, the book builds cleanly and renders in a browser, every exercise is
//! solvable and no starter is already solved.
//!
//! # Layout
//!
//! `tests/` holds three things, each in its own place:
//!
//! - **the checks**: the test binaries in `tests/tests/` (below), run with
//!   `cargo test -p tests --test <name>`;
//! - **the book builder**: `src/bin/book.rs`, `cargo book`, which writes the
//!   HTML book (with [`book`]);
//! - **the students' tool**: `cargo exercises`, with the exercise model and
//!   the scratch crates every exercise and compiler-message snippet is
//!   built in, in its own light crate, `tests/exercises-tool/` (see its
//!   `lib.rs`), so that a student's first command does not build mdBook.
//!
//! The checks are the test binaries in `tests/tests/`, one job each:
//!
//! - `listings/`: **no listing is untested.** Every Rust block of the book
//!   is an include of a file a check compiles, with a play button exactly
//!   where the playground can run it; every program prints what its `.out`
//!   file holds and the line after its first listing on a page names the
//!   command that runs it (later excerpts name at least the file); every
//!   `.out`, `.args` and `.bad-args` file belongs to a program; and every
//!   program that takes options (it has a `.bad-args` file) refuses bad ones
//!   with exit code 2 and a usage line, and answers `--help` anywhere on its
//!   line with its usage and exit code 0.
//! - `book/`: the book itself. Every include resolves, every chapter is in
//!   the summary and ends with speaker notes (`main.rs`); it builds without a
//!   warning, its local links lead somewhere, its external links are all
//!   listed in the References appendix, and book.toml asks for nothing the
//!   stock `mdbook` command lacks (`built.rs`); no page holds more than
//!   3,000 words of prose, no listing shows more than 40 lines, every `text`
//!   block is program output and no figure is drawn in characters
//!   (`reader.rs`); its "predict the output" checkpoints answer with checked
//!   outputs that the page has not shown before (`checkpoints.rs`); and it renders in headless Chromium, every
//!   diagram drawn and every table within the text column, on a desktop and
//!   a phone (`browser/`); typing a message of the symptom index into
//!   the book's search lands on its entry, and each message is quoted from a
//!   checked output (`search.rs`). One binary, so that the book is built once per
//!   run.
//! - `diagnostics.rs`: the compiler messages the book quotes are what the
//!   compiler says.
//! - `exercises.rs`: the exercise gate: every exercise is complete, its
//!   starter compiles and fails, its solution passes clippy clean, and its
//!   kept wrong solutions fail with a message that names the mistake.
//! - `prose_numbers.rs`: no number in the prose is typed by hand: each one
//!   is held by an output file of its chapter, or is a listed outside fact.
//! - `house.rs`: the house rules of the sources: every Rust file opens
//!   with a module doc, none is longer than 600 lines, and the few `#[path]`
//!   attributes each say why and stay in their crate.
//! - `twins.rs`: the smol and tokio twins print what their async-std
//!   originals print, except where the book says they differ.
//!
//! This library holds what the checks and the book builder share, one
//! module per job:
//!
//! - [`diagnostics`]: compiler messages as the book quotes them, the same
//!   with or without the `rust-src` component.
//! - [`files`]: the one folder walker.
//! - [`percent`]: percent-encoding both ways, for URLs and the reports the
//!   browser's check script sends back.
//! - [`markdown`]: the book's sources as written: chapters, the include
//!   directives (the one include parser), anchors, fenced code blocks, prose
//!   (the one reader of "prose, fence, include" for every check) and
//!   `SUMMARY.md`.
//! - [`quantities`]: numbers with their units in a text (`0.169 s`, `ten
//!   times`), the grammar `prose_numbers.rs` reads prose and outputs with.
//! - [`book`]: building the book with mdBook, failing on its warnings, once
//!   per test process ([`book::built`]).
//! - [`links`]: links in the built HTML: local ones that lead nowhere,
//!   external ones and the References page that must list them.
//! - [`browser`]: headless Chromium over the built book (`browser-check.js`
//!   measures each page from inside it).
//! - [`serve`]: a folder served over HTTP on a loopback port, so that the
//!   browser loads the book's files as a reader's does (and reports them).
//! - [`listings`]: the programs behind the listings and the files beside
//!   them (`.out`, `.args`, `.bad-args`); the one program runner, which
//!   builds them all once; which check compiles a given Rust file.
//! - [`output`]: comparing a run's output with the recorded one (durations
//!   within bounds, a benchmark's shape).
//! - [`reading`]: how much a reader reads: the words of prose on a page and
//!   the lines of a listing the reader sees (includes resolved, hidden lines
//!   left out).
//! - [`exercises`]: the author's checks of each exercise (files, markers,
//!   hints, instructions, the solutions appendix).

pub mod book;
pub mod browser;
pub mod diagnostics;
pub mod exercises;
pub mod files;
pub mod links;
pub mod listings;
pub mod markdown;
pub mod output;
pub mod percent;
pub mod quantities;
pub mod reading;
pub mod serve;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace root: the folder that holds the top-level `Cargo.toml` of
/// the clone we run in, found at run time.
///
/// Never `env!("CARGO_MANIFEST_DIR")`: that is the clone that *compiled*
/// this crate. Two clones that share one `CARGO_TARGET_DIR` share one build
/// of it (cargo names path packages by their place in the workspace), so a
/// baked-in path made one clone's `cargo book` build, and its book test
/// check, the other clone's book. Cargo runs tests and `cargo book` in or
/// below the clone, so walking up from the current folder finds it, as the
/// exercise tool does.
pub fn workspace_root() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| match exercises_tool::Workspace::locate() {
        Ok(workspace) => workspace.root().to_path_buf(),
        Err(message) => panic!("{message}"),
    })
    .clone()
}

/// Cargo's build folder: `CARGO_TARGET_DIR` (relative to the current
/// folder, as cargo reads it) or the clone's `target/`. It may be shared by
/// several clones: only compiled code goes there. What a clone writes for
/// people to read goes to [`own_output_dir`].
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => std::env::current_dir()
            .map(|here| here.join(&dir))
            .unwrap_or_else(|_| PathBuf::from(dir)),
        None => own_output_dir(),
    }
}

/// The clone's own `target/`, even where `CARGO_TARGET_DIR` points cargo
/// elsewhere: the book, the screenshots and the scratch crates a check
/// writes from this clone's sources land here, so that two clones sharing a
/// build folder never read or overwrite each other's.
pub fn own_output_dir() -> PathBuf {
    workspace_root().join("target")
}

/// The step crates, in reading order: `step01-setup`, `step02-basic-async`, ...
pub fn step_crates() -> Vec<String> {
    exercises::workspace()
        .step_crates()
        .into_iter()
        .filter(|name| workspace_root().join(name).join("Cargo.toml").is_file())
        .collect()
}

/// `path` with `.` and `..` resolved lexically (no file system access), so
/// that `book/src/../../step01/x.rs` reads as `step01/x.rs` in messages.
pub fn tidy(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if result.file_name().is_some() => {
                result.pop();
            }
            other => result.push(other),
        }
    }
    result
}

/// A path shown relative to the workspace root, for messages.
pub fn relative(path: &Path) -> String {
    exercises::workspace().relative(path)
}
