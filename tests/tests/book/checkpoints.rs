//! Checkpoints: the "predict the output" questions at the end of sections.
//!
//! A checkpoint is plain HTML that mdBook passes through, with Markdown
//! inside (mdBook renders that Markdown only with the blank lines shown):
//!
//!     <details class="checkpoint">
//!     <summary><strong>Checkpoint:</strong> Which line prints first?</summary>
//!
//!     ```text
//!     {{#include ../../step02-basic-async/examples/lazy.out}}
//!     ```
//!
//!     Why, in a sentence, without a number the output does not hold.
//!
//!     </details>
//!
//! The answer is always a whole output file that the listings test compares
//! with a real run of the program beside it, so it cannot be wrong; the
//! reader sees it only after clicking, and the answer is the first place on
//! its page that shows that output, so that there is something to predict.
//! `book/theme/checkpoints.css` styles the box; the browser test checks
//! that it stays folded until clicked.

use std::path::{Path, PathBuf};

use tests::book::built;
use tests::listings::{Program, all_programs};
use tests::markdown::{
    chapters, code_blocks, first_text_line, includes_in, read, source_folder,
};
use tests::relative;

/// The line that opens a checkpoint, exactly.
const OPENING: &str = "<details class=\"checkpoint\">";

/// How many checkpoints the book holds at least.
const AT_LEAST: usize = 20;

/// The chapters that must each hold at least one checkpoint: the pages of
/// the steps and the advanced topics (files directly in `book/src`, not the
/// Markdown that chapters include from folders below it) that show the
/// output of a program the listings test checks in full. A step's landing
/// page and its exercises show no output to predict, and a benchmark's
/// output is checked only for its shape.
fn chapters_with_checkpoints(programs: &[Program]) -> Vec<PathBuf> {
    let source = source_folder();
    chapters()
        .into_iter()
        .filter(|chapter| {
            let name = chapter.file_name().unwrap_or_default().to_string_lossy();
            chapter.parent() == Some(source.as_path())
                && (name.starts_with("step") || name == "advanced.md")
        })
        .filter(|chapter| {
            includes_in(chapter, &read(chapter)).iter().any(|include| {
                program_of(&include.file, programs)
                    .is_some_and(|program| !program.shape_only)
            })
        })
        .collect()
}

/// One checkpoint as written in a chapter.
#[derive(Debug)]
struct Checkpoint {
    chapter: PathBuf,
    /// 1-based line of `<details class="checkpoint">`.
    line: usize,
    /// Its lines, from the opening `<details>` to the closing `</details>`
    /// (or to the end of the chapter, if it is never closed).
    lines: Vec<String>,
    /// The first non-blank line after it; empty at the end of the chapter.
    next_line: String,
}

impl Checkpoint {
    fn location(&self) -> String {
        format!("{}:{}", relative(&self.chapter), self.line)
    }

    fn is_closed(&self) -> bool {
        self.lines.len() > 1
            && self
                .lines
                .last()
                .is_some_and(|line| line.trim() == "</details>")
    }

    /// The question: the summary's text without tags and without the
    /// `Checkpoint:` label.
    fn question(&self) -> Option<String> {
        let summary = self.lines.get(1)?.trim();
        let inner = summary
            .strip_prefix("<summary>")?
            .strip_suffix("</summary>")?;
        let text = strip_tags(inner);
        let text = text.trim();
        Some(
            text.strip_prefix("Checkpoint:")
                .unwrap_or(text)
                .trim()
                .to_string(),
        )
    }

    /// The Markdown between `</summary>` and `</details>`.
    fn body(&self) -> String {
        let end = if self.is_closed() {
            self.lines.len() - 1
        } else {
            self.lines.len()
        };
        self.lines[2.min(end)..end].join("\n") + "\n"
    }
}

/// Every checkpoint of one chapter, in order.
fn checkpoints_in(chapter: &Path, text: &str) -> Vec<Checkpoint> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim() != OPENING {
            index += 1;
            continue;
        }
        let start = index;
        while index < lines.len() && lines[index].trim() != "</details>" {
            index += 1;
        }
        let end = index.min(lines.len() - 1);
        index += 1;
        let next_line = first_text_line(&lines, index);
        found.push(Checkpoint {
            chapter: chapter.to_path_buf(),
            line: start + 1,
            lines: lines[start..=end]
                .iter()
                .map(|line| line.to_string())
                .collect(),
            next_line,
        });
    }
    found
}

/// Every checkpoint of the book, chapter by chapter.
fn all_checkpoints() -> Vec<Checkpoint> {
    chapters()
        .iter()
        .flat_map(|chapter| checkpoints_in(chapter, &read(chapter)))
        .collect()
}

/// `text` without its HTML tags.
fn strip_tags(text: &str) -> String {
    let mut plain = String::new();
    let mut in_tag = false;
    for character in text.chars() {
        match character {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => plain.push(character),
            _ => {}
        }
    }
    plain
}

/// The output file a checkpoint's answer includes, if its answer is exactly
/// one `text` block holding exactly one whole-file include.
fn answer_file(checkpoint: &Checkpoint) -> Result<PathBuf, String> {
    let blocks = code_blocks(&checkpoint.chapter, &checkpoint.body());
    let [block] = blocks.as_slice() else {
        return Err(format!(
            "the answer should be one ```text block, found {} code blocks",
            blocks.len()
        ));
    };
    if block.language() != "text" {
        return Err(format!(
            "the answer is a ```{} block; a program's output goes in ```text",
            block.info
        ));
    }
    let body = block.body.trim();
    let include = match block.sole_include() {
        Some(include) if include.directive == "include" => include,
        _ => {
            return Err(format!(
                "the answer should hold nothing but the {{{{#include ...}}}} of an output file, found: {body}"
            ));
        }
    };
    if let Some(part) = &include.anchor {
        return Err(format!(
            "the answer includes a part ({part}) of {}; include the whole file, which the \
             listings test compares with a real run",
            relative(&include.file)
        ));
    }
    Ok(include.file)
}

/// The program whose output `file` is, if the listings test runs one.
fn program_of<'a>(file: &Path, programs: &'a [Program]) -> Option<&'a Program> {
    let file = file.canonicalize().ok()?;
    programs.iter().find(|program| {
        program
            .output_file
            .canonicalize()
            .is_ok_and(|output| output == file)
    })
}

/// What is wrong with one checkpoint as written.
fn problems(checkpoint: &Checkpoint, programs: &[Program]) -> Vec<String> {
    let mut problems = Vec::new();
    if !checkpoint.is_closed() {
        problems.push("no </details> on a line of its own closes it".to_string());
        return problems;
    }
    match checkpoint.question() {
        None => problems.push(
            "the line after <details class=\"checkpoint\"> should be \
             <summary>Checkpoint: the question?</summary>"
                .to_string(),
        ),
        Some(question) if question.is_empty() => {
            problems.push("the summary asks no question".to_string())
        }
        Some(question) if !question.ends_with('?') => problems.push(format!(
            "the summary should ask the question the output answers (end with `?`): {question}"
        )),
        Some(_) => {}
    }
    let lines = &checkpoint.lines;
    if lines.len() < 4
        || !lines[2].trim().is_empty()
        || !lines[lines.len() - 2].trim().is_empty()
    {
        problems.push(
            "leave a blank line after </summary> and before </details>: without them mdBook \
             shows the Markdown inside as plain text"
                .to_string(),
        );
    }
    match answer_file(checkpoint) {
        Err(problem) => problems.push(problem),
        Ok(file) if file.extension().is_none_or(|ext| ext != "out") => problems.push(format!(
            "the answer includes {}, not a program's .out file",
            relative(&file)
        )),
        Ok(file) if !file.is_file() => problems.push(format!(
            "the answer includes {}, which does not exist",
            relative(&file)
        )),
        Ok(file) => match program_of(&file, programs) {
            None => problems.push(format!(
                "the answer includes {}, but no program beside it (same name, .rs or .py) is run \
                 by the listings test, so nothing checks it",
                relative(&file)
            )),
            Some(program) if program.shape_only => problems.push(format!(
                "the answer includes {}, the reference run of a benchmark: the listings test \
                 checks only its shape, not its numbers; ask about another program",
                relative(&file)
            )),
            Some(_) => {}
        },
    }
    let body = checkpoint.body();
    let after_answer = body.rsplit("```").next().unwrap_or("");
    if after_answer.trim().is_empty() {
        problems.push("say why after the output, in a sentence or two".to_string());
    }
    let next = checkpoint.next_line.trim_start();
    if !(next.is_empty() || next.starts_with('#') || next.starts_with("<details")) {
        problems.push(format!(
            "a checkpoint ends a section: put it just before the next heading, not before: {next}"
        ));
    }
    problems
        .into_iter()
        .map(|problem| format!("{}: {problem}", checkpoint.location()))
        .collect()
}

#[test]
fn every_checkpoint_asks_a_question_and_answers_with_a_checked_output() {
    let checkpoints = all_checkpoints();
    let programs = all_programs();
    let problems: Vec<String> = checkpoints
        .iter()
        .flat_map(|checkpoint| problems(checkpoint, &programs))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    assert!(
        checkpoints.len() >= AT_LEAST,
        "the book has {} checkpoints; it should have at least {AT_LEAST}, one at the end of \
         each section of the steps and the advanced chapter that shows a program",
        checkpoints.len()
    );
    for chapter in chapters_with_checkpoints(&programs) {
        assert!(
            checkpoints
                .iter()
                .any(|checkpoint| checkpoint.chapter == chapter),
            "{} has no checkpoint",
            relative(&chapter)
        );
    }
}

/// Where the output `file` is shown in `text`, a chapter, before line
/// `before` (1-based): the line of each code block that includes it.
fn shown_before(chapter: &Path, text: &str, file: &Path, before: usize) -> Vec<usize> {
    let Ok(file) = file.canonicalize() else {
        return Vec::new();
    };
    code_blocks(chapter, text)
        .iter()
        .filter(|block| block.line < before)
        .filter(|block| {
            includes_in(chapter, &block.body).iter().any(|include| {
                include.file.canonicalize().is_ok_and(|shown| shown == file)
            })
        })
        .map(|block| block.line)
        .collect()
}

/// What is wrong with where a checkpoint stands on its page: its answer
/// must be the first place the page shows that output, or the reader has
/// already seen what they are asked to predict.
fn shown_too_early(checkpoint: &Checkpoint) -> Option<String> {
    let file = answer_file(checkpoint).ok()?;
    let text = read(&checkpoint.chapter);
    let earlier = shown_before(&checkpoint.chapter, &text, &file, checkpoint.line);
    let first = earlier.first()?;
    Some(format!(
        "{}: this checkpoint asks the reader to predict the output in {}, but line {first} \
         of the same page already shows it, so there is nothing left to predict. Show the \
         output for the first time in the checkpoint's answer (take it out of the code block \
         above, or move that block below the checkpoint), or ask about a program whose output \
         the page has not shown yet",
        checkpoint.location(),
        relative(&file),
    ))
}

#[test]
fn every_checkpoint_asks_before_the_page_shows_its_answer() {
    let problems: Vec<String> = all_checkpoints()
        .iter()
        .filter_map(shown_too_early)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `html` with the entities mdBook writes in code turned back into text.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The `<details class="checkpoint">` elements of a built page, as HTML.
fn rendered_checkpoints(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<details class=\"checkpoint\"") {
        let Some(length) = rest[start..].find("</details>") else {
            break;
        };
        let end = start + length + "</details>".len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_built_book_shows_each_checkpoint_folded_with_its_program_output() {
    let destination = &built()
        .unwrap_or_else(|error| panic!("{error}"))
        .destination;
    let source = source_folder();
    let mut problems = Vec::new();
    for chapter in chapters() {
        let written = checkpoints_in(&chapter, &read(&chapter));
        if written.is_empty() {
            continue;
        }
        let page = destination.join(
            chapter
                .strip_prefix(&source)
                .expect("chapters live below book/src")
                .with_extension("html"),
        );
        let html = std::fs::read_to_string(&page)
            .unwrap_or_else(|error| panic!("{}: {error}", page.display()));
        let rendered = rendered_checkpoints(&html);
        if rendered.len() != written.len() {
            problems.push(format!(
                "{}: {} checkpoints written, {} in the built page",
                relative(&chapter),
                written.len(),
                rendered.len()
            ));
            continue;
        }
        for (checkpoint, element) in written.iter().zip(rendered) {
            let mut problem = |text: String| {
                problems.push(format!("{}: {text}", checkpoint.location()));
            };
            if !element.starts_with(&format!("{OPENING}\n<summary>")) {
                problem(
                    "the built page does not open it folded with its summary first"
                        .into(),
                );
            }
            let Ok(file) = answer_file(checkpoint) else {
                continue; // the other test names the problem
            };
            let code_start = "<pre><code class=\"language-text\">";
            let answers: Vec<&str> = element
                .split(code_start)
                .skip(1)
                .filter_map(|after| after.split("</code></pre>").next())
                .collect();
            let expected = std::fs::read_to_string(&file).unwrap_or_default();
            match answers.as_slice() {
                [answer] if unescape(answer) == expected => {}
                [answer] => problem(format!(
                    "the built page shows\n{}\ninstead of the output in {}:\n{expected}",
                    unescape(answer),
                    relative(&file)
                )),
                _ => problem(format!(
                    "the built page shows {} text blocks in it; the Markdown inside was not rendered?",
                    answers.len()
                )),
            }
            if element.contains("{{#") || element.contains("```") {
                problem(
                    "the built page shows Markdown or a directive unrendered".into(),
                );
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checks above, on checkpoints written for the purpose: each mistake
/// is caught, and a good checkpoint passes.
mod the_checks_catch {
    use super::*;

    fn problems_of(markdown: &str) -> Vec<String> {
        let chapter = source_folder().join("step02-basic-async.md");
        let checkpoints = checkpoints_in(&chapter, markdown);
        assert_eq!(checkpoints.len(), 1, "one checkpoint in {markdown}");
        problems(&checkpoints[0], &all_programs())
    }

    fn checkpoint(summary: &str, answer: &str, why: &str) -> String {
        format!(
            "Text.\n\n{OPENING}\n{summary}\n\n```text\n{answer}\n```\n\n{why}\n\n</details>\n\n## Next\n"
        )
    }

    const SUMMARY: &str =
        "<summary><strong>Checkpoint:</strong> Which line comes first?</summary>";
    const ANSWER: &str = "{{#include ../../step02-basic-async/examples/lazy.out}}";
    const WHY: &str = "Because the future is lazy.";

    fn assert_caught(markdown: &str, words: &str) {
        let problems = problems_of(markdown);
        assert!(
            problems.iter().any(|problem| problem.contains(words)),
            "expected a problem saying `{words}`, got {problems:?}"
        );
    }

    #[test]
    fn nothing_in_a_good_checkpoint() {
        assert_eq!(
            problems_of(&checkpoint(SUMMARY, ANSWER, WHY)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_summary_without_a_question() {
        let no_question = "<summary>Checkpoint: predict the output</summary>";
        let empty = "<summary><strong>Checkpoint:</strong></summary>";
        let no_summary =
            format!("{OPENING}\n\n```text\n{ANSWER}\n```\n\n{WHY}\n\n</details>\n");
        for (markdown, words) in [
            (checkpoint(no_question, ANSWER, WHY), "ask the question"),
            (checkpoint(empty, ANSWER, WHY), "asks no question"),
            (no_summary, "<summary>"),
        ] {
            assert_caught(&markdown, words);
        }
    }

    #[test]
    fn an_answer_typed_by_hand_or_not_from_a_checked_program() {
        for (answer, words) in [
            ("1. calling greet() only builds a future", "{{#include"),
            (
                "{{#include ../../step03-tasks/examples/scale.out}}",
                "benchmark",
            ),
            (
                "{{#include ../../tests/diagnostics/unused_future.expected}}",
                "not a program's .out",
            ),
            (
                "{{#include ../../step02-basic-async/examples/gone.out}}",
                "does not exist",
            ),
            (
                "{{#include ../../step02-basic-async/examples/lazy.out:2:3}}",
                "include the whole file",
            ),
        ] {
            assert_caught(&checkpoint(SUMMARY, answer, WHY), words);
        }
        let rust = checkpoint(SUMMARY, ANSWER, WHY).replace("```text", "```rust");
        assert_caught(&rust, "```text");
    }

    #[test]
    fn a_checkpoint_without_why_blank_lines_or_closing_tag() {
        assert_caught(&checkpoint(SUMMARY, ANSWER, ""), "say why");
        let cramped =
            checkpoint(SUMMARY, ANSWER, WHY).replace("\n\n</details>", "\n</details>");
        assert_caught(&cramped, "blank line");
        let open = format!("{OPENING}\n{SUMMARY}\n\n```text\n{ANSWER}\n```\n\n{WHY}\n");
        assert_caught(&open, "</details>");
    }

    #[test]
    fn an_answer_the_page_has_already_shown() {
        let chapter = source_folder().join("step02-basic-async.md");
        let good = checkpoint(SUMMARY, ANSWER, WHY);
        let shown = format!("```text\n{ANSWER}\n```\n\n{good}");
        let other = "```text\n{{#include ../../step02-basic-async/examples/hello.out}}\n```\n\n";
        for (markdown, caught) in [
            (good.clone(), false),
            (shown, true),
            (format!("{other}{good}"), false),
            (format!("{good}\n```text\n{ANSWER}\n```\n"), false),
        ] {
            let checkpoints = checkpoints_in(&chapter, &markdown);
            let file = answer_file(&checkpoints[0]).expect("an answer");
            let earlier = shown_before(&chapter, &markdown, &file, checkpoints[0].line);
            assert_eq!(!earlier.is_empty(), caught, "{markdown}");
        }
    }

    #[test]
    fn a_checkpoint_in_the_middle_of_a_section() {
        let middle = checkpoint(SUMMARY, ANSWER, WHY).replace("## Next", "More prose.");
        assert_caught(&middle, "ends a section");
    }
}
