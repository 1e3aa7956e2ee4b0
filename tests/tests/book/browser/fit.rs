//! Every page on a desktop and a phone: what it loads before the reader can
//! read (no more than the stock mdBook guide's pages), listings within
//! their box, and every table within the text column.

use std::io::Write;
use std::path::Path;

use tests::browser::Visit;
use tests::files;

use super::Report;
use super::problems::{code_fit_problems, layout_problems, table_problems};
use super::{PHONE, book, chromium, screenshot, visit};

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
        .filter_map(|resource| resource.url.strip_prefix("file://"))
        .map(|path| {
            path.split(['?', '#'])
                .next()
                .unwrap_or(path)
                .replace("%20", " ")
        })
        .filter(|path| !path.ends_with("browser-check.js"))
        .map(|path| size(Path::new(&path)))
        .sum();
    size(&book.join(page)) + loaded
}

/// What is wrong with what the page loads: more than the stock guide's
/// pages, or Mermaid before the text (or at all, on a page without a
/// diagram).
fn weight_problems(page: &str, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let weight = page_weight(book(), page, report);
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

/// Every page of the built book on a 1280 px desktop, and the print view
/// (every chapter) and the landing page on a 390 px phone: a page loads no
/// more than the stock mdBook guide's pages before the reader
/// can read (Mermaid only near a diagram), no listing is wider than its box
/// on the desktop (lines of at most 88 columns), one that scrolls on the
/// phone can be reached by the keyboard, no inline command breaks inside a
/// word, and nothing scrolls the page sideways.
#[test]
fn every_page_is_light_and_its_code_fits_on_a_desktop_and_a_phone() {
    let Some(chromium) = chromium("every_page_is_light") else {
        return;
    };
    let mut pages: Vec<String> = files::below(book(), "html")
        .iter()
        .filter_map(|page| Some(page.strip_prefix(book()).ok()?.display().to_string()))
        // 404.html links its files from the site's root, which a file://
        // URL does not have; toc.html is the sidebar, framed only without
        // JavaScript. Neither is a page a reader reads.
        .filter(|page| page != "404.html" && page != "toc.html")
        .collect();
    pages.sort();
    let mut problems = Vec::new();
    let mut heaviest = (0, String::new());
    for page in &pages {
        // On the phone, the print view alone: it holds every chapter's
        // text and code, and one run costs what forty would.
        let mut looks = vec![("desktop", Visit::new(book().join(page)))];
        if page == "print.html" || page == "index.html" {
            looks.push(("phone", Visit::new(book().join(page)).phone(PHONE)));
        }
        for (look, visit_as) in looks {
            let report = visit(&chromium, &visit_as);
            let desktop = look == "desktop";
            if desktop {
                let weight = page_weight(book(), page, &report);
                if weight > heaviest.0 {
                    heaviest = (weight, page.clone());
                }
                problems.extend(
                    weight_problems(page, &report)
                        .into_iter()
                        .map(|problem| format!("{page}: {problem}")),
                );
            }
            problems.extend(
                [
                    code_fit_problems(&report, desktop),
                    layout_problems(&report),
                ]
                .concat()
                .into_iter()
                .map(|problem| format!("{page} ({look}): {problem}")),
            );
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "browser test: {} pages; the heaviest, {}, loads {} bytes before it can be read",
        pages.len(),
        heaviest.1,
        heaviest.0
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// No table is wider than the text column, on a desktop (1280 px) or on a
/// phone (500 px), and none gets there by cutting words in two. The
/// print view holds every table of the book. The widest table (with every
/// cell on one line) is screenshotted at both widths: `widest-table-*.png`.
#[test]
fn every_table_fits_the_column_on_a_desktop_and_on_a_phone() {
    let Some(chromium) = chromium("every_table_fits") else {
        return;
    };
    let desktop = Visit::new(book().join("print.html"));
    let phone = desktop.clone().window(500, 900);
    let mut problems = Vec::new();
    let mut widest = None;
    for (look, page) in [("desktop", &desktop), ("phone", &phone)] {
        let report = visit(&chromium, page);
        assert!(!report.tables.is_empty(), "the book has no table at all");
        problems.extend(
            table_problems(&report)
                .into_iter()
                .map(|problem| format!("{look}: {problem}")),
        );
        if widest.is_none() {
            widest = report
                .tables
                .iter()
                .enumerate()
                .max_by(|(_, a), (_, b)| a.natural_width.total_cmp(&b.natural_width))
                .map(|(index, _)| index);
        }
        let index = widest.expect("there are tables");
        let shown = page.clone().query(&format!("?show=table-{index}"));
        screenshot(&chromium, &shown, &format!("widest-table-{look}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
