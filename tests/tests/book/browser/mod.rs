//! The book in a real browser: headless Chromium opens the built pages and
//! the checks in this folder read what it rendered (see `tests/src/browser.rs`
//! and `tests/src/browser-check.js`).
//!
//! One file per concern: single pages (each step chapter, the landing page,
//! search, the two themes, the checkpoints) in `pages.rs`; the print view in
//! `print.rs`; what every page weighs and whether its code and tables fit,
//! on a desktop and a phone, in `fit.rs`; the diagrams in `diagrams.rs`.
//! They share what the check script reports (`report.rs`), what is wrong
//! with a page according to it (`problems.rs`), and the plumbing below: the
//! scratch copy of the book, a page's visit and its screenshots. Items are
//! `pub` inside these private modules: visible to this folder only.
//!
//! Screenshots and the printed PDF land in `target/browser/screenshots/`
//! (under `CARGO_TARGET_DIR` when set); look at them after a layout change:
//! each diagram in light, navy and phone width (`diagram-*.png`) and the
//! widest table on a desktop and a phone (`widest-table-*.png`) among them.
//! `?show=diagram-N` (or `table-N`, `code-N`) on a page's URL leaves only
//! that element in the page, for a screenshot of it.
//! Without Chromium (`chromium`, `chromium-browser`, `google-chrome` on PATH,
//! or `$CHROMIUM`) every test here prints why it skipped and passes; set
//! `REQUIRE_BROWSER=1` to make a missing browser a failure instead, as CI does.

mod diagrams;
mod fit;
mod pages;
mod print;
mod problems;
mod report;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tests::book::built;
use tests::browser::{
    Chromium, Visit, add_check_script, chromium_or_skip, report_json,
};
use tests::{files, own_output_dir};

use report::Report;

/// Where this test keeps its copy of the book, profiles and images.
fn scratch() -> PathBuf {
    own_output_dir().join("browser")
}

fn screenshots() -> PathBuf {
    let folder = scratch().join("screenshots");
    std::fs::create_dir_all(&folder).expect("target/ is writable");
    folder
}

/// The book with the check script in every page: a copy of the run's one
/// build, which other tests read unchanged.
fn book() -> &'static Path {
    static BOOK: OnceLock<PathBuf> = OnceLock::new();
    BOOK.get_or_init(|| {
        let built = built().unwrap_or_else(|error| panic!("{error}"));
        let copy = scratch().join("book");
        let _ = std::fs::remove_dir_all(&copy);
        files::copy_folder(&built.destination, &copy)
            .expect("the scratch book is writable");
        add_check_script(&copy).expect("the scratch book is writable");
        copy
    })
}

/// Chromium, or `None` after saying loudly why the test is skipped.
fn chromium(test: &str) -> Option<Chromium> {
    chromium_or_skip(test, scratch().join("profiles"))
}

/// Opens a page and returns what the check script reported.
fn visit(chromium: &Chromium, visit: &Visit) -> Report {
    let dom = chromium
        .dump_dom(visit)
        .unwrap_or_else(|error| panic!("{error}"));
    report_from(visit, &dom)
}

/// The check script's report in `dom`, the page `visit` after it ran.
fn report_from(visit: &Visit, dom: &str) -> Report {
    let json = report_json(dom).unwrap_or_else(|| {
        panic!(
            "{}: the check script left no report; did the page's scripts fail?",
            visit.name()
        )
    });
    let report: Report = serde_json::from_str(&json).unwrap_or_else(|error| {
        panic!(
            "{}: the check script's report does not read as a Report ({error}): {json}",
            visit.name()
        )
    });
    assert!(
        !report.timed_out,
        "{}: the page never settled (sidebar not filled in, or search without results)",
        visit.name()
    );
    report
}

fn screenshot(chromium: &Chromium, visit: &Visit, name: &str) -> PathBuf {
    let png = screenshots().join(format!("{name}.png"));
    chromium
        .screenshot(visit, &png)
        .unwrap_or_else(|error| panic!("{error}"));
    png
}

/// A phone held upright: 390 px wide.
const PHONE: u32 = 390;
