//! Command-line checking shared by the "Beyond the steps" examples.
//!
//! Each example declares its options with their defaults and allowed
//! ranges; anything else (an unknown option, a missing or bad value) prints
//! one line of error and the usage on stderr and exits with code 2, the
//! convention for "you called me wrongly".

// Every example uses only part of this module.
#![allow(dead_code)]

use std::ops::RangeInclusive;
use std::process::exit;

/// One numeric option, e.g. `--clients 50`.
#[derive(Debug, Clone)]
pub struct NumberOption {
    pub name: &'static str,
    pub default: u64,
    pub allowed: RangeInclusive<u64>,
}

/// `--name N`, `N` in `allowed`, `default` when absent.
pub fn number(name: &'static str, default: u64, allowed: RangeInclusive<u64>) -> NumberOption {
    NumberOption {
        name,
        default,
        allowed,
    }
}

/// Prints `problem` and `usage` on stderr and exits with code 2.
pub fn fail(problem: &str, usage: &str) -> ! {
    eprintln!("error: {problem}");
    eprintln!("usage: {usage}");
    exit(2)
}

/// The program's arguments, without the program name.
pub fn arguments() -> Vec<String> {
    std::env::args().skip(1).collect()
}

/// Checks that no argument was given.
pub fn no_arguments(usage: &str) {
    if let Some(first) = arguments().first() {
        fail(&format!("unexpected argument `{first}`"), usage);
    }
}

/// Parses `arguments` against `options`, returning one value per option in
/// the same order.
pub fn parse_numbers(arguments: &[String], options: &[NumberOption], usage: &str) -> Vec<u64> {
    let mut values: Vec<u64> = options.iter().map(|option| option.default).collect();
    let mut rest = arguments.iter();
    while let Some(argument) = rest.next() {
        let Some(index) = options.iter().position(|option| option.name == argument) else {
            fail(&format!("unknown argument `{argument}`"), usage);
        };
        let option = &options[index];
        let Some(text) = rest.next() else {
            fail(&format!("{} needs a value", option.name), usage);
        };
        match text.parse::<u64>() {
            Ok(value) if option.allowed.contains(&value) => values[index] = value,
            _ => fail(
                &format!(
                    "{} must be a whole number from {} to {}, not `{text}`",
                    option.name,
                    option.allowed.start(),
                    option.allowed.end()
                ),
                usage,
            ),
        }
    }
    values
}
