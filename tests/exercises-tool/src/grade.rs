//! `cargo exercises grade DIR...`: the teacher's sheet over a class.
//!
//! Each folder is one student's work: an `exercises-work/` folder, or a
//! clone of the tutorial that holds one. For every exercise graded, the
//! student's `src/lib.rs` (read as untrusted: a regular file inside their
//! folder, capped) is built and tested beside the teacher's own tests, in a
//! sandbox (see [`crate::sandbox`] and [`crate::grade_kit`]), and the
//! harness decides each test's verdict (see [`crate::verdict`]). Whatever
//! is wrong with one student's work (a missing folder, an unreadable file,
//! code that does not compile or never ends, a forged report) becomes a
//! cell in the sheet, never a stop of the run.
//!
//! Mistakes of the teacher's (an unknown exercise, an `--out` that cannot
//! be written) are reported before anyone is graded; the sheets are written
//! once at the start and again after every student.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::grade_kit::{Kit, Limits, StudentFolder};
use crate::grade_sheet::{Grade, Sheet, StudentRow, plain_text, today, write_whole};
use crate::progress::{Entry, State};
use crate::sandbox::Sandbox;
use crate::untrusted;
use crate::workspace::WORK_FOLDER;
use crate::{Exercise, Workspace};

/// The flag that grades without a sandbox; its name says the risk.
pub const UNSANDBOXED_FLAG: &str = "--unsandboxed-i-trust-these-students";

/// What `grade` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRequest {
    pub folders: Vec<PathBuf>,
    pub limits: Limits,
    /// The sheets' name: `<out>.csv` and `<out>.md`.
    pub out: PathBuf,
    /// `1.1,1.2` or a step, `2`; every exercise when `None`.
    pub exercises: Option<String>,
    /// Grade without a sandbox where none can be made.
    pub unsandboxed: bool,
}

pub fn grade(
    workspace: &Workspace,
    request: &GradeRequest,
) -> Result<ExitCode, String> {
    let exercises = match select(workspace.exercises(), request.exercises.as_deref()) {
        Ok(exercises) => exercises,
        Err(message) => return Ok(usage_error(&message)),
    };
    let sheet = Sheet {
        date: today(),
        commit: commit(workspace.root()),
        exercises: &exercises,
    };
    // An `--out` that cannot be written is found now, not after hours.
    if let Err(message) = write_sheets(&sheet, &request.out, &[]) {
        return Ok(usage_error(&format!("--out: {message}")));
    }
    let sandbox = match Sandbox::detect() {
        Ok(sandbox) => sandbox,
        Err(why) if request.unsandboxed => {
            eprintln!(
                "warning: {why}\nwarning: grading WITHOUT a sandbox, as you asked: each student's code runs with your rights"
            );
            Sandbox::Unconfined
        }
        Err(why) => {
            return Err(format!(
                "{why}.\n`grade` runs every student's code, at build time too; without a sandbox it \
                 would run with your rights, reading and writing your files. Install bubblewrap, \
                 or grade in a throw-away account or machine with {UNSANDBOXED_FLAG}."
            ));
        }
    };
    let grading = workspace.exercises_target().join("grading");
    eprintln!("preparing the exercises' crates and building the runtime (once)");
    let kit = Kit::prepare(&grading, &exercises, sandbox, request.limits)?;
    let mut rows = Vec::new();
    for (number, folder) in request.folders.iter().enumerate() {
        // Folder names are the students': shown as plain text, so that
        // one cannot rewrite the teacher's terminal.
        let (name, path) = (student_name(folder), folder.display().to_string());
        eprintln!("grading {} ({})", plain_text(&name), plain_text(&path));
        rows.push(grade_student(&kit, number, folder));
        write_sheets(&sheet, &request.out, &rows)?;
    }
    println!("{}", sheet.markdown(&rows));
    println!(
        "Written: {} and {}",
        request.out.with_extension("csv").display(),
        request.out.with_extension("md").display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The one-line error and the usage, exit code 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{}", crate::cli::GRADE_USAGE);
    ExitCode::from(2)
}

/// Both sheets, written whole.
fn write_sheets(sheet: &Sheet, out: &Path, rows: &[StudentRow]) -> Result<(), String> {
    write_whole(&out.with_extension("csv"), &sheet.csv(rows))?;
    write_whole(&out.with_extension("md"), &sheet.markdown(rows))
}

/// The exercises `--exercises` names: ids (`1.1,1.2`) or steps (`2`).
pub fn select(
    all: Vec<Exercise>,
    wanted: Option<&str>,
) -> Result<Vec<Exercise>, String> {
    let Some(wanted) = wanted else {
        return Ok(all);
    };
    let items: Vec<&str> = wanted.split(',').map(str::trim).collect();
    for item in &items {
        let known = all.iter().any(|exercise| {
            exercise.id == *item || exercise.order().0.to_string() == *item
        });
        if !known {
            return Err(format!("--exercises: no exercise or step `{item}`"));
        }
    }
    Ok(all
        .into_iter()
        .filter(|exercise| {
            let step = exercise.order().0.to_string();
            items
                .iter()
                .any(|item| *item == exercise.id || *item == step)
        })
        .collect())
}

/// The commit graded, and whether the exercises have local changes.
fn commit(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let Some(head) = git(&["rev-parse", "--short=12", "HEAD"]) else {
        return "unknown (not a git clone)".to_string();
    };
    let changes = git(&[
        "status",
        "--porcelain",
        "--",
        "step*/exercises",
        "tests/exercises-tool",
    ]);
    match changes {
        Some(changes) if !changes.is_empty() => format!("{head} with local changes"),
        _ => head,
    }
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

/// The student's folder, resolved, or why it is not graded: missing, or a
/// symbolic link (as the folder or as its `exercises-work/`), which an
/// archive can carry to make one student's folder another's, or the
/// teacher's own.
fn student_root(folder: &Path) -> Result<PathBuf, String> {
    // Without a trailing `/`, which would make the system follow a link.
    let folder: PathBuf = folder.components().collect();
    let is_link = |path: &Path| {
        std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
    };
    for path in [folder.clone(), folder.join(WORK_FOLDER)] {
        if is_link(&path) {
            return Err(format!(
                "not graded: {} is a symbolic link; grade the folder it points to, by its own name",
                path.display()
            ));
        }
    }
    match folder.canonicalize() {
        Ok(root) if root.is_dir() => Ok(root),
        _ => Err(format!("no folder {}", folder.display())),
    }
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

fn grade_student(kit: &Kit, number: usize, folder: &Path) -> StudentRow {
    let student = student_name(folder);
    let root = match student_root(folder) {
        Ok(root) => root,
        Err(why) => {
            return StudentRow {
                student,
                grades: Err(why),
            };
        }
    };
    let scratch = match kit.student_folder(number) {
        Ok(scratch) => scratch,
        Err(why) => {
            return StudentRow {
                student,
                grades: Err(why),
            };
        }
    };
    let work = work_folder(&root);
    let progress = load_progress(&root, &work, &scratch);
    let grades = kit
        .ids()
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let lib = work.join(id).join("src/lib.rs");
            match std::fs::symlink_metadata(&lib) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    return Grade::NotStarted;
                }
                Err(error) => {
                    let shown = lib.strip_prefix(&root).unwrap_or(&lib);
                    return Grade::Unreadable(format!("{}: {error}", shown.display()));
                }
                Ok(_) => {}
            }
            match untrusted::read_text(&root, &lib) {
                Ok(code) => {
                    with_minutes(kit.grade(index, &scratch, &code), progress.get(id))
                }
                Err(why) => Grade::Unreadable(why),
            }
        })
        .collect();
    StudentRow {
        student,
        grades: Ok(grades),
    }
}

/// The student's progress file, read as untrusted into their scratch
/// folder and loaded from there; none when it cannot be read.
fn load_progress(root: &Path, work: &Path, scratch: &StudentFolder) -> State {
    let copy = scratch.path().join("progress");
    let text = untrusted::read_text(root, &work.join("state.txt")).unwrap_or_default();
    if std::fs::create_dir_all(&copy).is_err()
        || std::fs::write(copy.join("state.txt"), text).is_err()
    {
        return State::default();
    }
    State::load(&copy)
}

/// A pass gets the minutes the student's progress file measured, if any:
/// over a class, the sheet then says how long each exercise really takes.
/// (The file is the student's: the minutes are theirs to claim.)
fn with_minutes(grade: Grade, progress: Option<&Entry>) -> Grade {
    match grade {
        Grade::Passed { tests, .. } => Grade::Passed {
            tests,
            minutes: progress.and_then(Entry::minutes_to_solve),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_student_is_named_after_the_folder_or_the_clone() {
        assert_eq!(student_name(Path::new("class/alice")), "alice");
        assert_eq!(student_name(Path::new("class/bob/exercises-work")), "bob");
    }

    #[test]
    fn exercises_are_chosen_by_id_or_by_step() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(2)
            .expect("the tutorial");
        let workspace = Workspace::at(root);
        let ids = |wanted: &str| -> Result<Vec<String>, String> {
            let chosen = select(workspace.exercises(), Some(wanted))?;
            Ok(chosen.into_iter().map(|exercise| exercise.id).collect())
        };
        assert_eq!(ids("1.1,1.2").unwrap(), ["1.1", "1.2"]);
        assert_eq!(ids("2").unwrap(), ["2.1", "2.2", "2.3"]);
        assert!(ids("9.9").unwrap_err().contains("`9.9`"));
    }
}
