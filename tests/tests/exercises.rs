//! The exercise gate: every exercise is complete and solvable, and no
//! starter is already solved.
//!
//! For every folder `<step>/exercises/<id>-<slug>/` it checks that the
//! instructions, hints, tests and solution exist, then builds two scratch
//! crates under the target folder, one with the starter and one with the
//! solution, and asserts: the starter compiles and fails its tests; the
//! solution passes them and is clippy clean. Where a classic mistake
//! exists, a wrong solution is kept beside the exercise
//! (`<exercise>/wrong/<name>.rs`: only the student regions, or parts of
//! them, it changes, see `exercises_tool::starter::derive_wrong`); the
//! gate derives its whole `lib.rs` from the solution and asserts that it
//! compiles and fails its tests with the message its header names. All scratch crates share one
//! target folder, so the dependencies compile once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use exercises_tool::starter::derive_wrong;
use exercises_tool::test_run::{self, DEFAULT_TIME_LIMIT, Diagnostics, Outcome};
use tests::exercises::{
    Exercise, all_exercises, cargo, derive_starter, find, hints, problems, write_crate,
};
use tests::{own_output_dir, step_crates};

#[test]
fn every_step_has_two_to_six_exercises_and_twelve_in_all() {
    let exercises = all_exercises();
    assert!(
        exercises.len() >= 12,
        "only {} exercises; the course needs at least 12",
        exercises.len()
    );
    for step in step_crates() {
        let count = exercises.iter().filter(|e| e.step_crate == step).count();
        assert!(
            (2..=6).contains(&count),
            "{step} has {count} exercises; each step has two to six"
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

/// One kept wrong solution: `<exercise>/wrong/<name>.rs`.
#[derive(Debug)]
struct WrongFile {
    exercise: Exercise,
    file: PathBuf,
}

/// What a wrong file makes: its own text and the whole source derived from
/// it and the solution.
#[derive(Debug)]
struct WrongSolution {
    /// The wrong file as written: its header, then the regions it changes.
    text: String,
    /// The solution with those regions replaced: the `lib.rs` to test.
    source: String,
}

/// Every kept wrong solution of every exercise.
fn all_wrong_files() -> Vec<WrongFile> {
    all_exercises()
        .into_iter()
        .flat_map(|exercise| {
            let files = exercise.wrong_solutions();
            files.into_iter().map(move |file| WrongFile {
                exercise: exercise.clone(),
                file,
            })
        })
        .collect()
}

#[test]
fn solutions_and_tests_are_formatted() {
    let mut files: Vec<PathBuf> = Vec::new();
    for exercise in all_exercises() {
        files.push(exercise.solution_file());
        files.push(exercise.tests_file());
        files.extend(exercise.support_files());
        files.extend(exercise.test_modules().into_iter().map(|(_, file)| file));
    }
    files.sort();
    files.dedup();
    let mut unformatted: Vec<String> = files
        .iter()
        .filter(|file| {
            let source =
                std::fs::read_to_string(file).expect("exercise files are readable");
            !is_formatted(&source)
        })
        .map(|file| tests::relative(file))
        .collect();
    // A wrong file is not Rust by itself: what must be formatted is the
    // source derived from it and the solution.
    let mut problems = Vec::new();
    for wrong in all_wrong_files() {
        match wrong_solution(&wrong) {
            Ok(derived) if !is_formatted(&derived.source) => unformatted.push(format!(
                "{} (the source derived from it and solution.rs)",
                tests::relative(&wrong.file)
            )),
            Ok(_) => {}
            Err(problem) => problems.push(problem),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        unformatted.is_empty(),
        "not formatted (run `rustfmt --edition 2024 --emit stdout < FILE`): {}",
        unformatted.join(", ")
    );
}

/// Whether rustfmt leaves `source` as it is. The source goes through stdin
/// so that rustfmt does not look for the modules it declares (`mod
/// lesson_server;` lives elsewhere until the exercise crate is made). On
/// stdin `rustfmt --check` exits with 0 even when it prints a diff
/// (rust-lang/rustfmt#5376), so the diff it prints is what tells.
fn is_formatted(source: &str) -> bool {
    let mut rustfmt = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt can be started");
    // rustfmt reads all of stdin before it writes: no deadlock.
    rustfmt
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(source.as_bytes())
        .expect("rustfmt reads its stdin");
    let output = rustfmt.wait_with_output().expect("rustfmt runs");
    output.status.success() && output.stdout.is_empty()
}

/// Where the gate's crates build: the folder `cargo exercises check` builds
/// the students' crates in, so that async-std and futures compile once for
/// both.
fn shared_build_folder() -> PathBuf {
    tests::exercises::workspace().exercises_target()
}

/// The scratch folder of the gate, under the target folder.
fn gate_root() -> PathBuf {
    own_output_dir().join("exercises-gate")
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

/// The solution's text, or why it cannot be read.
fn read_solution(exercise: &Exercise) -> Result<String, String> {
    std::fs::read_to_string(exercise.solution_file()).map_err(|error| {
        format!(
            "{}: cannot read {}: {error}",
            exercise.id,
            tests::relative(&exercise.solution_file())
        )
    })
}

/// Writes a scratch crate with `lib` as its `src/lib.rs`, or says why not.
fn write_scratch(exercise: &Exercise, dir: &Path, lib: &str) -> Result<(), String> {
    write_crate(exercise, dir, Some(lib)).map_err(|error| {
        format!(
            "{}: cannot write the scratch crate {}: {error}",
            exercise.id,
            dir.display()
        )
    })
}

/// What is wrong with the starter: it must compile and fail its tests.
fn starter_problem(exercise: &Exercise, dir: &Path, target: &Path) -> Option<String> {
    let solution = match read_solution(exercise) {
        Ok(solution) => solution,
        Err(problem) => return Some(problem),
    };
    let starter = match derive_starter(&solution) {
        Ok(starter) => starter,
        Err(problem) => {
            return Some(format!(
                "{}: no starter can be derived from solution.rs: {problem}",
                exercise.id
            ));
        }
    };
    if let Err(problem) = write_scratch(exercise, dir, &starter) {
        return Some(problem);
    }
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
    let solution = match read_solution(exercise) {
        Ok(solution) => solution,
        Err(problem) => return Some(problem),
    };
    if let Err(problem) = write_scratch(exercise, dir, &solution) {
        return Some(problem);
    }
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
    let target = shared_build_folder();
    let mut problems = Vec::new();
    for exercise in all_exercises() {
        let dir = gate_root().join(&exercise.id);
        problems.extend(solution_problem(&exercise, &dir.join("solution"), &target));
        problems.extend(starter_problem(&exercise, &dir.join("starter"), &target));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// What a wrong file makes, or why it cannot be had (naming the file).
fn wrong_solution(wrong: &WrongFile) -> Result<WrongSolution, String> {
    let name = tests::relative(&wrong.file);
    let text = std::fs::read_to_string(&wrong.file)
        .map_err(|error| format!("{name}: cannot read it: {error}"))?;
    let solution = read_solution(&wrong.exercise)?;
    let source = derive_wrong(&solution, &text).map_err(|problem| {
        format!("{name}: no source can be derived from it and solution.rs: {problem}")
    })?;
    Ok(WrongSolution { text, source })
}

/// The header of a wrong solution of exercise `id`:
/// `//! Wrong solution of exercise <id>: <the mistake>` then
/// `//! Expect: <text the failing tests print>`. Gives the expected text.
fn expected_message(id: &str, wrong: &str) -> Result<String, String> {
    let mut lines = wrong.lines();
    let opening = format!("//! Wrong solution of exercise {id}: ");
    let mistake = lines
        .next()
        .and_then(|line| line.strip_prefix(&opening))
        .map(str::trim)
        .unwrap_or_default();
    if mistake.is_empty() {
        return Err(format!(
            "the first line must be `{opening}<the mistake in one line>`"
        ));
    }
    let expect = lines
        .next()
        .and_then(|line| line.strip_prefix("//! Expect: "))
        .map(str::trim)
        .unwrap_or_default();
    if expect.is_empty() {
        return Err(
            "the second line must be `//! Expect: <text the failing tests print>`"
                .to_string(),
        );
    }
    Ok(expect.to_string())
}

/// A wrong solution's derived `source` must not print the expected text
/// itself: the message must come from tests.rs.
fn message_comes_from_the_tests(expect: &str, source: &str) -> Result<(), String> {
    if source.contains(expect) {
        return Err(format!(
            "its code holds the expected text `{expect}`: the message must come from tests.rs"
        ));
    }
    Ok(())
}

/// What is wrong with a wrong solution: it must compile, and its tests must
/// fail with the message its header expects.
fn wrong_solution_problem(wrong: &WrongFile, target: &Path) -> Option<String> {
    let WrongFile { exercise, file } = wrong;
    let name = tests::relative(file);
    let derived = match wrong_solution(wrong) {
        Ok(derived) => derived,
        Err(problem) => return Some(problem),
    };
    let expect = match expected_message(&exercise.id, &derived.text) {
        Ok(expect) => expect,
        Err(problem) => return Some(format!("{name}: {problem}")),
    };
    if let Err(problem) = message_comes_from_the_tests(&expect, &derived.source) {
        return Some(format!("{name}: {problem}"));
    }
    let stem = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = gate_root().join(&exercise.id).join(format!("wrong-{stem}"));
    if let Err(problem) = write_scratch(exercise, &dir, &derived.source) {
        return Some(problem);
    }
    // Run as `cargo exercises check` runs a student's code: the tests
    // binary under the tool's time limit, so a hanging mistake fails here
    // too instead of holding up the suite.
    let outcome =
        match test_run::check(&dir, target, DEFAULT_TIME_LIMIT, Diagnostics::Keep) {
            Ok(outcome) => outcome,
            Err(error) => return Some(format!("{name}: {error}")),
        };
    let report = match &outcome {
        Outcome::DoesNotCompile(messages) => {
            return Some(format!(
                "{name}: does not compile (a wrong solution must compile and fail its tests):\n{messages}"
            ));
        }
        Outcome::TimedOut(report) => {
            return Some(format!(
                "{name}: its tests were still running after {} s ({}): a test should fail \
                 within seconds, with a message (a watchdog)",
                DEFAULT_TIME_LIMIT.as_secs(),
                report.unfinished().join(", ")
            ));
        }
        Outcome::Finished(report) => report,
    };
    if outcome.passed() {
        return Some(format!(
            "{name}: passes the tests of exercise {}: they miss this mistake",
            exercise.id
        ));
    }
    let messages: Vec<&str> = report
        .failures()
        .map(|failure| failure.message.as_str())
        .collect();
    if !messages.iter().any(|message| message.contains(&expect)) {
        return Some(format!(
            "{name}: fails its tests, but no failure says `{expect}`:\n{}",
            messages.join("\n---\n")
        ));
    }
    None
}

#[test]
fn wrong_solutions_fail_with_a_message_that_names_the_mistake() {
    let target = shared_build_folder();
    let wrong = all_wrong_files();
    // Several at once: most of the time goes to tests that wait for a
    // watchdog, and cargo's lock already takes the builds one at a time.
    let lanes = 4;
    let problems: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..lanes)
            .map(|lane| {
                let (wrong, target) = (&wrong, &target);
                scope.spawn(move || {
                    wrong
                        .iter()
                        .skip(lane)
                        .step_by(lanes)
                        .filter_map(|wrong| wrong_solution_problem(wrong, target))
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a gate lane panicked"))
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_classic_mistakes_are_kept_as_wrong_solutions() {
    // The mistakes the chapters warn about, each with the exercise where a
    // student can make it.
    for (id, mistake) in [
        ("2.3", "blocking the thread with std::thread::sleep"),
        ("3.1", "awaiting the fetches in sequence"),
        ("4.2", "a lost or spurious wake-up in block_on"),
    ] {
        let exercise = find(id).unwrap_or_else(|| panic!("exercise {id} is missing"));
        assert!(
            !exercise.wrong_solutions().is_empty(),
            "exercise {id} keeps no wrong solution for {mistake}: add one under {}/wrong/",
            tests::relative(&exercise.dir)
        );
    }
}

#[test]
fn a_wrong_solution_needs_its_two_header_lines() {
    let good = "//! Wrong solution of exercise 2.3: blocks\n//! Expect: blocks the thread\n\nfn f() {}\n";
    assert_eq!(
        expected_message("2.3", good),
        Ok("blocks the thread".to_string()),
        "a well-formed header"
    );
    assert!(
        expected_message("2.3", "fn f() {}\n").is_err(),
        "no header at all"
    );
    assert!(
        expected_message("2.4", good).is_err(),
        "the header names another exercise"
    );
    assert!(
        expected_message(
            "2.3",
            "//! Wrong solution of exercise 2.3: blocks\nfn f() {}\n"
        )
        .is_err(),
        "no Expect line"
    );
    assert!(
        message_comes_from_the_tests("panic", "fn f() { panic!() }\n").is_err(),
        "the code prints the expected text itself"
    );
    assert!(
        message_comes_from_the_tests("panic", "fn f() {}\n").is_ok(),
        "the code leaves the message to the tests"
    );
}

#[test]
fn a_starter_replaces_each_student_region() {
    let solution = "fn f() -> u32 {\n    // STUDENT: return the answer\n    42\n    // END STUDENT\n}\n\
                    fn g() {\n    // STUDENT: call f\n    // STARTER: let _ = 0;\n    f();\n    // END STUDENT\n}\n";
    let starter = derive_starter(solution).expect("a valid solution");
    assert_eq!(
        starter,
        "fn f() -> u32 {\n    // TODO: return the answer\n    todo!()\n}\n\
         fn g() {\n    // TODO: call f\n    let _ = 0;\n}\n",
        "each region becomes its TODO line and todo!() or its STARTER code"
    );
}

#[test]
fn the_starter_check_fails_when_no_starter_can_be_had() {
    // An exercise of a tutorial made for the purpose: its solution is
    // missing, then has no student region. Either way the gate must say
    // so before it builds anything, never pass.
    let root = gate_root().join("no-starter");
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("step09-nothing/exercises/9.1-nothing");
    std::fs::create_dir_all(&dir).expect("a scratch exercise");
    let workspace = exercises_tool::Workspace::at(&root);
    let exercise = Exercise::new(&workspace, "step09-nothing", dir.clone());
    let target = root.join("target");
    for (solution, expected) in [
        (None, "cannot read"),
        (
            Some("pub fn answer() -> u32 {\n    42\n}\n"),
            "no starter can be derived",
        ),
    ] {
        if let Some(solution) = solution {
            std::fs::write(exercise.solution_file(), solution)
                .expect("a scratch solution");
        }
        let problem = starter_problem(&exercise, &root.join("starter"), &target);
        assert!(
            problem
                .as_deref()
                .is_some_and(|problem| problem.contains(expected)),
            "solution {solution:?}: expected a problem saying `{expected}`, got {problem:?}"
        );
    }
    assert!(
        !target.exists(),
        "the gate built something for an exercise with no starter"
    );
    std::fs::remove_dir_all(&root).expect("clean up");
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
        ["first", "second"],
        "two hints, trimmed"
    );
    for (text, why) in [
        ("", "no hint"),
        ("## Hint 2\nx\n", "not numbered from 1"),
        ("## Hint 1\n\n", "an empty hint"),
        (
            "## Hint 1\na\n## Hint 2\nb\n## Hint 3\nc\n## Hint 4\nd\n",
            "four hints",
        ),
    ] {
        assert!(hints(text).is_err(), "{why} should be refused: {text:?}");
    }
}
