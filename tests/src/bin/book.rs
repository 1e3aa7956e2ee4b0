//! `cargo book [--dest DIR]`: builds the HTML book, failing on any warning.
//!
//! Without `--dest` the book is written to `target/book`; open
//! `target/book/index.html` in a browser to read it.

use std::path::PathBuf;
use std::process::ExitCode;

use tests::book::build;
use tests::markdown::{all_includes, include_problem};
use tests::{own_output_dir, relative};

const USAGE: &str = "usage: cargo book [--dest DIR]";

fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "-h" || arg == "--help") {
        println!(
            "{USAGE}\nBuilds the book into target/book (or DIR); any mdBook warning fails."
        );
        return ExitCode::SUCCESS;
    }
    let destination = match parse_args(std::env::args().skip(1)) {
        Ok(destination) => destination,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let problems: Vec<String> =
        all_includes().iter().filter_map(include_problem).collect();
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("error: {problem}");
        }
        return ExitCode::FAILURE;
    }

    match build(&destination) {
        Ok(book) if book.warnings.is_empty() => {
            println!(
                "book written to {}",
                relative(&destination.join("index.html"))
            );
            ExitCode::SUCCESS
        }
        Ok(book) => {
            for warning in &book.warnings {
                eprintln!("mdBook: {warning}");
            }
            eprintln!("error: mdBook reported {} warning(s)", book.warnings.len());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: the book did not build: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--dest DIR` or nothing; anything else is an error message.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<PathBuf, String> {
    let mut destination = own_output_dir().join("book");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dest" => {
                let dir = args.next().ok_or("--dest needs a folder")?;
                destination = std::env::current_dir()
                    .map_err(|error| error.to_string())?
                    .join(dir);
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(destination)
}
