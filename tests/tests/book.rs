//! The book: every include resolves, it builds without a warning, its links
//! lead somewhere, and every code listing comes from a file cargo compiles.

use std::path::{Path, PathBuf};

use tests::book::{
    CodeBlock, all_includes, book_root, broken_links, build, chapters, code_blocks, html_files,
    include_problem, includes_in,
};
use tests::listings::all_programs;
use tests::{relative, target_dir, tidy};

#[test]
fn every_include_names_an_existing_file_and_a_non_empty_anchor() {
    let includes = all_includes();
    assert!(!includes.is_empty(), "the book includes no listing at all");
    let problems: Vec<String> = includes.iter().filter_map(include_problem).collect();
    assert!(
        problems.is_empty(),
        "broken includes:\n{}",
        problems.join("\n")
    );
}

/// A fresh folder under target/ for one test's build of the book.
fn scratch_folder(name: &str) -> PathBuf {
    let folder = target_dir().join("test-book").join(name);
    let _ = std::fs::remove_dir_all(&folder);
    folder
}

#[test]
fn the_book_builds_without_warnings_and_without_broken_links() {
    let destination = scratch_folder("build");
    let book =
        build(&destination).unwrap_or_else(|error| panic!("the book did not build: {error}"));
    assert!(
        book.warnings.is_empty(),
        "mdBook warned:\n{}",
        book.warnings.join("\n")
    );

    let pages = html_files(&destination);
    let chapter_pages = chapters()
        .iter()
        .filter(|chapter| !is_speaker_notes(chapter))
        .count();
    assert!(
        pages.len() >= chapter_pages,
        "fewer pages than chapters were written"
    );
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("pages are readable");
        assert!(
            !html.contains("{{#"),
            "{} still holds an unexpanded {{{{# directive",
            page.display()
        );
    }

    let broken = broken_links(&destination);
    assert!(
        broken.is_empty(),
        "broken links in the built book:\n{}",
        broken.join("\n")
    );
}

/// Whether a Markdown file is speaker notes: `src/notes/` holds fragments
/// that each teaching chapter includes at its end
/// (`{{#include notes/<chapter>.md}}`). They are read inside their chapter,
/// never as pages of their own, so SUMMARY.md does not list them;
/// `every_teaching_chapter_ends_with_collapsed_speaker_notes` checks that
/// each one is included.
fn is_speaker_notes(file: &Path) -> bool {
    file.starts_with(book_root().join("src/notes"))
}

#[test]
fn every_chapter_in_the_folder_is_in_the_summary() {
    let summary = std::fs::read_to_string(book_root().join("src/SUMMARY.md")).expect("SUMMARY.md");
    let source = book_root().join("src");
    for chapter in chapters() {
        let name = chapter
            .strip_prefix(&source)
            .expect("below src")
            .display()
            .to_string();
        if name == "SUMMARY.md" {
            continue;
        }
        if is_speaker_notes(&chapter) {
            continue;
        }
        assert!(
            summary.contains(&format!("({name})")),
            "{} is not linked from SUMMARY.md, so readers never see it",
            relative(&chapter)
        );
    }
}

/// All fenced code blocks of the book.
fn all_code_blocks() -> Vec<CodeBlock> {
    chapters()
        .iter()
        .flat_map(|chapter| {
            code_blocks(
                chapter,
                &std::fs::read_to_string(chapter).expect("readable"),
            )
        })
        .collect()
}

/// The single include a Rust block consists of, if that is all it holds.
fn sole_include(block: &CodeBlock) -> Option<(String, PathBuf)> {
    let body = block.body.trim();
    let inner = body.strip_prefix("{{#")?.strip_suffix("}}")?;
    let (directive, target) = inner.split_once(' ')?;
    let path = target.split(':').next()?;
    let file = tidy(&block.chapter.parent()?.join(path));
    Some((directive.to_string(), file))
}

/// Whether a Rust file could run on the playground: a program that uses
/// nothing but the standard library and `futures`.
fn playground_can_run(file: &Path) -> bool {
    let source = std::fs::read_to_string(file).unwrap_or_default();
    let is_program = source.contains("fn main()");
    let external_crates = source.lines().any(|line| {
        let line = line.trim_start();
        let path = line
            .strip_prefix("use ")
            .or_else(|| line.strip_prefix("pub use "));
        path.is_some_and(|path| {
            let root = path.split("::").next().unwrap_or("");
            !["std", "core", "alloc", "futures", "crate", "self", "super"].contains(&root)
        })
    }) || source.contains("async_std::");
    is_program && !external_crates
}

#[test]
fn every_rust_listing_is_an_include_of_a_compiled_file() {
    let mut problems = Vec::new();
    for block in all_code_blocks()
        .iter()
        .filter(|block| block.language() == "rust")
    {
        match sole_include(block) {
            None => problems.push(format!(
                "{}: inline Rust block; include it from a file cargo compiles instead",
                block.location()
            )),
            Some((_, file)) if file.extension().is_none_or(|ext| ext != "rs") => {
                problems.push(format!(
                    "{}: a Rust block includes {}, not a .rs file",
                    block.location(),
                    relative(&file)
                ))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn play_buttons_appear_exactly_where_the_playground_can_run_the_listing() {
    let mut problems = Vec::new();
    for block in all_code_blocks()
        .iter()
        .filter(|block| block.language() == "rust")
    {
        let Some((directive, file)) = sole_include(block) else {
            continue;
        };
        let runnable = playground_can_run(&file) && directive == "rustdoc_include";
        let has_button = !block.has_attribute("noplayground") && !block.has_attribute("ignore");
        if runnable && !has_button {
            problems.push(format!(
                "{}: {} needs only std and futures; drop `noplayground` so readers can run it",
                block.location(),
                relative(&file)
            ));
        }
        if !runnable && has_button {
            problems.push(format!(
                "{}: the playground cannot run {} (it needs a crate the playground lacks, or is not a \
                 whole program via rustdoc_include); mark it `rust,noplayground`",
                block.location(),
                relative(&file)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_program_listing_names_the_command_that_runs_it() {
    let programs = all_programs();
    let mut problems = Vec::new();
    for block in all_code_blocks() {
        let Some((_, file)) = sole_include(&block) else {
            continue;
        };
        let Ok(file) = file.canonicalize() else {
            continue;
        };
        let Some(program) = programs.iter().find(|program| {
            program
                .source
                .canonicalize()
                .is_ok_and(|source| source == file)
        }) else {
            continue;
        };
        let command = program.command_line();
        if !block.next_line.contains(&format!("`{command}`")) {
            problems.push(format!(
                "{}: the line after the listing should name `{command}`, found: {}",
                block.location(),
                block.next_line
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The chapters a teacher teaches from (not the appendices, not the page for
/// teachers): each ends with speaker notes.
const TEACHING_CHAPTERS: [&str; 12] = [
    "introduction",
    "prerequisites",
    "core-concepts",
    "step01-setup",
    "step02-basic-async",
    "step03-tasks",
    "step04-executor",
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
    let chapter = book_root().join("src").join(format!("{name}.md"));
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
    let chapter = book_root().join("src").join(format!("{name}.md"));
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
    let expected = book_root().join("src/notes").join(format!("{name}.md"));
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
    let notes = book_root().join("src/notes");
    for file in chapters().iter().filter(|file| is_speaker_notes(file)) {
        let stem = file
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("");
        if !TEACHING_CHAPTERS.contains(&stem) || file.parent() != Some(notes.as_path()) {
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
    assert_eq!(speaker_notes_problem_in("testing", good), None);
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
