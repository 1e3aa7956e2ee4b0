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

use serde::Deserialize;
use tests::book::built;
use tests::browser::{
    Chromium, Visit, add_check_script, find_chromium, pdf_page_count, report_json,
};
use tests::markdown::{SummaryChapter, summary_chapters};
use tests::{files, relative, target_dir};

/// What `browser-check.js` saw on one page. Its fields are the script's,
/// by name; serde refuses a field the script sends and this struct does not
/// declare, and the compiler warns of a declared field no check reads, so
/// the two cannot drift apart.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Report {
    /// The colour theme the page picked: `light`, `navy`, ...
    theme: String,
    viewport_width: f64,
    /// How wide the page's content is; wider than the window scrolls.
    page_width: f64,
    /// Brightness (0 black to 1 white) of the page and of its text.
    background_brightness: f64,
    text_brightness: f64,
    /// The text of each `<h1>` in the content, in page order.
    headings: Vec<String>,
    /// The `src` of each image that did not load.
    broken_images: Vec<String>,
    sidebar_shown: bool,
    sidebar_links: Vec<SidebarLink>,
    code: Vec<RenderedCode>,
    /// Where the content's first list and first code block end (px from
    /// the top), if it has them.
    first_list_bottom: Option<f64>,
    first_code_bottom: Option<f64>,
    /// The search bar, when the URL asked for a search.
    search: Option<Search>,
    checkpoints: Vec<RenderedCheckpoint>,
    /// The page never settled (sidebar not filled in, or search without
    /// results) before the script gave up.
    timed_out: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SidebarLink {
    href: String,
    title: String,
}

/// One `<pre><code>` block as the browser rendered it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderedCode {
    /// `rust`, `python`, `text`, `console`, or `none`.
    language: String,
    /// highlight.js ran over it (it has the `hljs` class).
    highlighted: bool,
    /// How many coloured tokens highlight.js produced.
    tokens: usize,
    play_button: bool,
    no_playground: bool,
    /// Lines hidden until the reader clicks the eye button.
    hidden_lines: usize,
    /// Of those, how many are nevertheless displayed.
    hidden_lines_shown: usize,
    uses_async_std: bool,
    /// The first line of its text, to name it in messages.
    first_line: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Search {
    shown: bool,
    /// "3 search results for 'executor':" or "No search results ...".
    header: String,
    /// The href of each result.
    results: Vec<String>,
}

/// One "predict the output" checkpoint, and what clicking it did.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderedCheckpoint {
    open_at_load: bool,
    shown_at_load: bool,
    opens_on_click: bool,
    shown_when_open: bool,
    folds_on_click: bool,
    /// Its background's brightness; `None` when transparent.
    background: Option<f64>,
    /// The page's background brightness around it.
    page_background: f64,
    /// Its left border's width in px.
    left_border: f64,
    /// Its summary's text: `Checkpoint: <question>`.
    summary: String,
    /// The first line of its answer.
    answer_first_line: String,
}

/// Where this test keeps its copy of the book, profiles and images.
fn scratch() -> PathBuf {
    target_dir().join("browser")
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
        files::copy_folder(&built.destination, &copy).expect("the scratch book is writable");
        add_check_script(&copy).expect("the scratch book is writable");
        copy
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
    let json = report_json(&dom).unwrap_or_else(|| {
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

/// What is wrong with the sidebar of one page: a chapter of SUMMARY.md that
/// it does not link, under its SUMMARY title.
fn sidebar_problems(report: &Report, chapters: &[SummaryChapter]) -> Vec<String> {
    let mut problems = Vec::new();
    if !report.sidebar_shown {
        problems.push("the sidebar is not shown in a 1280 px wide window".to_string());
    }
    for chapter in chapters {
        let listed = report.sidebar_links.iter().any(|link| {
            let href = link.href.split('#').next().unwrap_or("");
            href.trim_start_matches("../") == chapter.page
                && plain(&link.title).ends_with(&plain(&chapter.title))
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
    for code in &report.code {
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
        if code.play_button && (code.no_playground || code.uses_async_std) {
            problems.push(format!(
                "{name} has a play button, but the playground cannot run it"
            ));
        }
        if code.language == "rust" && !code.no_playground && !code.play_button {
            problems.push(format!("{name} should have a play button"));
        }
    }
    problems
}

/// What is wrong with the page as a whole: scrolls sideways, broken images.
fn layout_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if report.page_width > report.viewport_width {
        problems.push(format!(
            "the page is {} px wide in a {} px window: it scrolls sideways",
            report.page_width, report.viewport_width
        ));
    }
    for image in &report.broken_images {
        problems.push(format!("image {image} did not load"));
    }
    problems
}

/// What is wrong with the page's "predict the output" checkpoints: one
/// that shows its answer before the reader clicks, that a click does not
/// open (or a second click fold), with no question, or not set off from the
/// text as a box (`book/theme/checkpoints.css`).
fn checkpoint_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for checkpoint in &report.checkpoints {
        let question = checkpoint.summary.trim_start_matches("Checkpoint:").trim();
        let name = format!("checkpoint `{}`", checkpoint.summary);
        if checkpoint.open_at_load || checkpoint.shown_at_load {
            problems.push(format!(
                "{name} shows its answer before it is clicked; it should load folded"
            ));
        }
        if !(checkpoint.opens_on_click && checkpoint.shown_when_open) {
            problems.push(format!("{name} does not show its answer when clicked"));
        }
        if !checkpoint.folds_on_click {
            problems.push(format!("{name} does not fold again on a second click"));
        }
        if question.is_empty() {
            problems.push(format!("{name} asks no question"));
        }
        if checkpoint.answer_first_line.is_empty() {
            problems.push(format!("{name} has no output to reveal"));
        }
        let background = checkpoint.background;
        if background.is_none_or(|background| background == checkpoint.page_background)
            || checkpoint.left_border < 3.0
        {
            problems.push(format!(
                "{name} is not a box of its own (background {}, on page {}, left border {} px): \
                 is book/theme/checkpoints.css loaded?",
                background.map_or("transparent".to_string(), |brightness| brightness
                    .to_string()),
                checkpoint.page_background,
                checkpoint.left_border
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
    if report.headings.is_empty() {
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

    let start = report
        .code
        .first()
        .expect("the landing page shows the commands to start");
    assert!(
        start.first_line.starts_with("cargo run -p step01-setup"),
        "the landing page's first code block should be the first command to run, found `{}`",
        start.first_line
    );
    for (what, bottom) in [
        ("the list of what you will learn", report.first_list_bottom),
        ("the commands to start", report.first_code_bottom),
    ] {
        let bottom = bottom.unwrap_or(f64::MAX);
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
    assert!(
        !report.sidebar_shown,
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

    let search = report
        .search
        .expect("the report describes the search the URL asked for");
    assert!(search.shown, "no search bar");
    assert!(
        search.header.contains("search result") && !search.header.starts_with("No "),
        "searching for `executor` found nothing: {}",
        search.header
    );
    let results = search.results;
    assert!(
        results
            .iter()
            .any(|href| href.starts_with("step04-executor.html")),
        "searching for `executor` should find the executor chapter, found {results:?}"
    );
    for href in &results {
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
            report.theme, theme,
            "{name}: the book should pick the `{theme}` theme (book.toml)"
        );
        let background = report.background_brightness;
        let text = report.text_brightness;
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
        assert_eq!(report.theme, theme, "{shot}: theme");
        assert_eq!(
            report.checkpoints.len(),
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
    let titles: Vec<String> = report.headings.iter().map(|title| plain(title)).collect();
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
