//! The built book: no mdBook warning, every page written, no directive left
//! unexpanded, no local link that leads nowhere, and every link that leaves
//! the book listed in one place, the References appendix
//! (`book/src/appendix-references.md`): a reader finds every outside source
//! there, and when a site moves, one list shows what to check.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::de::IgnoredAny;
use tests::book::built;
use tests::files;
use tests::links::{
    REFERENCES_PAGE, broken_links, external_links, unlisted_external_links,
};
use tests::markdown::chapters;

use crate::is_speaker_notes;

#[test]
fn the_book_builds_without_warnings_and_without_broken_links() {
    let book = built().unwrap_or_else(|error| panic!("{error}"));
    assert!(
        book.warnings.is_empty(),
        "mdBook warned:\n{}",
        book.warnings.join("\n")
    );

    let pages = files::below(&book.destination, "html");
    let chapter_pages = chapters()
        .iter()
        .filter(|chapter| !is_speaker_notes(chapter))
        .count();
    assert!(
        pages.len() >= chapter_pages,
        "fewer pages ({}) than chapters ({chapter_pages}) were written",
        pages.len()
    );
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("pages are readable");
        assert!(
            !html.contains("{{#"),
            "{} still holds an unexpanded {{{{# directive",
            page.display()
        );
    }

    let broken = broken_links(&book.destination);
    assert!(
        broken.is_empty(),
        "broken links in the built book:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_external_link_is_listed_in_the_references_appendix() {
    let book = built().unwrap_or_else(|error| panic!("{error}"));
    assert!(
        !external_links(&book.destination).is_empty(),
        "found no external link at all; is the link reader broken?"
    );
    let unlisted = unlisted_external_links(&book.destination);
    assert!(
        unlisted.is_empty(),
        "add these links to book/src/appendix-references.md ({REFERENCES_PAGE}), \
         the one place that lists every external link of the book:\n{}",
        unlisted.join("\n")
    );
}

/// The names of the tables book.toml declares under one heading:
/// `[preprocessor.NAME]` or `[output.NAME]`, whatever they hold.
fn names(tables: Result<BTreeMap<String, IgnoredAny>, impl Debug>) -> Vec<String> {
    tables.expect("book.toml reads").into_keys().collect()
}

/// The stock `mdbook` 0.5 command line builds this book as `cargo book`
/// does (`mdbook build book`, and `mdbook serve book` for a live preview):
/// `cargo book` is mdBook's own library with nothing added, so that stays
/// true as long as book.toml asks for nothing the stock command lacks: no
/// preprocessor of its own (the built-in `links` and `index` run in both),
/// no renderer but `html`, and every extra file it lists (`additional-css`,
/// `additional-js`) in the repository; Mermaid, which draws the diagrams,
/// is a file of `book/src/`, copied as it is. `.ci/run` also builds the book with the stock command when
/// one is installed and compares the two builds.
#[test]
fn the_stock_mdbook_command_line_can_build_the_book_as_cargo_book_does() {
    use tests::markdown::book_root;

    let book = mdbook_driver::MDBook::load(book_root())
        .unwrap_or_else(|error| panic!("{error:#}"));
    let config = &book.config;
    let preprocessors = names(config.preprocessors());
    assert!(
        preprocessors.is_empty(),
        "book.toml declares preprocessors {preprocessors:?}: the stock `mdbook` runs each as an \
         outside command the reader must install; draw diagrams with <pre class=\"mermaid\"> \
         and book/src/diagrams/mermaid.min.js instead"
    );
    assert!(
        config.build.use_default_preprocessors,
        "book.toml turns off mdBook's own preprocessors (includes would not be expanded)"
    );
    let outputs = names(config.outputs());
    assert_eq!(
        outputs,
        ["html"],
        "book.toml declares renderers other than html: the stock `mdbook` runs them as outside commands"
    );
    let html = config.html_config().expect("book.toml has [output.html]");
    let extra_files: Vec<_> = html
        .additional_css
        .iter()
        .chain(&html.additional_js)
        .collect();
    // Mermaid is 5.5 MB: listed here, every page would load it first thing.
    // It is a file of src/ (mdBook copies it), and mermaid-init.js loads it
    // on the pages with a diagram.
    assert!(
        !extra_files
            .iter()
            .any(|file| file.ends_with("mermaid.min.js")),
        "book.toml's additional-js lists mermaid.min.js: every page would load 5.5 MB \
         before its text; theme/mermaid-init.js loads it where a diagram needs it"
    );
    assert!(
        extra_files
            .iter()
            .any(|file| file.ends_with("mermaid-init.js")),
        "book.toml's additional-js should list theme/mermaid-init.js, which draws the diagrams"
    );
    assert!(
        book_root().join("src/diagrams/mermaid.min.js").is_file(),
        "book/src/diagrams/mermaid.min.js, which draws the diagrams, is missing"
    );
    for file in extra_files {
        assert!(
            book_root().join(file).is_file(),
            "book.toml lists {}, which is not in book/",
            file.display()
        );
    }
}

/// No page waits for a font: `book/theme/fonts/fonts.css` names the reader's
/// system fonts and takes the place of stock mdBook's, which declares Open
/// Sans and Source Code Pro (five files, ~230 kB, text invisible until they
/// arrive; on Lighthouse's simulated phone about a second of Largest
/// Contentful Paint). Without that file, or with a font file beside it,
/// mdBook copies fonts into the book again, and this test says so.
#[test]
fn the_built_book_downloads_no_web_font() {
    let book = built().unwrap_or_else(|error| panic!("{error}"));
    let font_files: Vec<_> = ["woff2", "woff", "ttf", "otf"]
        .iter()
        .flat_map(|extension| files::below(&book.destination, extension))
        .collect();
    assert!(
        font_files.is_empty(),
        "the built book holds font files {font_files:?}: keep book/theme/fonts/ to fonts.css \
         alone, which names system fonts (book/theme/README.md says why)"
    );
    let stylesheets = files::below(&book.destination.join("fonts"), "css");
    assert!(
        !stylesheets.is_empty(),
        "the built book has no fonts/fonts.css: every page links it, so it must exist"
    );
    for stylesheet in stylesheets {
        let css =
            std::fs::read_to_string(&stylesheet).expect("the fonts stylesheet reads");
        assert!(
            !css.contains("@font-face"),
            "{} declares a web font (@font-face): pages would wait for it; \
             book/theme/fonts/fonts.css names system fonts instead",
            stylesheet.display()
        );
    }
}

/// The online book has no whole-book page: `print.html` holds every chapter
/// at once, and stock `book.js` highlights all of its code in one task
/// (`book/book.toml` says why it is left out). No page links to it, and
/// `cargo book --print` builds a copy that has it, for a printer; a wrong
/// argument gets the usage and exit code 2.
#[test]
fn the_whole_book_page_is_left_out_online_and_built_by_cargo_book_print() {
    let book = built().unwrap_or_else(|error| panic!("{error}"));
    assert!(
        !book.destination.join("print.html").exists(),
        "the online book has print.html: book/book.toml should keep [output.html.print] \
         enable = false"
    );
    for page in files::below(&book.destination, "html") {
        let html = std::fs::read_to_string(&page).expect("pages are readable");
        assert!(
            !html.contains("href=\"print.html\""),
            "{} links print.html, which the online book does not have",
            page.display()
        );
    }

    let destination = tests::own_output_dir().join("book-print-by-cargo-book");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_book"))
        .args(["--print", "--dest"])
        .arg(&destination)
        .output()
        .expect("the book program starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`cargo book --print` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let print = std::fs::read_to_string(destination.join("print.html"))
        .expect("`cargo book --print` writes print.html");
    let chapters = tests::markdown::summary_chapters().len();
    let titles = print.matches("<h1 id=").count();
    assert!(
        titles >= chapters,
        "print.html holds {titles} chapter titles (h1) for {chapters} chapters"
    );
    assert!(
        stdout.contains("print.html"),
        "`cargo book --print` should say where the whole-book page is: {stdout}"
    );
    let _ = std::fs::remove_dir_all(&destination);

    let wrong = std::process::Command::new(env!("CARGO_BIN_EXE_book"))
        .arg("--prnt")
        .output()
        .expect("the book program starts");
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "a wrong argument exits with 2: {stderr}"
    );
    assert!(
        stderr.contains("unexpected argument `--prnt`") && stderr.contains("usage:"),
        "a wrong argument gets one line saying so and the usage: {stderr}"
    );
}
