//! `cargo exercises`: the student's tool for the classroom exercises.
//!
//! Your work lives in `exercises-work/<id>/src/lib.rs` (git ignores the
//! folder, so `git pull` never touches it). The tool writes the starter there
//! on first use, runs the exercise's tests against it under a time limit,
//! hands out hints one at a time, keeps a backup of every version `reset`
//! replaces, and remembers in `exercises-work/state.txt` which exercises
//! passed and how many hints you have seen.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use exercises_tool::cli::{self, Command, USAGE};
use exercises_tool::progress::{State, back_up};
use exercises_tool::scratch::{fingerprint, work_cargo_config, write_crate, write_if_changed};
use exercises_tool::starter::starter_of;
use exercises_tool::test_run::{self, Diagnostics, Outcome, TestReport};
use exercises_tool::{Exercise, Workspace};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    let tool = Tool {
        workspace: Workspace::locate()?,
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Command::List => tool.list(),
        Command::Start(id) => tool.start(&tool.find(&id)?),
        Command::Check { id, time_limit } => tool.check(&tool.find(&id)?, time_limit),
        Command::Hint(id) => tool.hint(&tool.find(&id)?),
        Command::Reset(id) => tool.reset(&tool.find(&id)?),
        Command::Solution(id) => tool.solution(&tool.find(&id)?),
    }
}

/// The tool, working on one clone of the tutorial.
struct Tool {
    workspace: Workspace,
}

impl Tool {
    fn find(&self, id: &str) -> Result<Exercise, String> {
        self.workspace
            .find(id)
            .ok_or_else(|| format!("no exercise `{id}` (`cargo exercises list` shows them)"))
    }

    fn relative(&self, path: &std::path::Path) -> String {
        self.workspace.relative(path)
    }

    fn lib(&self, exercise: &Exercise) -> PathBuf {
        self.workspace.work_dir(exercise).join("src/lib.rs")
    }

    fn state(&self) -> State {
        State::load(&self.workspace.work_root())
    }

    /// Creates the exercise crate with the starter if it is not there yet,
    /// and refreshes everything in it but the student's `src/lib.rs`.
    fn prepare(&self, exercise: &Exercise) -> Result<PathBuf, String> {
        let dir = self.workspace.work_dir(exercise);
        let lib = self.lib(exercise);
        let starter = if lib.exists() {
            None
        } else {
            Some(starter_of(exercise)?)
        };
        write_crate(exercise, &dir, starter.as_deref())
            .map_err(|error| format!("could not write {}: {error}", self.relative(&dir)))?;
        self.write_work_cargo_config()?;
        Ok(lib)
    }

    /// The alias that makes `cargo exercises` work inside `exercises-work/`.
    fn write_work_cargo_config(&self) -> Result<(), String> {
        let config = self.workspace.work_root().join(".cargo/config.toml");
        let Some(text) = work_cargo_config(&self.workspace) else {
            // The tutorial's path has a space: `cargo exercises` then works
            // from the tutorial's root folder only.
            return Ok(());
        };
        std::fs::create_dir_all(config.parent().expect("in .cargo"))
            .and_then(|()| write_if_changed(&config, &text))
            .map_err(|error| format!("could not write {}: {error}", self.relative(&config)))
    }

    fn start(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        let already_started = self.lib(exercise).exists();
        let lib = self.prepare(exercise)?;
        println!("Exercise {}: {}", exercise.id, exercise.display_title());
        if already_started {
            println!(
                "  already started: your work in {} is kept as it is",
                self.relative(&lib)
            );
            println!(
                "  (to begin again from the starter: cargo exercises reset {}, which keeps a backup)",
                exercise.id
            );
        }
        println!("  edit    {}", self.relative(&lib));
        println!(
            "  read    the instructions in the book, \"Exercise {}\"",
            exercise.id
        );
        println!("  then    cargo exercises check {}", exercise.id);
        Ok(ExitCode::SUCCESS)
    }

    fn check(&self, exercise: &Exercise, limit: Duration) -> Result<ExitCode, String> {
        let lib = self.prepare(exercise)?;
        let dir = self.workspace.work_dir(exercise);
        let target = self.workspace.exercises_target();
        println!(
            "Checking exercise {} ({})",
            exercise.id,
            self.relative(&lib)
        );
        if test_run::is_cold(&target) {
            println!(
                "First check on this machine: compiling async-std and futures for the exercises \
                 first: this happens once and takes from a few seconds to a minute or two..."
            );
        }
        let outcome = test_run::check(&dir, &target, limit, Diagnostics::Show)?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        let passed = outcome.passed();
        entry.passed = passed.then(|| self.work_fingerprint(exercise));
        entry.tests = outcome
            .report()
            .map(|report| (report.passed(), report.all.len()));
        let hints_shown = entry.hints_shown;
        state.save()?;
        self.report(exercise, &outcome, limit);
        if passed {
            println!("\nExercise {} is done.", exercise.id);
            if let Some(next) = self.next_after(exercise) {
                println!("Next: cargo exercises start {}", next.id);
            }
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "\nExercise {} is not done yet. {}",
            exercise.id,
            self.hint_advice(exercise, hints_shown)
        );
        Ok(ExitCode::FAILURE)
    }

    /// What the run showed: each failure with its message, then the count.
    fn report(&self, exercise: &Exercise, outcome: &Outcome, limit: Duration) {
        let report = match outcome {
            Outcome::DoesNotCompile(_) => {
                println!(
                    "\nYour code does not compile yet: the compiler's messages are above \
                     (start with the first one)."
                );
                return;
            }
            Outcome::Finished(report) | Outcome::TimedOut(report) => report,
        };
        print_tests(report);
        if let Outcome::TimedOut(report) = outcome {
            println!(
                "\nStopped after {} s: these tests had not finished: {}",
                limit.as_secs(),
                report.unfinished().join(", ")
            );
            println!(
                "A test that never ends is usually a future that is never woken (no one calls \
                 its Waker, or a wake-up is lost before the thread parks) or blocking code in a \
                 task (std::thread::sleep, a loop that never awaits)."
            );
            println!(
                "If your machine is just slow: cargo exercises check {} --time-limit 120",
                exercise.id
            );
        }
    }

    /// Where to turn when stuck: the next hint, or the solution.
    fn hint_advice(&self, exercise: &Exercise, shown: usize) -> String {
        let total = exercise.hints().map_or(0, |hints| hints.len());
        if shown < total {
            format!(
                "Stuck? cargo exercises hint {} (hint {} of {total})",
                exercise.id,
                shown + 1
            )
        } else {
            format!(
                "You have seen every hint; the solution: cargo exercises solution {}",
                exercise.id
            )
        }
    }

    fn hint(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        self.prepare(exercise)?;
        let hints = exercise.hints()?;
        let mut state = self.state();
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

    /// Puts the starter back. The version it replaces is kept as the next
    /// numbered backup, so that two resets never lose anything.
    fn reset(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        let lib = self.prepare(exercise)?;
        let starter = starter_of(exercise)?;
        let current = std::fs::read_to_string(&lib).unwrap_or_default();
        if current != starter {
            let backups = self.workspace.work_dir(exercise).join("backups");
            let backup = back_up(&lib, &backups)?;
            println!(
                "Your previous version is kept in {}",
                self.relative(&backup)
            );
        }
        std::fs::write(&lib, &starter).map_err(|error| format!("{}: {error}", lib.display()))?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        entry.passed = None;
        entry.tests = None;
        state.save()?;
        println!("{} holds the starter again.", self.relative(&lib));
        Ok(ExitCode::SUCCESS)
    }

    fn solution(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        println!("The solution of exercise {}:", exercise.id);
        println!("  {}", self.relative(&exercise.solution_file()));
        println!("  or the book's appendix \"Solutions to the exercises\"");
        Ok(ExitCode::SUCCESS)
    }

    fn list(&self) -> Result<ExitCode, String> {
        let exercises = self.workspace.exercises();
        let state = self.state();
        let mut done = 0;
        for exercise in &exercises {
            let status = if !self.lib(exercise).exists() {
                "not started".to_string()
            } else if self.is_done(&state, exercise) {
                done += 1;
                "done".to_string()
            } else {
                self.not_done_status(&state, exercise)
            };
            println!(
                "{:<5} {:<48} {status}",
                exercise.id,
                exercise.display_title()
            );
        }
        println!("\n{done} of {} done.", exercises.len());
        if let Some(next) = exercises
            .iter()
            .find(|exercise| !self.is_done(&state, exercise))
        {
            println!(
                "Next: cargo exercises start {id}, then cargo exercises check {id}",
                id = next.id
            );
        }
        Ok(ExitCode::SUCCESS)
    }

    /// `not done (3 of 4 tests pass; next: hint 1 of 3)`.
    fn not_done_status(&self, state: &State, exercise: &Exercise) -> String {
        let entry = state.get(&exercise.id).cloned().unwrap_or_default();
        let total = exercise.hints().map_or(0, |hints| hints.len());
        let tests = entry
            .tests
            .map(|(passed, all)| format!("{passed} of {all} tests pass; "))
            .unwrap_or_default();
        if entry.hints_shown < total {
            format!(
                "not done ({tests}next: hint {} of {total})",
                entry.hints_shown + 1
            )
        } else {
            format!("not done ({tests}all {total} hints seen)")
        }
    }

    /// Done: the last check passed, and neither the student's file nor the
    /// tests changed since.
    fn is_done(&self, state: &State, exercise: &Exercise) -> bool {
        state
            .get(&exercise.id)
            .and_then(|entry| entry.passed)
            .is_some_and(|passed| passed == self.work_fingerprint(exercise))
    }

    fn next_after(&self, exercise: &Exercise) -> Option<Exercise> {
        let exercises = self.workspace.exercises();
        let state = self.state();
        let index = exercises.iter().position(|other| other == exercise)?;
        exercises[index + 1..]
            .iter()
            .find(|other| !self.is_done(&state, other))
            .cloned()
    }

    /// What was checked: the student's code together with the tests it
    /// passed. Editing either makes the exercise "not done" until the next
    /// check.
    fn work_fingerprint(&self, exercise: &Exercise) -> u64 {
        let lib = std::fs::read_to_string(self.lib(exercise)).unwrap_or_default();
        let tests = std::fs::read_to_string(exercise.tests_file()).unwrap_or_default();
        fingerprint(&format!("{lib}\u{0}{tests}"))
    }
}

/// One line per failing test with its message, indented.
fn print_tests(report: &TestReport) {
    for failure in report.failures() {
        println!("\nFAILED {}", failure.name);
        for line in failure.message.lines() {
            println!("    {line}");
        }
    }
    println!("\n{} of {} tests pass.", report.passed(), report.all.len());
}
