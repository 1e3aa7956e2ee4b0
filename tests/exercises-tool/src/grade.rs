//! `cargo exercises grade DIR...`: the teacher's sheet over a class.
//!
//! Each folder is one student's work: an `exercises-work/` folder, or a
//! clone of the tutorial that holds one. For every exercise, the student's
//! `src/lib.rs` is copied into a scratch crate of the teacher's, beside the
//! teacher's own tests (a student's edited tests count for nothing), and
//! checked exactly as the student's own `check` would: same build, same time
//! limit, no more rights. Whatever is wrong with one student's work (a
//! missing folder, an unreadable file, code that does not compile or never
//! ends) becomes a line in the sheet, never a stop of the run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::progress::{Entry, State};
use crate::scratch::{Home, write_crate};
use crate::test_run::{self, Diagnostics, Outcome};
use crate::workspace::WORK_FOLDER;
use crate::{Exercise, Workspace};

/// One student's result on one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    /// With the minutes from the student's `start` to the first passing
    /// check, when their progress file recorded both.
    Passed {
        tests: usize,
        minutes: Option<u64>,
    },
    Failing {
        passed: usize,
        tests: usize,
    },
    TimedOut {
        passed: usize,
        tests: usize,
    },
    DoesNotCompile,
    NotStarted,
    /// The work could not be read: why.
    Unreadable(String),
}

impl Grade {
    fn from_outcome(outcome: &Outcome) -> Grade {
        let tests = outcome.report().map_or(0, |report| report.all.len());
        let passed = outcome.report().map_or(0, |report| report.passed());
        match outcome {
            Outcome::Finished(_) if outcome.passed() => Grade::Passed {
                tests,
                minutes: None,
            },
            Outcome::Finished(_) => Grade::Failing { passed, tests },
            Outcome::TimedOut(_) => Grade::TimedOut { passed, tests },
            Outcome::DoesNotCompile(_) => Grade::DoesNotCompile,
        }
    }

    /// The sheet's cell: `passed`, `failing (1 of 3)`, ...
    pub fn cell(&self) -> String {
        match self {
            Grade::Passed { minutes: None, .. } => "passed".to_string(),
            Grade::Passed {
                minutes: Some(minutes),
                ..
            } => format!("passed ({minutes} min)"),
            Grade::Failing { passed, tests } => format!("failing ({passed} of {tests})"),
            Grade::TimedOut { passed, tests } => format!("timed out ({passed} of {tests})"),
            Grade::DoesNotCompile => "does not compile".to_string(),
            Grade::NotStarted => "not started".to_string(),
            Grade::Unreadable(why) => format!("unreadable: {why}"),
        }
    }
}

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentRow {
    pub student: String,
    /// One grade per exercise, in course order.
    pub grades: Vec<Grade>,
}

impl StudentRow {
    pub fn passed(&self) -> usize {
        self.grades
            .iter()
            .filter(|grade| matches!(grade, Grade::Passed { .. }))
            .count()
    }
}

pub fn grade(
    workspace: &Workspace,
    folders: &[PathBuf],
    limit: Duration,
    out: &Path,
) -> Result<ExitCode, String> {
    let exercises = workspace.exercises();
    let scratch = workspace.exercises_target().join("grading");
    let mut rows = Vec::new();
    for (number, folder) in folders.iter().enumerate() {
        let student = student_name(folder);
        eprintln!("grading {student} ({})", folder.display());
        let scratch = scratch.join(format!("{number}-{}", safe(&student)));
        rows.push(grade_student(
            workspace, &exercises, folder, &scratch, limit,
        ));
    }
    let csv = out.with_extension("csv");
    let markdown = out.with_extension("md");
    write(&csv, &to_csv(&exercises, &rows))?;
    let table = to_markdown(&exercises, &rows);
    write(&markdown, &table)?;
    println!("{table}");
    println!("Written: {} and {}", csv.display(), markdown.display());
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

/// The student's name: the folder's, or its parent's for `exercises-work`.
pub fn student_name(folder: &Path) -> String {
    let named = if folder.file_name().is_some_and(|name| name == WORK_FOLDER) {
        folder.parent().unwrap_or(folder)
    } else {
        folder
    };
    named
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| folder.display().to_string())
}

/// A name safe as a folder name.
fn safe(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The student's `exercises-work/`: the folder itself, or inside it.
fn work_folder(folder: &Path) -> PathBuf {
    let inside = folder.join(WORK_FOLDER);
    if inside.is_dir() {
        inside
    } else {
        folder.to_path_buf()
    }
}

fn grade_student(
    workspace: &Workspace,
    exercises: &[Exercise],
    folder: &Path,
    scratch: &Path,
    limit: Duration,
) -> StudentRow {
    let student = student_name(folder);
    if !folder.is_dir() {
        let why = format!("no folder {}", folder.display());
        return StudentRow {
            student,
            grades: vec![Grade::Unreadable(why); exercises.len()],
        };
    }
    let work = work_folder(folder);
    let progress = State::load(&work);
    let grades = exercises
        .iter()
        .map(|exercise| {
            let lib = work.join(&exercise.id).join("src/lib.rs");
            let scratch = scratch.join(&exercise.id);
            let grade = grade_one(workspace, exercise, &lib, &scratch, limit);
            with_minutes(grade, progress.get(&exercise.id))
        })
        .collect();
    StudentRow { student, grades }
}

/// A pass gets the minutes the student's progress file measured, if any:
/// over a class, the sheet then says how long each exercise really takes.
fn with_minutes(grade: Grade, progress: Option<&Entry>) -> Grade {
    match grade {
        Grade::Passed { tests, .. } => Grade::Passed {
            tests,
            minutes: progress.and_then(Entry::minutes_to_solve),
        },
        other => other,
    }
}

fn grade_one(
    workspace: &Workspace,
    exercise: &Exercise,
    lib: &Path,
    scratch: &Path,
    limit: Duration,
) -> Grade {
    if !lib.exists() {
        return Grade::NotStarted;
    }
    let code = match std::fs::read(lib).map(String::from_utf8) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => return Grade::Unreadable("src/lib.rs is not UTF-8 text".to_string()),
        Err(error) => return Grade::Unreadable(format!("src/lib.rs: {error}")),
    };
    if let Err(error) = write_crate(exercise, scratch, Some(&code), Home::OwnWorkspace) {
        return Grade::Unreadable(format!("could not copy the work: {error}"));
    }
    match test_run::check(
        scratch,
        &workspace.exercises_target(),
        limit,
        Diagnostics::Keep,
    ) {
        Ok(outcome) => Grade::from_outcome(&outcome),
        Err(error) => Grade::Unreadable(error),
    }
}

/// `student,1.1,...,passed` then one line per student.
pub fn to_csv(exercises: &[Exercise], rows: &[StudentRow]) -> String {
    let mut csv = String::from("student");
    for exercise in exercises {
        csv.push_str(&format!(",{}", exercise.id));
    }
    csv.push_str(",passed\n");
    for row in rows {
        csv.push_str(&csv_field(&row.student));
        for grade in &row.grades {
            csv.push(',');
            csv.push_str(&csv_field(&grade.cell()));
        }
        csv.push_str(&format!(",{}\n", row.passed()));
    }
    csv
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The same sheet as a Markdown table, with how many passed each exercise.
pub fn to_markdown(exercises: &[Exercise], rows: &[StudentRow]) -> String {
    let mut table = String::from("| student |");
    let mut rule = String::from("|---|");
    for exercise in exercises {
        table.push_str(&format!(" {} |", exercise.id));
        rule.push_str("---|");
    }
    table.push_str(" passed |\n");
    rule.push_str("---|\n");
    table.push_str(&rule);
    for row in rows {
        table.push_str(&format!("| {} |", markdown_cell(&row.student)));
        for grade in &row.grades {
            table.push_str(&format!(" {} |", markdown_cell(&grade.cell())));
        }
        table.push_str(&format!(" {} of {} |\n", row.passed(), exercises.len()));
    }
    table.push_str("| passed by |");
    for index in 0..exercises.len() {
        let passed = rows
            .iter()
            .filter(|row| matches!(row.grades[index], Grade::Passed { .. }))
            .count();
        table.push_str(&format!(" {passed} of {} |", rows.len()));
    }
    table.push_str(" |\n");
    table.push_str("| median minutes |");
    for index in 0..exercises.len() {
        let mut minutes: Vec<u64> = rows
            .iter()
            .filter_map(|row| match row.grades[index] {
                Grade::Passed { minutes, .. } => minutes,
                _ => None,
            })
            .collect();
        minutes.sort_unstable();
        match minutes.get(minutes.len() / 2) {
            Some(median) => table.push_str(&format!(" {median} |")),
            None => table.push_str(" - |"),
        }
    }
    table.push_str(" |\n");
    table
}

fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::student::tests_column;

    #[test]
    fn a_student_is_named_after_the_folder_or_the_clone() {
        assert_eq!(student_name(Path::new("class/alice")), "alice");
        assert_eq!(student_name(Path::new("class/bob/exercises-work")), "bob");
    }

    #[test]
    fn cells_say_what_happened() {
        assert_eq!(
            Grade::Failing {
                passed: 1,
                tests: 3
            }
            .cell(),
            "failing (1 of 3)"
        );
        let timed = Grade::Passed {
            tests: 2,
            minutes: Some(12),
        };
        assert_eq!(timed.cell(), "passed (12 min)");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(tests_column(&Outcome::DoesNotCompile(String::new())), "-");
    }
}
