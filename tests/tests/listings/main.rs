//! No listing is untested: every Rust listing of the book is included from
//! a file a check compiles; every program prints what the book shows, says
//! how it is run, and, if it takes options, refuses bad ones as the design
//! asks (exit code 2 and a usage line).
//!
//! The outputs are checked in `outputs.rs`, bad options in `bad_args.rs`;
//! the listings, their captions and the programs run with other arguments
//! here. To record new output after changing a program, run
//! `BLESS=1 cargo test -p tests --test listings` and review the diff.
//! `LISTINGS=step03 cargo test -p tests --test listings` checks only the
//! programs whose command contains `step03`.

use std::path::{Path, PathBuf};

use tests::listings::{Kind, all_programs, compiled_by};
use tests::markdown::{CodeBlock, all_code_blocks};
use tests::relative;

/// Bad command-line input: every program with options refuses it.
mod bad_args;
/// Every program's output: what its `.out` file holds.
mod outputs;

/// The Rust blocks of the book.
fn rust_blocks() -> Vec<CodeBlock> {
    all_code_blocks()
        .into_iter()
        .filter(|block| block.language() == "rust")
        .collect()
}

#[test]
fn every_rust_listing_is_an_include_of_a_file_a_check_compiles() {
    let blocks = rust_blocks();
    assert!(!blocks.is_empty(), "the book has no Rust listing at all");
    let mut problems = Vec::new();
    for block in &blocks {
        let Some(include) = block.sole_include() else {
            problems.push(format!(
                "{}: inline Rust block; include it from a file cargo compiles instead",
                block.location()
            ));
            continue;
        };
        if include.file.extension().is_none_or(|ext| ext != "rs") {
            problems.push(format!(
                "{}: a Rust block includes {}, not a .rs file",
                block.location(),
                relative(&include.file)
            ));
        } else if compiled_by(&include.file).is_none() {
            problems.push(format!(
                "{}: nothing compiles {}: a listing comes from a crate's sources (a module its \
                 parent declares), an example, a test, an exercise or a diagnostics snippet",
                block.location(),
                relative(&include.file)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Whether a Rust file could run on the playground: a program in one file
/// (no `#[path]` module from another) that uses nothing but the standard
/// library and `futures`.
fn playground_can_run(file: &Path) -> bool {
    let source = std::fs::read_to_string(file).unwrap_or_default();
    let is_program = source.contains("fn main()") && !source.contains("#[path");
    let external_crates = source.lines().any(|line| {
        let line = line.trim_start();
        let path = line
            .strip_prefix("use ")
            .or_else(|| line.strip_prefix("pub use "));
        path.is_some_and(|path| {
            let root = path.split("::").next().unwrap_or("");
            !["std", "core", "alloc", "futures", "crate", "self", "super"]
                .contains(&root)
        })
    }) || source.contains("async_std::");
    is_program && !external_crates
}

#[test]
fn play_buttons_appear_exactly_where_the_playground_can_run_the_listing() {
    let mut problems = Vec::new();
    for block in rust_blocks() {
        let Some(include) = block.sole_include() else {
            continue; // the test above names it
        };
        let runnable =
            playground_can_run(&include.file) && include.directive == "rustdoc_include";
        let has_button =
            !block.has_attribute("noplayground") && !block.has_attribute("ignore");
        if runnable && !has_button {
            problems.push(format!(
                "{}: {} needs only std and futures; drop `noplayground` so readers can run it",
                block.location(),
                relative(&include.file)
            ));
        }
        if !runnable && has_button {
            problems.push(format!(
                "{}: the playground cannot run {} (it needs a crate the playground lacks, or is not a \
                 whole program via rustdoc_include); mark it `rust,noplayground`",
                block.location(),
                relative(&include.file)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The code spans of a line of Markdown: the text between pairs of
/// backticks (`` `cargo run -p step01-setup` `` gives `cargo run -p step01-setup`).
fn code_spans(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

/// What is wrong with the caption of one excerpt of a program, the line
/// right after it, if anything. `first` says whether it is the program's
/// first excerpt on its page.
fn caption_problem(
    caption: &str,
    path: &str,
    command: &str,
    first: bool,
) -> Option<String> {
    let spans = code_spans(caption);
    let names_command = spans.contains(&command);
    // A Python command holds the path: `python3 step03-tasks/python/tasks.py`.
    let names_path = spans.contains(&path) || (names_command && command.contains(path));
    let found = if caption.trim().is_empty() {
        "nothing (the page ends there)".to_string()
    } else {
        format!("\"{caption}\"")
    };
    if first && !(names_path && names_command) {
        let wanted = if command.contains(path) {
            format!("\"Run it: `{command}`.\"")
        } else {
            format!("\"`{path}`. Run it: `{command}`.\"")
        };
        Some(format!(
            "this is the first excerpt of {path} on the page, so the line right after it \
             should say which file it comes from and how to run it, e.g. {wanted}; found {found}"
        ))
    } else if !first && caption.contains(command) {
        Some(format!(
            "this is a later excerpt of {path}; its run command `{command}` was already given \
             under the first excerpt on this page, so the line after this one should name only \
             the file, e.g. \"From `{path}`.\"; found {found}"
        ))
    } else if !first && !names_path {
        Some(format!(
            "this is a later excerpt of {path}; the line right after it should name its file \
             as a code span, e.g. \"From `{path}`.\", so that a reader knows where it comes \
             from; found {found}"
        ))
    } else {
        None
    }
}

/// A program shown in several excerpts on one page is captioned once: the
/// line right after its first excerpt on the page names its file (as a code
/// span, or inside the command's code span, as `python3 path.py` does) and
/// the command that runs it; the line after each later excerpt names the
/// file again but not the command, so that the run line is not repeated
/// under every excerpt.
#[test]
fn every_program_listing_names_the_command_that_runs_it() {
    let programs = all_programs();
    let program_of = |file: &Path| {
        programs.iter().find(|program| {
            program
                .source
                .canonicalize()
                .is_ok_and(|source| source == file)
        })
    };
    // (chapter, program source) of the programs already captioned.
    let mut shown: Vec<(PathBuf, PathBuf)> = Vec::new();
    let problems: Vec<String> = all_code_blocks()
        .iter()
        .filter_map(|block| {
            let file = block.sole_include()?.file.canonicalize().ok()?;
            let program = program_of(&file)?;
            let key = (block.chapter.clone(), file);
            let first = !shown.contains(&key);
            if first {
                shown.push(key);
            }
            let path = relative(&program.source);
            caption_problem(&block.next_line, &path, &program.command_line(), first)
                .map(|problem| format!("{}: {problem}", block.location()))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_caption_check_tells_a_first_excerpt_from_a_later_one() {
    let rust = ("step03-tasks/src/main.rs", "cargo run -p step03-tasks");
    let python = (
        "step03-tasks/python/tasks.py",
        "python3 step03-tasks/python/tasks.py",
    );
    let check = |caption: &str, (path, command): (&str, &str), first: bool| {
        caption_problem(caption, path, command, first)
    };
    // Good captions.
    for (caption, program, first) in [
        (
            "`step03-tasks/src/main.rs`. Run it: `cargo run -p step03-tasks`.",
            rust,
            true,
        ),
        (
            "Run it: `python3 step03-tasks/python/tasks.py`.",
            python,
            true,
        ),
        ("From `step03-tasks/src/main.rs`.", rust, false),
        ("The rest of `step03-tasks/python/tasks.py`:", python, false),
    ] {
        assert_eq!(check(caption, program, first), None, "{caption}");
    }
    // Bad ones, and the words their message holds.
    for (caption, program, first, words) in [
        (
            "Run it: `cargo run -p step03-tasks`.",
            rust,
            true,
            "which file",
        ),
        (
            "From `step03-tasks/src/main.rs`.",
            rust,
            true,
            "how to run it",
        ),
        ("", rust, true, "the page ends there"),
        (
            "From `step03-tasks/src/main.rs`. Run it: `cargo run -p step03-tasks`.",
            rust,
            false,
            "already given",
        ),
        (
            "Run it: `python3 step03-tasks/python/tasks.py`.",
            python,
            false,
            "already given",
        ),
        ("From the same file.", rust, false, "name its file"),
        (
            "From step03-tasks/src/main.rs.",
            rust,
            false,
            "as a code span",
        ),
    ] {
        let problem = check(caption, program, first).unwrap_or_default();
        assert!(
            problem.contains(words),
            "{caption}: expected `{words}` in: {problem}"
        );
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

/// Runs the example `name` from the program list with `args`, fails the
/// test if it fails, and gives back its command line and its output.
fn run_example(name: &str, args: &[String]) -> (String, String) {
    let program = all_programs()
        .into_iter()
        .find(|program| program.kind == Kind::Example(name.to_string()))
        .unwrap_or_else(|| panic!("no example `{name}` in the program list"));
    let output = program.run_with(args);
    let command = program.command_with(args);
    assert!(
        output.status.success(),
        "`{command}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (command, stdout)
}

#[test]
fn the_distributed_example_finishes_every_job_and_reaps_every_worker() {
    // distributed.out holds the default run; this one proves that --jobs
    // and --workers reach the program.
    let args = ["--workers", "3", "--jobs", "9"].map(String::from);
    let (command, stdout) = run_example("distributed", &args);
    assert!(
        stdout.contains("9 of 9 jobs done"),
        "`{command}` should finish the 9 jobs:\n{stdout}"
    );
    assert!(
        stdout.contains("worker 2 exited with 3"),
        "`{command}`: the crashing worker should be reaped with its exit code:\n{stdout}"
    );
    assert_eq!(
        stdout.matches("exited with").count(),
        3,
        "`{command}` should reap each of its 3 workers:\n{stdout}"
    );
}

/// One bar of the timeline's chart: `    boil water : 0.000 s, 0.500 s`.
fn timeline_bar(line: &str) -> Option<(f64, f64)> {
    let (_, times) = line.split_once(" : ")?;
    let (start, end) = times.split_once(", ")?;
    let seconds = |time: &str| time.trim().strip_suffix(" s")?.parse::<f64>().ok();
    Some((seconds(start)?, seconds(end)?))
}

#[test]
fn the_timeline_shows_awaits_in_sequence_add_up_and_joined_ones_overlap() {
    // The comparison with timeline.out allows each time a slower clock, so
    // this checks what the chart is for, on a fresh run: in sequence, each
    // sleep starts when the previous one has ended; joined, all three run
    // at once and the whole takes well under the sequence's time.
    let (_, stdout) = run_example("timeline", &[]);
    let mut sections: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for line in stdout.lines() {
        if let Some(name) = line.trim().strip_prefix("section ") {
            sections.push((name.to_string(), Vec::new()));
        } else if let (Some(bar), Some((_, bars))) =
            (timeline_bar(line), sections.last_mut())
        {
            bars.push(bar);
        }
    }
    let [(_, in_sequence), (_, together)] = sections.as_slice() else {
        panic!(
            "the chart should have two sections, one after another and together:\n{stdout}"
        );
    };
    assert!(
        in_sequence.len() == 3 && together.len() == 3,
        "three sleeps in each section:\n{stdout}"
    );
    for pair in in_sequence.windows(2) {
        assert!(
            pair[1].0 >= pair[0].1,
            "one after another, a sleep starts only when the previous one has ended:\n{stdout}"
        );
    }
    let latest_start = together.iter().map(|bar| bar.0).fold(0.0, f64::max);
    let earliest_end = together.iter().map(|bar| bar.1).fold(f64::MAX, f64::min);
    assert!(
        latest_start < earliest_end,
        "joined, the three sleeps run at once:\n{stdout}"
    );
    let end = |bars: &[(f64, f64)]| bars.iter().map(|bar| bar.1).fold(0.0, f64::max);
    assert!(
        end(together) < 0.75 * end(in_sequence),
        "joined, the whole takes about the longest sleep, not the sum:\n{stdout}"
    );
}
