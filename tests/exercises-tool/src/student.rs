//! The student's commands: list, start, check, hint, reset, solution.
//!
//! Your work lives in `exercises-work/<id>/src/lib.rs` (git ignores the
//! folder, so `git pull` never touches it). The tool writes the starter there
//! on first use, runs the exercise's tests against it under a time limit,
//! hands out hints one at a time, keeps a backup of every version `reset`
//! replaces, and remembers in `exercises-work/state.txt` which exercises
//! passed and how many hints you have seen.
//!
//! Nothing is ever half-written: each file is replaced whole or not at all,
//! a new exercise crate is built aside and moved in complete, and no
//! symbolic link inside `exercises-work/` is followed ([`crate::files`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::shown;
use crate::files;
use crate::progress::{State, back_up, now};
use crate::scratch::{
    Home, exercise_cargo_config, fingerprint, work_cargo_config, work_manifest,
    write_below_if_changed, write_crate, write_crate_for,
};
use crate::starter::starter_of;
use crate::test_run::{self, Diagnostics, Outcome, TestReport};
use crate::{Exercise, Workspace};

/// The tool, working on one clone of the tutorial.
#[derive(Debug)]
pub struct Tool {
    pub workspace: Workspace,
}

impl Tool {
    pub fn find(&self, id: &str) -> Result<Exercise, String> {
        self.workspace.find(id).ok_or_else(|| {
            format!(
                "no exercise `{}` (`cargo exercises list` shows them)",
                shown(id)
            )
        })
    }

    /// Refuses, in one line naming it, a path that goes through a symbolic
    /// link inside `exercises-work/`.
    pub fn confined(&self, path: &Path) -> Result<(), String> {
        files::refuse_links(&self.workspace.work_root(), path).map_err(|error| error.to_string())
    }

    /// Whether the exercise's crate is complete: its `Cargo.toml` and the
    /// student's `src/lib.rs` are there, real files both.
    fn is_complete(&self, exercise: &Exercise) -> bool {
        let work = self.workspace.work_root();
        let dir = self.workspace.work_dir(exercise);
        files::is_file_below(&work, &dir.join("Cargo.toml"))
            && files::is_file_below(&work, &self.lib(exercise))
    }

    pub fn relative(&self, path: &Path) -> String {
        self.workspace.relative(path)
    }

    /// The student's file for an exercise.
    pub fn lib(&self, exercise: &Exercise) -> PathBuf {
        self.workspace.work_dir(exercise).join("src/lib.rs")
    }

    pub fn state(&self) -> State {
        State::load(&self.workspace.work_root())
    }

    /// Creates the exercise crate with the starter if it is not there yet,
    /// and refreshes everything in it but the student's `src/lib.rs`.
    pub fn prepare(&self, exercise: &Exercise) -> Result<PathBuf, String> {
        let dir = self.workspace.work_dir(exercise);
        let lib = self.lib(exercise);
        // Both checked before anything is written: a command refused for a
        // link has changed nothing.
        self.confined(&lib)?;
        self.confined(&self.workspace.work_root().join("state.txt"))?;
        if lib.exists() {
            write_crate(exercise, &dir, None, Home::ExercisesWork)
                .map_err(|error| format!("could not write {}: {error}", self.relative(&dir)))?;
        } else {
            self.create_crate(exercise)?;
        }
        self.write_work_folder_files()?;
        Ok(lib)
    }

    /// A new exercise crate with the starter. It is built in a hidden folder
    /// beside (`exercises-work/.starting-<id>`) and moved in by one rename
    /// when complete: a full disk or a Ctrl-C midway never leaves a
    /// half-made crate where cargo and the editor look (one used to make
    /// every later check say "does not compile").
    fn create_crate(&self, exercise: &Exercise) -> Result<(), String> {
        let work = self.workspace.work_root();
        let dir = self.workspace.work_dir(exercise);
        let starter = starter_of(exercise)?;
        let could_not =
            |error: std::io::Error| format!("could not write {}: {error}", self.relative(&dir));
        if std::fs::symlink_metadata(&dir).is_ok() {
            // A folder without `src/lib.rs` (deleted by the student, or left
            // by an older tool): completed in place, `lib.rs` last.
            return write_crate(exercise, &dir, Some(&starter), Home::ExercisesWork)
                .map_err(could_not);
        }
        let aside = work.join(format!(".starting-{}", exercise.id));
        files::create_dir_below(&work, &work).map_err(could_not)?;
        // What an interrupted start left; `remove_dir_all` removes a link
        // itself, never what it points to.
        if std::fs::symlink_metadata(&aside).is_ok() {
            std::fs::remove_dir_all(&aside).map_err(could_not)?;
        }
        let built = write_crate_for(exercise, &aside, &dir, Some(&starter), Home::ExercisesWork)
            .and_then(|()| std::fs::rename(&aside, &dir));
        if let Err(error) = built {
            let _ = std::fs::remove_dir_all(&aside);
            return Err(could_not(error));
        }
        Ok(())
    }

    /// The files that make `exercises-work/` one cargo workspace of the
    /// started exercises (so that an editor's rust-analyzer, opened on the
    /// tutorial, finds and checks them) and let `cargo exercises` work in it.
    /// Only complete crates are members: a folder without `src/lib.rs`
    /// would stop cargo from loading the workspace at all. Each started
    /// exercise also gets the `cargo exercises` alias for its own folder.
    fn write_work_folder_files(&self) -> Result<(), String> {
        let work = self.workspace.work_root();
        let write = |path: PathBuf, text: &str| {
            files::create_dir_below(&work, path.parent().expect("inside exercises-work"))
                .and_then(|()| write_below_if_changed(&work, &path, text))
                .map_err(|error| format!("could not write {}: {error}", self.relative(&path)))
        };
        let started: Vec<Exercise> = self
            .workspace
            .exercises()
            .into_iter()
            .filter(|exercise| self.is_complete(exercise))
            .collect();
        let ids: Vec<String> = started.iter().map(|exercise| exercise.id.clone()).collect();
        write(work.join("Cargo.toml"), &work_manifest(&ids))?;
        // Written once: cargo adds the started exercises to it.
        let lock = work.join("Cargo.lock");
        self.confined(&lock)?;
        if !lock.exists() {
            let tutorial_lock = std::fs::read_to_string(self.workspace.root().join("Cargo.lock"))
                .map_err(|error| format!("could not read Cargo.lock: {error}"))?;
            write(lock, &tutorial_lock)?;
        }
        write(work.join(".cargo/config.toml"), &work_cargo_config())?;
        for exercise in &started {
            let config = self.workspace.work_dir(exercise).join(".cargo/config.toml");
            write(config, &exercise_cargo_config())?;
        }
        Ok(())
    }

    pub fn start(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        let already_started = self.lib(exercise).exists();
        let lib = self.prepare(exercise)?;
        self.note_start(exercise)?;
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
        println!("  read    {}", exercise.instructions_hint());
        println!("  then    cargo exercises check {}", exercise.id);
        Ok(ExitCode::SUCCESS)
    }

    /// Remembers when the student first started an exercise: with the time
    /// of the first passing check, that measures how long it took.
    fn note_start(&self, exercise: &Exercise) -> Result<(), String> {
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        if entry.started.is_none() {
            entry.started = Some(now());
            state.save()?;
        }
        Ok(())
    }

    pub fn check(&self, exercise: &Exercise, limit: Duration) -> Result<ExitCode, String> {
        if !self.check_and_tell(exercise, limit, Asking::Commands)? {
            return Ok(ExitCode::FAILURE);
        }
        if let Some(next) = self.next_after(exercise) {
            println!("Next: {}", self.next_command(&next));
        }
        Ok(ExitCode::SUCCESS)
    }

    /// Checks the student's code and says what came of it: the failures,
    /// then done, or not done with where to turn. Whether it passed.
    pub fn check_and_tell(
        &self,
        exercise: &Exercise,
        limit: Duration,
        asking: Asking,
    ) -> Result<bool, String> {
        let outcome = self.run_check(exercise, limit, Diagnostics::Show)?;
        self.report(exercise, &outcome, limit);
        if outcome.passed() {
            println!("\nExercise {} is done.", exercise.id);
        } else {
            println!(
                "\nExercise {} is not done yet. {}",
                exercise.id,
                self.hint_advice(exercise, asking)
            );
        }
        Ok(outcome.passed())
    }

    /// Builds and tests the student's code, and records the outcome.
    pub fn run_check(
        &self,
        exercise: &Exercise,
        limit: Duration,
        diagnostics: Diagnostics,
    ) -> Result<Outcome, String> {
        let lib = self.prepare(exercise)?;
        self.note_start(exercise)?;
        let target = self.workspace.exercises_target();
        if diagnostics == Diagnostics::Show {
            println!(
                "Checking exercise {} ({})",
                exercise.id,
                self.relative(&lib)
            );
            if test_run::is_cold(&target) {
                println!(
                    "First check on this machine: compiling async-std and futures for the \
                     exercises first: this happens once and takes from a few seconds to a \
                     minute or two"
                );
            }
        }
        let dir = self.workspace.work_dir(exercise);
        let outcome = test_run::check(&dir, &target, limit, diagnostics)?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        entry.passed = outcome.passed().then(|| self.work_fingerprint(exercise));
        entry.tests = outcome
            .report()
            .map(|report| (report.passed(), report.all.len()));
        if outcome.passed() && entry.first_pass.is_none() {
            entry.first_pass = Some(now());
        }
        state.save()?;
        Ok(outcome)
    }

    /// What the run showed: each failure with its message, then the count.
    pub fn report(&self, exercise: &Exercise, outcome: &Outcome, limit: Duration) {
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

    /// Every exercise checked, in one table; exit code 0 when all pass.
    pub fn check_all(&self, limit: Duration) -> Result<ExitCode, String> {
        let exercises = self.workspace.exercises();
        println!("{:<5} {:<48} {:<18} tests", "id", "exercise", "result");
        let mut done = 0;
        for exercise in &exercises {
            let (result, tests) = if self.lib(exercise).exists() {
                let outcome = self.run_check(exercise, limit, Diagnostics::Keep)?;
                done += usize::from(outcome.passed());
                (describe(&outcome), tests_column(&outcome))
            } else {
                ("not started".to_string(), "-".to_string())
            };
            println!(
                "{:<5} {:<48} {:<18} {tests}",
                exercise.id,
                exercise.display_title(),
                result
            );
        }
        println!("\n{done} of {} done.", exercises.len());
        Ok(if done == exercises.len() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    }

    /// Where to turn when stuck: the next hint, or the solution, asked for
    /// as the student asks where the advice is shown.
    pub fn hint_advice(&self, exercise: &Exercise, asking: Asking) -> String {
        let shown = self
            .state()
            .get(&exercise.id)
            .map_or(0, |entry| entry.hints_shown);
        let total = exercise.hints().map_or(0, |hints| hints.len());
        if shown < total {
            format!(
                "Stuck? {} (hint {} of {total})",
                asking.for_hint(exercise),
                shown + 1
            )
        } else {
            format!(
                "You have seen every hint; the solution: {}",
                asking.for_solution(exercise)
            )
        }
    }

    pub fn hint(&self, exercise: &Exercise, asking: Asking) -> Result<ExitCode, String> {
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
                "That was the last hint. The solution: {}",
                asking.for_solution(exercise)
            );
        } else {
            println!("Another hint: {}", asking.for_hint(exercise));
        }
        Ok(ExitCode::SUCCESS)
    }

    /// Puts the starter back. The version it replaces is kept as the next
    /// numbered backup, so that two resets never lose anything.
    pub fn reset(&self, exercise: &Exercise) -> Result<ExitCode, String> {
        let lib = self.prepare(exercise)?;
        let starter = starter_of(exercise)?;
        let work = self.workspace.work_root();
        let current =
            std::fs::read(&lib).map_err(|error| format!("{}: {error}", self.relative(&lib)))?;
        if current != starter.as_bytes() {
            let backups = self.workspace.work_dir(exercise).join("backups");
            let backup = back_up(&work, &lib, &current, &backups)?;
            println!(
                "Your previous version is kept in {}",
                self.relative(&backup)
            );
        }
        files::write_below(&work, &lib, starter.as_bytes())
            .map_err(|error| format!("{}: {error}", self.relative(&lib)))?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        entry.passed = None;
        entry.tests = None;
        state.save()?;
        println!("{} holds the starter again.", self.relative(&lib));
        Ok(ExitCode::SUCCESS)
    }

    /// The solution opens once a check of the exercise has passed, or once
    /// the student has read the last hint: the struggle comes first.
    pub fn solution(&self, exercise: &Exercise, asking: Asking) -> Result<ExitCode, String> {
        let entry = self.state().get(&exercise.id).cloned().unwrap_or_default();
        let total = exercise.hints().map_or(0, |hints| hints.len());
        if entry.first_pass.is_none() && entry.hints_shown < total {
            println!(
                "The solution of exercise {} opens once your check of it passes, or after the \
                 last hint.",
                exercise.id
            );
            println!("{}", self.hint_advice(exercise, asking));
            return Ok(ExitCode::FAILURE);
        }
        println!("The solution of exercise {}:", exercise.id);
        println!("  {}", self.relative(&exercise.solution_file()));
        println!("  or the book's appendix \"Solutions to the exercises\"");
        Ok(ExitCode::SUCCESS)
    }

    pub fn list(&self) -> Result<ExitCode, String> {
        if self.workspace.work_root().is_dir() {
            // Refreshes the cargo aliases, which a moved clone needs; a
            // problem there is for the commands that write to say.
            let _ = self.write_work_folder_files();
        }
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
        if let Some(next) = self.current() {
            println!("Next: {}", self.next_command(&next));
        }
        Ok(ExitCode::SUCCESS)
    }

    /// What to run next for an exercise not done yet: start it, or, once
    /// started, check it.
    fn next_command(&self, exercise: &Exercise) -> String {
        let id = &exercise.id;
        if self.lib(exercise).exists() {
            format!(
                "edit {}, then cargo exercises check {id}",
                self.relative(&self.lib(exercise))
            )
        } else {
            format!("cargo exercises start {id}, then cargo exercises check {id}")
        }
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
    pub fn is_done(&self, state: &State, exercise: &Exercise) -> bool {
        state
            .get(&exercise.id)
            .and_then(|entry| entry.passed)
            .is_some_and(|passed| passed == self.work_fingerprint(exercise))
    }

    /// The first exercise not done yet, in course order.
    pub fn current(&self) -> Option<Exercise> {
        let state = self.state();
        self.workspace
            .exercises()
            .into_iter()
            .find(|exercise| !self.is_done(&state, exercise))
    }

    /// The first exercise after this one that is not done yet.
    pub fn next_after(&self, exercise: &Exercise) -> Option<Exercise> {
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
        let lib =
            files::read_below(&self.workspace.work_root(), &self.lib(exercise)).unwrap_or_default();
        let tests = std::fs::read_to_string(exercise.tests_file()).unwrap_or_default();
        fingerprint(&format!("{lib}\u{0}{tests}"))
    }
}

/// How the student asks for a hint or the solution: by command, or, in
/// `watch`, by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    Commands,
    Keys,
}

impl Asking {
    fn for_hint(self, exercise: &Exercise) -> String {
        match self {
            Asking::Commands => format!("cargo exercises hint {}", exercise.id),
            Asking::Keys => "press h then Enter".to_string(),
        }
    }

    fn for_solution(self, exercise: &Exercise) -> String {
        match self {
            Asking::Commands => format!("cargo exercises solution {}", exercise.id),
            Asking::Keys => "press s then Enter".to_string(),
        }
    }
}

/// One word or two for an outcome: `done`, `failing`, `timed out`, ...
pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Finished(_) if outcome.passed() => "done",
        Outcome::Finished(_) => "failing",
        Outcome::TimedOut(_) => "timed out",
        Outcome::DoesNotCompile(_) => "does not compile",
    }
    .to_string()
}

/// `3 of 4`, or `-` when nothing ran.
pub fn tests_column(outcome: &Outcome) -> String {
    outcome.report().map_or("-".to_string(), |report| {
        format!("{} of {}", report.passed(), report.all.len())
    })
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
