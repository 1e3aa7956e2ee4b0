//! The book in a real browser: headless Chromium opens the built pages and
//! the checks below read what it rendered (see `tests/src/browser.rs` and
//! `tests/src/browser-check.js`).
//!
//! Screenshots and the printed PDF land in `target/browser/screenshots/`
//! (under `CARGO_TARGET_DIR` when set); look at them after a layout change.
//! Without Chromium (`chromium`, `chromium-browser`, `google-chrome` on PATH,
//! or `$CHROMIUM`) every test here prints why it skipped and passes; set
//! `REQUIRE_BROWSER=1` to make a missing browser a failure instead, as CI does.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tests::book::build;
use tests::browser::{
    Chromium, Report, SummaryChapter, Visit, add_check_script, find_chromium, pdf_page_count,
    summary_chapters,
};
use tests::{relative, target_dir};

/// Where this test binary keeps its copy of the book, profiles and images.
fn scratch() -> PathBuf {
    target_dir().join("browser")
}

fn screenshots() -> PathBuf {
    let folder = scratch().join("screenshots");
    std::fs::create_dir_all(&folder).expect("target/ is writable");
    folder
}

/// The book, built once per test run, with the check script in every page.
fn book() -> &'static Path {
    static BOOK: OnceLock<PathBuf> = OnceLock::new();
    BOOK.get_or_init(|| {
        let destination = scratch().join("book");
        let _ = std::fs::remove_dir_all(&destination);
        let built = build(&destination).unwrap_or_else(|error| panic!("the book: {error}"));
        add_check_script(&built.destination).expect("the scratch book is writable");
        built.destination
    })
}

/// Chromium, or `None` after saying loudly why the test is skipped.
fn chromium(test: &str) -> Option<Chromium> {
    let Some(binary) = find_chromium() else {
        assert!(
            std::env::var_os("REQUIRE_BROWSER").is_none(),
            "REQUIRE_BROWSER is set but no Chromium was found (install `chromium` or set CHROMIUM)"
        );
        // Straight to stderr, past the test harness's capture, so the skip
        // shows in a normal `cargo test` run.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: no Chromium found (install the `chromium` package, or set CHROMIUM=/path/to/chrome)"
        );
        return None;
    };
    Some(Chromium::new(binary, scratch().join("profiles")))
}

/// Opens a page and returns what the check script reported.
fn visit(chromium: &Chromium, visit: &Visit) -> Report {
    let dom = chromium
        .dump_dom(visit)
        .unwrap_or_else(|error| panic!("{error}"));
    let report = Report::from_dom(&dom).unwrap_or_else(|| {
        panic!(
            "{}: the check script left no report; did the page's scripts fail?",
            visit.name()
        )
    });
    assert_eq!(
        report.one("timed-out"),
        Some("false"),
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

/// What is wrong with the sidebar of one page: a chapter of SUMMARY.md that
/// it does not link, under its SUMMARY title.
fn sidebar_problems(report: &Report, chapters: &[SummaryChapter]) -> Vec<String> {
    let links: Vec<(String, String)> = report
        .all("sidebar-link")
        .iter()
        .map(|values| {
            let href = values[0].split('#').next().unwrap_or("");
            let title = values.get(1).cloned().unwrap_or_default();
            (href.trim_start_matches("../").to_string(), title)
        })
        .collect();
    let mut problems = Vec::new();
    if report.one("sidebar-shown") != Some("true") {
        problems.push("the sidebar is not shown in a 1280 px wide window".to_string());
    }
    for chapter in chapters {
        let listed = links.iter().any(|(href, title)| {
            *href == chapter.page && plain(title).ends_with(&plain(&chapter.title))
        });
        if !listed {
            problems.push(format!(
                "the sidebar has no link `{}` to {}",
                chapter.title, chapter.page
            ));
        }
    }
    problems
}

/// A title as plain text, so that SUMMARY.md's `` `code` `` and straight
/// quotes match what the sidebar shows after mdBook's smart punctuation.
fn plain(title: &str) -> String {
    title
        .replace(['`', '*'], "")
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace(['–', '—'], "-")
        .replace('…', "...")
        .replace("---", "-")
        .replace("--", "-")
}

/// What is wrong with the code blocks of one page.
fn code_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for code in report.code_blocks() {
        let name = format!("{} block `{}`", code.language, code.first_line);
        let needs_colour = matches!(code.language.as_str(), "rust" | "python");
        if needs_colour && !(code.highlighted && code.tokens > 0) {
            problems.push(format!("{name} is not syntax-highlighted"));
        }
        if code.hidden_lines_shown > 0 {
            problems.push(format!(
                "{name} shows {} of its {} hidden lines",
                code.hidden_lines_shown, code.hidden_lines
            ));
        }
        if code.play_button && (code.noplayground || code.uses_async_std) {
            problems.push(format!(
                "{name} has a play button, but the playground cannot run it"
            ));
        }
        if code.language == "rust" && !code.noplayground && !code.play_button {
            problems.push(format!("{name} should have a play button"));
        }
    }
    problems
}

/// What is wrong with the page as a whole: scrolls sideways, broken images.
fn layout_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let width = report.number("page-width").unwrap_or(0.0);
    let viewport = report.all("viewport")[0][0].parse().unwrap_or(0.0);
    if width > viewport {
        problems.push(format!(
            "the page is {width} px wide in a {viewport} px window: it scrolls sideways"
        ));
    }
    for image in report.all("broken-image") {
        problems.push(format!("image {} did not load", image[0]));
    }
    problems
}

/// What is wrong with the page's "predict the output" checkpoints: one
/// that shows its answer before the reader clicks, that a click does not
/// open (or a second click fold), with no question, or not set off from the
/// text as a box (`book/theme/checkpoints.css`).
fn checkpoint_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for values in report.all("checkpoint") {
        let flag = |index: usize| values.get(index).is_some_and(|value| value == "true");
        let text = |index: usize| values.get(index).map_or("", String::as_str);
        let question = text(8).trim_start_matches("Checkpoint:").trim();
        let name = format!("checkpoint `{}`", text(8));
        if flag(0) || flag(1) {
            problems.push(format!(
                "{name} shows its answer before it is clicked; it should load folded"
            ));
        }
        if !(flag(2) && flag(3)) {
            problems.push(format!("{name} does not show its answer when clicked"));
        }
        if !flag(4) {
            problems.push(format!("{name} does not fold again on a second click"));
        }
        if question.is_empty() {
            problems.push(format!("{name} asks no question"));
        }
        if text(9).is_empty() {
            problems.push(format!("{name} has no output to reveal"));
        }
        let border: f64 = text(7).parse().unwrap_or(0.0);
        if text(5) == "transparent" || text(5) == text(6) || border < 3.0 {
            problems.push(format!(
                "{name} is not a box of its own (background {} on page {}, left border {border} px): \
                 is book/theme/checkpoints.css loaded?",
                text(5),
                text(6)
            ));
        }
    }
    problems
}

/// Every page is one full check: the sidebar lists every chapter, code is
/// highlighted with hidden lines collapsed, checkpoints are folded, nothing
/// scrolls sideways.
fn page_problems(name: &str, report: &Report, chapters: &[SummaryChapter]) -> Vec<String> {
    let mut problems = Vec::new();
    if report.all("h1").is_empty() {
        problems.push("no title (h1)".to_string());
    }
    problems.extend(sidebar_problems(report, chapters));
    problems.extend(code_problems(report));
    problems.extend(checkpoint_problems(report));
    problems.extend(layout_problems(report));
    problems
        .iter()
        .map(|problem| format!("{name}: {problem}"))
        .collect()
}

/// Each step's chapter, opened on its own. The landing page has its own
/// test, and every chapter's code is checked at once through the print
/// view, which holds the whole book.
#[test]
fn each_step_renders_with_sidebar_highlighting_and_hidden_lines() {
    let Some(chromium) = chromium("each_step_renders") else {
        return;
    };
    let chapters = summary_chapters();
    let pages: Vec<String> = chapters
        .iter()
        .filter(|chapter| chapter.page.starts_with("step"))
        .map(|chapter| chapter.page.clone())
        .collect();
    assert!(!pages.is_empty(), "SUMMARY.md lists no step chapter");
    let mut problems = Vec::new();
    for name in &pages {
        let page = Visit::new(book().join(name));
        let report = visit(&chromium, &page);
        problems.extend(page_problems(name, &report, &chapters));
        let tall = page.clone().window(1280, 2400);
        screenshot(&chromium, &tall, name.trim_end_matches(".html"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_landing_page_says_what_you_learn_and_how_to_start_in_one_screen() {
    let Some(chromium) = chromium("the_landing_page") else {
        return;
    };
    // A laptop screen: 1280 × 800.
    let page = Visit::new(book().join("index.html")).window(1280, 800);
    let report = visit(&chromium, &page);
    screenshot(&chromium, &page, "index");
    let problems = page_problems("index.html", &report, &summary_chapters());
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let first_code = report.code_blocks();
    let start = first_code
        .first()
        .expect("the landing page shows the commands to start");
    assert!(
        start.first_line.starts_with("cargo run -p step01-setup"),
        "the landing page's first code block should be the first command to run, found `{}`",
        start.first_line
    );
    for (what, key) in [
        ("the list of what you will learn", "first-list-bottom"),
        ("the commands to start", "first-code-bottom"),
    ] {
        let bottom = report.number(key).unwrap_or(f64::MAX);
        assert!(
            bottom <= 800.0,
            "{what} ends at {bottom} px, below the first 800 px screen of the landing page"
        );
    }

    // A narrow window (500 px, the least headless Chromium opens): the
    // sidebar folds away and the page does not scroll sideways.
    let narrow = Visit::new(book().join("index.html")).window(500, 900);
    let report = visit(&chromium, &narrow);
    screenshot(&chromium, &narrow, "index-narrow");
    assert_eq!(
        report.one("sidebar-shown"),
        Some("false"),
        "the sidebar should fold away in a narrow window"
    );
    let problems = layout_problems(&report);
    assert!(
        problems.is_empty(),
        "narrow window: {}",
        problems.join("\n")
    );
}

#[test]
fn search_finds_a_term_and_links_to_the_chapter() {
    let Some(chromium) = chromium("search_finds_a_term") else {
        return;
    };
    // mdBook opens its search bar and runs the search given in `?search=`.
    let page = Visit::new(book().join("index.html")).query("?search=executor");
    let report = visit(&chromium, &page);
    screenshot(&chromium, &page, "search");

    assert_eq!(report.one("search-shown"), Some("true"), "no search bar");
    let header = report.one("search-header").unwrap_or("");
    assert!(
        header.contains("search result") && !header.starts_with("No "),
        "searching for `executor` found nothing: {header}"
    );
    let results: Vec<&str> = report
        .all("search-result")
        .iter()
        .map(|values| values[0].as_str())
        .collect();
    assert!(
        results
            .iter()
            .any(|href| href.starts_with("step04-executor.html")),
        "searching for `executor` should find the executor chapter, found {results:?}"
    );
    for href in results {
        let file = href.split(['#', '?']).next().unwrap_or("");
        assert!(
            book().join(file).is_file(),
            "search result {href} leads to a missing page"
        );
    }
}

#[test]
fn light_and_dark_themes_both_read_well() {
    let Some(chromium) = chromium("light_and_dark_themes") else {
        return;
    };
    let chapter = book().join("step02-basic-async.html");
    for (page, theme, name) in [
        (Visit::new(&chapter), "light", "theme-light"),
        (Visit::new(&chapter).dark(), "navy", "theme-dark-navy"),
    ] {
        let report = visit(&chromium, &page);
        screenshot(&chromium, &page, name);
        assert_eq!(
            report.one("theme"),
            Some(theme),
            "{name}: the book should pick the `{theme}` theme (book.toml)"
        );
        let background = report.number("background-brightness").unwrap_or(-1.0);
        let text = report.number("text-brightness").unwrap_or(-1.0);
        // Readable: text and background far apart in brightness, and the
        // dark theme really dark.
        assert!(
            (background - text).abs() >= 0.5,
            "{name}: text brightness {text} on background {background} is hard to read"
        );
        assert_eq!(
            background < 0.5,
            theme == "navy",
            "{name}: background brightness {background}"
        );
        let problems = code_problems(&report);
        assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
    }
}

#[test]
fn checkpoints_stay_folded_until_clicked_in_light_and_dark() {
    let Some(chromium) = chromium("checkpoints_stay_folded") else {
        return;
    };
    let name = "step02-basic-async.html";
    let html = std::fs::read_to_string(book().join(name)).expect("the chapter was built");
    let written = html.matches("<details class=\"checkpoint\"").count();
    assert!(written > 0, "{name} has no checkpoint to check");
    // Tall enough that the screenshots show the first checkpoints.
    let light = Visit::new(book().join(name)).window(1280, 2400);
    for (page, theme, shot) in [
        (light.clone(), "light", "checkpoints-folded"),
        (light.clone().dark(), "navy", "checkpoints-folded-navy"),
    ] {
        let report = visit(&chromium, &page);
        screenshot(&chromium, &page, shot);
        assert_eq!(report.one("theme"), Some(theme), "{shot}: theme");
        assert_eq!(
            report.all("checkpoint").len(),
            written,
            "{shot}: the browser found another number of checkpoints than the page holds"
        );
        let problems = checkpoint_problems(&report);
        assert!(problems.is_empty(), "{shot}: {}", problems.join("\n"));
    }
    // The same page with every answer opened, for a person to look at.
    for (page, shot) in [
        (light.clone().query("?checkpoints=open"), "checkpoints-open"),
        (
            light.clone().query("?checkpoints=open").dark(),
            "checkpoints-open-navy",
        ),
    ] {
        screenshot(&chromium, &page, shot);
    }
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
fn the_print_view_holds_every_chapter_and_prints() {
    let Some(chromium) = chromium("the_print_view") else {
        return;
    };
    let chapters = summary_chapters();
    let page = Visit::new(book().join("print.html"));
    let report = visit(&chromium, &page);
    screenshot(&chromium, &page, "print");
    let titles: Vec<String> = report
        .all("h1")
        .iter()
        .map(|values| plain(&values[0]))
        .collect();
    let missing: Vec<String> = chapters
        .iter()
        .map(|chapter| chapter_title(&chapter.page))
        .filter(|title| !titles.contains(&plain(title)))
        .collect();
    assert!(
        missing.is_empty(),
        "print.html lacks these chapters (their pages' titles are not among its h1 headings): {missing:?}"
    );
    // The print view holds every chapter, so this checks the code of all of
    // them: highlighted, hidden lines collapsed, play buttons only where the
    // playground can run the listing.
    let problems = [
        code_problems(&report),
        checkpoint_problems(&report),
        layout_problems(&report),
    ]
    .concat();
    assert!(problems.is_empty(), "print.html: {}", problems.join("\n"));
    let hidden_lines: usize = report
        .code_blocks()
        .iter()
        .map(|code| code.hidden_lines)
        .sum();
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
