//! Bad command-line input, the design's rule: a program that takes options
//! (it has a `NAME.bad-args` file) refuses an unknown option and each
//! command line of that file with exit code 2, nothing on stdout, and on
//! stderr one line of error and one of usage; and `--help` anywhere on its
//! line prints the usage and exits with 0. Part of the listings check,
//! which builds every program once.

use tests::listings::{Kind, Program, all_programs, selected_programs};
use tests::relative;

/// What is wrong with `program`'s refusal of `args`, if anything. The
/// design's rule for bad input: exit code 2, nothing on stdout, and on
/// stderr exactly one line of error and one of usage that names the
/// program; no panic. Returns the usage line it printed.
fn refusal_problem(program: &Program, args: &[String]) -> Result<String, String> {
    let output = program.run_with(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let refused = output.status.code() == Some(2)
        && output.stdout.is_empty()
        && !stderr.contains("panicked")
        && lines.len() == 2
        && lines[0].starts_with("error: ")
        && lines[1].starts_with("usage: ")
        && lines[1].contains(&program.binary_name());
    if refused {
        Ok(lines[1].to_string())
    } else {
        Err(format!(
            "`{}` exited with {}, printed {} bytes on stdout and on stderr:\n{stderr}\
             expected exit code 2, nothing on stdout, and on stderr `error: ...` and \
             `usage: {} ...`",
            program.command_with(args),
            output.status,
            output.stdout.len(),
            program.binary_name()
        ))
    }
}

/// The programs that take options: those with a `NAME.bad-args` file.
fn programs_with_options(programs: Vec<Program>) -> Vec<Program> {
    programs
        .into_iter()
        .filter(|program| program.kind != Kind::Python && !program.bad_args.is_empty())
        .collect()
}

/// Bad command-line input, the rule: a program that takes options has a
/// `NAME.bad-args` file, and refuses an unknown option and each command
/// line of that file with exit code 2, nothing on stdout, and on stderr one
/// line of error and one of usage, the same usage every time. A program
/// that takes no arguments has no such file and does not look at its
/// arguments at all, so that its listing shows the lesson and no argument
/// handling.
#[test]
fn every_program_with_options_refuses_bad_arguments_with_exit_code_2_and_its_usage() {
    let programs = programs_with_options(selected_programs());
    if programs.is_empty() {
        println!("no program with options (a .bad-args file) matches LISTINGS");
        return;
    }
    let mut problems = Vec::new();
    for program in &programs {
        // An unknown option for every program, then the command lines its
        // NAME.bad-args holds (values out of range, missing values, ...).
        let unknown = vec!["--no-such-option".to_string()];
        let mut usages = Vec::new();
        for args in std::iter::once(&unknown).chain(&program.bad_args) {
            match refusal_problem(program, args) {
                Ok(usage) => usages.push(usage),
                Err(problem) => problems.push(problem),
            }
        }
        usages.dedup();
        if usages.len() > 1 {
            problems.push(format!(
                "`{}` printed different usage lines: {usages:?}",
                program.command_line()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The book runs a program with arguments (`NAME.args`) only if it takes
/// options, so such a program also says which arguments it refuses.
#[test]
fn a_program_run_with_arguments_has_a_bad_args_file() {
    let without: Vec<String> = all_programs()
        .iter()
        .filter(|program| {
            program.kind != Kind::Python
                && !program.args.is_empty()
                && program.bad_args.is_empty()
        })
        .map(|program| {
            format!(
                "{} takes options ({}), so it needs a {}",
                relative(&program.source),
                program.args.join(" "),
                relative(&program.source.with_extension("bad-args"))
            )
        })
        .collect();
    assert!(without.is_empty(), "{}", without.join("\n"));
    assert!(
        !programs_with_options(all_programs()).is_empty(),
        "no program has a .bad-args file, so the rule for bad arguments goes untested"
    );
}

/// The other half of the rule: `--help` (or `-h`), anywhere on a program's
/// command line, prints its usage on stdout and exits with code 0, whatever
/// else the line holds. Checked after the arguments the book runs it with.
#[test]
fn every_program_with_options_answers_help_anywhere_with_its_usage() {
    let mut problems = Vec::new();
    for program in programs_with_options(selected_programs()) {
        let recorded = program.args.clone();
        for help in ["--help", "-h"] {
            let args: Vec<String> =
                recorded.iter().cloned().chain([help.into()]).collect();
            let output = program.run_with(&args);
            let stdout = String::from_utf8_lossy(&output.stdout);
            let answered = output.status.success()
                && stdout.starts_with("usage: ")
                && stdout.contains(&program.binary_name())
                && output.stderr.is_empty();
            if !answered {
                problems.push(format!(
                    "`{}` exited with {} and printed:\n{stdout}{}\nexpected its usage \
                     (`usage: {} ...`) on stdout and exit code 0",
                    program.command_with(&args),
                    output.status,
                    String::from_utf8_lossy(&output.stderr),
                    program.binary_name()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// An argument that is not UTF-8 (a file name may hold any bytes) is bad
/// input like any other: exit code 2, an error and the usage, no panic
/// (`std::env::args` panics on one); and `--help` beside it still answers.
#[cfg(unix)]
#[test]
fn every_program_with_options_refuses_an_argument_that_is_not_text() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;

    let not_text = || OsString::from_vec(vec![b'x', 0xff]);
    let mut problems = Vec::new();
    for program in programs_with_options(selected_programs()) {
        let refused = program.run_with_bytes(&[not_text()]);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        if refused.status.code() != Some(2) || stderr.contains("panicked") {
            problems.push(format!(
                "`{} <not UTF-8>` exited with {} and printed:\n{stderr}expected exit code 2, \
                 an error line and the usage",
                program.command_line(),
                refused.status
            ));
        }
        let helped = program.run_with_bytes(&["--help".into(), not_text()]);
        if !helped.status.success() {
            problems.push(format!(
                "`{} --help <not UTF-8>` exited with {}: --help answers anywhere on the line",
                program.command_line(),
                helped.status
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
