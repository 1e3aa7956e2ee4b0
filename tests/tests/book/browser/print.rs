//! The whole book on one page (`print.html`), which the online book leaves
//! out and `cargo book --print` builds for a printer: it holds every
//! chapter and every diagram, its code, tables and diagrams pass the page
//! checks, and it prints to a PDF with a page or more per chapter.

use std::io::Write;
use std::path::PathBuf;

use tests::book::{Pages, build_pages};
use tests::browser::{Visit, add_check_script, pdf_page_count};
use tests::markdown::summary_chapters;
use tests::relative;

use super::problems::{
    checkpoint_problems, code_look_problems, code_problems, diagram_problems,
    layout_problems, plain, table_problems,
};
use super::{
    book, chromium, pages_with_diagrams, scratch, screenshots, visit_and_screenshot,
};

/// The book built as `cargo book --print` builds it, with the check script
/// in its pages: the folder that holds `print.html`.
fn book_with_print_page() -> PathBuf {
    let folder = scratch().join("book-print");
    let _ = std::fs::remove_dir_all(&folder);
    let build = build_pages(&folder, Pages::WithPrintPage).unwrap_or_else(|error| {
        panic!("the book with its print page did not build: {error}")
    });
    assert!(
        build.warnings.is_empty(),
        "mdBook warned building the print page:\n{}",
        build.warnings.join("\n")
    );
    add_check_script(&folder).expect("the scratch book is writable");
    folder
}

/// The title of a built chapter page: the text of its first content `<h1>`
/// (the menu bar's `<h1 class="menu-title">` is the book's title).
fn chapter_title(page: &str) -> String {
    let html = std::fs::read_to_string(book().join(page))
        .unwrap_or_else(|error| panic!("{page}: {error}"));
    let start = html
        .find("<h1 id=")
        .unwrap_or_else(|| panic!("{page} has no title (h1)"));
    let end = start + html[start..].find("</h1>").expect("a closed h1");
    let mut text = String::new();
    let mut in_tag = false;
    for character in html[start..end].chars() {
        match character {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[test]
fn the_whole_book_on_one_page_holds_every_chapter_and_prints() {
    let Some(chromium) = chromium("the_whole_book_on_one_page") else {
        return;
    };
    let chapters = summary_chapters();
    let page = Visit::new(book_with_print_page().join("print.html"));
    let report = visit_and_screenshot(&chromium, &page, "print");
    let titles: Vec<String> =
        report.headings.iter().map(|title| plain(title)).collect();
    let missing: Vec<String> = chapters
        .iter()
        .map(|chapter| chapter_title(&chapter.page))
        .filter(|title| !titles.contains(&plain(title)))
        .collect();
    assert!(
        missing.is_empty(),
        "print.html lacks these chapters (their pages' titles are not among its h1 headings): {missing:?}"
    );
    // The whole book: every chapter's code highlighted, hidden lines
    // collapsed, play buttons only where the playground can run the listing.
    let problems = [
        code_problems(&report),
        code_look_problems(&report),
        checkpoint_problems(&report),
        table_problems(&report),
        diagram_problems(&report),
        layout_problems(&report),
    ]
    .concat();
    assert!(problems.is_empty(), "print.html: {}", problems.join("\n"));
    assert_eq!(
        report.diagrams.len(),
        pages_with_diagrams()
            .iter()
            .map(|(_, diagrams)| diagrams)
            .sum::<usize>(),
        "print.html should draw every diagram of the chapters, so that the printed book \
         has its pictures (book/theme/mermaid-init.js)"
    );
    let hidden_lines: usize = report.code.iter().map(|code| code.hidden_lines).sum();
    assert!(
        hidden_lines > 0,
        "no listing in the book has hidden lines, so collapsing them went untested"
    );

    let pdf = screenshots().join("print.pdf");
    chromium
        .print_to_pdf(&page, &pdf)
        .unwrap_or_else(|error| panic!("{error}"));
    let pages = pdf_page_count(&std::fs::read(&pdf).expect("the PDF was written"));
    // Each chapter starts on a new page in print.
    assert!(
        pages >= chapters.len(),
        "the printed book has {pages} pages for {} chapters",
        chapters.len()
    );
    let _ = writeln!(
        std::io::stderr(),
        "browser test: screenshots and print.pdf ({pages} pages) in {}",
        relative(&screenshots())
    );
}
