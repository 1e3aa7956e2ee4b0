//! The one command-line reader of the lesson programs that take options
//! (`scale`, the "Beyond the steps" examples; Step 4's benchmarks read
//! `--tasks` through [`crate::scale::parse_args`], which is built on it).
//!
//! Every such program follows the same three rules, so that a reader learns
//! them once:
//!
//! - `--help` (or `-h`), anywhere on the line, prints the usage on stdout
//!   and exits with code 0;
//! - a number is written in digits, and `_` may group them as in Rust and
//!   Python source (`100_000`); a comma is refused, since `1,000` reads as
//!   one thousand in English and as one in much of Europe. Usage lines and
//!   errors write large numbers the same way (`1_000_000`);
//! - anything else that is wrong (an unknown option, a missing value, a
//!   number out of range) prints `error: ...` and `usage: ...` on stderr,
//!   one line each, and exits with code 2, the convention for "you called
//!   me wrongly".

use std::ops::RangeInclusive;
use std::process::exit;

/// One numeric option, e.g. `--clients 50`.
#[derive(Debug, Clone)]
pub struct NumberOption {
    /// As typed: `--clients`.
    pub name: &'static str,
    /// Its value when the option is not given.
    pub default: u64,
    /// The values the program agrees to.
    pub allowed: RangeInclusive<u64>,
}

/// `--name N`, `N` in `allowed`, `default` when absent.
pub fn number(
    name: &'static str,
    default: u64,
    allowed: RangeInclusive<u64>,
) -> NumberOption {
    NumberOption {
        name,
        default,
        allowed,
    }
}

/// The program's arguments, without the program name, checked by `parse`:
/// on `--help` the usage is printed and the program ends with code 0; on a
/// problem [`refuse`] ends it with code 2. `usage` is the text after
/// `usage: `.
pub fn read<T>(usage: &str, parse: impl FnOnce(&[String]) -> Result<T, String>) -> T {
    let (arguments, not_text) = arguments_as_text();
    if asks_for_help(&arguments) {
        println!("usage: {usage}");
        exit(0);
    }
    if let Some(problem) = not_text {
        refuse(&problem, usage);
    }
    parse(&arguments).unwrap_or_else(|problem| refuse(&problem, usage))
}

/// The program's arguments (without its name) that are text, and what is
/// wrong with the first that is not UTF-8, if one is not: a file name can
/// hold any bytes, and `std::env::args` panics on them.
pub fn arguments_as_text() -> (Vec<String>, Option<String>) {
    let mut text = Vec::new();
    let mut not_text = None;
    for argument in std::env::args_os().skip(1) {
        match argument.into_string() {
            Ok(word) => text.push(word),
            Err(bytes) => {
                let shown = bytes.to_string_lossy().into_owned();
                not_text.get_or_insert(format!("argument `{shown}` is not UTF-8 text"));
            }
        }
    }
    (text, not_text)
}

/// Whether a command line asks for the usage: `--help` or `-h` anywhere.
pub fn asks_for_help(arguments: &[String]) -> bool {
    arguments
        .iter()
        .any(|word| word == "--help" || word == "-h")
}

/// Prints `problem` and `usage` on stderr, one line each, and exits with
/// code 2.
pub fn refuse(problem: &str, usage: &str) -> ! {
    eprintln!("error: {problem}");
    eprintln!("usage: {usage}");
    exit(2)
}

/// Prints `problem` on stderr and exits with code 1: the run failed (a
/// server that cannot start, a time limit passed), not the command line,
/// so no usage, which would blame it.
pub fn fail(problem: &str) -> ! {
    eprintln!("error: {problem}");
    exit(1)
}

/// No argument at all: the first one is refused.
pub fn nothing(arguments: &[String]) -> Result<(), String> {
    match arguments.first() {
        None => Ok(()),
        Some(first) => Err(format!("unexpected argument `{first}`")),
    }
}

/// `flag` alone, or nothing: whether it was given.
pub fn flag(arguments: &[String], flag: &str) -> Result<bool, String> {
    match arguments {
        [] => Ok(false),
        [given] if given == flag => Ok(true),
        [given, extra, ..] if given == flag => {
            Err(format!("unexpected argument `{extra}`"))
        }
        [other, ..] => Err(format!("unexpected argument `{other}`")),
    }
}

/// Reads `arguments` against `options`: one value per option, in the same
/// order, its default where the option is not given.
pub fn numbers(
    arguments: &[String],
    options: &[NumberOption],
) -> Result<Vec<u64>, String> {
    let mut values: Vec<u64> = options.iter().map(|option| option.default).collect();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        let Some(index) = options.iter().position(|option| option.name == argument)
        else {
            return Err(format!("unknown argument `{argument}`"));
        };
        let option = &options[index];
        let text = rest
            .next()
            .ok_or_else(|| format!("{} needs a value", option.name))?;
        values[index] = whole_number(option, text)?;
    }
    Ok(values)
}

/// The value `text` gives `option`: digits, `_` between groups of them
/// (also for one item of a list, such as `--waits 10,1_000`).
pub fn whole_number(option: &NumberOption, text: &str) -> Result<u64, String> {
    // Digits only: Rust's `parse` would also take a leading `+`.
    let digits = text.chars().all(|c| c.is_ascii_digit() || c == '_');
    let grouped = text.split('_').all(|group| !group.is_empty());
    match text.replace('_', "").parse::<u64>() {
        Ok(value) if digits && grouped && option.allowed.contains(&value) => Ok(value),
        _ => Err(format!(
            "{} must be a whole number from {} to {}, not `{text}`",
            option.name,
            grouped_digits(*option.allowed.start()),
            grouped_digits(*option.allowed.end())
        )),
    }
}

/// `1000000` as `1_000_000`, as a number may be typed; up to four digits
/// stay as they are (`1000`).
pub fn grouped_digits(number: u64) -> String {
    if number < 10_000 {
        return number.to_string();
    }
    group_digits(number, '_')
}

/// `number` with `separator` between groups of three digits.
pub fn group_digits(number: u64, separator: char) -> String {
    let digits = number.to_string();
    let mut result = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            result.push(separator);
        }
        result.push(digit);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    fn options() -> [NumberOption; 2] {
        [
            number("--items", 10, 1..=200),
            number("--delay", 0, 0..=100_000),
        ]
    }

    #[test]
    fn numbers_take_defaults_values_and_grouped_digits() {
        assert_eq!(numbers(&[], &options()), Ok(vec![10, 0]));
        assert_eq!(
            numbers(&words("--delay 100_000 --items 200"), &options()),
            Ok(vec![200, 100_000]),
            "any order; `_` groups digits; the bounds themselves are allowed"
        );
    }

    #[test]
    fn bad_numbers_are_one_line_errors() {
        for bad in [
            "--items abc",
            "--items 0",
            "--items -5",
            "--items 201",
            "--items 99999999999999999999999",
            "--items 1,000",
            "--items _100",
            "--items 1__0",
            "--items 10_",
            "--items +5",
            "--items",
            "--threads 4",
            "100",
        ] {
            let error = numbers(&words(bad), &options()).expect_err(bad);
            assert!(!error.contains('\n'), "{error:?} spans several lines");
        }
        assert_eq!(
            numbers(&words("--delay 200000"), &options()),
            Err(
                "--delay must be a whole number from 0 to 100_000, not `200000`"
                    .to_string()
            ),
            "a large bound is written as it may be typed"
        );
    }

    #[test]
    fn help_is_asked_for_anywhere_on_the_line() {
        assert!(asks_for_help(&words("--items 3 --help")));
        assert!(asks_for_help(&words("-h")));
        assert!(!asks_for_help(&words("--items 3")));
    }

    #[test]
    fn a_flag_or_nothing() {
        assert_eq!(flag(&[], "--wait"), Ok(false));
        assert_eq!(flag(&words("--wait"), "--wait"), Ok(true));
        assert!(flag(&words("--wait now"), "--wait").is_err());
        assert!(flag(&words("--now"), "--wait").is_err());
        assert_eq!(nothing(&[]), Ok(()));
        assert!(nothing(&words("x")).is_err());
    }

    #[test]
    fn digits_are_grouped_like_source_code() {
        for (number, typed) in [
            (7, "7"),
            (1000, "1000"),
            (20_000, "20_000"),
            (1_000_000, "1_000_000"),
        ] {
            assert_eq!(grouped_digits(number), typed);
        }
        assert_eq!(group_digits(1000, ','), "1,000", "any separator");
    }
}
