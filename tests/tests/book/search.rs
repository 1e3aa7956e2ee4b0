//! The symptom index (`book/src/symptoms.md`) is found by the book's own
//! search: a reader who types the message they see lands on its entry.
//!
//! Each `###` heading of the page is an entry. Under "Compiler errors" and
//! "Panics" the heading is a message quoted from a checked run, so it must
//! appear in an output file that the listings and diagnostics tests compare
//! with real runs ([`every_quoted_message_comes_from_a_checked_output`]).
//! Headless Chromium then types each heading into mdBook's search bar, one
//! after the other in one page, and the first result must be that entry
//! ([`searching_each_symptom_lands_on_its_entry`]). The typing is done by
//! `tests/src/search-check.js`; Chromium is found and run as in
//! `browser/`, and the test skips without it unless `REQUIRE_BROWSER` is set.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use tests::browser::{
    Visit, add_script, chromium_or_skip, copy_of_the_built_book, report_json,
};
use tests::markdown::source_folder;
use tests::{files, own_output_dir, percent, workspace_root};

/// The page the entries are on, as built and as written.
const PAGE: &str = "symptoms.html";
const SOURCE: &str = "symptoms.md";

/// Sections whose entries are quoted messages, not behaviours.
const MESSAGE_SECTIONS: [&str; 2] = ["Compiler errors", "Panics"];

const SEARCH_SCRIPT: &str = include_str!("../../src/search-check.js");

/// One entry of the index: its heading as written, and its section.
#[derive(Debug)]
struct Entry {
    heading: String,
    section: String,
}

impl Entry {
    /// What a reader types: the heading without Markdown's backticks.
    fn query(&self) -> String {
        self.heading.replace('`', "")
    }
}

/// The index's entries, in order; ten at least.
fn entries() -> Vec<Entry> {
    let text = std::fs::read_to_string(source_folder().join(SOURCE))
        .expect("the symptom index");
    let mut section = String::new();
    let mut entries = Vec::new();
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_string();
        } else if let Some(heading) = line.strip_prefix("### ") {
            entries.push(Entry {
                heading: heading.trim().to_string(),
                section: section.clone(),
            });
        }
    }
    // Here, not in one test: a reader that found nothing would let every
    // check of the entries pass on nothing.
    assert!(
        entries.len() >= 10,
        "the symptom index should have its entries as `###` headings, found {}",
        entries.len()
    );
    entries
}

/// Every output file a check compares with a real run.
fn checked_outputs() -> Vec<String> {
    let root = workspace_root();
    let mut folders: Vec<PathBuf> =
        ["step01-setup", "step02-basic-async", "step03-tasks"]
            .iter()
            .flat_map(|step| {
                ["examples", "python", "src"].map(|sub| root.join(step).join(sub))
            })
            .collect();
    folders.push(root.join("tests/diagnostics"));
    folders
        .iter()
        .flat_map(|folder| {
            let mut found = files::below(folder, "out");
            found.extend(files::below(folder, "expected"));
            found
        })
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .collect()
}

#[test]
fn every_quoted_message_comes_from_a_checked_output() {
    let entries = entries();
    let outputs = checked_outputs();
    let unquoted: Vec<&str> = entries
        .iter()
        .filter(|entry| MESSAGE_SECTIONS.contains(&entry.section.as_str()))
        .filter(|entry| !outputs.iter().any(|output| output.contains(&entry.heading)))
        .map(|entry| entry.heading.as_str())
        .collect();
    assert!(
        unquoted.is_empty(),
        "{SOURCE}: these messages are not in any checked .out or .expected file; quote them \
         exactly as a checked run prints them: {unquoted:?}"
    );
}

/// What `search-check.js` reported.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Report {
    searches: Vec<Search>,
    timed_out: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Search {
    query: String,
    header: String,
    results: Vec<String>,
}

/// The `id` of each `<h3>` of the built page, in order.
fn built_entry_ids(page: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(page).expect("the built symptom index");
    html.split("<h3 id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// A scratch copy of the built book whose index page runs the search script.
fn book_with_search_script() -> PathBuf {
    let copy = own_output_dir().join("search").join("book");
    copy_of_the_built_book(&copy).unwrap_or_else(|error| panic!("{error}"));
    let index = copy.join("index.html");
    add_script(&copy, "search-check.js", SEARCH_SCRIPT, &[index])
        .expect("the scratch book is writable");
    copy
}

#[test]
fn searching_each_symptom_lands_on_its_entry() {
    let Some(chromium) = chromium_or_skip(
        "searching_each_symptom_lands_on_its_entry",
        own_output_dir().join("search").join("profiles"),
    ) else {
        return;
    };
    let book = book_with_search_script();
    let entries = entries();
    let ids = built_entry_ids(&book.join(PAGE));
    assert_eq!(
        ids.len(),
        entries.len(),
        "one <h3> per `###` heading of {SOURCE}"
    );
    let queries: Vec<String> = entries.iter().map(Entry::query).collect();
    let list = serde_json::to_string(&queries).expect("strings serialise");
    let visit = Visit::new(book.join("index.html"))
        .query(&format!("?searchcheck={}", percent::encode(&list)));
    let dom = chromium
        .dump_dom(&visit)
        .unwrap_or_else(|error| panic!("{error}"));
    let json = report_json(&dom).expect("search-check.js left no report");
    let report: Report = serde_json::from_str(&json).expect("the report reads");
    assert!(
        !report.timed_out,
        "the searches did not all finish: {report:?}"
    );

    let mut problems = Vec::new();
    for ((search, entry), id) in report.searches.iter().zip(&entries).zip(&ids) {
        let wanted = format!("{PAGE}#{id}");
        // mdBook adds `?highlight=<query>` before the anchor.
        let first = search.results.first().map(|href| {
            let (page, rest) = href.split_once('?').unwrap_or((href, ""));
            let anchor = rest.split_once('#').map_or("", |(_, anchor)| anchor);
            format!("{page}#{anchor}")
        });
        match first {
            Some(first) if first == wanted => {}
            _ => problems.push(format!(
                "searching `{}` ({}) should give {wanted} first; got {:?}",
                search.query,
                search.header,
                search.results.iter().take(3).collect::<Vec<_>>()
            )),
        }
        assert_eq!(search.query, entry.query(), "the report keeps the order");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
