//! Checks that keep the book and the code in step.
//!
//! The integration tests in `tests/` call into these modules; the `book`
//! binary (`cargo book`) uses [`book::build`] to write the HTML book.

pub mod book;
pub mod browser;
pub mod exercises;
pub mod listings;
pub mod output;

use std::path::{Path, PathBuf};

/// The workspace root: the folder that holds the top-level `Cargo.toml`.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

/// Cargo's target folder, honouring `CARGO_TARGET_DIR` as cargo does.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// The step crates, in reading order: `step01-setup`, `step02-basic-async`, ...
pub fn step_crates() -> Vec<String> {
    let mut steps: Vec<String> = std::fs::read_dir(workspace_root())
        .expect("the workspace root is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.starts_with("step") && workspace_root().join(name).join("Cargo.toml").is_file()
        })
        .collect();
    steps.sort();
    steps
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

/// A path shown relative to the workspace root, for error messages.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}
