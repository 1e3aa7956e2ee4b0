//! Quantities: a number with its unit, found in a piece of text (`0.169 s`,
//! `155 ns`, `1.25×`, `15 %`, `346 bytes`, `ten times`, `half a second`).
//! The grammar `prose_numbers` reads the book's prose and outputs with.
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

use std::sync::LazyLock;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Time,
    Size,
    Ratio,
    Percent,
    Rate,
}

/// One number with its unit, as found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// As written, e.g. `0.169 s` or `ten times`.
    pub text: String,
    /// In the dimension's base unit: seconds, bytes, a plain ratio.
    pub value: f64,
    /// What it measures.
    pub dimension: Dimension,
}

impl Quantity {
    /// The same amount in the same dimension, whatever the unit written.
    pub fn same_as(&self, other: &Quantity) -> bool {
        self.dimension == other.dimension
            && (self.value - other.value).abs()
                <= 1e-9 * self.value.abs().max(other.value.abs())
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
pub fn is_space(c: char) -> bool {
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
        if end + 1 < bytes.len()
            && bytes[end] == b'.'
            && bytes[end + 1].is_ascii_digit()
        {
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
pub fn quantities(text: &str) -> Vec<Quantity> {
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
        let between =
            text[found[index].end..found[index + 1].start].trim_matches(is_space);
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
        let quantity =
            |first: usize, last: usize, value: f64, unit: (Dimension, f64)| Quantity {
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
        let vague =
            i > 0 && ["few", "several", "many", "some"].contains(&word(i - 1).as_str());
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
pub fn output_quantities(text: &str) -> Vec<Quantity> {
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

/// Spaces of any kind folded to one plain space.
pub fn normalise(text: &str) -> String {
    text.split(is_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The quantities as written, for messages and tests.
pub fn texts(found: &[Quantity]) -> Vec<&str> {
    found
        .iter()
        .map(|quantity| quantity.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_unit_in_a_label_applies_to_the_bare_numbers_of_its_line() {
        let found = output_quantities(
            "spawn + join (ns/task)   85.1   141.0\n  vs async-executor   0.60×\nclients 10 wall 1.08 s\n",
        );
        assert_eq!(texts(&found), ["85.1", "141.0", "0.60×", "1.08 s"]);
        assert_eq!(found[0].dimension, Dimension::Time);
        assert!((found[0].value - 85.1e-9).abs() < 1e-15);
    }
}
