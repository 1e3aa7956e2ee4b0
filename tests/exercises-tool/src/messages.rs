//! What the student's commands say. A command of [`crate::student`] does
//! its work and tells what happened as a [`Said`], a value; [`Teller`]
//! prints it and picks the exit code. So the words live here, all of them,
//! and a command's logic never prints.

use std::process::ExitCode;
use std::time::Duration;

use crate::test_run::{Outcome, TestReport};

/// How the student asks for a hint or the solution: by command, or, in
/// `watch`, by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    Commands,
    Keys,
}

impl Asking {
    fn for_hint(self, id: &str) -> String {
        match self {
            Asking::Commands => format!("cargo exercises hint {id}"),
            Asking::Keys => "press h then Enter".to_string(),
        }
    }

    fn for_solution(self, id: &str) -> String {
        match self {
            Asking::Commands => format!("cargo exercises solution {id}"),
            Asking::Keys => "press s then Enter".to_string(),
        }
    }
}

/// Where a student stuck on exercise `id` can turn: the next hint, or, all
/// hints seen, the solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub id: String,
    /// How many hints the student has seen.
    pub shown: usize,
    /// How many the exercise has.
    pub total: usize,
    pub asking: Asking,
}

impl std::fmt::Display for Advice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.shown < self.total {
            write!(
                f,
                "Stuck? {} (hint {} of {})",
                self.asking.for_hint(&self.id),
                self.shown + 1,
                self.total
            )
        } else {
            write!(
                f,
                "You have seen every hint; the solution: {}",
                self.asking.for_solution(&self.id)
            )
        }
    }
}

/// What to run next for an exercise not done yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub id: String,
    /// The student's file, once the exercise is started.
    pub lib: Option<String>,
}

impl std::fmt::Display for NextStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = &self.id;
        match &self.lib {
            Some(lib) => write!(f, "edit {lib}, then cargo exercises check {id}"),
            None => write!(
                f,
                "cargo exercises start {id}, then cargo exercises check {id}"
            ),
        }
    }
}

/// Where an exercise stands, as `list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    Done,
    /// Started, not done: the tests of the last check, and the hints.
    NotDone {
        tests: Option<(usize, usize)>,
        hints_shown: usize,
        hints: usize,
    },
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::NotStarted => write!(f, "not started"),
            Status::Done => write!(f, "done"),
            Status::NotDone {
                tests,
                hints_shown,
                hints,
            } => {
                let tests = tests
                    .map(|(passed, all)| format!("{passed} of {all} tests pass; "))
                    .unwrap_or_default();
                if hints_shown < hints {
                    write!(
                        f,
                        "not done ({tests}next: hint {} of {hints})",
                        hints_shown + 1
                    )
                } else {
                    write!(f, "not done ({tests}all {hints} hints seen)")
                }
            }
        }
    }
}

/// One row of `list` or `check --all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: String,
    /// `done`, `failing`, `not started`, `not done (...)`.
    pub result: String,
    /// `3 of 4` or `-`; `list` has no such column.
    pub tests: Option<String>,
}

/// What a command did, for [`Teller`] to say.
#[derive(Debug)]
pub enum Said {
    /// `start`: the exercise's crate is ready (or was already).
    Started {
        id: String,
        title: String,
        lib: String,
        instructions: String,
        already_started: bool,
    },
    /// A check begins (said before the tests run, which may take a while).
    Checking { id: String, lib: String, cold: bool },
    /// A check ended: what ran, then done or not, and what comes next.
    Checked {
        id: String,
        outcome: Outcome,
        limit: Duration,
        /// Where to turn, when the check did not pass.
        advice: Advice,
        /// The next exercise, after a passing `check` command.
        next: Option<NextStep>,
    },
    /// `check --all` begins its table.
    TableHead,
    /// One exercise of `check --all`.
    TableRow(Row),
    /// `check --all` is over: how many of how many are done.
    TableEnd { done: usize, total: usize },
    /// `hint`: hint `shown` of `total`.
    Hint {
        id: String,
        shown: usize,
        total: usize,
        text: String,
        asking: Asking,
    },
    /// `reset` kept the student's version here before replacing it.
    BackedUp { backup: String },
    /// `reset` put the starter back in `lib`.
    Reset { lib: String },
    /// `solution` before a passing check or the last hint.
    SolutionLocked { id: String, advice: Advice },
    /// `solution`: where it is.
    Solution { id: String, file: String },
    /// `list`.
    Listed {
        rows: Vec<Row>,
        done: usize,
        next: Option<NextStep>,
    },
}

/// Says what commands did, and remembers the exit code it means: 0 unless
/// something said is "not done" (a failing check, a table with exercises
/// left, a solution not open yet).
#[derive(Debug, Default)]
pub struct Teller {
    not_done: bool,
}

impl Teller {
    /// Prints what `said` says.
    pub fn tell(&mut self, said: Said) {
        self.not_done |= match &said {
            Said::Checked { outcome, .. } => !outcome.passed(),
            Said::TableEnd { done, total } => done != total,
            Said::SolutionLocked { .. } => true,
            _ => false,
        };
        print(&said);
    }

    /// The exit code of everything told: 0 done, 1 not done.
    pub fn exit_code(&self) -> ExitCode {
        if self.not_done {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn print(said: &Said) {
    match said {
        Said::Started {
            id,
            title,
            lib,
            instructions,
            already_started,
        } => print_started(id, title, lib, instructions, *already_started),
        Said::Checking { id, lib, cold } => print_checking(id, lib, *cold),
        Said::Checked {
            id,
            outcome,
            limit,
            advice,
            next,
        } => {
            print_outcome(id, outcome, *limit);
            if outcome.passed() {
                println!("\nExercise {id} is done.");
                if let Some(next) = next {
                    println!("Next: {next}");
                }
            } else {
                println!("\nExercise {id} is not done yet. {advice}");
            }
        }
        Said::TableHead => {
            println!("{:<5} {:<48} {:<18} tests", "id", "exercise", "result")
        }
        Said::TableRow(row) => println!(
            "{:<5} {:<48} {:<18} {}",
            row.id,
            row.title,
            row.result,
            row.tests.as_deref().unwrap_or("-")
        ),
        Said::TableEnd { done, total } => println!("\n{done} of {total} done."),
        Said::Hint {
            id,
            shown,
            total,
            text,
            asking,
        } => print_hint(id, (*shown, *total), text, *asking),
        Said::BackedUp { backup } => {
            println!("Your previous version is kept in {backup}")
        }
        Said::Reset { lib } => println!("{lib} holds the starter again."),
        Said::SolutionLocked { id, advice } => {
            println!(
                "The solution of exercise {id} opens once your check of it passes, or after the \
                 last hint."
            );
            println!("{advice}");
        }
        Said::Solution { id, file } => {
            println!("The solution of exercise {id}:");
            println!("  {file}");
            println!("  or the book's appendix \"Solutions to the exercises\"");
        }
        Said::Listed { rows, done, next } => print_list(rows, *done, next.as_ref()),
    }
}

fn print_started(
    id: &str,
    title: &str,
    lib: &str,
    instructions: &str,
    already_started: bool,
) {
    println!("Exercise {id}: {title}");
    if already_started {
        println!("  already started: your work in {lib} is kept as it is");
        println!(
            "  (to begin again from the starter: cargo exercises reset {id}, which keeps a backup)"
        );
    }
    println!("  edit    {lib}");
    println!("  read    {instructions}");
    println!("  then    cargo exercises check {id}");
}

fn print_checking(id: &str, lib: &str, cold: bool) {
    println!("Checking exercise {id} ({lib})");
    if cold {
        println!(
            "First check on this machine: compiling async-std and futures for the \
             exercises first: this happens once and takes from a few seconds to a \
             minute or two"
        );
    }
}

/// Hint `shown` of `total`, then where to turn next.
fn print_hint(id: &str, (shown, total): (usize, usize), text: &str, asking: Asking) {
    println!("Hint {shown} of {total} for exercise {id}:\n");
    println!("{text}\n");
    if shown == total {
        println!(
            "That was the last hint. The solution: {}",
            asking.for_solution(id)
        );
    } else {
        println!("Another hint: {}", asking.for_hint(id));
    }
}

fn print_list(rows: &[Row], done: usize, next: Option<&NextStep>) {
    for row in rows {
        println!("{:<5} {:<48} {}", row.id, row.title, row.result);
    }
    println!("\n{done} of {} done.", rows.len());
    if let Some(next) = next {
        println!("Next: {next}");
    }
}

/// What the run showed: each failure with its message, then the count.
fn print_outcome(id: &str, outcome: &Outcome, limit: Duration) {
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
            "If your machine is just slow: cargo exercises check {id} --time-limit 120"
        );
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
