//! The grade sheets, `<out>.csv` and `<out>.md`: what each cell says, and
//! how a student's text (a folder name, a test's message) is made safe to
//! open. In the CSV a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is a formula to a spreadsheet program, so it gets a `'`
//! in front; in the Markdown, HTML and link syntax are escaped, so that a
//! name like `<img onerror=...>` or `[x](javascript:...)` is only text.
//!
//! Rows are sorted by student, so that the sheet of a class does not depend
//! on the order the folders were given in, and both files are rewritten
//! whole after each student: a grade stopped half-way keeps every row done.

use std::path::Path;

use crate::Exercise;

/// One student's result on one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    /// With the minutes from the student's `start` to the first passing
    /// check, as their own progress file says (self-reported).
    Passed {
        tests: usize,
        minutes: Option<u64>,
    },
    Failing {
        passed: usize,
        tests: usize,
        /// The first failing test and the first line of what it said.
        first: Option<(String, String)>,
    },
    /// The tests' time limit ran out.
    TimedOut {
        passed: usize,
        tests: usize,
    },
    /// The build's time limit ran out (a compile-time endless loop).
    BuildTimedOut,
    DoesNotCompile,
    NotStarted,
    /// The work could not be read: why.
    Unreadable(String),
}

impl Grade {
    pub fn is_pass(&self) -> bool {
        matches!(self, Grade::Passed { .. })
    }

    /// The short cell: `passed`, `failing (1 of 3)`, ...
    pub fn cell(&self) -> String {
        match self {
            Grade::Passed { minutes: None, .. } => "passed".to_string(),
            Grade::Passed {
                minutes: Some(minutes),
                ..
            } => format!("passed ({minutes} min)"),
            Grade::Failing { passed, tests, .. } => {
                format!("failing ({passed} of {tests})")
            }
            Grade::TimedOut { passed, tests } => {
                format!("timed out ({passed} of {tests})")
            }
            Grade::BuildTimedOut => "timed out while compiling".to_string(),
            Grade::DoesNotCompile => "does not compile".to_string(),
            Grade::NotStarted => "not started".to_string(),
            Grade::Unreadable(why) => format!("unreadable: {why}"),
        }
    }

    /// The cell with the first failure: `failing (1 of 3): test: message`.
    pub fn detailed_cell(&self) -> String {
        match self {
            Grade::Failing {
                first: Some((test, line)),
                ..
            } => format!("{}: {test}: {line}", self.cell()),
            _ => self.cell(),
        }
    }
}

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentRow {
    pub student: String,
    /// One grade per exercise, in course order; or why the student's work
    /// could not be graded at all (one line, not a cell per exercise).
    pub grades: Result<Vec<Grade>, String>,
}

impl StudentRow {
    pub fn passed(&self) -> usize {
        self.grades.as_ref().map_or(0, |grades| {
            grades.iter().filter(|grade| grade.is_pass()).count()
        })
    }
}

/// What the sheet is about: the title's date and commit, the exercises.
#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    pub date: String,
    pub commit: String,
    pub exercises: &'a [Exercise],
}

impl Sheet<'_> {
    /// `student,1.1,...,passed` then one line per student, sorted.
    pub fn csv(&self, rows: &[StudentRow]) -> String {
        let mut csv = String::from("student");
        for exercise in self.exercises {
            csv.push_str(&format!(",{}", csv_cell(&exercise.id)));
        }
        csv.push_str(",passed\n");
        for row in sorted(rows) {
            csv.push_str(&csv_cell(&row.student));
            match &row.grades {
                Ok(grades) => {
                    for grade in grades {
                        csv.push(',');
                        csv.push_str(&csv_cell(&grade.detailed_cell()));
                    }
                }
                Err(why) => {
                    csv.push(',');
                    csv.push_str(&csv_cell(why));
                    csv.push_str(&",".repeat(self.exercises.len().saturating_sub(1)));
                }
            }
            csv.push_str(&format!(",{}\n", row.passed()));
        }
        csv
    }

    /// The same sheet as Markdown: a title, the table with how many passed
    /// each exercise, then each failure's test and message.
    pub fn markdown(&self, rows: &[StudentRow]) -> String {
        let rows = sorted(rows);
        let mut text = format!(
            "# Grades, {}, commit {}\n\n",
            markdown_cell(&self.date),
            markdown_cell(&self.commit)
        );
        text.push_str("| student |");
        let mut rule = String::from("|---|");
        for exercise in self.exercises {
            text.push_str(&format!(" {} |", markdown_cell(&exercise.id)));
            rule.push_str("---|");
        }
        text.push_str(&format!(" passed |\n{rule}---|\n"));
        for row in &rows {
            text.push_str(&format!("| {} |", markdown_cell(&row.student)));
            match &row.grades {
                Ok(grades) => {
                    for grade in grades {
                        text.push_str(&format!(" {} |", markdown_cell(&grade.cell())));
                    }
                }
                Err(why) => {
                    text.push_str(&format!(" {} |", markdown_cell(why)));
                    text.push_str(&" |".repeat(self.exercises.len().saturating_sub(1)));
                }
            }
            text.push_str(&format!(
                " {} of {} |\n",
                row.passed(),
                self.exercises.len()
            ));
        }
        self.push_totals(&rows, &mut text);
        push_failures(self.exercises, &rows, &mut text);
        text
    }

    /// The `passed by` and `median minutes` lines.
    fn push_totals(&self, rows: &[&StudentRow], text: &mut String) {
        let column = |index: usize| -> Vec<&Grade> {
            rows.iter()
                .filter_map(|row| row.grades.as_ref().ok()?.get(index))
                .collect()
        };
        text.push_str("| passed by |");
        for index in 0..self.exercises.len() {
            let passed = column(index).iter().filter(|grade| grade.is_pass()).count();
            text.push_str(&format!(" {passed} of {} |", rows.len()));
        }
        text.push_str(" |\n| median minutes |");
        for index in 0..self.exercises.len() {
            let mut minutes: Vec<u64> = column(index)
                .iter()
                .filter_map(|grade| match grade {
                    Grade::Passed { minutes, .. } => *minutes,
                    _ => None,
                })
                .collect();
            minutes.sort_unstable();
            match minutes.get(minutes.len() / 2) {
                Some(median) => text.push_str(&format!(" {median} |")),
                None => text.push_str(" - |"),
            }
        }
        text.push_str(" |\n");
    }
}

/// `## Failures`: for each failing exercise, the test and its first line.
fn push_failures(exercises: &[Exercise], rows: &[&StudentRow], text: &mut String) {
    let mut lines = Vec::new();
    for row in rows {
        let Ok(grades) = &row.grades else { continue };
        for (exercise, grade) in exercises.iter().zip(grades) {
            if let Grade::Failing {
                first: Some((test, line)),
                ..
            } = grade
            {
                lines.push(format!(
                    "- {}, {}: {}: {}\n",
                    markdown_cell(&row.student),
                    markdown_cell(&exercise.id),
                    markdown_cell(test),
                    markdown_cell(line)
                ));
            }
        }
    }
    if !lines.is_empty() {
        text.push_str("\n## Failures\n\n");
        text.push_str(&lines.concat());
    }
}

/// The rows by student name: the sheet does not depend on the order the
/// folders were graded in.
fn sorted(rows: &[StudentRow]) -> Vec<&StudentRow> {
    let mut sorted: Vec<&StudentRow> = rows.iter().collect();
    sorted.sort_by(|a, b| a.student.cmp(&b.student));
    sorted
}

/// Student-written `text` (a folder name, a panic message) on one line,
/// with nothing a terminal or an editor acts on: no control character (an
/// escape sequence can retitle or rewrite a terminal), and no Unicode
/// direction override (it reorders what a reader sees); line breaks and
/// tabs become spaces.
pub fn plain_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() || is_direction_override(c) => None,
            c => Some(c),
        })
        .collect()
}

/// The invisible characters that change the direction of the text around
/// them (the "Trojan Source" set).
fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A CSV cell safe in a spreadsheet: plain text, never a formula, and
/// quoted when it holds a comma, a semicolon or a quote.
pub fn csv_cell(text: &str) -> String {
    let text = defuse_formulas(&plain_text(text));
    if text.contains([',', ';', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `text` with a `'` before each formula sign (`= + - @`) that starts a
/// cell: at the start, or after a semicolon. Where the locale writes
/// decimals with a comma, a spreadsheet splits a line at its semicolons,
/// quotes or not, so what follows one is read as a cell of its own.
fn defuse_formulas(text: &str) -> String {
    let mut defused = String::with_capacity(text.len() + 1);
    let mut cell_starts = true;
    for c in text.chars() {
        if cell_starts && matches!(c, '=' | '+' | '-' | '@') {
            defused.push('\'');
        }
        defused.push(c);
        cell_starts = c == ';' || (cell_starts && c == ' ');
    }
    defused
}

/// A Markdown table cell that is text only: no HTML, no link, no code
/// span, no column break, on one line ([`plain_text`], escaped).
pub fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for c in plain_text(text).chars() {
        match c {
            '&' => cell.push_str("&amp;"),
            '<' => cell.push_str("&lt;"),
            '>' => cell.push_str("&gt;"),
            '\\' | '[' | ']' | '(' | ')' | '|' | '`' | '*' | '_' | '!' => {
                cell.push('\\');
                cell.push(c);
            }
            c => cell.push(c),
        }
    }
    cell
}

/// Writes `text` whole or not at all ([`crate::files::write_whole`]).
pub fn write_whole(path: &Path, text: &str) -> Result<(), String> {
    crate::files::write_whole(path, text.as_bytes())
        .map_err(|error| format!("{}: {error}", path.display()))
}

/// Today's date (UTC), `2026-12-06`.
pub fn today() -> String {
    let seconds = crate::progress::now();
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The calendar date `days` after 1970-01-01 (the proleptic Gregorian
/// calendar, as in Howard Hinnant's well-known derivation).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524
        - day_of_era / 146_096)
        / 365;
    let day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_cell_is_never_a_formula() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_cell("\t=x"),
            " '=x",
            "a tab is a space, and still no formula"
        );
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_cell("alice"), "alice");
    }

    #[test]
    fn a_csv_cell_is_one_cell_where_a_semicolon_separates_too() {
        assert_eq!(csv_cell("zz;=HYPERLINK(1);"), "\"zz;'=HYPERLINK(1);\"");
        assert_eq!(csv_cell("x; -1"), "\"x; '-1\"");
    }

    #[test]
    fn student_text_loses_escape_sequences_and_direction_overrides() {
        let title = "esc\u{1b}]0;PWNED\u{7}\u{1b}[2Kdone";
        assert_eq!(plain_text(title), "esc]0;PWNED[2Kdone");
        assert_eq!(plain_text("abc\u{202E}fed\nnext"), "abcfed next");
        assert!(!csv_cell(title).contains('\u{1b}'));
        assert!(!markdown_cell("a\u{2067}b").contains('\u{2067}'));
    }

    #[test]
    fn a_markdown_cell_is_only_text() {
        assert_eq!(
            markdown_cell("<img src=x onerror=alert(1)> [x](javascript:alert(1))"),
            "&lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(markdown_cell("a|b\n`c`"), "a\\|b \\`c\\`");
    }

    #[test]
    fn cells_say_what_happened() {
        let failing = Grade::Failing {
            passed: 1,
            tests: 3,
            first: Some(("waits".into(), "did not return".into())),
        };
        assert_eq!(failing.cell(), "failing (1 of 3)");
        assert_eq!(
            failing.detailed_cell(),
            "failing (1 of 3): waits: did not return"
        );
        let timed = Grade::Passed {
            tests: 2,
            minutes: Some(12),
        };
        assert_eq!(timed.cell(), "passed (12 min)");
    }

    #[test]
    fn dates_are_counted_from_1970() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(20_454), (2026, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
    }
}
