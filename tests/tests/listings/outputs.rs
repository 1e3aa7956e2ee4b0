//! Every program prints what its output file holds: each one run (eight
//! per core at a time, the longest first), its output compared with the
//! recorded `.out`, a slow run on a busy machine run again alone, and no
//! `.out`, `.args` or `.bad-args` file left without its program.
//! `BLESS=1` records the outputs instead.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use pretty_assertions::StrComparison;
use tests::listings::{
    COMPANION_EXTENSIONS, Kind, PROGRAM_FOLDERS, Program, all_programs,
    python_available, selected_programs, tell,
};
use tests::output::{Verdict, normalise, shape, verdict};
use tests::{files, relative, step_crates, workspace_root};

/// What one run of a program showed.
enum Run {
    /// It printed what its output file holds.
    Right,
    /// It printed the recorded text, but some duration took longer than
    /// allowed, or two lines came out in another order: what a busy machine
    /// does (see [`tests::output`]).
    TooSlow(String),
    /// Anything else, with the message that says what.
    Wrong(String),
}

/// One run of `program`: it must succeed and print what its output file
/// holds (a benchmark: a table of the same shape). With `BLESS` set, records
/// the output instead.
fn check_run(program: &Program) -> Run {
    let output = program.run();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let command = program.command_line();
    let output_file = relative(&program.output_file);
    if !output.status.success() {
        return Run::Wrong(format!(
            "`{command}` failed ({}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if std::env::var_os("BLESS").is_some() && !program.shape_only {
        std::fs::write(&program.output_file, &stdout).expect("output file is writable");
        return Run::Right;
    }
    let Ok(recorded) = std::fs::read_to_string(&program.output_file) else {
        return Run::Wrong(if program.shape_only {
            format!(
                "{output_file} is missing: it holds the reference run of the benchmark `{command}` that the book shows"
            )
        } else {
            format!(
                "{output_file} is missing: it holds the output of `{command}` that the book shows \
                 (record it with BLESS=1 cargo test -p tests --test listings)"
            )
        });
    };
    if program.shape_only {
        let (expected, got) = (shape(&recorded), shape(&stdout));
        return if expected == got {
            Run::Right
        } else {
            Run::Wrong(format!(
                "`{command}` no longer prints a table shaped like (numbers aside) {output_file} \
                 (< recorded, > this run)\n{}",
                StrComparison::new(&expected, &got)
            ))
        };
    }
    let difference = || {
        format!(
            "`{command}` no longer prints what this file holds: {output_file} (< recorded, > this run)\n{}",
            StrComparison::new(&recorded, &normalise(&recorded, &stdout))
        )
    };
    match verdict(&recorded, &stdout) {
        Verdict::Same => Run::Right,
        Verdict::TooSlow | Verdict::Reordered => Run::TooSlow(difference()),
        Verdict::Different => Run::Wrong(difference()),
    }
}

/// Whether `program` can run here: what its `listing-needs:` line names is
/// installed. A missing need skips it with a line saying what to install,
/// or fails the check where `REQUIRE_LISTING_NEEDS` is set (CI installs
/// every need, so nothing may skip there).
fn has_what_it_needs(program: &Program) -> bool {
    let missing = program.missing_needs();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "`{}` needs {} (install it to run this program; the book's output file stays as recorded)",
        program.command_line(),
        missing.join(" and ")
    );
    assert!(
        std::env::var_os("REQUIRE_LISTING_NEEDS").is_none(),
        "{message}, and REQUIRE_LISTING_NEEDS is set"
    );
    tell(&format!("listings: skipped {message}"));
    false
}

/// How many more times a program that was only too slow (or printed its
/// lines out of order) runs, alone.
const QUIET_RETRIES: usize = 2;

/// The problem with `program`, if any: a program that was only too slow
/// among all the others runs again on its own, up to [`QUIET_RETRIES`]
/// times, and is judged by its last run.
fn problem_after_retries(program: &Program, first: Run) -> Option<String> {
    let mut run = first;
    for _ in 0..QUIET_RETRIES {
        let Run::TooSlow(_) = run else { break };
        run = check_run(program);
    }
    match run {
        Run::Right => None,
        Run::TooSlow(message) => Some(format!(
            "{message}\n(too slow or out of order in {} runs, the last ones alone)",
            QUIET_RETRIES + 1
        )),
        Run::Wrong(message) => Some(message),
    }
}

/// How many programs run at once per core. They mostly sleep, so running
/// several side by side saves time; but each starts a process (a Python
/// interpreter costs tens of milliseconds of CPU), and with all of them
/// started at once a 2-core machine stalled a program for 200 ms between
/// two polls, long enough to turn `a: done` into `a was cancelled`.
const PROGRAMS_PER_CORE: usize = 8;

/// Where each program's last duration is kept, so that the next run starts
/// the longest first and no long one is left to start last.
fn durations_file() -> PathBuf {
    tests::own_output_dir().join("listing-durations.txt")
}

/// The last durations, in milliseconds, by command line.
fn last_durations() -> HashMap<String, u128> {
    let text = std::fs::read_to_string(durations_file()).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (millis, command) = line.split_once('\t')?;
            Some((command.to_string(), millis.parse().ok()?))
        })
        .collect()
}

/// Keeps the durations of this run for the next, beside those of the
/// programs it did not run (`LISTINGS=` picks some), written whole or not
/// at all.
fn keep_durations(mut durations: HashMap<String, u128>, this_run: &[(String, u128)]) {
    durations.extend(this_run.iter().cloned());
    let mut lines: Vec<String> = durations
        .iter()
        .map(|(command, millis)| format!("{millis}\t{command}\n"))
        .collect();
    lines.sort();
    let _ = exercises_tool::files::write_whole(
        &durations_file(),
        lines.concat().as_bytes(),
    );
}

/// The places of `programs`, the longest of the last run first; a program
/// not seen before counts as long.
fn longest_first(programs: &[&Program], last: &HashMap<String, u128>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..programs.len()).collect();
    order.sort_by_key(|&index| {
        let millis = last.get(&programs[index].command_line()).copied();
        std::cmp::Reverse(millis.unwrap_or(u128::MAX))
    });
    order
}

/// Runs each program once, a few at a time, the longest first, and returns
/// each with its first run, in the order given.
fn run_side_by_side<'a>(programs: &[&'a Program]) -> Vec<(&'a Program, Run)> {
    let last = last_durations();
    let order = longest_first(programs, &last);
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let workers = (cores * PROGRAMS_PER_CORE).min(programs.len().max(1));
    let next = AtomicUsize::new(0);
    let runs: Vec<Mutex<Option<(Run, u128)>>> =
        programs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed))
                {
                    let program = programs[index];
                    let started = Instant::now();
                    let run = std::panic::catch_unwind(|| check_run(program))
                        .unwrap_or_else(|_| {
                            Run::Wrong(format!(
                                "`{}`: the check panicked (its message is above)",
                                program.command_line()
                            ))
                        });
                    let millis = started.elapsed().as_millis();
                    *runs[index].lock().expect("no panic holds it") =
                        Some((run, millis));
                }
            });
        }
    });
    let runs: Vec<(Run, u128)> = runs
        .into_iter()
        .map(|run| {
            run.into_inner()
                .expect("no panic holds it")
                .expect("every program ran")
        })
        .collect();
    let this_run: Vec<(String, u128)> = programs
        .iter()
        .zip(&runs)
        .map(|(program, (_, millis))| (program.command_line(), *millis))
        .collect();
    keep_durations(last, &this_run);
    programs
        .iter()
        .zip(runs)
        .map(|(program, (run, _))| (*program, run))
        .collect()
}

#[test]
fn every_program_prints_what_its_output_file_holds() {
    let programs = selected_programs();
    assert!(!programs.is_empty(), "no program matches LISTINGS");
    let with_python = python_available();
    if !with_python {
        println!("python3 is not installed here: the Python listings are not run");
    }
    let runnable: Vec<&Program> = programs
        .iter()
        .filter(|program| with_python || program.kind != Kind::Python)
        .filter(|program| has_what_it_needs(program))
        .collect();
    let first_runs = run_side_by_side(&runnable);
    // Then, one at a time, those that were only slower than allowed.
    let problems: Vec<String> = first_runs
        .into_iter()
        .filter_map(|(program, run)| problem_after_retries(program, run))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_output_args_and_bad_args_file_belongs_to_a_program() {
    let programs = all_programs();
    let mut orphans = Vec::new();
    for crate_name in step_crates() {
        let dir = workspace_root().join(&crate_name);
        for folder in PROGRAM_FOLDERS {
            for extension in COMPANION_EXTENSIONS {
                for file in files::in_folder(&dir.join(folder), extension) {
                    let source_stem = file.with_extension("");
                    if !programs
                        .iter()
                        .any(|program| program.source.with_extension("") == source_stem)
                    {
                        orphans.push(relative(&file));
                    }
                }
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "these files have no program beside them (a renamed or deleted listing?): {}",
        orphans.join(", ")
    );
}
