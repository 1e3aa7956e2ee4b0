//! The built book: no mdBook warning, every page written, no directive left
//! unexpanded, no local link that leads nowhere, and every link that leaves
//! the book listed in one place, the References appendix
//! (`book/src/appendix-references.md`): a reader finds every outside source
//! there, and when a site moves, one list shows what to check.

use tests::book::built;
use tests::files;
use tests::links::{REFERENCES_PAGE, broken_links, external_links, unlisted_external_links};
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
