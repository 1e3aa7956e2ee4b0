//! Helpers for the two benchmark programs, `bench` and `timer_threads`
//! (each declares this folder as its module `measure`): their command
//! line, running one measurement in a fresh process, and (from Step 3's
//! `scale`, so that every benchmark of the book reads `--tasks` and
//! measures memory the same way) the argument parser and the memory probe.
//!
//! A module of the programs, not of the executor library: a benchmark's
//! command line is no part of an executor's API.

use std::process::{Command as Process, ExitCode};

use step03_tasks::args;
pub use step03_tasks::scale::{
    Command, TaskCount, bytes_per_task, parse_args, peak_resident_bytes, resident_bytes,
};

/// What a benchmark's command line asks for. A reader types `[--tasks N]`
/// and gets every configuration measured, each in a child process that the
/// program starts as `--child NAME --tasks N`.
#[derive(Debug)]
pub enum Benchmark {
    /// Measure every configuration with this many tasks.
    All {
        /// How many tasks each measurement runs.
        tasks: usize,
    },
    /// Measure one configuration, here, and print one line (a child).
    One {
        /// The configuration (a runtime, a timer design).
        name: String,
        /// How many tasks the measurement runs.
        tasks: usize,
    },
}

/// Reads a benchmark's arguments, or says how the program should end: 0
/// after printing `usage` for `--help`, 2 after a one-line error and
/// `usage`.
pub fn benchmark_args(usage: &str, count: TaskCount) -> Result<Benchmark, ExitCode> {
    benchmark_args_from(arguments(usage)?, usage, count)
}

/// The program's arguments, all text, or how the program should end:
/// 0 after printing `usage` for `--help`, 2 for an argument that is not
/// UTF-8 (`step03_tasks::args::arguments_as_text`).
pub fn arguments(usage: &str) -> Result<Vec<String>, ExitCode> {
    let (arguments, not_text) = args::arguments_as_text();
    if args::asks_for_help(&arguments) {
        println!("{usage}");
        return Err(ExitCode::SUCCESS);
    }
    match not_text {
        Some(problem) => Err(refuse(&problem, usage)),
        None => Ok(arguments),
    }
}

/// [`benchmark_args`], from `args` rather than the program's own (a
/// benchmark that takes one more option reads it first).
pub fn benchmark_args_from(
    args: Vec<String>,
    usage: &str,
    count: TaskCount,
) -> Result<Benchmark, ExitCode> {
    let (name, rest) = match &args[..] {
        [flag, name, rest @ ..] if flag == "--child" => (Some(name.clone()), rest),
        all => (None, all),
    };
    let tasks = match parse_args(rest.iter().cloned(), count) {
        Ok(Command::Run { tasks }) => tasks,
        Ok(Command::Help) => {
            println!("{usage}");
            return Err(ExitCode::SUCCESS);
        }
        Err(error) => return Err(refuse(&error, usage)),
    };
    Ok(match name {
        Some(name) => Benchmark::One { name, tasks },
        None => Benchmark::All { tasks },
    })
}

/// Prints `error` and `usage` and returns exit code 2.
pub fn refuse(error: &str, usage: &str) -> ExitCode {
    eprintln!("error: {error}\n{usage}");
    ExitCode::from(2)
}

/// Measures the configuration `name` with `tasks` tasks in a fresh copy of
/// this program (`--child`, see [`Benchmark::One`]) and returns the line it
/// printed. A measurement that fails ends the program with a message: a
/// table with a hole in it would mislead.
pub fn measure_in_child(name: &str, tasks: usize) -> String {
    measure_in_child_with(name, tasks, &[], &[])
}

/// [`measure_in_child`], with more arguments for the child (after its
/// name) and more variables in its environment.
pub fn measure_in_child_with(
    name: &str,
    tasks: usize,
    more_args: &[String],
    env: &[(&str, String)],
) -> String {
    let mut args = ["--child", name].map(String::from).to_vec();
    args.extend_from_slice(more_args);
    args.extend(["--tasks".to_string(), tasks.to_string()]);
    run_self(&args, env).unwrap_or_else(|error| {
        eprintln!("measuring {name} failed: {error}");
        std::process::exit(1);
    })
}

/// Runs this same program again with `args` and returns its standard
/// output. Each measurement gets a fresh process, so that memory freed by
/// one measurement cannot be reused (and hide the cost) in the next.
///
/// The child runs with glibc's heap trimming off. By default glibc gives
/// freed memory back to the operating system once the free space at the
/// top of its heap passes a threshold that it moves as the program runs,
/// and the next round of tasks then pays a page fault for every 4 KiB it
/// touches again. Whether that happens depends on the sizes of earlier
/// allocations, not on the executor, and it moved single results by up to
/// two times; with trimming off, every executor keeps its memory between
/// rounds. Other C libraries ignore the variable.
pub fn run_self(args: &[String], env: &[(&str, String)]) -> Result<String, String> {
    let program = std::env::current_exe().map_err(|error| error.to_string())?;
    let output = Process::new(program)
        .args(args)
        .envs(env.iter().map(|(name, value)| (name, value)))
        .env("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=4294967295")
        .output()
        .map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
