//! The command line of `cargo exercises`, read into a [`Command`].

use std::time::Duration;

use crate::test_run::DEFAULT_TIME_LIMIT;

pub const USAGE: &str = "usage: cargo exercises <command>
  list                  every exercise: done, not done or not started
  start <id>            write the starter to exercises-work/<id>/src/lib.rs
  check <id>            run the tests of exercise <id> against your code
        [--time-limit <seconds>]   stop the tests after this long (default 30)
  hint <id>             show the next hint of exercise <id>
  reset <id>            put the starter back (your version is kept in a backup)
  solution <id>         where the solution of exercise <id> is
Works from anywhere inside the tutorial, exercises-work/<id>/ included.";

/// The most a check may be given: ten minutes.
const LONGEST_TIME_LIMIT: u64 = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    List,
    Start(String),
    Check { id: String, time_limit: Duration },
    Hint(String),
    Reset(String),
    Solution(String),
}

/// Reads the arguments after `cargo exercises`. An error is one line, for
/// the student, to print above [`USAGE`].
pub fn parse(args: &[String]) -> Result<Command, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["list"] => Ok(Command::List),
        ["-h" | "--help" | "help"] => Ok(Command::Help),
        ["check", id, rest @ ..] => Ok(Command::Check {
            id: id.to_string(),
            time_limit: time_limit(rest)?,
        }),
        [command @ ("start" | "hint" | "reset" | "solution"), id] => {
            Ok(with_id(command, id.to_string()))
        }
        [command @ ("start" | "check" | "hint" | "reset" | "solution")] => Err(format!(
            "`{command}` needs an exercise id, e.g. `{command} 2.1`"
        )),
        [
            command @ ("start" | "hint" | "reset" | "solution" | "list"),
            _,
            extra,
            ..,
        ]
        | [command @ "list", extra, ..] => Err(format!("`{command}` takes no argument `{extra}`")),
        [other, ..] => Err(format!("unknown command `{other}`")),
    }
}

fn with_id(command: &str, id: String) -> Command {
    match command {
        "start" => Command::Start(id),
        "hint" => Command::Hint(id),
        "reset" => Command::Reset(id),
        _ => Command::Solution(id),
    }
}

/// `--time-limit <seconds>` after `check <id>`, or the default.
fn time_limit(rest: &[&str]) -> Result<Duration, String> {
    match rest {
        [] => Ok(DEFAULT_TIME_LIMIT),
        ["--time-limit", seconds] => match seconds.parse::<u64>() {
            Ok(seconds @ 1..=LONGEST_TIME_LIMIT) => Ok(Duration::from_secs(seconds)),
            _ => Err(format!(
                "--time-limit takes whole seconds from 1 to {LONGEST_TIME_LIMIT}, not `{seconds}`"
            )),
        },
        ["--time-limit"] => Err("--time-limit needs a number of seconds".to_string()),
        [other, ..] => Err(format!("`check` takes no argument `{other}`")),
    }
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
    fn each_command_is_read_with_its_id() {
        assert_eq!(parse_words(""), Ok(Command::List));
        assert_eq!(parse_words("start 2.1"), Ok(Command::Start("2.1".into())));
        assert_eq!(
            parse_words("check 4.2"),
            Ok(Command::Check {
                id: "4.2".into(),
                time_limit: DEFAULT_TIME_LIMIT
            })
        );
        assert_eq!(
            parse_words("check 4.2 --time-limit 90"),
            Ok(Command::Check {
                id: "4.2".into(),
                time_limit: Duration::from_secs(90)
            })
        );
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
            "hint 2.1 2.2",
            "list 2.1",
            "frobnicate",
        ] {
            assert!(parse_words(line).is_err(), "`{line}` should be refused");
        }
    }
}
