//! The exercise gate: every exercise is complete and solvable, and no
//! starter is already solved.
//!
//! For every folder `<step>/exercises/<id>-<slug>/` it checks that the
//! instructions, hints, tests and solution exist, then builds two scratch
//! crates under the target folder, one with the starter and one with the
//! solution, and asserts: the starter compiles and fails its tests; the
//! solution passes them and is clippy clean. All scratch crates share one
//! target folder, so the dependencies compile once.

use std::path::{Path, PathBuf};
use std::process::Output;

use tests::exercises::{
    Exercise, all_exercises, cargo, derive_starter, hints, problems, write_crate,
};
use tests::{step_crates, target_dir};

#[test]
fn every_step_has_two_to_four_exercises_and_twelve_in_all() {
    let exercises = all_exercises();
    assert!(
        exercises.len() >= 12,
        "only {} exercises; the course needs at least 12",
        exercises.len()
    );
    for step in step_crates() {
        let count = exercises.iter().filter(|e| e.step_crate == step).count();
        assert!(
            (2..=4).contains(&count),
            "{step} has {count} exercises; each step has two to four"
        );
    }
    let mut ids: Vec<&str> = exercises.iter().map(|e| e.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), exercises.len(), "two exercises share an id");
}

#[test]
fn every_exercise_has_instructions_hints_tests_and_a_solution() {
    let problems: Vec<String> = all_exercises().iter().flat_map(problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn solutions_and_tests_are_formatted() {
    let mut files: Vec<PathBuf> = Vec::new();
    for exercise in all_exercises() {
        files.push(exercise.solution_file());
        files.push(exercise.tests_file());
        files.extend(exercise.support_files());
    }
    files.sort();
    files.dedup();
    let unformatted: Vec<String> = files
        .iter()
        .filter(|file| !is_formatted(file))
        .map(|file| tests::relative(file))
        .collect();
    assert!(
        unformatted.is_empty(),
        "not formatted (run `rustfmt --edition 2024 --emit stdout < FILE`): {}",
        unformatted.join(", ")
    );
}

/// Whether rustfmt leaves `file` as it is. The file goes through stdin so
/// that rustfmt does not look for the modules it declares (`mod
/// lesson_server;` lives elsewhere until the exercise crate is made).
fn is_formatted(file: &Path) -> bool {
    let source = std::fs::File::open(file).expect("exercise files are readable");
    std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .stdin(source)
        .output()
        .expect("rustfmt can be started")
        .status
        .success()
}

/// The scratch folder of the gate, under the target folder.
fn gate_root() -> PathBuf {
    target_dir().join("exercises-gate")
}

fn run(command: &mut std::process::Command) -> Output {
    command.output().expect("cargo can be started")
}

fn describe(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What is wrong with the starter: it must compile and fail its tests.
fn starter_problem(exercise: &Exercise, dir: &Path, target: &Path) -> Option<String> {
    let solution = std::fs::read_to_string(exercise.solution_file()).ok()?;
    let starter = derive_starter(&solution).ok()?;
    write_crate(exercise, dir, Some(&starter)).expect("scratch crate is writable");
    let build = run(cargo(dir, target).args(["test", "--no-run", "--quiet"]));
    if !build.status.success() {
        return Some(format!(
            "{}: the starter does not compile:\n{}",
            exercise.id,
            describe(&build)
        ));
    }
    let test = run(cargo(dir, target).args(["test", "--quiet"]));
    if test.status.success() {
        return Some(format!(
            "{}: the starter already passes its tests: the tests judge nothing the student writes",
            exercise.id
        ));
    }
    None
}

/// What is wrong with the solution: it must pass its tests, clippy clean.
fn solution_problem(exercise: &Exercise, dir: &Path, target: &Path) -> Option<String> {
    let solution = std::fs::read_to_string(exercise.solution_file()).ok()?;
    write_crate(exercise, dir, Some(&solution)).expect("scratch crate is writable");
    let test = run(cargo(dir, target).args(["test", "--quiet"]));
    if !test.status.success() {
        return Some(format!(
            "{}: the solution fails its tests:\n{}",
            exercise.id,
            describe(&test)
        ));
    }
    let clippy = run(cargo(dir, target).args([
        "clippy",
        "--quiet",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]));
    if !clippy.status.success() {
        return Some(format!(
            "{}: clippy rejects the solution:\n{}",
            exercise.id,
            describe(&clippy)
        ));
    }
    None
}

#[test]
fn starters_compile_and_fail_while_solutions_pass_clippy_clean() {
    let target = gate_root().join("target");
    let mut problems = Vec::new();
    for exercise in all_exercises() {
        let dir = gate_root().join(&exercise.id);
        problems.extend(solution_problem(&exercise, &dir.join("solution"), &target));
        problems.extend(starter_problem(&exercise, &dir.join("starter"), &target));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_starter_replaces_each_student_region() {
    let solution = "fn f() -> u32 {\n    // STUDENT: return the answer\n    42\n    // END STUDENT\n}\n\
                    fn g() {\n    // STUDENT: call f\n    // STARTER: let _ = 0;\n    f();\n    // END STUDENT\n}\n";
    let starter = derive_starter(solution).expect("a valid solution");
    assert_eq!(
        starter,
        "fn f() -> u32 {\n    // TODO: return the answer\n    todo!()\n}\n\
         fn g() {\n    // TODO: call f\n    let _ = 0;\n}\n"
    );
}

#[test]
fn a_solution_without_a_well_formed_region_is_rejected() {
    assert!(derive_starter("fn f() {}\n").is_err(), "no region");
    assert!(
        derive_starter("// STUDENT: x\nfn f() {}\n").is_err(),
        "unclosed"
    );
    assert!(derive_starter("// END STUDENT\n").is_err(), "no opening");
    assert!(
        derive_starter("// STUDENT:\n// END STUDENT\n").is_err(),
        "no instruction"
    );
}

#[test]
fn hints_are_numbered_and_one_to_three() {
    assert_eq!(
        hints("## Hint 1\n\nfirst\n\n## Hint 2\nsecond\n").unwrap(),
        ["first", "second"]
    );
    assert!(hints("").is_err());
    assert!(hints("## Hint 2\nx\n").is_err());
    assert!(hints("## Hint 1\n\n").is_err());
    assert!(hints("## Hint 1\na\n## Hint 2\nb\n## Hint 3\nc\n## Hint 4\nd\n").is_err());
}
