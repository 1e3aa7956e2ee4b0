//! Where the tutorial is: found at run time, never baked in at compile time.
//!
//! A compiled-in path (`env!("CARGO_MANIFEST_DIR")`) points at whichever
//! clone built the binary. With a shared `CARGO_TARGET_DIR`, as labs and CI
//! caches set up, one clone's binary then wrote into another clone's
//! `exercises-work/`. So the tool walks up from the current folder, as cargo
//! itself does, and works from any subfolder, `exercises-work/2.1` included.

use std::path::{Path, PathBuf};

use crate::exercise::Exercise;

/// The folder the student works in, below the tutorial's root.
pub const WORK_FOLDER: &str = "exercises-work";

/// The folder of the test modules shared by the exercises, below the root.
pub const TEST_SUPPORT_FOLDER: &str = "tests/exercises-tool/test-support";

/// One clone of the tutorial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The tutorial at `root` (the folder of its top-level `Cargo.toml`).
    pub fn at(root: impl Into<PathBuf>) -> Workspace {
        Workspace { root: root.into() }
    }

    /// The tutorial around the current folder: the nearest ancestor that is
    /// its root. Failing that, the clone whose `cargo run` started us (cargo
    /// sets `CARGO_MANIFEST_DIR` for the program it runs).
    pub fn locate() -> Result<Workspace, String> {
        let here = std::env::current_dir()
            .map_err(|error| format!("cannot read the current folder: {error}"))?;
        if let Some(root) = here.ancestors().find(|folder| is_root(folder)) {
            return Ok(Workspace::at(root));
        }
        let started_by_cargo =
            std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        if let Some(root) = started_by_cargo
            .iter()
            .flat_map(|manifest| manifest.ancestors())
            .find(|folder| is_root(folder))
        {
            return Ok(Workspace::at(root));
        }
        Err(format!(
            "{} is not inside the tutorial: run `cargo exercises` in your clone of it",
            here.display()
        ))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `tests/exercises-tool/test-support/`: modules the tests of any
    /// exercise may declare (see [`Exercise::test_modules`]).
    pub fn test_support_dir(&self) -> PathBuf {
        self.root.join(TEST_SUPPORT_FOLDER)
    }

    /// `exercises-work/`: the student's, ignored by git.
    pub fn work_root(&self) -> PathBuf {
        self.root.join(WORK_FOLDER)
    }

    /// The student's crate for one exercise: `exercises-work/<id>/`.
    pub fn work_dir(&self, exercise: &Exercise) -> PathBuf {
        self.work_root().join(&exercise.id)
    }

    /// Where exercise crates are built: `<target>/exercises`, under
    /// `CARGO_TARGET_DIR` when set (relative to the current folder, as cargo
    /// reads it), else under the tutorial's `target/`. One folder for every
    /// exercise, so that async-std and futures compile once.
    pub fn exercises_target(&self) -> PathBuf {
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => std::env::current_dir()
                .map(|here| here.join(&dir))
                .unwrap_or_else(|_| PathBuf::from(dir)),
            None => self.root.join("target"),
        };
        target.join("exercises")
    }

    /// The step crates, in reading order: `step01-setup`, `step02-...`.
    pub fn step_crates(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Vec::new();
        };
        let mut steps: Vec<String> = entries
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("step") && self.root.join(name).is_dir())
            .collect();
        steps.sort();
        steps
    }

    /// Every exercise of every step, in order (`1.1`, `1.2`, ..., `4.4`).
    pub fn exercises(&self) -> Vec<Exercise> {
        let mut found = Vec::new();
        for step_crate in self.step_crates() {
            let folder = self.root.join(&step_crate).join("exercises");
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().is_dir() {
                    found.push(Exercise::new(self, &step_crate, entry.path()));
                }
            }
        }
        found.sort_by_key(Exercise::order);
        found
    }

    /// The exercise with this id, e.g. `3.2`.
    pub fn find(&self, id: &str) -> Option<Exercise> {
        self.exercises()
            .into_iter()
            .find(|exercise| exercise.id == id)
    }

    /// A path shown relative to the root, for messages.
    pub fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// The tutorial's root holds a workspace `Cargo.toml` and step crates with
/// exercises. (An exercise crate in `exercises-work/` is a workspace of its
/// own too, but has no `step*/exercises` beside it.)
fn is_root(folder: &Path) -> bool {
    let manifest =
        std::fs::read_to_string(folder.join("Cargo.toml")).unwrap_or_default();
    manifest.lines().any(|line| line.trim() == "[workspace]")
        && Workspace::at(folder)
            .step_crates()
            .iter()
            .any(|step| folder.join(step).join("exercises").is_dir())
}
