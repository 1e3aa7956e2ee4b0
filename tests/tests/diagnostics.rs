//! Compiler messages the book quotes are real.
//!
//! Each `tests/diagnostics/NAME.rs` is a small library that the compiler
//! warns about or rejects on purpose; `NAME.expected` holds the first lines
//! of what `cargo check` says about it, and the book includes that file.
//! This test compiles each one outside the workspace and compares. After a
//! toolchain update, `BLESS=1 cargo test -p tests --test diagnostics`
//! records the new wording (same number of lines).

use std::path::{Path, PathBuf};

use pretty_assertions::assert_eq;
use tests::exercises::{cargo, runtime_dependencies};
use tests::listings::files_with_extension;
use tests::{relative, target_dir, workspace_root};

/// A crate of its own around one diagnostic snippet; returns its folder.
fn scratch_crate(snippet: &Path) -> PathBuf {
    let name = snippet.file_stem().expect("a name").to_string_lossy();
    let dir = target_dir().join("diagnostics").join(name.as_ref());
    std::fs::create_dir_all(dir.join("src")).expect("scratch folder");
    let manifest = format!(
        "[package]\nname = \"diagnostic-{}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n\n[workspace]\n",
        name.replace('_', "-"),
        runtime_dependencies().join("\n")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock");
    std::fs::copy(snippet, dir.join("src/lib.rs")).expect("snippet");
    dir
}

/// What `cargo check` prints about the snippet (its warnings and errors).
fn compiler_says(snippet: &Path) -> String {
    let dir = scratch_crate(snippet);
    let output = cargo(&dir, &target_dir().join("diagnostics/target"))
        .args(["check", "--quiet", "--offline", "--color", "never"])
        .output()
        .expect("cargo starts");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_quoted_compiler_message_is_what_the_compiler_says() {
    let snippets = files_with_extension(&workspace_root().join("tests/diagnostics"), "rs");
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
            recorded,
            first_lines,
            "the compiler no longer says what {} quotes",
            relative(&expected_file)
        );
    }
}
