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
//!
//! A command does its work and tells what happened, as values
//! ([`crate::messages::Said`]) given to `tell`; what the student reads, and
//! the exit code, are [`crate::messages`]' to decide.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::shown;
use crate::files;
pub use crate::messages::Asking;
use crate::messages::{Advice, NextStep, Row, Said, Status, describe, tests_column};
use crate::progress::{State, back_up, now};
use crate::scratch::{
    Home, exercise_cargo_config, fingerprint, work_cargo_config, work_manifest,
    write_below_if_changed, write_crate, write_crate_for,
};
use crate::starter::starter_of;
use crate::test_run::{self, Diagnostics, Outcome};
use crate::{Exercise, Workspace};

/// Where a command tells what it did (see [`crate::messages`]).
pub type Tell<'a> = &'a mut dyn FnMut(Said);

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
        files::refuse_links(&self.workspace.work_root(), path)
            .map_err(|error| error.to_string())
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
            write_crate(exercise, &dir, None, Home::ExercisesWork).map_err(
                |error| format!("could not write {}: {error}", self.relative(&dir)),
            )?;
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
        let could_not = |error: std::io::Error| {
            format!("could not write {}: {error}", self.relative(&dir))
        };
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
        let built = write_crate_for(
            exercise,
            &aside,
            &dir,
            Some(&starter),
            Home::ExercisesWork,
        )
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
            files::create_dir_below(
                &work,
                path.parent().expect("inside exercises-work"),
            )
            .and_then(|()| write_below_if_changed(&work, &path, text))
            .map_err(|error| {
                format!("could not write {}: {error}", self.relative(&path))
            })
        };
        let started: Vec<Exercise> = self
            .workspace
            .exercises()
            .into_iter()
            .filter(|exercise| self.is_complete(exercise))
            .collect();
        let ids: Vec<String> =
            started.iter().map(|exercise| exercise.id.clone()).collect();
        write(work.join("Cargo.toml"), &work_manifest(&ids))?;
        // Written once: cargo adds the started exercises to it.
        let lock = work.join("Cargo.lock");
        self.confined(&lock)?;
        if !lock.exists() {
            let tutorial_lock =
                std::fs::read_to_string(self.workspace.root().join("Cargo.lock"))
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

    pub fn start(&self, exercise: &Exercise, tell: Tell) -> Result<(), String> {
        let already_started = self.lib(exercise).exists();
        let lib = self.prepare(exercise)?;
        self.note_start(exercise)?;
        tell(Said::Started {
            id: exercise.id.clone(),
            title: exercise.display_title(),
            lib: self.relative(&lib),
            instructions: exercise.instructions_hint(),
            already_started,
        });
        Ok(())
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

    /// Checks the student's code and tells what came of it: the failures,
    /// then done, or not done with where to turn; after a passing `check`
    /// command, the next exercise. Whether it passed.
    pub fn check(
        &self,
        exercise: &Exercise,
        limit: Duration,
        asking: Asking,
        tell: Tell,
    ) -> Result<bool, String> {
        let outcome = self.run_check(exercise, limit, Diagnostics::Show, tell)?;
        let passed = outcome.passed();
        let next = match asking {
            Asking::Commands if passed => {
                self.next_after(exercise).map(|next| self.next_step(&next))
            }
            _ => None,
        };
        tell(Said::Checked {
            id: exercise.id.clone(),
            outcome,
            limit,
            advice: self.advice(exercise, asking),
            next,
        });
        Ok(passed)
    }

    /// Builds and tests the student's code, and records the outcome.
    pub fn run_check(
        &self,
        exercise: &Exercise,
        limit: Duration,
        diagnostics: Diagnostics,
        tell: Tell,
    ) -> Result<Outcome, String> {
        let lib = self.prepare(exercise)?;
        self.note_start(exercise)?;
        let target = self.workspace.exercises_target();
        if diagnostics == Diagnostics::Show {
            tell(Said::Checking {
                id: exercise.id.clone(),
                lib: self.relative(&lib),
                cold: test_run::is_cold(&target),
            });
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

    /// Every exercise checked, in one table.
    pub fn check_all(&self, limit: Duration, tell: Tell) -> Result<(), String> {
        let exercises = self.workspace.exercises();
        tell(Said::TableHead);
        let mut done = 0;
        for exercise in &exercises {
            let (result, tests) = if self.lib(exercise).exists() {
                let outcome =
                    self.run_check(exercise, limit, Diagnostics::Keep, tell)?;
                done += usize::from(outcome.passed());
                (describe(&outcome), tests_column(&outcome))
            } else {
                ("not started".to_string(), "-".to_string())
            };
            tell(Said::TableRow(Row {
                id: exercise.id.clone(),
                title: exercise.display_title(),
                result,
                tests: Some(tests),
            }));
        }
        tell(Said::TableEnd {
            done,
            total: exercises.len(),
        });
        Ok(())
    }

    /// Where to turn when stuck, asked for as the student asks where the
    /// advice is shown.
    pub fn advice(&self, exercise: &Exercise, asking: Asking) -> Advice {
        Advice {
            id: exercise.id.clone(),
            shown: self
                .state()
                .get(&exercise.id)
                .map_or(0, |entry| entry.hints_shown),
            total: exercise.hints().map_or(0, |hints| hints.len()),
            asking,
        }
    }

    pub fn hint(
        &self,
        exercise: &Exercise,
        asking: Asking,
        tell: Tell,
    ) -> Result<(), String> {
        self.prepare(exercise)?;
        let hints = exercise.hints()?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        let shown = (entry.hints_shown + 1).min(hints.len());
        entry.hints_shown = shown;
        state.save()?;
        tell(Said::Hint {
            id: exercise.id.clone(),
            shown,
            total: hints.len(),
            text: hints[shown - 1].clone(),
            asking,
        });
        Ok(())
    }

    /// Puts the starter back. The version it replaces is kept as the next
    /// numbered backup, so that two resets never lose anything.
    pub fn reset(&self, exercise: &Exercise, tell: Tell) -> Result<(), String> {
        let lib = self.prepare(exercise)?;
        let starter = starter_of(exercise)?;
        let work = self.workspace.work_root();
        let current = std::fs::read(&lib)
            .map_err(|error| format!("{}: {error}", self.relative(&lib)))?;
        if current != starter.as_bytes() {
            let backups = self.workspace.work_dir(exercise).join("backups");
            let backup = back_up(&work, &lib, &current, &backups)?;
            tell(Said::BackedUp {
                backup: self.relative(&backup),
            });
        }
        files::write_below(&work, &lib, starter.as_bytes())
            .map_err(|error| format!("{}: {error}", self.relative(&lib)))?;
        let mut state = self.state();
        let entry = state.entry(&exercise.id);
        entry.passed = None;
        entry.tests = None;
        state.save()?;
        tell(Said::Reset {
            lib: self.relative(&lib),
        });
        Ok(())
    }

    /// The solution opens once a check of the exercise has passed, or once
    /// the student has read the last hint: the struggle comes first.
    pub fn solution(
        &self,
        exercise: &Exercise,
        asking: Asking,
        tell: Tell,
    ) -> Result<(), String> {
        let entry = self.state().get(&exercise.id).cloned().unwrap_or_default();
        let total = exercise.hints().map_or(0, |hints| hints.len());
        if entry.first_pass.is_none() && entry.hints_shown < total {
            tell(Said::SolutionLocked {
                id: exercise.id.clone(),
                advice: self.advice(exercise, asking),
            });
        } else {
            tell(Said::Solution {
                id: exercise.id.clone(),
                file: self.relative(&exercise.solution_file()),
            });
        }
        Ok(())
    }

    pub fn list(&self, tell: Tell) -> Result<(), String> {
        if self.workspace.work_root().is_dir() {
            // Refreshes the cargo aliases, which a moved clone needs; a
            // problem there is for the commands that write to say.
            let _ = self.write_work_folder_files();
        }
        let state = self.state();
        let exercises = self.workspace.exercises();
        let statuses: Vec<Status> = exercises
            .iter()
            .map(|exercise| self.status(&state, exercise))
            .collect();
        let done = statuses
            .iter()
            .filter(|&status| *status == Status::Done)
            .count();
        let rows = exercises
            .iter()
            .zip(statuses)
            .map(|(exercise, status)| Row {
                id: exercise.id.clone(),
                title: exercise.display_title(),
                result: status.to_string(),
                tests: None,
            })
            .collect();
        tell(Said::Listed {
            rows,
            done,
            next: self.current().map(|next| self.next_step(&next)),
        });
        Ok(())
    }

    /// What to run next for an exercise not done yet: start it, or, once
    /// started, check it.
    fn next_step(&self, exercise: &Exercise) -> NextStep {
        let lib = self.lib(exercise);
        NextStep {
            id: exercise.id.clone(),
            lib: lib.exists().then(|| self.relative(&lib)),
        }
    }

    /// Where an exercise stands, for `list`.
    fn status(&self, state: &State, exercise: &Exercise) -> Status {
        if !self.lib(exercise).exists() {
            return Status::NotStarted;
        }
        if self.is_done(state, exercise) {
            return Status::Done;
        }
        let entry = state.get(&exercise.id).cloned().unwrap_or_default();
        Status::NotDone {
            tests: entry.tests,
            hints_shown: entry.hints_shown,
            hints: exercise.hints().map_or(0, |hints| hints.len()),
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
        let lib = files::read_below(&self.workspace.work_root(), &self.lib(exercise))
            .unwrap_or_default();
        let tests = std::fs::read_to_string(exercise.tests_file()).unwrap_or_default();
        fingerprint(&format!("{lib}\u{0}{tests}"))
    }
}
