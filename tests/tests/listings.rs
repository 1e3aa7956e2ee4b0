//! Every program prints what the book shows.
//!
//! To record new output after changing a program, run
//! `BLESS=1 cargo test -p tests --test listings` and review the diff.

use pretty_assertions::assert_eq;
use tests::listings::{
    Kind, Program, all_programs, build_programs, python_available, selected_programs,
};
use tests::output::{normalise, shape};
use tests::relative;

fn check(program: &Program) {
    let output = program.run();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "`{}` failed ({}):\n{stdout}\n{}",
        program.command_line(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    if program.shape_only {
        let recorded = std::fs::read_to_string(&program.output_file).unwrap_or_else(|_| {
            panic!(
                "{} is missing: it holds the reference run of the benchmark `{}` that the book shows",
                relative(&program.output_file),
                program.command_line()
            )
        });
        assert_eq!(
            shape(&recorded),
            shape(&stdout),
            "`{}` no longer prints a table shaped like {} (numbers aside)",
            program.command_line(),
            relative(&program.output_file)
        );
        return;
    }
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&program.output_file, &stdout).expect("output file is writable");
        return;
    }
    let recorded = std::fs::read_to_string(&program.output_file).unwrap_or_else(|_| {
        panic!(
            "{} is missing: it holds the output of `{}` that the book shows \
             (record it with BLESS=1 cargo test -p tests --test listings)",
            relative(&program.output_file),
            program.command_line()
        )
    });
    assert_eq!(
        recorded,
        normalise(&recorded, &stdout),
        "`{}` no longer prints what {} holds",
        program.command_line(),
        relative(&program.output_file)
    );
}

#[test]
fn every_program_prints_what_its_output_file_holds() {
    let programs = selected_programs();
    assert!(!programs.is_empty(), "no program matches LISTINGS");
    let with_python = python_available();
    if !with_python {
        println!("python3 is not installed here: the Python listings are not run");
    }
    build_programs(&programs);

    // The programs mostly sleep, so running them side by side saves time.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = programs
            .iter()
            .filter(|program| with_python || program.kind != Kind::Python)
            .map(|program| {
                let name = program.command_line();
                (name, scope.spawn(move || check(program)))
            })
            .collect();
        runs.into_iter()
            .filter_map(|(name, run)| run.join().err().map(|panic| describe(&name, panic)))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn describe(name: &str, panic: Box<dyn std::any::Any + Send>) -> String {
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_default();
    format!("{name}:\n{message}")
}

#[test]
fn every_output_file_belongs_to_a_program() {
    let programs = all_programs();
    for crate_name in tests::step_crates() {
        let dir = tests::workspace_root().join(&crate_name);
        for folder in ["src", "examples", "python"] {
            for file in tests::listings::files_with_extension(&dir.join(folder), "out") {
                assert!(
                    programs.iter().any(|program| program.output_file == file),
                    "{} has no program beside it (a renamed or deleted listing?)",
                    relative(&file)
                );
            }
        }
    }
}

#[test]
fn example_names_are_unique_across_the_workspace() {
    // Cargo writes every example to target/debug/examples/NAME, so two
    // crates with an example of the same name overwrite each other's binary.
    let mut seen = std::collections::BTreeMap::new();
    for program in all_programs() {
        if let Kind::Example(name) = &program.kind
            && let Some(other) = seen.insert(name.clone(), program.crate_name.clone())
        {
            panic!(
                "--example {name} exists in both {other} and {}; rename one",
                program.crate_name
            );
        }
    }
}

#[test]
fn every_program_rejects_an_unexpected_argument_with_exit_code_2() {
    let programs: Vec<Program> = selected_programs()
        .into_iter()
        .filter(|program| program.kind != Kind::Python)
        .map(|program| Program {
            args: vec!["--no-such-option".to_string()],
            ..program
        })
        .collect();
    build_programs(&programs);
    let mut problems = Vec::new();
    for program in &programs {
        let output = program.run();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_line = stderr.lines().next().unwrap_or("");
        if output.status.code() != Some(2)
            || !stderr.contains("usage")
            || stderr.contains("panicked")
        {
            problems.push(format!(
                "`{}` exited with {} and said {first_line:?}; expected exit code 2, \
                 a one-line error and a usage line",
                program.command_line(),
                output.status
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
