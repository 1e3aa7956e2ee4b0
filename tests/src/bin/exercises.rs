//! `cargo exercises`: the student's tool for the classroom exercises.
//!
//! Your work lives in `exercises-work/<id>/src/lib.rs` (git ignores the
//! folder, so `git pull` never touches it). The tool writes the starter there
//! on first use, runs the exercise's tests against it, hands out hints one at
//! a time and remembers, in `exercises-work/state.txt`, which exercises
//! passed and how many hints you have seen.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use tests::exercises::{
    Exercise, all_exercises, derive_starter, find, fingerprint, hints, write_crate,
};
use tests::{relative, target_dir, workspace_root};

const USAGE: &str = "usage: cargo exercises <command>
  list              every exercise: done, not done or not started
  start <id>        write the starter to exercises-work/<id>/src/lib.rs
  check <id>        run the tests of exercise <id> against your code
  hint <id>         show the next hint of exercise <id>
  reset <id>        put the starter back (your file is kept as lib.rs.bak)
  solution <id>     where the solution of exercise <id> is";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        ["list"] | [] => list(),
        [
            command @ ("start" | "check" | "hint" | "reset" | "solution"),
            id,
        ] => match find(id) {
            Some(exercise) => run(command, &exercise),
            None => usage_error(&format!(
                "no exercise `{id}` (`cargo exercises list` shows them)"
            )),
        },
        [command @ ("start" | "check" | "hint" | "reset" | "solution")] => usage_error(&format!(
            "`{command}` needs an exercise id, e.g. `{command} 2.1`"
        )),
        [other, ..] => usage_error(&format!("unexpected arguments starting at `{other}`")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

fn usage_error(message: &str) -> Result<ExitCode, String> {
    eprintln!("error: {message}\n{USAGE}");
    Ok(ExitCode::from(2))
}

fn run(command: &str, exercise: &Exercise) -> Result<ExitCode, String> {
    match command {
        "start" => start(exercise),
        "check" => check(exercise),
        "hint" => hint(exercise),
        "reset" => reset(exercise),
        _ => solution(exercise),
    }
}

/// The student's folder: `exercises-work/` at the workspace root.
fn work_root() -> PathBuf {
    workspace_root().join("exercises-work")
}

fn work_dir(exercise: &Exercise) -> PathBuf {
    work_root().join(&exercise.id)
}

fn starter(exercise: &Exercise) -> Result<String, String> {
    let solution = std::fs::read_to_string(exercise.solution_file())
        .map_err(|error| format!("{}: {error}", relative(&exercise.solution_file())))?;
    derive_starter(&solution)
}

/// Creates the exercise crate with the starter if it is not there yet, and
/// refreshes everything in it but the student's `src/lib.rs`.
fn prepare(exercise: &Exercise) -> Result<PathBuf, String> {
    let dir = work_dir(exercise);
    let lib = dir.join("src/lib.rs");
    let starter = if lib.exists() {
        None
    } else {
        Some(starter(exercise)?)
    };
    write_crate(exercise, &dir, starter.as_deref())
        .map_err(|error| format!("could not write {}: {error}", relative(&dir)))?;
    Ok(lib)
}

fn start(exercise: &Exercise) -> Result<ExitCode, String> {
    let lib = prepare(exercise)?;
    println!("Exercise {}: {}", exercise.id, title(exercise));
    println!("  edit    {}", relative(&lib));
    println!(
        "  read    the instructions in the book, \"Exercise {}\"",
        exercise.id
    );
    println!("  then    cargo exercises check {}", exercise.id);
    Ok(ExitCode::SUCCESS)
}

fn check(exercise: &Exercise) -> Result<ExitCode, String> {
    let lib = prepare(exercise)?;
    let dir = work_dir(exercise);
    println!("Checking exercise {} ({})", exercise.id, relative(&lib));
    let status = tests::exercises::cargo(&dir, &target_dir().join("exercises"))
        .args(["test", "--quiet"])
        .status()
        .map_err(|error| format!("could not start cargo: {error}"))?;
    let mut state = State::load();
    let entry = state.entry(&exercise.id);
    if status.success() {
        entry.passed = Some(work_fingerprint(exercise));
        state.save()?;
        println!("Exercise {} is done.", exercise.id);
        if let Some(next) = next_exercise(exercise) {
            println!("Next: cargo exercises start {}", next.id);
        }
        Ok(ExitCode::SUCCESS)
    } else {
        entry.passed = None;
        state.save()?;
        println!(
            "Exercise {} is not done yet. Stuck? cargo exercises hint {}",
            exercise.id, exercise.id
        );
        Ok(ExitCode::FAILURE)
    }
}

fn hint(exercise: &Exercise) -> Result<ExitCode, String> {
    prepare(exercise)?;
    let text = std::fs::read_to_string(exercise.hints_file())
        .map_err(|error| format!("{}: {error}", relative(&exercise.hints_file())))?;
    let hints = hints(&text)?;
    let mut state = State::load();
    let entry = state.entry(&exercise.id);
    let shown = (entry.hints_shown + 1).min(hints.len());
    entry.hints_shown = shown;
    state.save()?;
    println!(
        "Hint {shown} of {} for exercise {}:\n",
        hints.len(),
        exercise.id
    );
    println!("{}\n", hints[shown - 1]);
    if shown == hints.len() {
        println!(
            "That was the last hint. The solution: cargo exercises solution {}",
            exercise.id
        );
    } else {
        println!("Another hint: cargo exercises hint {}", exercise.id);
    }
    Ok(ExitCode::SUCCESS)
}

fn reset(exercise: &Exercise) -> Result<ExitCode, String> {
    let lib = prepare(exercise)?;
    let starter = starter(exercise)?;
    let current = std::fs::read_to_string(&lib).unwrap_or_default();
    if current != starter {
        let backup = lib.with_extension("rs.bak");
        std::fs::write(&backup, &current).map_err(|error| error.to_string())?;
        println!("Your previous version is in {}", relative(&backup));
    }
    std::fs::write(&lib, &starter).map_err(|error| error.to_string())?;
    let mut state = State::load();
    state.entry(&exercise.id).passed = None;
    state.save()?;
    println!("{} holds the starter again.", relative(&lib));
    Ok(ExitCode::SUCCESS)
}

fn solution(exercise: &Exercise) -> Result<ExitCode, String> {
    println!("The solution of exercise {}:", exercise.id);
    println!("  {}", relative(&exercise.solution_file()));
    println!("  or the book's appendix \"Solutions to the exercises\"");
    Ok(ExitCode::SUCCESS)
}

fn list() -> Result<ExitCode, String> {
    let exercises = all_exercises();
    let state = State::load();
    let mut done = 0;
    for exercise in &exercises {
        let status = if !work_dir(exercise).join("src/lib.rs").exists() {
            "not started".to_string()
        } else if is_done(&state, exercise) {
            done += 1;
            "done".to_string()
        } else {
            let shown = state.get(&exercise.id).map_or(0, |entry| entry.hints_shown);
            let total = std::fs::read_to_string(exercise.hints_file())
                .ok()
                .and_then(|text| hints(&text).ok())
                .map_or(0, |hints| hints.len());
            if shown < total {
                format!("not done (next: hint {} of {total})", shown + 1)
            } else {
                format!("not done (all {total} hints seen)")
            }
        };
        println!("{:<5} {:<48} {status}", exercise.id, title(exercise));
    }
    println!("\n{done} of {} done.", exercises.len());
    if let Some(next) = exercises.iter().find(|exercise| !is_done(&state, exercise)) {
        println!(
            "Next: cargo exercises start {id}, then cargo exercises check {id}",
            id = next.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Done: the last check passed, and neither the student's file nor the
/// tests changed since.
fn is_done(state: &State, exercise: &Exercise) -> bool {
    state
        .get(&exercise.id)
        .and_then(|entry| entry.passed)
        .is_some_and(|passed| passed == work_fingerprint(exercise))
}

fn title(exercise: &Exercise) -> String {
    exercise.title().unwrap_or_else(|| exercise.slug.clone())
}

fn next_exercise(exercise: &Exercise) -> Option<Exercise> {
    let exercises = all_exercises();
    let index = exercises.iter().position(|other| other == exercise)?;
    exercises.get(index + 1).cloned()
}

/// What was checked: the student's code together with the tests it passed.
/// Editing either makes the exercise "not done" until the next check.
fn work_fingerprint(exercise: &Exercise) -> u64 {
    let lib = std::fs::read_to_string(work_dir(exercise).join("src/lib.rs")).unwrap_or_default();
    let tests = std::fs::read_to_string(exercise.tests_file()).unwrap_or_default();
    fingerprint(&format!("{lib}\u{0}{tests}"))
}

/// The student's progress, one line per exercise in `exercises-work/state.txt`:
/// `<id> hints=<shown> passed=<fingerprint or ->`.
#[derive(Debug, Default)]
struct State {
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Default, Clone)]
struct Entry {
    hints_shown: usize,
    passed: Option<u64>,
}

impl State {
    fn file() -> PathBuf {
        work_root().join("state.txt")
    }

    /// The saved state; a missing or damaged file counts as no progress.
    fn load() -> Self {
        let text = std::fs::read_to_string(Self::file()).unwrap_or_default();
        let mut entries = BTreeMap::new();
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let Some(id) = words.next().filter(|id| !id.starts_with('#')) else {
                continue;
            };
            let mut entry = Entry::default();
            for word in words {
                match word.split_once('=') {
                    Some(("hints", n)) => entry.hints_shown = n.parse().unwrap_or(0),
                    Some(("passed", hash)) => entry.passed = hash.parse().ok(),
                    _ => {}
                }
            }
            entries.insert(id.to_string(), entry);
        }
        State { entries }
    }

    fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    fn entry(&mut self, id: &str) -> &mut Entry {
        self.entries.entry(id.to_string()).or_default()
    }

    fn save(&self) -> Result<(), String> {
        let mut text = String::from("# cargo exercises: your progress (safe to delete)\n");
        for (id, entry) in &self.entries {
            let passed = entry
                .passed
                .map_or("-".to_string(), |hash| hash.to_string());
            text.push_str(&format!(
                "{id} hints={} passed={passed}\n",
                entry.hints_shown
            ));
        }
        std::fs::create_dir_all(work_root()).map_err(|error| error.to_string())?;
        std::fs::write(Self::file(), text).map_err(|error| error.to_string())
    }
}
