//! Comparing a program's real output with the output file the book shows.
//!
//! Programs print durations rounded (`3.0 s`, `120 ms`), so most runs print
//! exactly the recorded text. A slower machine may print a little more; the
//! comparison accepts a duration that is no shorter than recorded (minus one
//! rounding step) and at most half as long again plus half a second. Every
//! other character must match exactly.
//!
//! A run that differs only by taking longer than that is [`Verdict::TooSlow`]
//! rather than wrong: load (the other programs of the same check, a busy
//! laptop) makes a run slower, never faster, so the listings check runs such
//! a program again, alone. A program that is too slow when it runs alone is
//! too slow; one that is faster than recorded, or prints anything else, is
//! wrong at once.
//!
//! Load can also swap two lines: events 100 ms apart (a task's line and
//! `main`'s, two timers in one `join_all`) come out in the other order when
//! the process waited longer than that for a core. A run that prints the
//! recorded lines, only in another order, is [`Verdict::Reordered`] and gets
//! the same second chance alone; in the same order again it is wrong.

/// One piece of an output line: literal text, or a duration in seconds.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Duration { seconds: f64, step: f64 },
}

/// Splits a line into text and the durations it prints (`1.5 s`, `20 ms`).
fn pieces(line: &str) -> Vec<Piece> {
    let mut result = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(first) = rest.chars().next() {
        let starts_number = first.is_ascii_digit()
            && !text.ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == '_');
        if starts_number && let Some((duration, used)) = parse_duration(rest) {
            if !text.is_empty() {
                result.push(Piece::Text(std::mem::take(&mut text)));
            }
            result.push(duration);
            rest = &rest[used..];
        } else {
            text.push(first);
            rest = &rest[first.len_utf8()..];
        }
    }
    if !text.is_empty() {
        result.push(Piece::Text(text));
    }
    result
}

/// Parses `12.3 s` or `40 ms` at the start of `text`: the duration and the
/// number of bytes it used. The unit must end the word.
fn parse_duration(text: &str) -> Option<(Piece, usize)> {
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let number = &text[..digits];
    let value: f64 = number.parse().ok()?;
    let decimals = number
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    let step = 10f64.powi(-(decimals as i32));
    let after = &text[digits..];
    for (unit, scale) in [(" ms", 0.001), (" s", 1.0)] {
        if let Some(tail) = after.strip_prefix(unit)
            && !tail.starts_with(|c: char| c.is_alphanumeric())
        {
            let piece = Piece::Duration {
                seconds: value * scale,
                step: step * scale,
            };
            return Some((piece, digits + unit.len()));
        }
    }
    None
}

/// How long a run may take, compared with its recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Allowance {
    /// At most half as long again plus half a second.
    Bounded,
    /// Any longer duration: is the run right apart from its speed?
    AnySlower,
}

/// Whether a measured duration is close enough to the recorded one.
fn duration_matches(
    recorded: f64,
    step: f64,
    measured: f64,
    allowance: Allowance,
) -> bool {
    let not_faster = measured >= recorded * 0.9 - step;
    not_faster
        && (allowance == Allowance::AnySlower || measured <= recorded * 1.5 + 0.5)
}

/// Whether one measured line matches one recorded line.
fn line_matches(recorded: &str, measured: &str, allowance: Allowance) -> bool {
    if recorded == measured {
        return true;
    }
    let (recorded, measured) = (pieces(recorded), pieces(measured));
    recorded.len() == measured.len()
        && recorded.iter().zip(&measured).all(|pair| match pair {
            (Piece::Text(a), Piece::Text(b)) => a == b,
            (
                Piece::Duration { seconds, step },
                Piece::Duration {
                    seconds: measured, ..
                },
            ) => duration_matches(*seconds, *step, *measured, allowance),
            _ => false,
        })
}

/// The measured output with every line that matches its recorded twin
/// replaced by the recorded text, so that a diff shows only real differences.
pub fn normalise(recorded: &str, measured: &str) -> String {
    normalise_with(recorded, measured, Allowance::Bounded)
}

fn normalise_with(recorded: &str, measured: &str, allowance: Allowance) -> String {
    let recorded_lines: Vec<&str> = recorded.lines().collect();
    let mut result = String::new();
    for (index, line) in measured.lines().enumerate() {
        match recorded_lines.get(index) {
            Some(twin) if line_matches(twin, line, allowance) => result.push_str(twin),
            _ => result.push_str(line),
        }
        result.push('\n');
    }
    result
}

/// Whether `measured` is a run of the program whose output was `recorded`.
pub fn matches(recorded: &str, measured: &str) -> bool {
    verdict(recorded, measured) == Verdict::Same
}

/// What a run's output says, compared with the recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The recorded text, durations within their bounds.
    Same,
    /// The recorded text, but some duration longer than its bound allows:
    /// worth one more run on a quieter machine.
    TooSlow,
    /// The recorded lines (durations no shorter than recorded), but in
    /// another order: worth one more run on a quieter machine too.
    Reordered,
    /// Anything else: other text, a faster run.
    Different,
}

/// Compares a run's output with the recording (see the module documentation).
pub fn verdict(recorded: &str, measured: &str) -> Verdict {
    if normalise_with(recorded, measured, Allowance::Bounded) == recorded {
        Verdict::Same
    } else if normalise_with(recorded, measured, Allowance::AnySlower) == recorded {
        Verdict::TooSlow
    } else if same_lines_in_another_order(recorded, measured) {
        Verdict::Reordered
    } else {
        Verdict::Different
    }
}

/// Whether `measured` holds the lines of `recorded`, durations aside (no
/// shorter than recorded), in some other order: both sorted by their shape
/// (numbers masked), then compared as usual.
fn same_lines_in_another_order(recorded: &str, measured: &str) -> bool {
    let sorted = |text: &str| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.sort_by_cached_key(|line| shape(line));
        lines
            .iter()
            .map(|line| format!("{line}\n"))
            .collect::<String>()
    };
    let recorded = sorted(recorded);
    normalise_with(&recorded, &sorted(measured), Allowance::AnySlower) == recorded
}

/// The output with every number replaced by `#` and runs of spaces folded,
/// for benchmarks: what is left is the shape of the table (headers, labels,
/// units), which must not change even though the numbers do.
pub fn shape(output: &str) -> String {
    let mut result = String::new();
    for line in output.lines() {
        let mut shaped = String::new();
        let mut in_number = false;
        for c in line.chars() {
            let numeric = c.is_ascii_digit() || (in_number && (c == '.' || c == ','));
            if numeric {
                if !in_number {
                    shaped.push('#');
                }
            } else if c == ' ' {
                if !shaped.ends_with(' ') {
                    shaped.push(' ');
                }
            } else {
                shaped.push(c);
            }
            in_number = numeric;
        }
        result.push_str(shaped.trim_end());
        result.push('\n');
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_matches_its_recording_up_to_a_slower_clock() {
        for (recorded, measured, why) in [
            ("a\nb\n", "a\nb\n", "identical output"),
            (
                "[3.0 s] done\n",
                "[3.1 s] done\n",
                "a slightly longer duration",
            ),
            (
                "took 100 ms\n",
                "took 130 ms\n",
                "milliseconds, a little longer",
            ),
            (
                "    grind beans : 0.500 s, 0.700 s\n",
                "    grind beans : 0.510 s, 0.720 s\n",
                "a timeline chart's start and end, a little later",
            ),
        ] {
            assert!(matches(recorded, measured), "{why}: {measured:?} matches");
        }
    }

    #[test]
    fn any_other_difference_does_not_match() {
        for (recorded, measured, why) in [
            ("[3.0 s] done\n", "[1.0 s] done\n", "far shorter"),
            ("[1.0 s] done\n", "[9.0 s] done\n", "far longer"),
            ("took 100 ms\n", "took 10 ms\n", "a tenth of the time"),
            ("[3.0 s] done\n", "[3.0 s] dome\n", "other text around it"),
            ("3.0 s\n", "3.0 ms\n", "another unit"),
            ("3 tasks\n", "4 tasks\n", "a number that is not a duration"),
            ("step02 3.0 s\n", "step03 3.0 s\n", "a digit inside a word"),
            ("a\nb\n", "a\n", "a missing line"),
            ("a\n", "a\nb\n", "an extra line"),
        ] {
            assert!(
                !matches(recorded, measured),
                "{why}: {measured:?} does not match {recorded:?}"
            );
        }
    }

    #[test]
    fn a_run_that_is_only_slower_is_told_from_a_wrong_one() {
        for (recorded, measured, expected) in [
            ("[1.0 s] done\n", "[1.1 s] done\n", Verdict::Same),
            (
                "[100 ms] a\n[200 ms] b\n",
                "[750 ms] a\n[900 ms] b\n",
                Verdict::TooSlow,
            ),
            ("[1.0 s] done\n", "[9.0 s] done\n", Verdict::TooSlow),
            ("[1.0 s] done\n", "[0.3 s] done\n", Verdict::Different),
            (
                "[1.0 s] a\n[2.0 s] b\n",
                "[2.0 s] b\n[1.0 s] a\n",
                Verdict::Reordered,
            ),
            ("[1.0 s] done\n", "[9.0 s] dome\n", Verdict::Different),
            ("a\nb\n", "b\na\n", Verdict::Reordered),
            ("a\nb\n", "b\nc\n", Verdict::Different),
            ("a\nb\n", "b\n", Verdict::Different),
            ("a\nb\n", "b\na\na\n", Verdict::Different),
            (
                "[1.0 s] a\n[2.0 s] b\n",
                "[2.0 s] b\n[0.2 s] a\n",
                Verdict::Different,
            ),
        ] {
            assert_eq!(verdict(recorded, measured), expected, "{measured:?}");
        }
    }

    #[test]
    fn normalise_keeps_real_differences_visible() {
        let recorded = "[1.0 s] hello\n[3.0 s] world\n";
        let measured = "[1.1 s] hello\n[3.0 s] word\n";
        assert_eq!(
            normalise(recorded, measured),
            "[1.0 s] hello\n[3.0 s] word\n",
            "the matching line takes the recorded text, the other stays as measured"
        );
    }

    #[test]
    fn a_benchmark_shape_ignores_numbers_and_spacing_but_not_words_or_units() {
        assert_eq!(
            shape("tasks   wall\n100,000  0.14 s\n"),
            shape("tasks wall\n1000 1.3 s\n"),
            "numbers and spacing do not count"
        );
        assert_ne!(
            shape("100 tasks 0.1 s\n"),
            shape("100 tasks 0.1 ms\n"),
            "units do"
        );
        assert_ne!(shape("a\nb\n"), shape("a\n"), "lines do");
    }
}
