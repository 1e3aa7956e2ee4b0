//! The book: every include resolves, it builds without a warning, its links
//! lead somewhere, and every code listing comes from a file cargo compiles.

use std::path::{Path, PathBuf};

use tests::book::{
    CodeBlock, all_includes, book_root, broken_links, build, chapters, code_blocks, html_files,
    include_problem,
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
    assert!(
        pages.len() >= chapters().len(),
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
