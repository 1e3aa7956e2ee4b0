//! Two clones that share one build folder each build their own book.
//!
//! With a shared `CARGO_TARGET_DIR` (labs and CI caches set one up to save
//! disk), cargo builds the `book` program once for both clones: it names a
//! path package by its place in the workspace, not by the clone. So the
//! one program must find the clone to render where it runs, and write the
//! book into that clone. This test runs the one `book` binary in two copies
//! of the tutorial whose introductions differ, as two clones would.

use std::path::{Path, PathBuf};
use std::process::Command;

use tests::{own_output_dir, workspace_root};

/// The files of this clone that git knows or would add (not `target/`,
/// not the student's `exercises-work/`): what a fresh clone holds.
fn clone_files() -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "-z",
        ])
        .current_dir(workspace_root())
        .output()
        .expect("git lists the clone's files");
    assert!(listed.status.success(), "git ls-files failed");
    listed
        .stdout
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|name| workspace_root().join(name).is_file())
        .collect()
}

/// A copy of this clone at `to`, its introduction's first line changed to
/// `marker` so that its book can be told from the other's.
fn copy_of_this_clone(to: &Path, files: &[PathBuf], marker: &str) {
    let _ = std::fs::remove_dir_all(to);
    for file in files {
        let destination = to.join(file);
        std::fs::create_dir_all(destination.parent().expect("in a folder"))
            .expect("folder");
        std::fs::copy(workspace_root().join(file), &destination).expect("copy");
    }
    let introduction = to.join("book/src/introduction.md");
    let text = std::fs::read_to_string(&introduction).expect("the introduction");
    std::fs::write(&introduction, format!("{marker}\n\n{text}")).expect("writable");
}

/// Runs the one `book` program in `clone` with `shared` as the build folder
/// and returns the introduction page it wrote into the clone.
fn book_built_in(clone: &Path, shared: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_book"))
        .current_dir(clone)
        .env("CARGO_TARGET_DIR", shared)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("the book program starts");
    assert!(
        output.status.success(),
        "`cargo book` failed in {}:\n{}",
        clone.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let page = clone.join("target/book/introduction.html");
    std::fs::read_to_string(&page).unwrap_or_else(|_| {
        panic!(
            "`cargo book` run in {} wrote no {}",
            clone.display(),
            page.display()
        )
    })
}

#[test]
fn two_clones_sharing_a_build_folder_each_build_their_own_book() {
    let folder = own_output_dir().join("two-clones");
    let shared_build = folder.join("shared-target");
    let files = clone_files();
    let (a, b) = (folder.join("clone-a"), folder.join("clone-b"));
    copy_of_this_clone(&a, &files, "CLONE-A-MARKER");
    copy_of_this_clone(&b, &files, "CLONE-B-MARKER");

    // In either order: the clone that runs last must not win.
    for (clone, own, other) in [
        (&a, "CLONE-A-MARKER", "CLONE-B-MARKER"),
        (&b, "CLONE-B-MARKER", "CLONE-A-MARKER"),
        (&a, "CLONE-A-MARKER", "CLONE-B-MARKER"),
    ] {
        let page = book_built_in(clone, &shared_build);
        assert!(
            page.contains(own) && !page.contains(other),
            "`cargo book` in {} rendered another clone's sources",
            clone.display()
        );
    }
    assert!(
        !shared_build.join("book").exists(),
        "the book went into the shared build folder, where the clones overwrite each other's"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
