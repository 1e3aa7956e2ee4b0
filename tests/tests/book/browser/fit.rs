//! Every page on a desktop and a phone: the full check of a page, what it
//! loads before the reader can read (no more than the stock mdBook guide's
//! pages), listings within their box, and every table within the text
//! column. The pages are opened in turn, ten to a Chromium run
//! ([`tests::browser::Chromium::dump_reports`]).

use std::io::Write;
use std::path::Path;

use tests::browser::Visit;
use tests::files;
use tests::markdown::{SummaryChapter, summary_chapters};

use super::Report;
use super::problems::{
    code_fit_problems, layout_problems, page_problems, table_problems,
};
use super::{PHONE, book, chromium, report_from, screenshot, server};

/// The most a page may weigh with what it loads before the reader can read:
/// the stock mdBook guide's pages weigh 0.86–1.03 MB.
const MOST_PAGE_BYTES: u64 = 1_000_000;

/// Mermaid's file name in the built book: 5.5 MB, loaded only near a diagram.
const MERMAID: &str = "diagrams/mermaid.min.js";

/// The bytes the reader waits for: the page and every file it asked for
/// before its load event ended (the test's own check script aside).
fn page_weight(book: &Path, page: &str, report: &Report) -> u64 {
    let size =
        |path: &Path| std::fs::metadata(path).map_or(0, |metadata| metadata.len());
    let loaded: u64 = report
        .resources
        .iter()
        .filter(|resource| resource.before_load)
        .filter_map(|resource| server().path_of(&resource.url))
        .filter(|path| !path.ends_with("browser-check.js"))
        .map(|path| size(&path))
        .sum();
    size(&book.join(page)) + loaded
}

/// What is wrong with what the page loads (`weight` bytes, from
/// [`page_weight`]): more than the stock guide's pages, or Mermaid before
/// the text (or at all, on a page without a diagram).
fn weight_problems(weight: u64, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if !report.resources.iter().any(|resource| resource.before_load) {
        problems.push(
            "the page reports no file loaded before it could be read, so its weight cannot \
             be told: was it opened over HTTP (tests/src/serve.rs)? A file:// page keeps no \
             Resource Timing"
                .to_string(),
        );
    }
    if weight > MOST_PAGE_BYTES {
        problems.push(format!(
            "the page and what it loads before the reader can read weigh {weight} bytes, \
             more than {MOST_PAGE_BYTES} (the stock mdBook guide's pages)"
        ));
    }
    for resource in report.resources.iter().filter(|r| r.url.ends_with(MERMAID)) {
        if resource.before_load {
            problems.push(
                "loads Mermaid (5.5 MB) before its text: book/theme/mermaid-init.js should \
                 load it only once the page has loaded, near a diagram"
                    .to_string(),
            );
        }
        if report.diagrams.is_empty() {
            problems.push("loads Mermaid (5.5 MB) but has no diagram".to_string());
        }
    }
    problems
}

/// The pages a reader reads, by file name: every page of the built book
/// but 404.html, which links its files from the site's root (the test
/// serves the book from a folder below it), and toc.html, the sidebar
/// framed only without JavaScript.
fn readers_pages() -> Vec<String> {
    files::below(book(), "html")
        .iter()
        .filter_map(|page| Some(page.strip_prefix(book()).ok()?.display().to_string()))
        .filter(|page| page != "404.html" && page != "toc.html")
        .collect()
}

/// What is wrong with `page` on a desktop: the full check of a page, its
/// `weight`, and listings wider than their box.
fn desktop_problems(
    page: &str,
    weight: u64,
    report: &Report,
    chapters: &[SummaryChapter],
) -> Vec<String> {
    let mut problems = page_problems(page, report, chapters);
    problems.extend(
        [
            weight_problems(weight, report),
            code_fit_problems(report, true),
        ]
        .concat()
        .into_iter()
        .map(|problem| format!("{page}: {problem}")),
    );
    problems
}

/// What is wrong with `page` on a phone: what does not fit its width.
fn phone_problems(page: &str, report: &Report) -> Vec<String> {
    [
        code_fit_problems(report, false),
        table_problems(report),
        layout_problems(report),
    ]
    .concat()
    .into_iter()
    .map(|problem| format!("{page} (phone): {problem}"))
    .collect()
}

/// Every page of the built book, on a 1280 px desktop and on a 390 px
/// phone. On the desktop, the full check of a page ([`page_problems`]:
/// sidebar, code highlighted with hidden lines folded, checkpoints, tables,
/// diagrams), no more loaded than the stock mdBook guide's pages before the
/// reader can read (Mermaid only near a diagram), and no listing wider than
/// its box (lines of at most 88 columns). On the phone, no table wider than
/// the column or cut mid-word, no inline command broken inside a word, a
/// listing that scrolls reachable by the keyboard, and nothing scrolling the
/// page sideways. The widest table (every cell on one line) is
/// screenshotted on both: `widest-table-{desktop,phone}.png`.
#[test]
fn every_page_passes_the_page_checks_on_a_desktop_and_a_phone() {
    let Some(chromium) = chromium("every_page_passes_the_page_checks") else {
        return;
    };
    let pages = readers_pages();
    let chapters = summary_chapters();
    let desktop: Vec<Visit> = pages
        .iter()
        .map(|page| Visit::new(book().join(page)))
        .collect();
    let phone: Vec<Visit> = desktop
        .iter()
        .map(|visit| visit.clone().phone(PHONE))
        .collect();
    let doms = chromium.dump_reports(&[desktop.clone(), phone.clone()].concat());
    let (desktop_doms, phone_doms) = doms.split_at(pages.len());
    let mut problems = Vec::new();
    let mut heaviest = (0, String::new());
    let mut widest_table: Option<(f64, usize, &Visit)> = None;
    for ((page, visit_as), dom) in pages.iter().zip(&desktop).zip(desktop_doms) {
        let report =
            report_from(visit_as, dom.as_ref().unwrap_or_else(|e| panic!("{e}")));
        let weight = page_weight(book(), page, &report);
        if weight > heaviest.0 {
            heaviest = (weight, page.clone());
        }
        for (index, table) in report.tables.iter().enumerate() {
            if widest_table.is_none_or(|(width, _, _)| table.natural_width > width) {
                widest_table = Some((table.natural_width, index, visit_as));
            }
        }
        problems.extend(desktop_problems(page, weight, &report, &chapters));
    }
    for ((page, visit_as), dom) in pages.iter().zip(&phone).zip(phone_doms) {
        let report =
            report_from(visit_as, dom.as_ref().unwrap_or_else(|e| panic!("{e}")));
        problems.extend(phone_problems(page, &report));
    }
    let (_, index, widest) = widest_table.expect("the book has no table at all");
    let shown = widest.clone().query(&format!("?show=table-{index}"));
    screenshot(&chromium, &shown, "widest-table-desktop");
    screenshot(&chromium, &shown.phone(PHONE), "widest-table-phone");
    let _ = writeln!(
        std::io::stderr(),
        "browser test: {} pages on a desktop and a phone; the heaviest, {}, loads {} bytes \
         before it can be read",
        pages.len(),
        heaviest.1,
        heaviest.0
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
