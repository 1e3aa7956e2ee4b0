//! `cargo book [--print] [--dest DIR]`: builds the HTML book, failing on any
//! warning.
//!
//! Without `--dest` the book is written to `target/book`; open
//! `target/book/index.html` in a browser to read it. With `--print` it also
//! gets `print.html`, the whole book on one page for a printer or a PDF,
//! which the online book leaves out (`book/book.toml` says why), and goes to
//! `target/book-print` unless `--dest` says otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use tests::book::{Pages, build_pages};
use tests::markdown::{all_includes, include_problem};
use tests::{own_output_dir, relative};

const USAGE: &str = "usage: cargo book [--print] [--dest DIR]";

fn main() -> ExitCode {
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8.
    if std::env::args_os().any(|arg| arg == "-h" || arg == "--help") {
        println!(
            "{USAGE}\nBuilds the book into target/book (or DIR); any mdBook warning fails.\n\
             --print  also print.html, the whole book on one page to print, into\n         \
             target/book-print (or DIR)"
        );
        return ExitCode::SUCCESS;
    }
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.into_string())
        .collect();
    let parsed = args
        .map_err(|bytes| {
            format!("argument `{}` is not UTF-8 text", bytes.to_string_lossy())
        })
        .and_then(|args| parse_args(args.into_iter()));
    let (destination, pages) = match parsed {
        Ok(choice) => choice,
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

    match build_pages(&destination, pages) {
        Ok(book) if book.warnings.is_empty() => {
            println!(
                "book written to {}",
                relative(&destination.join("index.html"))
            );
            if pages == Pages::WithPrintPage {
                println!(
                    "the whole book on one page: open {} and print it \
                     (the print dialog opens once its diagrams are drawn)",
                    relative(&destination.join("print.html"))
                );
            }
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

/// `--print`, `--dest DIR`, both or nothing; anything else is an error
/// message.
fn parse_args(
    mut args: impl Iterator<Item = String>,
) -> Result<(PathBuf, Pages), String> {
    let mut destination = None;
    let mut pages = Pages::Online;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dest" => {
                let dir = args.next().ok_or("--dest needs a folder")?;
                let here =
                    std::env::current_dir().map_err(|error| error.to_string())?;
                destination = Some(here.join(dir));
            }
            "--print" => pages = Pages::WithPrintPage,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let default = match pages {
        Pages::Online => "book",
        Pages::WithPrintPage => "book-print",
    };
    Ok((
        destination.unwrap_or_else(|| own_output_dir().join(default)),
        pages,
    ))
}
