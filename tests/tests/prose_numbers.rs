//! No number typed by hand.
//!
//! Every number with a unit or a ratio in the prose of the book (`0.169 s`,
//! `155 ns`, `1.25×`, `15 %`, `346 bytes`, `ten times`, `half a second`;
//! the grammar is `tests::quantities`) must be one of:
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
//! - or not prose at all: code blocks, diagrams, inline code, HTML
//!   `<code>`, link targets and include lines are skipped.
//!
//! What is prose, a fence or an include is the tests crate's one reader of
//! the book's sources (`tests::markdown`); this file only gathers a
//! chapter's prose and outputs, the notes it includes with them, and checks
//! one against the other. Every chapter is checked by the one test,
//! Step 4's included.

use std::path::{Path, PathBuf};

use tests::markdown::{
    InlineCode, book_root, includes_in, prose_lines, prose_text, source_folder,
};
use tests::quantities::{normalise, output_quantities, quantities, texts};
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
// Chapters: their prose, and the output files they include.

/// A line of prose, with where it was written.
struct ProseLine {
    /// The Markdown file it is in (a chapter, or notes it includes).
    file: PathBuf,
    /// 1-based.
    line: usize,
    /// Its prose: markup and inline code left out.
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
/// Reads a chapter: its prose, and the outputs and notes it includes (the
/// notes' prose and outputs are the chapter's too, in the place of their
/// include line).
fn read_chapter(file: &Path, text: &str, chapter: &mut Chapter, depth: usize) {
    assert!(depth < 8, "{} includes itself", file.display());
    let mut prose = prose_lines(text).into_iter().peekable();
    for include in includes_in(file, text) {
        while let Some(line) = prose.next_if(|line| line.line < include.line) {
            chapter.add_prose(file, line);
        }
        let target = include.file;
        match target.extension().and_then(|ext| ext.to_str()) {
            Some("md") => {
                let included =
                    std::fs::read_to_string(&target).unwrap_or_else(|error| {
                        panic!(
                            "{} includes {}: {error}",
                            file.display(),
                            target.display()
                        )
                    });
                read_chapter(&target, &included, chapter, depth + 1);
            }
            Some("out" | "expected") => chapter.outputs.push(target),
            _ => {}
        }
    }
    for line in prose {
        chapter.add_prose(file, line);
    }
}

impl Chapter {
    fn add_prose(&mut self, file: &Path, line: tests::markdown::ProseLine) {
        self.prose.push(ProseLine {
            file: file.to_path_buf(),
            line: line.line,
            text: prose_text(&line.text, InlineCode::Drop),
        });
    }
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
                fact.chapter == name
                    && normalise(fact.quantity) == normalise(&quantity.text)
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
fn check_chapters(chapters: &[PathBuf]) -> Vec<Violation> {
    chapters
        .iter()
        .flat_map(|chapter| {
            let text = std::fs::read_to_string(chapter).unwrap_or_else(|error| {
                panic!("cannot read {}: {error}", chapter.display())
            });
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
    let chapters = book_chapters();
    assert!(chapters.len() > 10, "found too few chapters: {chapters:?}");
    assert!(
        chapters
            .iter()
            .any(|chapter| chapter_name(chapter).starts_with("step04")),
        "found no Step 4 chapter"
    );
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
    let in_code =
        format!("{text}\n```text\ntook 0.169 s\n```\n\nIt printed `0.169 s`.\n");
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
fn code_links_and_html_are_not_prose() {
    let [line] = &prose_lines(
        "`sleep(0.5 s)` <code>1 s</code> [a link](https://x/2s) <b>3 s</b> <!-- 4 s --> 5 s",
    )[..] else {
        panic!("one line of prose");
    };
    let prose = prose_text(&line.text, InlineCode::Drop);
    assert_eq!(texts(&quantities(&prose)), ["3 s", "5 s"]);
}
