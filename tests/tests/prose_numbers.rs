//! No number typed by hand.
//!
//! Every number with a unit or a ratio in the prose of the book (`0.169 s`,
//! `155 ns`, `1.25×`, `15 %`, `346 bytes`, `ten times`, `half a second`)
//! must be one of:
//!
//! - a number that an output file *of the same chapter* holds, in the same
//!   unit or a convertible one (`3 seconds` matches `[3.0 s]`, `35 ms`
//!   matches `0.035 s`). The outputs of a chapter are the `.out` and
//!   `.expected` files it includes, checkpoints and included speaker notes
//!   counted; the listings and diagnostics tests compare those files with
//!   real runs, so a number found there is a number a program printed;
//! - a fact from outside the outputs, on the short list [`EXTERNAL_FACTS`]
//!   with its source (for a fact taken from a file of the repository, the
//!   test also checks that the file still says so);
//! - or not prose at all: code blocks, inline code, HTML `<code>`, link
//!   targets and include lines are skipped.
//!
//! What counts as a unit: durations (`ns`, `µs`, `ms`, `s`, and the words
//! `nanoseconds` ... `seconds`), sizes (`B`, `KB`, `KiB`, `MB`, `MiB`, `GB`,
//! `GiB`, `bytes`, ...), ratios (`×`, `x`, `N times`), percentages (`%`,
//! `percent`) and rates (`req/s`, `requests per second`). Numbers may be
//! written in digits (`0.035 s`, `100,000 bytes`) or in words (`ten times`,
//! `five seconds`, `a fifth of a second`), and a range shares its unit
//! (`between 20 and 40 ms` checks 20 ms too). Minutes and hours are left
//! out on purpose: no program of the book measures in them; the book uses
//! them for reading-time and lesson-plan estimates, which say they are
//! estimates, and for the coffee recipe's story.
//!
//! Step 4's chapters are checked by a test of their own,
//! [`step4_prose_numbers_come_from_outputs`], so that the rest of the book
//! stays green while that chapter is being rewritten.
//!
//! Which files a chapter includes comes from the tests crate's one include
//! parser (`tests::markdown`); which of its text is prose is decided here.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use tests::markdown::{book_root, includes_in, source_folder};
use tests::{relative, workspace_root};

// ---------------------------------------------------------------------------
// The short list of facts that come from somewhere other than an output.

/// A number the prose may state although no output of its chapter holds it.
struct ExternalFact {
    /// The quantity exactly as the prose writes it, e.g. `30 seconds`.
    quantity: &'static str,
    /// The chapter file (under `book/src`) that states it.
    chapter: &'static str,
    /// Where the number comes from, for a reader of this list.
    source: &'static str,
    /// For a fact taken from the repository: a file and a text it must
    /// still contain, so that the fact cannot drift from its source.
    witness: Option<(&'static str, &'static str)>,
}

const EXTERNAL_FACTS: &[ExternalFact] = &[
    ExternalFact {
        quantity: "30 seconds",
        chapter: "step01-setup.md",
        source: "the exercise tool's default time limit for a check",
        witness: Some((
            "tests/exercises-tool/src/test_run.rs",
            "DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30)",
        )),
    },
    ExternalFact {
        quantity: "30 seconds",
        chapter: "teachers.md",
        source: "the exercise tool's default time limit for a check",
        witness: Some((
            "tests/exercises-tool/src/test_run.rs",
            "DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30)",
        )),
    },
    ExternalFact {
        quantity: "256 bytes",
        chapter: "step03-non-blocking-io.md",
        source: "the lesson server's longest request line",
        witness: Some(("step03-tasks/src/server/mod.rs", "MAX_LINE: usize = 256")),
    },
    ExternalFact {
        quantity: "five seconds",
        chapter: "step03-non-blocking-io.md",
        source: "the lesson server's default idle timeout",
        witness: Some((
            "step03-tasks/src/server/mod.rs",
            "idle_timeout: Duration::from_secs(5)",
        )),
    },
];

// ---------------------------------------------------------------------------
// Quantities: a number with a unit, found in a piece of text.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Time,
    Size,
    Ratio,
    Percent,
    Rate,
}

/// One number with its unit, as found in a text.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    /// As written, e.g. `0.169 s` or `ten times`.
    text: String,
    /// In the dimension's base unit: seconds, bytes, a plain ratio.
    value: f64,
    dimension: Dimension,
}

impl Quantity {
    fn same_as(&self, other: &Quantity) -> bool {
        self.dimension == other.dimension
            && (self.value - other.value).abs() <= 1e-9 * self.value.abs().max(other.value.abs())
    }
}

/// Every unit the prose may write, with the dimension it measures and its
/// size in the dimension's base unit. Its words may follow a number in
/// digits or in words (`5 seconds`, `five seconds`); its symbols only a
/// number in digits (`5 s`, never `five s`).
#[rustfmt::skip] // a table, one unit a line
const UNITS: &[(Dimension, f64, &[&str], &[&str])] = &[
    // dimension         size             words                             symbols
    (Dimension::Time,    1.0,             &["second", "seconds"],           &["secs", "sec", "s"]),
    (Dimension::Time,    1e-3,            &["millisecond", "milliseconds"], &["ms"]),
    // The micro sign, the Greek mu, and plain ASCII.
    (Dimension::Time,    1e-6,            &["microsecond", "microseconds"], &["µs", "μs", "us"]),
    (Dimension::Time,    1e-9,            &["nanosecond", "nanoseconds"],   &["ns"]),
    (Dimension::Size,    1.0,             &["byte", "bytes"],               &["B"]),
    (Dimension::Size,    1e3,             &["kilobyte", "kilobytes"],       &["kB", "KB"]),
    (Dimension::Size,    1e6,             &["megabyte", "megabytes"],       &["MB"]),
    (Dimension::Size,    1e9,             &["gigabyte", "gigabytes"],       &["GB"]),
    (Dimension::Size,    1024.0,          &[],                              &["KiB"]),
    (Dimension::Size,    1_048_576.0,     &[],                              &["MiB"]),
    (Dimension::Size,    1_073_741_824.0, &[],                              &["GiB"]),
    (Dimension::Ratio,   1.0,             &["times"],                       &["×", "x"]),
    (Dimension::Percent, 1.0,             &["percent"],                     &["per cent", "%"]),
    (Dimension::Rate,    1.0,             &[],                              &["requests per second", "req/s", "/s"]),
];

/// Every spelling of a unit that may follow a number in digits (`3 s`,
/// `155ns`, `1.25×`, `3 seconds`), longest first so that `ms` is not read
/// as `m` + `s`.
fn units_after_digits() -> &'static [(&'static str, Dimension, f64)] {
    static SPELLINGS: LazyLock<Vec<(&str, Dimension, f64)>> = LazyLock::new(|| {
        let mut spellings: Vec<_> = UNITS
            .iter()
            .flat_map(|&(dimension, size, words, symbols)| {
                words
                    .iter()
                    .chain(symbols)
                    .map(move |&spelling| (spelling, dimension, size))
            })
            .collect();
        spellings.sort_by_key(|&(spelling, ..)| std::cmp::Reverse(spelling.len()));
        spellings
    });
    &SPELLINGS
}

/// The unit a word names when it follows a number written in words (`ten
/// times`, `five seconds`): the spelled-out units only, never `s` or `x`.
fn word_unit(word: &str) -> Option<(Dimension, f64)> {
    UNITS
        .iter()
        .find(|(_, _, words, _)| words.contains(&word))
        .map(|&(dimension, size, ..)| (dimension, size))
}

/// A number written as a word.
fn number_word(word: &str) -> Option<f64> {
    const WORDS: &[(&str, f64)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("hundred", 100.0),
        ("thousand", 1000.0),
    ];
    WORDS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, value)| *value)
}

/// A fraction written as a word: `a third of a microsecond`.
fn fraction_word(word: &str) -> Option<f64> {
    let value = match word {
        "half" => 0.5,
        "third" => 1.0 / 3.0,
        "quarter" => 0.25,
        "fifth" => 0.2,
        "tenth" => 0.1,
        "hundredth" => 0.01,
        "thousandth" => 0.001,
        _ => return None,
    };
    Some(value)
}

/// Spaces that may sit between a number and its unit.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A number in digits at the start of `text` (`100,000`, `0.169`): its
/// value and its length in bytes. `1.13.2` (a version) is not a number.
fn digits_at(text: &str) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    // Thousands separators: `100,000`, `1,000,000`.
    while end + 3 < bytes.len()
        && bytes[end] == b','
        && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
        && bytes.get(end + 4).is_none_or(|b| !b.is_ascii_digit())
    {
        end += 4;
    }
    if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        // `1.13.2`, `3.12.1`: a version, not a quantity.
        if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
            return None;
        }
    }
    let value = text[..end].replace(',', "").parse().ok()?;
    Some((value, end))
}

/// The unit at the start of `text`, which must end there (`s` in `3 s,`
/// but not in `3 steps`); `×` or `x` followed by a number is a product
/// (`10 × 20 ms`), not a ratio.
fn unit_at(text: &str) -> Option<(&'static str, Dimension, f64)> {
    for &(unit, dimension, scale) in units_after_digits() {
        let Some(rest) = text.strip_prefix(unit) else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if dimension == Dimension::Ratio && unit != "times" {
            let after = rest.trim_start_matches(is_space);
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
        }
        return Some((unit, dimension, scale));
    }
    None
}

/// One number found in digits, with or without a unit.
struct Found {
    start: usize,
    end: usize,
    value: f64,
    unit: Option<(Dimension, f64)>,
}

/// Every number with a unit in `text`, in digits or in words.
fn quantities(text: &str) -> Vec<Quantity> {
    let mut found = numbers_in_digits(text);
    share_units_across_ranges(text, &mut found);
    let mut result: Vec<Quantity> = found
        .iter()
        .filter_map(|number| {
            let (dimension, scale) = number.unit?;
            Some(Quantity {
                text: text[number.start..number.end].to_string(),
                value: number.value * scale,
                dimension,
            })
        })
        .collect();
    result.extend(numbers_in_words(text));
    result
}

fn numbers_in_digits(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut index = 0;
    while index < text.len() {
        let rest = &text[index..];
        let c = rest.chars().next().expect("index is on a char boundary");
        let starts_number = c.is_ascii_digit()
            && !previous.is_some_and(|p| p.is_alphanumeric() || "._-/#".contains(p));
        if starts_number && let Some((value, length)) = digits_at(rest) {
            let after_number = &rest[length..];
            let mut end = index + length;
            let mut unit = None;
            let spaced = after_number.trim_start_matches(is_space);
            let space = after_number.len() - spaced.len();
            if space <= after_number.chars().next().map_or(0, char::len_utf8)
                && let Some((symbol, dimension, scale)) = unit_at(spaced)
            {
                unit = Some((dimension, scale));
                end += space + symbol.len();
            }
            found.push(Found {
                start: index,
                end,
                value,
                unit,
            });
            previous = text[..end].chars().next_back();
            index = end;
            continue;
        }
        // A run of digits that is not a number here (`p99`, `x86`,
        // `RUSTSEC-2025-0052`, `1.13.2`): skip it whole.
        if c.is_ascii_digit() {
            let run = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == ','))
                .unwrap_or(rest.len());
            let run = if run == 0 { c.len_utf8() } else { run };
            previous = rest[..run].chars().next_back();
            index += run;
            continue;
        }
        previous = Some(c);
        index += c.len_utf8();
    }
    found
}

/// `between 20 and 40 ms`, `20–40 ms`, `1, 3 and 12 s`: a number without a
/// unit, right before another one joined by a range word, shares its unit.
fn share_units_across_ranges(text: &str, found: &mut [Found]) {
    for index in (0..found.len().saturating_sub(1)).rev() {
        if found[index].unit.is_some() {
            continue;
        }
        let Some(unit) = found[index + 1].unit else {
            continue;
        };
        let between = text[found[index].end..found[index + 1].start].trim_matches(is_space);
        if ["and", "to", "or", "–", "—", "-", ","].contains(&between) {
            found[index].unit = Some(unit);
        }
    }
}

/// `ten times`, `five seconds`, `half a second`, `a third of a microsecond`.
fn numbers_in_words(text: &str) -> Vec<Quantity> {
    // Words with their byte spans, and whether only spaces separate each
    // word from the next.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                words.push((from, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, text.len()));
    }
    let word = |i: usize| text[words[i].0..words[i].1].to_lowercase();
    let joined = |i: usize| {
        i + 1 < words.len()
            && !text[words[i].1..words[i + 1].0].is_empty()
            && text[words[i].1..words[i + 1].0].chars().all(is_space)
    };
    let mut result = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let quantity = |first: usize, last: usize, value: f64, unit: (Dimension, f64)| Quantity {
            text: text[words[first].0..words[last].1].to_string(),
            value: value * unit.1,
            dimension: unit.0,
        };
        // `half a second`
        if word(i) == "half"
            && joined(i)
            && ["a", "an"].contains(&word(i + 1).as_str())
            && joined(i + 1)
            && let Some(unit) = word_unit(&word(i + 2))
        {
            result.push(quantity(i, i + 2, 0.5, unit));
            i += 3;
            continue;
        }
        // `a third of a microsecond`, `one tenth of a second`
        if ["a", "one"].contains(&word(i).as_str())
            && joined(i)
            && let Some(fraction) = fraction_word(&word(i + 1))
            && joined(i + 1)
            && word(i + 2) == "of"
            && joined(i + 2)
            && ["a", "an"].contains(&word(i + 3).as_str())
            && joined(i + 3)
            && let Some(unit) = word_unit(&word(i + 4))
        {
            result.push(quantity(i, i + 4, fraction, unit));
            i += 5;
            continue;
        }
        // `ten times`, `five seconds`, `a hundred times`; not `a few
        // hundred bytes`, which names no number.
        let vague = i > 0 && ["few", "several", "many", "some"].contains(&word(i - 1).as_str());
        let (first, number) = if vague {
            (i, None)
        } else if word(i) == "a" && joined(i) {
            match word(i + 1).as_str() {
                "hundred" => (i + 1, Some(100.0)),
                "thousand" => (i + 1, Some(1000.0)),
                _ => (i, None),
            }
        } else {
            (i, number_word(&word(i)))
        };
        if let Some(value) = number
            && joined(first)
            && let Some(unit) = word_unit(&word(first + 1))
        {
            result.push(quantity(i, first + 1, value, unit));
            i = first + 2;
            continue;
        }
        i += 1;
    }
    result
}

/// The quantities an output file holds: those written with a unit, and
/// bare numbers on a line whose label gives their unit in parentheses
/// (`spawn + join (ns/task)   85.1   141.0`).
fn output_quantities(text: &str) -> Vec<Quantity> {
    let mut result = Vec::new();
    for line in text.lines() {
        let mut found = numbers_in_digits(line);
        share_units_across_ranges(line, &mut found);
        let label_unit = line.match_indices('(').find_map(|(at, _)| {
            let (_, dimension, scale) = unit_at(&line[at + 1..])?;
            Some((dimension, scale))
        });
        for number in &found {
            if let Some((dimension, scale)) = number.unit.or(label_unit) {
                result.push(Quantity {
                    text: line[number.start..number.end].to_string(),
                    value: number.value * scale,
                    dimension,
                });
            }
        }
        result.extend(numbers_in_words(line));
    }
    result
}

// ---------------------------------------------------------------------------
// Chapters: their prose, and the output files they include.

/// A line of prose, with where it was written.
struct ProseLine {
    /// The Markdown file it is in (a chapter, or notes it includes).
    file: PathBuf,
    /// 1-based.
    line: usize,
    text: String,
}

/// What one chapter shows: its prose (its own and that of the Markdown it
/// includes) and the output files it includes.
#[derive(Default)]
struct Chapter {
    prose: Vec<ProseLine>,
    outputs: Vec<PathBuf>,
}

/// The chapters of the book: those `SUMMARY.md` lists, and any other
/// Markdown file directly in `book/src` (a chapter on its way into the
/// summary is checked too; the notes it includes live in a folder below).
fn book_chapters() -> Vec<PathBuf> {
    let source = source_folder();
    let mut chapters = summary_chapters();
    let mut loose: Vec<PathBuf> = std::fs::read_dir(&source)
        .expect("book/src is readable")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "md")
                && path.file_name().is_some_and(|name| name != "SUMMARY.md")
        })
        .collect();
    loose.sort();
    for chapter in loose {
        if !chapters.contains(&chapter) {
            chapters.push(chapter);
        }
    }
    chapters
}

/// The chapters of the book, as `SUMMARY.md` lists them.
fn summary_chapters() -> Vec<PathBuf> {
    let mut chapters: Vec<PathBuf> = Vec::new();
    for chapter in tests::markdown::summary_chapters() {
        let file = source_folder().join(chapter.source);
        if !chapters.contains(&file) {
            chapters.push(file);
        }
    }
    chapters
}

/// Reads a chapter, following its Markdown includes.
fn read_chapter(file: &Path, text: &str, chapter: &mut Chapter, depth: usize) {
    assert!(depth < 8, "{} includes itself", file.display());
    let mut in_fence: Option<&str> = None;
    let mut in_comment = false;
    for (index, line) in text.lines().enumerate() {
        for target in includes_in(file, line)
            .into_iter()
            .map(|include| include.file)
        {
            match target.extension().and_then(|ext| ext.to_str()) {
                Some("md") => {
                    let included = std::fs::read_to_string(&target).unwrap_or_else(|error| {
                        panic!("{} includes {}: {error}", file.display(), target.display())
                    });
                    read_chapter(&target, &included, chapter, depth + 1);
                }
                Some("out" | "expected") => chapter.outputs.push(target),
                _ => {}
            }
        }
        let trimmed = line.trim_start();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(&trimmed[..3]);
            continue;
        }
        let text = prose_of(line, &mut in_comment);
        if !text.trim().is_empty() {
            chapter.prose.push(ProseLine {
                file: file.to_path_buf(),
                line: index + 1,
                text,
            });
        }
    }
}

/// Spans of a line that are not prose, each from its opening text to its
/// closing one: HTML inline code, a link's target, an include directive.
/// (`<code>` is looked for before any other HTML tag, whose text is prose.)
const SPANS_NOT_PROSE: [(&str, &str); 3] = [("<code>", "</code>"), ("](", ")"), ("{{#", "}}")];

/// The prose of one line: without inline code (`` `...` ``, `<code>`),
/// HTML tags and comments, link targets and include directives.
fn prose_of(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => rest = "",
            }
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            *in_comment = true;
            rest = after;
            continue;
        }
        if rest.starts_with('`') {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            let after = &rest[ticks..];
            rest = match after.find(fence) {
                Some(end) => &after[end + ticks..],
                None => "",
            };
            out.push(' ');
            continue;
        }
        if let Some((after, close)) = SPANS_NOT_PROSE
            .iter()
            .find_map(|&(open, close)| Some((rest.strip_prefix(open)?, close)))
        {
            rest = after
                .find(close)
                .map_or("", |end| &after[end + close.len()..]);
            out.push(' ');
            continue;
        }
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
            && rest[1..end]
                .chars()
                .all(|c| c.is_alphanumeric() || " /=\"'-_.:#".contains(c))
        {
            rest = &rest[end + 1..];
            out.push(' ');
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

// ---------------------------------------------------------------------------
// The check.

/// A number in the prose that comes from nowhere.
#[derive(Debug)]
struct Violation {
    location: String,
    quantity: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: `{}` is in no output this chapter includes",
            self.location, self.quantity
        )
    }
}

/// `step03-tasks.md` for `book/src/step03-tasks.md`, `step04/timer.md` for
/// a chapter in a folder.
fn chapter_name(chapter: &Path) -> String {
    chapter
        .strip_prefix(book_root().join("src"))
        .unwrap_or(chapter)
        .display()
        .to_string()
}

/// Checks one chapter whose text is `text` (read from its file, or made up
/// by a test): every quantity of its prose against its outputs and the
/// external facts.
fn check_chapter(chapter_file: &Path, text: &str) -> Vec<Violation> {
    let mut chapter = Chapter::default();
    read_chapter(chapter_file, text, &mut chapter, 0);
    let mut known = Vec::new();
    for output in &chapter.outputs {
        // A missing file is the book test's to report (a broken include);
        // here it simply holds no number.
        if let Ok(text) = std::fs::read_to_string(output) {
            known.extend(output_quantities(&text));
        }
    }
    let name = chapter_name(chapter_file);
    let mut violations = Vec::new();
    for line in &chapter.prose {
        for quantity in quantities(&line.text) {
            let from_output = known.iter().any(|known| known.same_as(&quantity));
            let listed = EXTERNAL_FACTS.iter().any(|fact| {
                fact.chapter == name && normalise(fact.quantity) == normalise(&quantity.text)
            });
            if !from_output && !listed {
                let mut location = format!("{}:{}", relative(&line.file), line.line);
                if line.file != chapter_file {
                    location.push_str(&format!(" (included by {name})"));
                }
                violations.push(Violation {
                    location,
                    quantity: quantity.text,
                });
            }
        }
    }
    violations
}

/// Spaces of any kind folded to one plain space.
fn normalise(text: &str) -> String {
    text.split(is_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_step4(chapter: &Path) -> bool {
    chapter_name(chapter).starts_with("step04")
}

fn check_chapters(chapters: &[PathBuf]) -> Vec<Violation> {
    chapters
        .iter()
        .flat_map(|chapter| {
            let text = std::fs::read_to_string(chapter)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", chapter.display()));
            check_chapter(chapter, &text)
        })
        .collect()
}

fn report(violations: &[Violation]) -> String {
    let lines: Vec<String> = violations.iter().map(ToString::to_string).collect();
    format!(
        "{} number(s) in the prose come from no output of their chapter. Take the \
         number out, say it without the number, or point at the output line that \
         holds it; a fact from outside the outputs goes on EXTERNAL_FACTS in \
         tests/tests/prose_numbers.rs with its source:\n{}",
        violations.len(),
        lines.join("\n")
    )
}

#[test]
fn prose_numbers_come_from_outputs() {
    let chapters: Vec<PathBuf> = book_chapters()
        .into_iter()
        .filter(|chapter| !is_step4(chapter))
        .collect();
    assert!(chapters.len() > 10, "found too few chapters: {chapters:?}");
    let violations = check_chapters(&chapters);
    assert!(violations.is_empty(), "{}", report(&violations));
}

/// Step 4's chapters on their own, so that the rest of the book is checked
/// while they are rewritten.
#[test]
fn step4_prose_numbers_come_from_outputs() {
    let chapters: Vec<PathBuf> = book_chapters()
        .into_iter()
        .filter(|c| is_step4(c))
        .collect();
    assert!(!chapters.is_empty(), "found no Step 4 chapter");
    let violations = check_chapters(&chapters);
    assert!(violations.is_empty(), "{}", report(&violations));
}

#[test]
fn every_external_fact_is_stated_and_its_source_still_says_so() {
    let chapters = book_chapters();
    for fact in EXTERNAL_FACTS {
        let chapter = chapters
            .iter()
            .find(|chapter| chapter_name(chapter) == fact.chapter)
            .unwrap_or_else(|| {
                panic!(
                    "EXTERNAL_FACTS names {}, which is not a chapter",
                    fact.chapter
                )
            });
        let text = std::fs::read_to_string(chapter).expect("chapters are readable");
        let mut read = Chapter::default();
        read_chapter(chapter, &text, &mut read, 0);
        let stated = read.prose.iter().any(|line| {
            quantities(&line.text)
                .iter()
                .any(|quantity| normalise(&quantity.text) == normalise(fact.quantity))
        });
        assert!(
            stated,
            "EXTERNAL_FACTS lists `{}` for {} ({}), but the chapter no longer says it: \
             remove the entry",
            fact.quantity, fact.chapter, fact.source
        );
        if let Some((file, witness)) = fact.witness {
            let source = std::fs::read_to_string(workspace_root().join(file))
                .unwrap_or_else(|error| panic!("cannot read {file}: {error}"));
            assert!(
                source.contains(witness),
                "`{}` in {} comes from {file} ({}), which no longer contains `{witness}`",
                fact.quantity,
                fact.chapter,
                fact.source
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The check itself, tested.

fn texts(found: &[Quantity]) -> Vec<&str> {
    found
        .iter()
        .map(|quantity| quantity.text.as_str())
        .collect()
}

#[test]
fn a_hand_typed_number_is_caught() {
    // A real chapter with one sentence added: the number is in none of
    // its outputs, so the check names it, and nothing else.
    let chapter = book_root().join("src/step02-basic-async.md");
    let text = std::fs::read_to_string(&chapter).expect("the Step 2 chapter exists");
    assert!(
        check_chapter(&chapter, &text).is_empty(),
        "Step 2 has violations of its own; this test needs a clean chapter"
    );
    let typed = format!("{text}\nOn my laptop the whole program took 0.169 s.\n");
    let violations = check_chapter(&chapter, &typed);
    let found: Vec<&str> = violations.iter().map(|v| v.quantity.as_str()).collect();
    assert_eq!(found, ["0.169 s"]);
    assert!(
        violations[0]
            .location
            .starts_with("book/src/step02-basic-async.md:")
    );

    // The same number in a code block or inline code is not prose.
    let in_code = format!("{text}\n```text\ntook 0.169 s\n```\n\nIt printed `0.169 s`.\n");
    assert!(check_chapter(&chapter, &in_code).is_empty());

    // A number the chapter's outputs hold passes, in any spelling of its
    // unit: `[3.0 s] world` is in the chapter's output.
    let from_output = format!("{text}\nThe program took 3 seconds, 3000 ms.\n");
    assert!(check_chapter(&chapter, &from_output).is_empty());

    // Ratios, percentages, sizes and numbers in words count too.
    let more = format!("{text}\nIt was 1.25× faster, 15 % less, 37 MiB, ten times.\n");
    let violations = check_chapter(&chapter, &more);
    let found: Vec<&str> = violations.iter().map(|v| v.quantity.as_str()).collect();
    assert_eq!(found, ["1.25×", "15 %", "37 MiB", "ten times"]);
}

#[test]
fn quantities_are_read_in_every_usual_spelling() {
    let found = quantities(
        "took 0.169 s and 155 ns, 1.25× and 2x, 15 % or 15%, 346 bytes, 37.2 MB, \
         5 µs, 100,000 KiB, 95 requests per second, ten times, five seconds, \
         half a second, a third of a microsecond",
    );
    assert_eq!(
        texts(&found),
        [
            "0.169 s",
            "155 ns",
            "1.25×",
            "2x",
            "15 %",
            "15%",
            "346 bytes",
            "37.2 MB",
            "5 µs",
            "100,000 KiB",
            "95 requests per second",
            "ten times",
            "five seconds",
            "half a second",
            "a third of a microsecond",
        ]
    );
    assert!((found[0].value - 0.169).abs() < 1e-12);
    assert!((found[1].value - 155e-9).abs() < 1e-18);
    assert_eq!(found[9].value, 100_000.0 * 1024.0);
}

#[test]
fn ranges_share_their_unit() {
    let found = quantities("between 20 and 40 ms, 20–40 ms, limits 1, 3 and 12 s");
    assert_eq!(
        texts(&found),
        ["20", "40 ms", "20", "40 ms", "1", "3", "12 s"]
    );
    assert_eq!(found[0].dimension, Dimension::Time);
    assert!((found[0].value - 0.020).abs() < 1e-12);
}

#[test]
fn counts_versions_names_and_products_are_not_quantities() {
    for text in [
        "Step 3 shows 5 steps",
        "Rust 1.88, async-std 1.13.2, Python 3.12's eager tasks",
        "p99 and p50, x86_64, RUSTSEC-2025-0052",
        "10 × 20 ms is a product",
        "a second thread, twice, 100,000 tasks, a few hundred bytes",
        "boil for 5 minutes, about 1.5 hours",
    ] {
        let found = quantities(text);
        let expected: &[&str] = if text.contains("product") {
            &["20 ms"]
        } else {
            &[]
        };
        assert_eq!(texts(&found), expected, "in {text:?}");
    }
}

#[test]
fn code_links_and_html_are_not_prose() {
    let mut in_comment = false;
    let prose = prose_of(
        "`sleep(0.5 s)` <code>1 s</code> [a link](https://x/2s) <b>3 s</b> <!-- 4 s --> 5 s",
        &mut in_comment,
    );
    assert_eq!(texts(&quantities(&prose)), ["3 s", "5 s"]);
    assert!(!in_comment);
}

#[test]
fn a_unit_in_a_label_applies_to_the_bare_numbers_of_its_line() {
    let found = output_quantities(
        "spawn + join (ns/task)   85.1   141.0\n  vs async-executor   0.60×\nclients 10 wall 1.08 s\n",
    );
    assert_eq!(texts(&found), ["85.1", "141.0", "0.60×", "1.08 s"]);
    assert_eq!(found[0].dimension, Dimension::Time);
    assert!((found[0].value - 85.1e-9).abs() < 1e-15);
}
