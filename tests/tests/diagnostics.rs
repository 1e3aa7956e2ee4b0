//! Compiler messages the book quotes are real.
//!
//! Each `tests/diagnostics/NAME.rs` is a small library that the compiler
//! warns about or rejects on purpose; `NAME.expected` holds the first lines
//! of what `cargo check` says about it, and the book includes that file.
//! This test compiles each one outside the workspace and compares, the
//! recording and the compiler's words alike read through
//! [`for_the_book`], which takes out what depends on the installation (the
//! `rust-src` component, the toolchain's paths) and keeps the code, the
//! message, the labels and the notes. After a toolchain update,
//! `BLESS=1 cargo test -p tests --test diagnostics` records the new wording
//! (same number of lines).

use std::path::{Path, PathBuf};

use exercises_tool::scratch::{Home, Manifest, cargo};
use pretty_assertions::assert_eq;
use tests::diagnostics::for_the_book;
use tests::exercises::workspace;
use tests::{files, own_output_dir, relative, workspace_root};

/// A crate of its own around one diagnostic snippet, written the way the
/// exercise gate writes its crates (the runtime at the tutorial's versions,
/// its lock); returns its folder.
fn scratch_crate(snippet: &Path) -> PathBuf {
    let name = snippet.file_stem().expect("a name").to_string_lossy();
    let dir = own_output_dir().join("diagnostics").join(name.as_ref());
    let manifest = Manifest {
        header: format!(
            "# Written by tests/tests/diagnostics.rs around {}.",
            relative(snippet)
        ),
        package: format!("diagnostic-{}", name.replace('_', "-")),
        lib: String::new(),
        home: Home::OwnWorkspace,
    };
    manifest
        .write(&workspace(), &dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    // Copied on every run, so that cargo checks it again and prints its
    // messages.
    std::fs::copy(snippet, dir.join("src/lib.rs")).expect("snippet");
    dir
}

/// What `cargo check` prints about the snippet (its warnings and errors),
/// as the book quotes it.
fn compiler_says(snippet: &Path) -> String {
    let dir = scratch_crate(snippet);
    // The exercises' build folder: the same runtime at the same versions,
    // so what the exercise gate's clippy compiled (or this compiles first)
    // serves both.
    let output = cargo(&dir, &workspace().exercises_target())
        .args(["check", "--quiet", "--offline", "--color", "never"])
        .output()
        .expect("cargo starts");
    for_the_book(&String::from_utf8_lossy(&output.stderr))
}

#[test]
fn every_quoted_compiler_message_is_what_the_compiler_says() {
    let snippets = files::in_folder(&workspace_root().join("tests/diagnostics"), "rs");
    assert!(!snippets.is_empty(), "no diagnostic snippets found");
    for snippet in snippets {
        let expected_file = snippet.with_extension("expected");
        let recorded = std::fs::read_to_string(&expected_file).unwrap_or_else(|_| {
            panic!(
                "{} is missing (the message the book quotes)",
                relative(&expected_file)
            )
        });
        let said = compiler_says(&snippet);
        let first_lines: String = said
            .lines()
            .take(recorded.lines().count())
            .map(|line| format!("{line}\n"))
            .collect();
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&expected_file, &first_lines).expect("writable");
            continue;
        }
        assert_eq!(
            for_the_book(&recorded),
            first_lines,
            "the compiler no longer says what {} quotes",
            relative(&expected_file)
        );
    }
}
