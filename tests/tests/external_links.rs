//! Every link that leaves the book is listed in one place: the References
//! appendix (`book/src/appendix-references.md`). A reader finds every outside
//! source there, and when a site moves, one list shows what to check.
//!
//! Links are read from the built HTML, so a URL inside a code block or an
//! output listing (`http://127.0.0.1:...`) is not a link and is not counted.

use tests::book::{REFERENCES_PAGE, build, external_links, unlisted_external_links};
use tests::target_dir;

#[test]
fn every_external_link_is_listed_in_the_references_appendix() {
    let destination = target_dir().join("test-book").join("external-links");
    let _ = std::fs::remove_dir_all(&destination);
    build(&destination).unwrap_or_else(|error| panic!("the book did not build: {error}"));

    assert!(
        !external_links(&destination).is_empty(),
        "found no external link at all; is the link reader broken?"
    );
    let unlisted = unlisted_external_links(&destination);
    assert!(
        unlisted.is_empty(),
        "add these links to book/src/appendix-references.md ({REFERENCES_PAGE}), \
         the one place that lists every external link of the book:\n{}",
        unlisted.join("\n")
    );
}
