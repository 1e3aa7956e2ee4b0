//! Single pages in the browser: each step's chapter, the landing page's
//! first screen, the search bar, the light and dark themes, and the
//! "predict the output" checkpoints folded until clicked.

use tests::browser::Visit;
use tests::markdown::{SummaryChapter, summary_chapters};

use super::problems::{
    checkpoint_problems, code_problems, layout_problems, page_problems,
};
use super::{book, chromium, screenshot, visit_and_screenshot};

/// The first page of each step (`step01-setup.html`, ...): SUMMARY.md's
/// first chapter whose page is named after the step.
fn first_page_of_each_step(chapters: &[SummaryChapter]) -> Vec<String> {
    let mut pages: Vec<String> = Vec::new();
    for chapter in chapters {
        let step = chapter.page.get(..6).unwrap_or("");
        let is_step = step.starts_with("step") && step[4..].parse::<u8>().is_ok();
        if is_step && !pages.iter().any(|page| page.starts_with(step)) {
            pages.push(chapter.page.clone());
        }
    }
    pages
}

/// The first page of each step, opened on its own in a tall window, with a
/// screenshot a person can look at (`step01-setup.png`, ...). Every page
/// gets the same checks in `fit.rs`; this test keeps the pictures.
#[test]
fn each_step_renders_with_sidebar_highlighting_and_hidden_lines() {
    let Some(chromium) = chromium("each_step_renders") else {
        return;
    };
    let chapters = summary_chapters();
    let pages = first_page_of_each_step(&chapters);
    assert_eq!(
        pages.len(),
        4,
        "SUMMARY.md should have four steps, each first page named stepNN-...: {pages:?}"
    );
    let mut problems = Vec::new();
    for name in &pages {
        let page = Visit::new(book().join(name)).window(1280, 2400);
        let report =
            visit_and_screenshot(&chromium, &page, name.trim_end_matches(".html"));
        problems.extend(page_problems(name, &report, &chapters));
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
    let report = visit_and_screenshot(&chromium, &page, "index");
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
    let report = visit_and_screenshot(&chromium, &narrow, "index-narrow");
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
    let report = visit_and_screenshot(&chromium, &page, "search");

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
        let report = visit_and_screenshot(&chromium, &page, name);
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
    let html =
        std::fs::read_to_string(book().join(name)).expect("the chapter was built");
    let written = html.matches("<details class=\"checkpoint\"").count();
    assert!(written > 0, "{name} has no checkpoint to check");
    // Tall enough that the screenshots show the first checkpoints.
    let light = Visit::new(book().join(name)).window(1280, 2400);
    for (page, theme, shot) in [
        (light.clone(), "light", "checkpoints-folded"),
        (light.clone().dark(), "navy", "checkpoints-folded-navy"),
    ] {
        let report = visit_and_screenshot(&chromium, &page, shot);
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
