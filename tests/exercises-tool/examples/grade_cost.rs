//! What the sandbox costs `cargo exercises grade`: seconds per student for
//! exercise 1.1, graded in bubblewrap and without a sandbox, on this
//! machine. Prints a table; the class is N copies of the solution
//! (default 5; `cargo run --release -p exercises-tool --example grade_cost -- 30`
//! for a class of 30).

use std::path::Path;
use std::time::Instant;

use exercises_tool::Workspace;
use exercises_tool::grade::select;
use exercises_tool::grade_kit::{Kit, Limits};
use exercises_tool::grade_sheet::Grade;
use exercises_tool::sandbox::Sandbox;

fn main() -> Result<(), String> {
    let students: usize = match std::env::args().nth(1) {
        Some(count) => count.parse().map_err(|_| format!("not a count: {count}"))?,
        None => 5,
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the tutorial");
    let workspace = Workspace::at(root);
    let exercises = select(workspace.exercises(), Some("1.1"))?;
    let solution = std::fs::read_to_string(exercises[0].solution_file())
        .map_err(|error| error.to_string())?;
    let limits = Limits {
        build: std::time::Duration::from_secs(300),
        tests: std::time::Duration::from_secs(60),
    };
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("exercise 1.1, {students} students, {cores} cores");
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
