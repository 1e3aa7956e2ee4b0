//! Compiler messages as the book quotes them: what rustc says about a
//! snippet, without the parts that depend on the reader's installation.
//!
//! Two things in rustc's message change with what is installed, not with
//! the reader's code:
//!
//! - Under a note that points into the standard library, rustc prints the
//!   library's own source lines only where the `rust-src` component is
//!   installed. rustup's default profile does not install it.
//! - The gutter (the column of line numbers left of `|`) is as wide as the
//!   longest line number in the message, so a library line 1181 widens every
//!   line of the message.
//!
//! [`for_the_book`] keeps what the reader needs to see (the code, the
//! message, the labels, the notes and where they point), drops the library
//! excerpts and draws the gutter again for the lines that are left. The same
//! compiler therefore gives the same text with and without `rust-src`, and
//! the book shows what a default installation prints. A path into the
//! library loses the toolchain's commit hash (it changes with every release)
//! and its line and column (they differ with and without `rust-src`).

/// The placeholder for the toolchain's commit in a path into the standard
/// library (`/rustc/<commit>/library/core/src/pin.rs`).
const TOOLCHAIN_SOURCES: &str = "/rustc/<commit>/library/";

/// `cargo check`'s messages, with what depends on the installation taken
/// out (see the module documentation).
pub fn for_the_book(compiler_output: &str) -> String {
    let mut result = String::new();
    for diagnostic in diagnostics(compiler_output) {
        for line in redraw_gutter(&without_library_excerpts(&diagnostic)) {
            result.push_str(&line);
            result.push('\n');
        }
    }
    result
}

/// The output cut into diagnostics: each starts at an `error` or `warning`
/// line, with its notes and help below it. Gutter widths are per diagnostic.
fn diagnostics(output: &str) -> Vec<Vec<&str>> {
    let mut result: Vec<Vec<&str>> = Vec::new();
    for line in output.lines() {
        let starts_one = line.starts_with("error") || line.starts_with("warning");
        match result.last_mut() {
            Some(current) if !starts_one => current.push(line),
            _ => result.push(vec![line]),
        }
    }
    result
}

/// The diagnostic without the source lines rustc shows under a location in
/// the standard library (shown only where `rust-src` is installed); the
/// location itself stays, with the toolchain's commit replaced.
fn without_library_excerpts(diagnostic: &[&str]) -> Vec<String> {
    let mut kept = Vec::new();
    let mut in_library_excerpt = false;
    for line in diagnostic {
        if in_library_excerpt && is_excerpt_line(line) {
            continue;
        }
        in_library_excerpt = false;
        if let Some(library_path) = library_location(line) {
            kept.push(library_path);
            in_library_excerpt = true;
        } else {
            kept.push(line.to_string());
        }
    }
    kept
}

/// A line of a source excerpt: a numbered source line, a label line
/// (`   |   ^^^ ...`) or the `...` that stands for skipped lines.
fn is_excerpt_line(line: &str) -> bool {
    numbered(line).is_some() || line.trim_start().starts_with('|') || line == "..."
}

/// For a location line (`  --> path:line:col` or `  ::: path`) that points
/// into the standard library's sources, the same line with the toolchain's
/// own prefix replaced by [`TOOLCHAIN_SOURCES`] and without the line and
/// column.
fn library_location(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let (arrow, path) = trimmed
        .split_once(' ')
        .filter(|(arrow, _)| *arrow == "-->" || *arrow == ":::")?;
    // `/rustc/<hash>/library/...` as rustc remaps it, or
    // `.../lib/rustlib/src/rust/library/...` where it does not.
    let in_library = path
        .strip_prefix("/rustc/")
        .and_then(|rest| rest.split_once("/library/"))
        .filter(|(hash, _)| hash.chars().all(|c| c.is_ascii_hexdigit()))
        .map(|(_, file)| file)
        .or_else(|| {
            path.split_once("/lib/rustlib/src/rust/library/")
                .map(|(_, file)| file)
        })?;
    // The line and column differ too: with `rust-src`, rustc points at the
    // bound itself; without, at the item.
    let file = in_library.split(':').next().unwrap_or(in_library);
    Some(format!("{indent}{arrow} {TOOLCHAIN_SOURCES}{file}"))
}

/// A numbered line of an excerpt, `  16 | code` (or a suggestion's
/// `16 + code`, `16 - code`, `16 ~ code`): its number and what follows it.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    let digits = trimmed.find(|c: char| !c.is_ascii_digit())?;
    let (number, rest) = trimmed.split_at(digits);
    let marker = rest.strip_prefix(' ')?.chars().next()?;
    (!number.is_empty() && "|+-~".contains(marker)).then_some((number, rest))
}

/// The diagnostic with its gutter as wide as its own longest line number:
/// numbered lines right-aligned again, every other indented line moved by
/// the change in width.
fn redraw_gutter(diagnostic: &[String]) -> Vec<String> {
    let width = |lines: &[String]| {
        lines
            .iter()
            .filter_map(|line| numbered(line))
            .map(|(number, _)| number.len())
            .max()
    };
    let Some(new_width) = width(diagnostic) else {
        return diagnostic.to_vec();
    };
    let old_width = gutter_width(diagnostic).unwrap_or(new_width);
    diagnostic
        .iter()
        .map(|line| {
            if let Some((number, rest)) = numbered(line) {
                return format!("{number:>new_width$}{rest}");
            }
            let indent = line.len() - line.trim_start().len();
            if indent == 0 || indent < old_width {
                return line.clone();
            }
            let moved = indent - old_width + new_width;
            format!("{}{}", " ".repeat(moved), line.trim_start())
        })
        .collect()
}

/// The gutter width rustc drew: the indent of the first location arrow
/// (`-->` stands right after the gutter's spaces).
fn gutter_width(diagnostic: &[String]) -> Option<usize> {
    diagnostic.iter().find_map(|line| {
        let trimmed = line.trim_start();
        trimmed
            .starts_with("--> ")
            .then(|| line.len() - trimmed.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What rustc 1.95 prints for `tests/diagnostics/pin_new_async_block.rs`
    /// on a toolchain with `rust-src` (recorded with the component
    /// installed), and on rustup's default profile, without it.
    const WITH_RUST_SRC: &str = include_str!("diagnostics/pin_with_rust_src.stderr");
    const WITHOUT_RUST_SRC: &str =
        include_str!("diagnostics/pin_without_rust_src.stderr");

    #[test]
    fn the_same_compiler_reads_the_same_with_and_without_rust_src() {
        assert_ne!(WITH_RUST_SRC, WITHOUT_RUST_SRC, "the two recordings differ");
        pretty_assertions::assert_eq!(
            for_the_book(WITH_RUST_SRC),
            for_the_book(WITHOUT_RUST_SRC)
        );
    }

    #[test]
    fn a_default_installation_prints_what_the_book_shows() {
        // Nothing to take out without rust-src, but the toolchain's commit.
        let shown = for_the_book(WITHOUT_RUST_SRC);
        assert!(shown.contains("--> /rustc/<commit>/library/core/src/pin.rs\n"));
        assert!(!WITHOUT_RUST_SRC.contains("<commit>"));
        for (recorded, shown) in WITHOUT_RUST_SRC.lines().zip(shown.lines()) {
            if !recorded.contains("/rustc/") {
                assert_eq!(
                    recorded, shown,
                    "a default installation's line was changed"
                );
            }
        }
    }

    #[test]
    fn a_real_change_of_message_still_shows() {
        for (from, to) in [
            ("cannot be unpinned", "cannot be moved"),
            ("required by a bound", "needed by a bound"),
            ("consider using the `pin!` macro", "use `pin!`"),
            ("16 |     Pin::new", "16 |     Pin::into"),
        ] {
            assert!(WITH_RUST_SRC.contains(from), "{from}");
            let changed = WITH_RUST_SRC.replace(from, to);
            assert_ne!(
                for_the_book(&changed),
                for_the_book(WITHOUT_RUST_SRC),
                "changing `{from}` to `{to}` went unnoticed"
            );
        }
    }

    #[test]
    fn the_gutter_is_redrawn_for_the_lines_that_are_left() {
        let wide = "error: x\n    --> src/lib.rs:9:1\n     |\n   9 | code\n     | ^^^^ label\n     |\n     = note: a\n             b\n";
        let narrow = "error: x\n --> src/lib.rs:9:1\n  |\n9 | code\n  | ^^^^ label\n  |\n  = note: a\n          b\n";
        assert_eq!(redraw_gutter(&lines(wide)), lines(narrow));
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }
}
