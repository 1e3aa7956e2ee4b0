//! The book: every include resolves, every chapter is in the summary and
//! ends with speaker notes (here); it builds without a warning, its links
//! lead somewhere, and the stock `mdbook` command builds it too
//! (`built.rs`); its pages are one sitting long, its listings fit a screen,
//! its output blocks hold output and no figure is drawn in characters
//! (`reader.rs`); its checkpoints answer with checked outputs
//! (`checkpoints.rs`); two clones sharing a build folder each build their
//! own book (`clones.rs`); it renders in a real browser, diagrams and tables
//! within the text column (`browser/`); a reader who searches the book
//! for a message quoted in the symptom index lands on its entry
//! (`search.rs`).
//!
//! One test binary, so that the book is built once per run
//! ([`tests::book::built`]); `cargo test -p tests --test book browser`
//! runs the browser checks alone.

mod browser;
mod built;
mod checkpoints;
mod clones;
mod reader;
mod search;

use std::path::Path;

use tests::markdown::{
    chapters, include_problem, includes_in, source_folder, summary_chapters,
};
use tests::relative;

#[test]
fn every_include_names_an_existing_file_and_a_non_empty_anchor() {
    let includes = tests::markdown::all_includes();
    assert!(!includes.is_empty(), "the book includes no listing at all");
    let problems: Vec<String> = includes.iter().filter_map(include_problem).collect();
    assert!(
        problems.is_empty(),
        "broken includes:\n{}",
        problems.join("\n")
    );
}

/// Whether a Markdown file is speaker notes: `src/notes/` holds fragments
/// that each teaching chapter includes at its end
/// (`{{#include notes/<chapter>.md}}`). They are read inside their chapter,
/// never as pages of their own, so SUMMARY.md does not list them;
/// `every_teaching_chapter_ends_with_collapsed_speaker_notes` checks that
/// each one is included.
fn is_speaker_notes(file: &Path) -> bool {
    file.starts_with(source_folder().join("notes"))
}

#[test]
fn every_chapter_in_the_folder_is_in_the_summary() {
    let listed: Vec<String> = summary_chapters()
        .into_iter()
        .map(|chapter| chapter.source)
        .collect();
    let source = source_folder();
    for chapter in chapters() {
        let name = chapter
            .strip_prefix(&source)
            .expect("below src")
            .display()
            .to_string();
        if name == "SUMMARY.md" || is_speaker_notes(&chapter) {
            continue;
        }
        assert!(
            listed.contains(&name),
            "{} is not linked from SUMMARY.md, so readers never see it",
            relative(&chapter)
        );
    }
}

/// The chapters a teacher teaches from (not the appendices, not the page for
/// teachers): each ends with speaker notes. A step split into pages is
/// taught from its pages, each with notes of its own; its landing page
/// (`step03-tasks`, `step04-executor`) only introduces them and links to
/// them, so it has none.
const TEACHING_CHAPTERS: &[&str] = &[
    "introduction",
    "prerequisites",
    "core-concepts",
    "step01-setup",
    "step02-basic-async",
    "step03-spawn-and-join",
    "step03-non-blocking-io",
    "step03-cancellation",
    "step03-limits-and-errors",
    "step03-task-cost",
    "step03-exercises",
    "step04-stage1-block-on",
    "step04-stage2-futures",
    "step04-stage3-tasks",
    "step04-stage4-timers",
    "step04-stage5-reactor",
    "step04-stage6-tuned",
    "step04-step3-program",
    "step04-measured",
    "step04-exercises",
    "best-practices",
    "testing",
    "production",
    "troubleshooting",
    "advanced",
];

const SPEAKER_NOTES_OPENING: &str = "<details class=\"speaker-notes\"";
const SPEAKER_NOTES_SUMMARY: &str = "<summary>Speaker notes (for teachers)</summary>";

/// What is wrong with the speaker notes at the end of one chapter, if
/// anything. They must be the chapter's last block, collapsed, and include
/// `notes/<chapter>.md`, which must hold some text.
fn speaker_notes_problem(name: &str) -> Option<String> {
    let chapter = source_folder().join(format!("{name}.md"));
    match std::fs::read_to_string(&chapter) {
        Ok(text) => speaker_notes_problem_in(name, &text),
        Err(_) => Some(format!(
            "{}: the chapter does not exist",
            relative(&chapter)
        )),
    }
}

/// [`speaker_notes_problem`] for the text of chapter `name`.
fn speaker_notes_problem_in(name: &str, text: &str) -> Option<String> {
    let chapter = source_folder().join(format!("{name}.md"));
    let shown = relative(&chapter);
    let example = format!(
        "{SPEAKER_NOTES_OPENING}>\n{SPEAKER_NOTES_SUMMARY}\n\n{{{{#include notes/{name}.md}}}}\n\n</details>"
    );
    let Some(start) = text.rfind(SPEAKER_NOTES_OPENING) else {
        return Some(format!("{shown}: no speaker notes; end it with\n{example}"));
    };
    let block = &text[start..];
    let opening = &block[..block.find('>').unwrap_or(block.len())];
    if opening.contains("open") {
        return Some(format!(
            "{shown}: the speaker notes must be collapsed: drop `open` from `{opening}>`"
        ));
    }
    if !block.contains(SPEAKER_NOTES_SUMMARY) {
        return Some(format!(
            "{shown}: the speaker notes need the title `{SPEAKER_NOTES_SUMMARY}`"
        ));
    }
    let Some(end) = block.find("</details>") else {
        return Some(format!(
            "{shown}: the speaker notes are never closed (`</details>`)"
        ));
    };
    if !block[end + "</details>".len()..].trim().is_empty() {
        return Some(format!(
            "{shown}: the speaker notes must come last; move what follows `</details>` above them"
        ));
    }
    let inside = &block[..end];
    // Includes in the whole chapter, so that their line numbers are right.
    let includes: Vec<_> = includes_in(&chapter, &text[..start + end])
        .into_iter()
        .filter(|include| include.line > text[..start].lines().count())
        .collect();
    let expected = source_folder().join("notes").join(format!("{name}.md"));
    let [include] = includes.as_slice() else {
        return Some(format!(
            "{shown}: the speaker notes should hold exactly one include, of notes/{name}.md"
        ));
    };
    if include.file != expected {
        return Some(format!(
            "{}: the speaker notes include {}, not notes/{name}.md",
            include.location(),
            relative(&include.file)
        ));
    }
    // mdBook reads Markdown inside an HTML block only after a blank line;
    // without one the notes would show as raw text.
    let lines: Vec<&str> = inside.lines().collect();
    let at = lines.iter().position(|line| line.contains("{{#include"))?;
    let blank = |index: Option<usize>| {
        index
            .and_then(|index| lines.get(index))
            .is_some_and(|line| line.trim().is_empty())
    };
    if !blank(at.checked_sub(1)) || !blank(Some(at + 1)) {
        return Some(format!(
            "{}: leave a blank line before and after the include, or mdBook shows the notes as raw text",
            include.location()
        ));
    }
    match std::fs::read_to_string(&expected) {
        Err(_) => Some(format!(
            "{}: {} does not exist",
            include.location(),
            relative(&expected)
        )),
        Ok(notes) if notes.trim().is_empty() => Some(format!(
            "{}: {} is empty",
            include.location(),
            relative(&expected)
        )),
        Ok(_) => None,
    }
}

#[test]
fn every_teaching_chapter_ends_with_collapsed_speaker_notes() {
    let mut problems: Vec<String> = TEACHING_CHAPTERS
        .iter()
        .filter_map(|name| speaker_notes_problem(name))
        .collect();
    // Every file in notes/ belongs to a teaching chapter, which includes it.
    let notes = source_folder().join("notes");
    for file in chapters().iter().filter(|file| is_speaker_notes(file)) {
        let stem = file
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("");
        if !TEACHING_CHAPTERS.contains(&stem) || file.parent() != Some(notes.as_path())
        {
            problems.push(format!(
                "{}: no teaching chapter includes it (notes/<chapter>.md, for one of {TEACHING_CHAPTERS:?})",
                relative(file)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check above, on chapters written wrong on purpose.
#[test]
fn the_speaker_notes_check_finds_open_missing_and_misplaced_notes() {
    let good = "# Testing\n\nText.\n\n<details class=\"speaker-notes\">\n\
                <summary>Speaker notes (for teachers)</summary>\n\n\
                {{#include notes/testing.md}}\n\n</details>\n";
    assert_eq!(
        speaker_notes_problem_in("testing", good),
        None,
        "well-formed notes"
    );
    let cases = [
        ("# Testing\n\nText.\n".to_string(), "no speaker notes"),
        (
            good.replace("speaker-notes\"", "speaker-notes\" open"),
            "must be collapsed",
        ),
        (format!("{good}\nMore text.\n"), "must come last"),
        (
            good.replace("notes/testing.md", "notes/advanced.md"),
            "not notes/testing.md",
        ),
        (
            good.replace("</summary>\n\n", "</summary>\n"),
            "blank line before and after",
        ),
    ];
    for (text, expected) in cases {
        let problem = speaker_notes_problem_in("testing", &text).unwrap_or_default();
        assert!(
            problem.contains(expected),
            "expected a problem with `{expected}`, got `{problem}` for:\n{text}"
        );
    }
}
