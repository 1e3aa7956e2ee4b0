//! The command line of `cargo exercises`, read into a [`Command`].

use std::path::PathBuf;
use std::time::Duration;

use crate::grade::{GradeRequest, UNSANDBOXED_FLAG};
use crate::grade_kit::Limits;
use crate::test_run::DEFAULT_TIME_LIMIT;

pub const USAGE: &str = "usage: cargo exercises <command>
  list                  every exercise: done, not done or not started
  watch                 check the current exercise on every save, move on when it passes
  start <id>            write the starter to exercises-work/<id>/src/lib.rs
  check <id>            run the tests of exercise <id> against your code
  check --all           check every exercise; one table, exit code 0 when all pass
  hint <id>             show the next hint of exercise <id>
  reset <id>            put the starter back (your version is kept in a backup)
  solution <id>         where the solution is (after your check passed, or the last hint)
  grade <dir>...        teachers: check each student's exercises-work/, write grades.csv and grades.md
options: --time-limit <seconds> (check, watch, grade; default 30); grade's: `grade --help`
Works from anywhere inside the tutorial, exercises-work/<id>/ included.";

/// The most of a student's word an error message repeats.
const SHOWN_CHARACTERS: usize = 60;

/// A word the student typed, as an error message repeats it: control
/// characters escaped (a newline must not split the one-line error), and
/// cut after [`SHOWN_CHARACTERS`] characters (a 10 kB id is not echoed
/// whole).
pub fn shown(word: &str) -> String {
    let escaped: String = word.chars().flat_map(char::escape_debug).collect();
    match escaped.char_indices().nth(SHOWN_CHARACTERS) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped,
    }
}

/// `cargo exercises grade --help`.
pub const GRADE_USAGE: &str = "usage: cargo exercises grade [options] <student folder>...
  Builds and tests each student's exercises-work/ in a sandbox (bubblewrap), writes <out>.csv and <out>.md.
  --out <name>                  the sheets' name (default: grades)
  --exercises <ids or steps>    e.g. 1.1,1.2 or 2 (default: every exercise)
  --time-limit <seconds>        for each exercise's tests (default 30)
  --build-time-limit <seconds>  for each exercise's build (default 120)
  --unsandboxed-i-trust-these-students
                                where no sandbox can be made, run the students' code with your rights";

/// How long one exercise's build may take in `grade`.
const DEFAULT_BUILD_TIME_LIMIT: Duration = Duration::from_secs(120);

/// The most a check may be given: ten minutes.
const LONGEST_TIME_LIMIT: u64 = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    List,
    Watch { time_limit: Duration },
    Start(String),
    Check { id: String, time_limit: Duration },
    CheckAll { time_limit: Duration },
    Hint(String),
    Reset(String),
    Solution(String),
    GradeHelp,
    Grade(GradeRequest),
}

impl Command {
    /// The exercise id the command names, if any.
    pub fn exercise_id(&self) -> Option<&str> {
        match self {
            Command::Start(id)
            | Command::Check { id, .. }
            | Command::Hint(id)
            | Command::Reset(id)
            | Command::Solution(id) => Some(id),
            _ => None,
        }
    }
}

/// The words after the command: positional arguments and options.
#[derive(Debug, Default)]
struct Rest<'a> {
    positional: Vec<&'a str>,
    time_limit: Option<Duration>,
    out: Option<&'a str>,
    all: bool,
    build_time_limit: Option<Duration>,
    exercises: Option<&'a str>,
    unsandboxed: bool,
}

/// Reads the arguments after `cargo exercises`. An error is one line, for
/// the student, to print above [`USAGE`].
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::List);
    };
    // `cargo exercises check 2.1 --help` asks for help, not to check
    // `--help`; grade has options of its own to tell.
    if rest.iter().any(|word| word == "--help" || word == "-h") {
        return Ok(if command == "grade" {
            Command::GradeHelp
        } else {
            Command::Help
        });
    }
    let rest = read_rest(rest)?;
    let time_limit = rest.time_limit.unwrap_or(DEFAULT_TIME_LIMIT);
    let command = match command.as_str() {
        "-h" | "--help" | "help" => Command::Help,
        "list" => Command::List,
        "watch" => Command::Watch { time_limit },
        "check" if rest.all => Command::CheckAll { time_limit },
        "check" => Command::Check {
            id: one_id("check", &rest)?,
            time_limit,
        },
        "start" => Command::Start(one_id("start", &rest)?),
        "hint" => Command::Hint(one_id("hint", &rest)?),
        "reset" => Command::Reset(one_id("reset", &rest)?),
        "solution" => Command::Solution(one_id("solution", &rest)?),
        "grade" if rest.positional.is_empty() => {
            return Err(
                "`grade` needs the students' folders, e.g. `grade alice/ bob/`".into(),
            );
        }
        "grade" => Command::Grade(GradeRequest {
            folders: rest.positional.iter().map(PathBuf::from).collect(),
            limits: Limits {
                build: rest.build_time_limit.unwrap_or(DEFAULT_BUILD_TIME_LIMIT),
                tests: time_limit,
            },
            out: PathBuf::from(rest.out.unwrap_or("grades")),
            exercises: rest.exercises.map(str::to_string),
            unsandboxed: rest.unsandboxed,
        }),
        other => return Err(format!("unknown command `{}`", shown(other))),
    };
    refuse_unused_options(command.clone(), &rest)
}

fn read_rest(words: &[String]) -> Result<Rest<'_>, String> {
    let mut rest = Rest::default();
    let mut words = words.iter().map(String::as_str);
    while let Some(word) = words.next() {
        match word {
            "--all" => rest.all = true,
            "--time-limit" => {
                let seconds = words
                    .next()
                    .ok_or("--time-limit needs a number of seconds")?;
                rest.time_limit = Some(seconds_between_1_and_longest(seconds)?);
            }
            "--out" => rest.out = Some(words.next().ok_or("--out needs a file name")?),
            "--build-time-limit" => {
                let seconds = words
                    .next()
                    .ok_or("--build-time-limit needs a number of seconds")?;
                rest.build_time_limit = Some(seconds_between_1_and_longest(seconds)?);
            }
            "--exercises" => {
                let ids = words.next().ok_or("--exercises needs ids, e.g. 1.1,1.2")?;
                rest.exercises = Some(ids);
            }
            UNSANDBOXED_FLAG => rest.unsandboxed = true,
            option if option.starts_with("--") => {
                return Err(format!("unknown option `{}`", shown(option)));
            }
            positional => rest.positional.push(positional),
        }
    }
    Ok(rest)
}

fn seconds_between_1_and_longest(seconds: &str) -> Result<Duration, String> {
    match seconds.parse::<u64>() {
        Ok(seconds @ 1..=LONGEST_TIME_LIMIT) => Ok(Duration::from_secs(seconds)),
        _ => Err(format!(
            "--time-limit takes whole seconds from 1 to {LONGEST_TIME_LIMIT}, not `{}`",
            shown(seconds)
        )),
    }
}

/// The one exercise id a command takes.
fn one_id(command: &str, rest: &Rest) -> Result<String, String> {
    match rest.positional.as_slice() {
        [id] => Ok(id.to_string()),
        [] => Err(format!(
            "`{command}` needs an exercise id, e.g. `{command} 2.1`"
        )),
        [_, extra, ..] => Err(format!(
            "`{command}` takes one id, not also `{}`",
            shown(extra)
        )),
    }
}

/// An option the command does not take is a mistake worth reporting.
fn refuse_unused_options(command: Command, rest: &Rest) -> Result<Command, String> {
    let takes_time_limit = matches!(
        command,
        Command::Watch { .. }
            | Command::Check { .. }
            | Command::CheckAll { .. }
            | Command::Grade(_)
    );
    let takes_positional = !matches!(
        command,
        Command::Help
            | Command::GradeHelp
            | Command::List
            | Command::Watch { .. }
            | Command::CheckAll { .. }
    );
    if rest.time_limit.is_some() && !takes_time_limit {
        return Err("this command takes no --time-limit".to_string());
    }
    let grading = matches!(command, Command::Grade(_) | Command::GradeHelp);
    if !grading
        && (rest.out.is_some()
            || rest.build_time_limit.is_some()
            || rest.exercises.is_some()
            || rest.unsandboxed)
    {
        return Err(
            "only `grade` takes --out, --exercises, --build-time-limit and --unsandboxed-…"
                .to_string(),
        );
    }
    if rest.all && !matches!(command, Command::CheckAll { .. }) {
        return Err("only `check` takes --all".to_string());
    }
    if let (false, Some(extra)) = (takes_positional, rest.positional.first()) {
        return Err(format!("unexpected argument `{}`", shown(extra)));
    }
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(line: &str) -> Result<Command, String> {
        parse(
            &line
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn each_command_is_read_with_its_id_and_options() {
        let thirty = DEFAULT_TIME_LIMIT;
        assert_eq!(parse_words(""), Ok(Command::List));
        assert_eq!(parse_words("start 2.1"), Ok(Command::Start("2.1".into())));
        assert_eq!(
            parse_words("check 4.2"),
            Ok(Command::Check {
                id: "4.2".into(),
                time_limit: thirty
            })
        );
        assert_eq!(
            parse_words("check 4.2 --time-limit 90"),
            Ok(Command::Check {
                id: "4.2".into(),
                time_limit: Duration::from_secs(90)
            })
        );
        assert_eq!(
            parse_words("check --all"),
            Ok(Command::CheckAll { time_limit: thirty })
        );
        assert_eq!(
            parse_words("watch --time-limit 5"),
            Ok(Command::Watch {
                time_limit: Duration::from_secs(5)
            })
        );
        assert_eq!(
            parse_words("grade alice bob --out week1"),
            Ok(Command::Grade(GradeRequest {
                folders: vec!["alice".into(), "bob".into()],
                limits: Limits {
                    build: DEFAULT_BUILD_TIME_LIMIT,
                    tests: thirty
                },
                out: "week1".into(),
                exercises: None,
                unsandboxed: false,
            }))
        );
        assert_eq!(parse_words("grade --help"), Ok(Command::GradeHelp));
        let Ok(Command::Grade(request)) = parse_words(
            "grade a --exercises 2 --build-time-limit 9 --unsandboxed-i-trust-these-students",
        ) else {
            panic!("grade's options are read");
        };
        assert_eq!(request.exercises.as_deref(), Some("2"));
        assert_eq!(request.limits.build, Duration::from_secs(9));
        assert!(request.unsandboxed);
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        for line in [
            "check",
            "check 4.2 --time-limit",
            "check 4.2 --time-limit 0",
            "check 4.2 --time-limit soon",
            "check 4.2 --time-limit 99999999999999999999",
            "check 4.2 extra",
            "check 4.2 --verbose",
            "hint 2.1 2.2",
            "hint 2.1 --time-limit 5",
            "list 2.1",
            "list --all",
            "watch 2.1",
            "grade",
            "grade a --out",
            "grade a --exercises",
            "grade a --build-time-limit 0",
            "check 1.1 --exercises 1.1",
            "check 1.1 --unsandboxed-i-trust-these-students",
            "frobnicate",
        ] {
            assert!(parse_words(line).is_err(), "`{line}` should be refused");
        }
    }

    #[test]
    fn help_after_any_command_is_help() {
        for line in ["--help", "check 2.1 -h", "start --help"] {
            assert_eq!(parse_words(line), Ok(Command::Help), "`{line}`");
        }
    }

    #[test]
    fn a_word_is_repeated_escaped_and_cut() {
        assert_eq!(shown("1.1\n"), "1.1\\n");
        assert_eq!(shown(&"x".repeat(10_000)), format!("{}…", "x".repeat(60)));
        assert_eq!(shown("ünï"), "ünï");
    }
}
