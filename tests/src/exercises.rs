//! The classroom exercises: where they live, how a starter is derived from a
//! solution, and how an exercise becomes a crate that cargo can test.
//!
//! Conventions (the same in every step crate):
//! - an exercise is a folder `<step crate>/exercises/<id>-<slug>/`, e.g.
//!   `step02-basic-async/exercises/2.1-forgotten-future/`, holding
//!   - `solution.rs`: the complete solution, a library. Its first line is
//!     `//! Exercise <id>: <title>`. The parts the student writes sit between
//!     a line `// STUDENT: <one-line instruction>` and a line `// END STUDENT`;
//!     optional `// STARTER: <code>` lines inside a region give the code the
//!     starter has there instead of `todo!()`;
//!   - `tests.rs`: tests judging the behaviour, compiled against the
//!     exercise as a library (`use exercise::*;`);
//!   - `hints.md`: one to three hints, each under `## Hint N`;
//! - every other `.rs` file directly in `<step crate>/exercises/` is support
//!   code given to all exercises of that step (copied beside `lib.rs`);
//! - the instructions are a section `### Exercise <id>: <title>` in the
//!   step's chapter or in `book/src/exercises-stepNN.md`, and the solutions
//!   appendix (`book/src/appendix-solutions.md`) includes every solution.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{step_crates, workspace_root};

/// The line that opens a region the student writes.
pub const STUDENT: &str = "// STUDENT:";
/// The line that closes it.
pub const END_STUDENT: &str = "// END STUDENT";
/// A line inside a region: starter code to put in place of `todo!()`.
pub const STARTER: &str = "// STARTER:";

/// One exercise, found on disk.
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
}

impl Exercise {
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

    /// The package name of the crate built from it: `exercise-2-1`.
    pub fn package_name(&self) -> String {
        format!("exercise-{}", self.id.replace('.', "-"))
    }

    /// Support files given to every exercise of this step.
    pub fn support_files(&self) -> Vec<PathBuf> {
        crate::listings::files_with_extension(self.dir.parent().expect("in a folder"), "rs")
    }

    /// The chapter files where its instructions may be written.
    pub fn instruction_files(&self) -> Vec<PathBuf> {
        let src = crate::book::book_root().join("src");
        let number = self.step_crate.get(..6).unwrap_or(&self.step_crate);
        vec![
            src.join(format!("{}.md", self.step_crate)),
            src.join(format!("exercises-{number}.md")),
        ]
    }

    /// The heading that starts its instructions, without the title.
    pub fn heading_prefix(&self) -> String {
        format!("### Exercise {}: ", self.id)
    }

    /// The chapter that holds its instructions, if one does.
    pub fn instructions(&self) -> Option<PathBuf> {
        let prefix = self.heading_prefix();
        self.instruction_files().into_iter().find(|file| {
            std::fs::read_to_string(file)
                .is_ok_and(|text| text.lines().any(|line| line.starts_with(&prefix)))
        })
    }

    /// How the solutions appendix includes its solution.
    pub fn appendix_include(&self) -> String {
        let relative = self
            .solution_file()
            .strip_prefix(workspace_root())
            .expect("inside the workspace")
            .display()
            .to_string();
        format!("{{{{#include ../../{relative}}}}}")
    }
}

/// The solutions appendix.
pub fn appendix_file() -> PathBuf {
    crate::book::book_root().join("src/appendix-solutions.md")
}

/// Every exercise of every step, in order (`1.1`, `1.2`, ..., `4.4`).
pub fn all_exercises() -> Vec<Exercise> {
    let mut found = Vec::new();
    for step_crate in step_crates() {
        let folder = workspace_root().join(&step_crate).join("exercises");
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let dir = entry.path();
            if !dir.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let (id, slug) = name.split_once('-').unwrap_or((&name, ""));
            found.push(Exercise {
                id: id.to_string(),
                slug: slug.to_string(),
                step_crate: step_crate.clone(),
                dir,
            });
        }
    }
    found.sort_by_key(Exercise::order);
    found
}

/// The exercise with this id, e.g. `3.2`.
pub fn find(id: &str) -> Option<Exercise> {
    all_exercises()
        .into_iter()
        .find(|exercise| exercise.id == id)
}

/// The starter: the solution with every student region replaced by a
/// `// TODO: <instruction>` line and `todo!()` (or the region's `// STARTER:`
/// lines, uncommented), indented like the region's opening line.
pub fn derive_starter(solution: &str) -> Result<String, String> {
    let mut starter = String::new();
    let mut region: Option<(usize, String, String, Vec<String>)> = None;
    for (index, line) in solution.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &mut region {
            None if trimmed.starts_with(STUDENT) => {
                let instruction = trimmed[STUDENT.len()..].trim().to_string();
                if instruction.is_empty() {
                    return Err(format!(
                        "line {}: `{STUDENT}` needs a one-line instruction",
                        index + 1
                    ));
                }
                region = Some((index + 1, indent.to_string(), instruction, Vec::new()));
            }
            None if trimmed.starts_with(END_STUDENT) || trimmed.starts_with(STARTER) => {
                return Err(format!(
                    "line {}: `{}` outside a `{STUDENT}` region",
                    index + 1,
                    trimmed
                ));
            }
            None => {
                starter.push_str(line);
                starter.push('\n');
            }
            Some((start, ..)) if trimmed.starts_with(STUDENT) => {
                return Err(format!(
                    "line {}: a `{STUDENT}` region opened on line {start} is not closed",
                    index + 1
                ));
            }
            Some((_, region_indent, instruction, starter_lines))
                if trimmed.starts_with(END_STUDENT) =>
            {
                starter.push_str(&format!("{region_indent}// TODO: {instruction}\n"));
                if starter_lines.is_empty() {
                    starter_lines.push("todo!()".to_string());
                }
                for code in starter_lines.iter() {
                    starter.push_str(&format!("{region_indent}{code}\n"));
                }
                region = None;
            }
            Some((.., starter_lines)) => {
                if let Some(code) = trimmed.strip_prefix(STARTER) {
                    let code = code.strip_prefix(' ').unwrap_or(code);
                    starter_lines.push(code.trim_end().to_string());
                }
            }
        }
    }
    if let Some((start, ..)) = region {
        return Err(format!(
            "the `{STUDENT}` region opened on line {start} has no `{END_STUDENT}`"
        ));
    }
    if !starter.contains("// TODO: ") {
        return Err(format!(
            "no `{STUDENT} <instruction>` ... `{END_STUDENT}` region: nothing for the student to write"
        ));
    }
    Ok(starter)
}

/// The hints of `hints.md`: the text under each `## Hint N` heading.
pub fn hints(text: &str) -> Result<Vec<String>, String> {
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

/// Everything statically wrong with one exercise (files, markers, hints,
/// instructions, appendix); empty when it is complete.
pub fn problems(exercise: &Exercise) -> Vec<String> {
    let mut problems = Vec::new();
    let name = crate::relative(&exercise.dir);
    let step_number = exercise
        .step_crate
        .get(4..6)
        .and_then(|digits| digits.parse::<u32>().ok());
    if step_number != Some(exercise.order().0)
        || exercise.order().1 == 0
        || exercise.slug.is_empty()
    {
        problems.push(format!(
            "{name}: name it `<step>.<n>-<slug>`, with <step> the number of its step crate"
        ));
    }
    match std::fs::read_to_string(exercise.solution_file()) {
        Err(_) => problems.push(format!("{name}: no solution.rs")),
        Ok(solution) => {
            if exercise.title().is_none() {
                problems.push(format!(
                    "{name}/solution.rs: the first line must be `//! Exercise {}: <title>`",
                    exercise.id
                ));
            }
            if let Err(problem) = derive_starter(&solution) {
                problems.push(format!("{name}/solution.rs: {problem}"));
            }
        }
    }
    match std::fs::read_to_string(exercise.tests_file()) {
        Err(_) => problems.push(format!("{name}: no tests.rs")),
        Ok(tests) if !tests.contains("#[test]") && !tests.contains("::test]") => {
            problems.push(format!("{name}/tests.rs: holds no test"))
        }
        Ok(_) => {}
    }
    match std::fs::read_to_string(exercise.hints_file()) {
        Err(_) => problems.push(format!("{name}: no hints.md")),
        Ok(text) => {
            if let Err(problem) = hints(&text) {
                problems.push(format!("{name}/hints.md: {problem}"));
            }
        }
    }
    if let (Some(chapter), Some(title)) = (exercise.instructions(), exercise.title()) {
        let heading = format!("{}{title}", exercise.heading_prefix());
        let text = std::fs::read_to_string(&chapter).unwrap_or_default();
        if !text.lines().any(|line| line.trim_end() == heading) {
            problems.push(format!(
                "{name}: the heading in {} should read `{heading}`, the title in solution.rs",
                crate::relative(&chapter)
            ));
        }
    }
    if exercise.instructions().is_none() {
        let files: Vec<String> = exercise
            .instruction_files()
            .iter()
            .map(|file| crate::relative(file))
            .collect();
        problems.push(format!(
            "{name}: no instructions: add a section `{}<title>` to {}",
            exercise.heading_prefix(),
            files.join(" or ")
        ));
    }
    let appendix = std::fs::read_to_string(appendix_file()).unwrap_or_default();
    if !appendix.contains(&exercise.appendix_include()) {
        problems.push(format!(
            "{name}: the solutions appendix ({}) does not include it: add `{}`",
            crate::relative(&appendix_file()),
            exercise.appendix_include()
        ));
    }
    problems
}

/// The `Cargo.toml` of an exercise crate: a workspace of its own (so it is
/// not part of this one), the dependencies at this workspace's versions.
pub fn cargo_toml(exercise: &Exercise) -> String {
    let dependencies = runtime_dependencies();
    format!(
        "# Generated by `cargo exercises` from {}: edit src/lib.rs only.\n\
         [package]\n\
         name = \"{}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [lib]\n\
         name = \"exercise\"\n\
         path = \"src/lib.rs\"\n\
         # The tests are in tests/exercise.rs; the library has none of its own.\n\
         test = false\n\
         doctest = false\n\
         \n\
         [dependencies]\n\
         {}\n\
         \n\
         # A workspace of its own, so that it is not part of the tutorial's.\n\
         [workspace]\n",
        crate::relative(&exercise.dir),
        exercise.package_name(),
        dependencies.join("\n")
    )
}

/// The `futures` and `async-std` lines of the workspace's
/// `[workspace.dependencies]`, for crates built outside the workspace.
pub fn runtime_dependencies() -> Vec<String> {
    let root = std::fs::read_to_string(workspace_root().join("Cargo.toml"))
        .expect("the workspace's Cargo.toml is readable");
    root.lines()
        .filter(|line| line.starts_with("futures =") || line.starts_with("async-std ="))
        .map(str::to_string)
        .collect()
}

/// Writes (or refreshes) an exercise crate in `dir` with `lib` as its
/// `src/lib.rs`. Everything but `src/lib.rs` is the tutorial's and is
/// rewritten; `src/lib.rs` is written only when `lib` is `Some`.
pub fn write_crate(exercise: &Exercise, dir: &Path, lib: Option<&str>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::create_dir_all(dir.join("tests"))?;
    write_if_changed(&dir.join("Cargo.toml"), &cargo_toml(exercise))?;
    if !dir.join("Cargo.lock").exists() {
        // The workspace's lock pins the same versions the tutorial was tested
        // with, so no resolution (and no network) is needed.
        std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"))?;
    }
    let tests = std::fs::read_to_string(exercise.tests_file())?;
    write_if_changed(&dir.join("tests/exercise.rs"), &tests)?;
    for support in exercise.support_files() {
        let name = support.file_name().expect("a file name");
        write_if_changed(
            &dir.join("src").join(name),
            &std::fs::read_to_string(&support)?,
        )?;
    }
    if let Some(lib) = lib {
        std::fs::write(dir.join("src/lib.rs"), lib)?;
    }
    Ok(())
}

/// Writes `text` unless the file already holds it (keeps cargo's
/// fingerprints, and so its builds, fresh).
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}

/// A `cargo` command (the one running us, when there is one) in `dir`,
/// building into `target`.
pub fn cargo(dir: &Path, target: &Path) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// A small, stable hash (FNV-1a) of some text, to notice edits.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
