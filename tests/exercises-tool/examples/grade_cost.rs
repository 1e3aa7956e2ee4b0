//! What the sandbox costs `cargo exercises grade`: seconds per student for
//! exercise 1.1, graded in bubblewrap and without a sandbox, on this
//! machine. Prints a table; the class is N copies of the solution
//! (default 5). The teachers' chapter shows a class of 30 on 2 cores,
//! recorded in `grade_cost.out` beside this file by
//! `cargo run -p exercises-tool --example grade_cost -- 30 > grade_cost.out`.
//! A benchmark, not a test: its figures depend on the machine and its load.

use std::process::ExitCode;
use std::time::Instant;

use exercises_tool::Workspace;
use exercises_tool::grade::select;
use exercises_tool::grade_kit::{Kit, Limits};
use exercises_tool::grade_sheet::Grade;
use exercises_tool::sandbox::Sandbox;

const USAGE: &str =
    "usage: cargo run -p exercises-tool --example grade_cost -- [STUDENTS]
  STUDENTS  how many copies of exercise 1.1's solution to grade, 1 to 200 (default 5)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let students = match args.as_slice() {
        [] => 5,
        [help] if help == "--help" || help == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [count] => match count.replace('_', "").parse::<usize>() {
            Ok(count) if (1..=200).contains(&count) => count,
            _ => return refuse(&format!("STUDENTS is 1 to 200, not `{count}`")),
        },
        _ => return refuse("one argument at most"),
    };
    match measure(students) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A bad command line: one line saying why, the usage, exit code 2.
fn refuse(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Grades `students` copies of the solution of 1.1 with each sandbox and
/// prints a row per sandbox.
fn measure(students: usize) -> Result<(), String> {
    // Found at run time, as the tool finds it: a build folder shared by two
    // clones must not grade the other clone's exercises.
    let workspace = Workspace::locate()?;
    let exercises = select(workspace.exercises(), Some("1.1"))?;
    let solution = std::fs::read_to_string(exercises[0].solution_file())
        .map_err(|error| error.to_string())?;
    let limits = Limits {
        build: std::time::Duration::from_secs(300),
        tests: std::time::Duration::from_secs(60),
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "exercise 1.1, {students} students, {cores} cores, {}",
        load_average()
    );
    println!("| sandbox | warm-up (s) | per student (s) | all passed |");
    println!("|---|---|---|---|");
    for (name, sandbox) in [
        ("bubblewrap", Sandbox::detect()),
        ("none", Ok(Sandbox::Unconfined)),
    ] {
        let Ok(sandbox) = sandbox else {
            println!("| {name} | - | - | (no sandbox here) |");
            continue;
        };
        let grading = workspace
            .exercises_target()
            .join(format!("grading-cost-{name}"));
        let started = Instant::now();
        let kit = Kit::prepare(&grading, &exercises, sandbox, limits)?;
        let warm_up = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let mut passed = 0;
        for number in 0..students {
            let folder = kit.student_folder(number)?;
            passed += usize::from(matches!(
                kit.grade(0, &folder, &solution),
                Grade::Passed { .. }
            ));
        }
        let each = started.elapsed().as_secs_f64() / students as f64;
        println!("| {name} | {warm_up:.1} | {each:.1} | {passed} of {students} |");
    }
    Ok(())
}

/// The machine's load when the measurement starts (Linux), which the
/// figures depend on: other work shares the cores with the builds.
fn load_average() -> String {
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(text) => {
            let last_minute = text.split_whitespace().next().unwrap_or("?");
            format!("load average {last_minute} at the start")
        }
        Err(_) => "load average unknown".to_string(),
    }
}
