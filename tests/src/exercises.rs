//! The author's side of the exercises: the checks that every exercise is
//! complete (files, markers, hints, instructions in the book, the solutions
//! appendix). The exercise model itself, shared with the student's tool,
//! lives in the `exercises-tool` crate (`tests/exercises-tool/`) and is
//! re-exported here.

use std::path::PathBuf;

pub use exercises_tool::Exercise;
pub use exercises_tool::exercise::parse_hints as hints;
pub use exercises_tool::scratch::cargo;
pub use exercises_tool::starter::derive_starter;

use exercises_tool::starter;

use crate::markdown::{anchor_body, source_folder};
use crate::{relative, workspace_root};

/// The tutorial this crate checks.
pub fn workspace() -> exercises_tool::Workspace {
    exercises_tool::Workspace::at(workspace_root())
}

/// Every exercise of every step, in order (`1.1`, `1.2`, ..., `4.4`).
pub fn all_exercises() -> Vec<Exercise> {
    workspace().exercises()
}

/// The exercise with this id, e.g. `3.2`.
pub fn find(id: &str) -> Option<Exercise> {
    workspace().find(id)
}

/// Writes a scratch crate for an exercise in `dir`, a workspace of its own
/// (the gate's crates live under the target folder, inside the tutorial's
/// folder but outside its workspace).
pub fn write_crate(
    exercise: &Exercise,
    dir: &std::path::Path,
    lib: Option<&str>,
) -> std::io::Result<()> {
    exercises_tool::scratch::write_crate(
        exercise,
        dir,
        lib,
        exercises_tool::scratch::Home::OwnWorkspace,
    )
}

/// The chapter of the exercise's step: `book/src/<step crate>.md`.
fn step_chapter(exercise: &Exercise) -> PathBuf {
    source_folder().join(format!("{}.md", exercise.step_crate))
}

/// The pages where the exercise's instructions may be: its step's chapter
/// and, for a step split into pages, the pages nested under it in
/// `SUMMARY.md` (indented below its line).
fn step_pages(exercise: &Exercise) -> Vec<PathBuf> {
    let chapter = format!("]({}.md)", exercise.step_crate);
    let summary = crate::markdown::read(&source_folder().join("SUMMARY.md"));
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut lines = summary.lines().skip_while(|line| !line.contains(&chapter));
    let mut pages = vec![step_chapter(exercise)];
    if let Some(step) = lines.next() {
        let nested = lines
            .take_while(|line| line.trim().is_empty() || indent(line) > indent(step));
        pages.extend(nested.filter_map(|line| {
            let target = line.split_once("](")?.1.split_once(')')?.0;
            Some(source_folder().join(target))
        }));
    }
    pages
}

/// How the solutions appendix includes a whole solution.
fn appendix_include(exercise: &Exercise) -> String {
    format!(
        "{{{{#include ../../{}}}}}",
        relative(&exercise.solution_file())
    )
}

/// The solutions appendix.
fn appendix_file() -> PathBuf {
    source_folder().join("appendix-solutions.md")
}

/// Everything statically wrong with one exercise (files, markers, hints,
/// instructions, appendix); empty when it is complete.
pub fn problems(exercise: &Exercise) -> Vec<String> {
    let mut problems = Vec::new();
    let name = relative(&exercise.dir);
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
    // Where `cargo exercises` sends the student must be the step's chapter.
    let chapter = step_chapter(exercise);
    let heading_prefix = exercise.heading_prefix();
    match exercise.instructions_page() {
        None => problems.push(format!(
            "{name}: no instructions: add a section `{heading_prefix}<title>` to {}",
            relative(&chapter)
        )),
        Some(page) if !step_pages(exercise).contains(&page) => problems.push(format!(
            "{name}: its instructions are in {}; they belong in its step's chapter, {}, \
             or a page nested under it in SUMMARY.md",
            relative(&page),
            relative(&chapter)
        )),
        Some(page) => {
            if let Some(title) = exercise.title() {
                let heading = format!("{heading_prefix}{title}");
                let text = std::fs::read_to_string(&page).unwrap_or_default();
                if !text.lines().any(|line| line.trim_end() == heading) {
                    problems.push(format!(
                        "{name}: the heading in {} should read `{heading}`, the title in solution.rs",
                        relative(&page)
                    ));
                }
            }
        }
    }
    problems.extend(appendix_problem(exercise));
    problems
}

/// What is wrong with how the solutions appendix shows `exercise`'s
/// solution: it must include the whole file, or an anchored piece of it
/// (`...solution.rs:student}}`) that holds every student region.
fn appendix_problem(exercise: &Exercise) -> Option<String> {
    let name = relative(&exercise.dir);
    let appendix = std::fs::read_to_string(appendix_file()).unwrap_or_default();
    let whole = appendix_include(exercise);
    if appendix.contains(&whole) {
        return None;
    }
    let piece = format!("{}:", whole.trim_end_matches('}'));
    let Some((_, after)) = appendix.split_once(&piece) else {
        return Some(format!(
            "{name}: the solutions appendix ({}) does not include it: add `{whole}`",
            relative(&appendix_file()),
        ));
    };
    let anchor = after.split("}}").next().unwrap_or_default().trim();
    let solution =
        std::fs::read_to_string(exercise.solution_file()).unwrap_or_default();
    let regions = |text: &str| text.matches(starter::STUDENT).count();
    let shown = anchor_body(&solution, anchor).map_or(0, |body| regions(&body));
    (shown < regions(&solution)).then(|| {
        format!(
            "{name}: the solutions appendix shows the anchor `{anchor}` of its solution, which \
             holds {shown} of its {} student regions: widen the anchor, or include the whole file",
            regions(&solution)
        )
    })
}
