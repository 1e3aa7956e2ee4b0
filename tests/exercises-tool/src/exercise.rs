//! One exercise, found on disk.
//!
//! Conventions (the same in every step crate): an exercise is a folder
//! `<step crate>/exercises/<id>-<slug>/`, e.g.
//! `step02-basic-async/exercises/2.1-forgotten-future/`, holding
//! - `solution.rs`: the complete solution, a library whose first line is
//!   `//! Exercise <id>: <title>`, with the parts the student writes marked
//!   (see [`crate::starter`]);
//! - `tests.rs`: tests judging the behaviour, compiled against the exercise
//!   as a library (`use exercise::*;`);
//! - `hints.md`: one to three hints, each under `## Hint N`;
//! - `wrong/*.rs` (optional): realistic wrong solutions the tests must fail.
//!
//! Every other `.rs` file directly in `<step crate>/exercises/` is support
//! code given to all exercises of that step (copied beside `lib.rs`).
//!
//! Code the tests of several steps share lives once, in
//! `tests/exercises-tool/test-support/<name>.rs`; an exercise whose
//! `tests.rs` declares `mod <name>;` gets it as `tests/<name>/mod.rs` (see
//! [`Exercise::test_modules`]).

use std::path::{Path, PathBuf};

use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// `2.1`
    pub id: String,
    /// `forgotten-future`
    pub slug: String,
    /// The step crate it belongs to, e.g. `step02-basic-async`.
    pub step_crate: String,
    /// Its folder.
    pub dir: PathBuf,
    /// The tutorial it belongs to.
    pub workspace: Workspace,
}

impl Exercise {
    /// The exercise in `dir`, a folder named `<id>-<slug>`.
    pub fn new(workspace: &Workspace, step_crate: &str, dir: PathBuf) -> Exercise {
        let name = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (id, slug) = name.split_once('-').unwrap_or((&name, ""));
        Exercise {
            id: id.to_string(),
            slug: slug.to_string(),
            step_crate: step_crate.to_string(),
            dir: dir.clone(),
            workspace: workspace.clone(),
        }
    }

    pub fn solution_file(&self) -> PathBuf {
        self.dir.join("solution.rs")
    }

    pub fn tests_file(&self) -> PathBuf {
        self.dir.join("tests.rs")
    }

    pub fn hints_file(&self) -> PathBuf {
        self.dir.join("hints.md")
    }

    /// `(step, number)` for sorting: `2.10` comes after `2.9`.
    pub fn order(&self) -> (u32, u32) {
        let (step, number) = self.id.split_once('.').unwrap_or((&self.id, "0"));
        (step.parse().unwrap_or(0), number.parse().unwrap_or(0))
    }

    /// The title from the solution's first line, `//! Exercise 2.1: <title>`.
    pub fn title(&self) -> Option<String> {
        let source = std::fs::read_to_string(self.solution_file()).ok()?;
        let first = source.lines().next()?;
        let title = first.strip_prefix(&format!("//! Exercise {}: ", self.id))?;
        Some(title.trim().to_string()).filter(|title| !title.is_empty())
    }

    /// The title, or the folder's slug when the solution has none.
    pub fn display_title(&self) -> String {
        self.title().unwrap_or_else(|| self.slug.clone())
    }

    /// The package name of the crate built from it: `exercise-2-1`.
    pub fn package_name(&self) -> String {
        format!("exercise-{}", self.id.replace('.', "-"))
    }

    /// Support files given to every exercise of this step.
    pub fn support_files(&self) -> Vec<PathBuf> {
        rust_files(self.dir.parent().expect("an exercise is in a folder"))
    }

    /// The shared test modules its `tests.rs` declares: for each line
    /// `mod <name>;`, the name and `<test-support folder>/<name>.rs`
    /// ([`Workspace::test_support_dir`]). A declared module with no such
    /// file is left to the compiler, which names it.
    pub fn test_modules(&self) -> Vec<(String, PathBuf)> {
        let tests = std::fs::read_to_string(self.tests_file()).unwrap_or_default();
        let support = self.workspace.test_support_dir();
        tests
            .lines()
            .filter_map(|line| line.trim().strip_prefix("mod ")?.strip_suffix(';'))
            .map(str::trim)
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .map(|name| (name.to_string(), support.join(format!("{name}.rs"))))
            .filter(|(_, file)| file.is_file())
            .collect()
    }

    /// The kept wrong solutions, `wrong/*.rs`.
    pub fn wrong_solutions(&self) -> Vec<PathBuf> {
        rust_files(&self.dir.join("wrong"))
    }

    /// The heading that sets it in the book, without its title:
    /// `### Exercise 2.1: `.
    pub fn heading_prefix(&self) -> String {
        format!("### Exercise {}: ", self.id)
    }

    /// The book page that sets it: the first chapter in `book/src` (in
    /// name order) with a line that starts with its
    /// [heading](Exercise::heading_prefix). Found by looking, so that the
    /// tool stays right when chapters are split or renamed; the solutions
    /// appendix, which repeats the headings, is not where it is set.
    pub fn instructions_page(&self) -> Option<PathBuf> {
        let heading = self.heading_prefix();
        let src = self.workspace.root().join("book/src");
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&src)
            .ok()?
            .flatten()
            .map(|entry| entry.path())
            .collect();
        pages.sort();
        let not_an_appendix = |page: &PathBuf| {
            !page
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("appendix"))
        };
        pages.into_iter().filter(not_an_appendix).find(|page| {
            std::fs::read_to_string(page)
                .is_ok_and(|text| text.lines().any(|line| line.starts_with(&heading)))
        })
    }

    /// Where its instructions are, for the student: "the book, page
    /// `step02-basic-async`, "Exercise 2.1"".
    pub fn instructions_hint(&self) -> String {
        match self.instructions_page() {
            Some(page) => format!(
                "the book (`cargo book`), page {}, \"Exercise {}\"",
                page.file_stem().unwrap_or_default().to_string_lossy(),
                self.id
            ),
            None => format!("the book (`cargo book`), \"Exercise {}\"", self.id),
        }
    }

    /// Its hints, in order.
    pub fn hints(&self) -> Result<Vec<String>, String> {
        let text = std::fs::read_to_string(self.hints_file()).map_err(|error| {
            format!("{}: {error}", self.workspace.relative(&self.hints_file()))
        })?;
        parse_hints(&text)
    }
}

/// The `.rs` files directly in `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file() && path.extension().is_some_and(|ext| ext == "rs")
        })
        .collect();
    files.sort();
    files
}

/// The hints of a `hints.md`: the text under each `## Hint N` heading.
pub fn parse_hints(text: &str) -> Result<Vec<String>, String> {
    let mut hints: Vec<String> = Vec::new();
    let mut before_first = String::new();
    for line in text.lines() {
        if let Some(number) = line.strip_prefix("## Hint ") {
            let expected = hints.len() + 1;
            if number.trim() != expected.to_string() {
                return Err(format!(
                    "`{line}`: hints are numbered 1, 2, 3; expected `## Hint {expected}`"
                ));
            }
            hints.push(String::new());
        } else if let Some(hint) = hints.last_mut() {
            hint.push_str(line);
            hint.push('\n');
        } else {
            before_first.push_str(line);
        }
    }
    if !before_first.trim().is_empty() {
        return Err("text before `## Hint 1`".to_string());
    }
    let hints: Vec<String> = hints.iter().map(|hint| hint.trim().to_string()).collect();
    if hints.iter().any(String::is_empty) {
        return Err("an empty hint".to_string());
    }
    if !(1..=3).contains(&hints.len()) {
        return Err(format!(
            "{} hints; an exercise has one to three",
            hints.len()
        ));
    }
    Ok(hints)
}
