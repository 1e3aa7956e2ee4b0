//! The book in a real browser: headless Chromium opens the built pages and
//! the checks below read what it rendered (see `tests/src/browser.rs` and
//! `tests/src/browser-check.js`).
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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use tests::book::built;
use tests::browser::{
    Chromium, Visit, add_check_script, find_chromium, pdf_page_count, report_json,
};
use tests::markdown::{SummaryChapter, summary_chapters};
use tests::{files, own_output_dir, relative};

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
    /// Every file the page loaded, the page itself aside.
    resources: Vec<Resource>,
    /// Words of inline code broken over two lines (`--` / `example`).
    broken_commands: Vec<String>,
    /// Listings wider than their box, which scroll sideways.
    wide_listings: Vec<WideListing>,
    /// With `?themes=all`: each diagram's least-contrast label in each of
    /// mdBook's themes.
    theme_contrast: Vec<ThemeContrast>,
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
    tables: Vec<RenderedTable>,
    diagrams: Vec<RenderedDiagram>,
    /// The page never settled (sidebar not filled in, or search without
    /// results) before the script gave up.
    timed_out: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Resource {
    url: String,
    /// Asked for before the page's load event ended: the reader waited
    /// for it.
    before_load: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WideListing {
    /// `rust`, `python`, `bash`; `text` for a program's output.
    language: String,
    first_line: String,
    width: f64,
    box_width: f64,
    /// It can take the keyboard's focus, and so be scrolled without a mouse.
    reachable: bool,
}

/// A diagram label with the least contrast against what is behind it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Contrast {
    ratio: f64,
    text: String,
    colour: String,
    background: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeContrast {
    theme: String,
    /// Per diagram, in page order; `None` for one without a label.
    diagrams: Vec<Option<Contrast>>,
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
    /// The label `book/theme/output.css` shows above it (`output`), if any.
    label: Option<String>,
    /// In a shell block, the lines that hold a `# comment`.
    shell_comment_lines: usize,
    /// The comments highlight.js coloured as such.
    comment_tokens: usize,
    /// The first line of its text, to name it in messages.
    first_line: String,
}

/// One table as the browser laid it out, widths in px.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderedTable {
    width: f64,
    /// The box that holds it (mdBook's `.table-wrapper`, which scrolls
    /// sideways whatever is wider).
    container_width: f64,
    /// Its width with no cell broken over lines.
    natural_width: f64,
    /// Words of its prose (not its code) broken over two lines.
    broken_words: Vec<String>,
    /// Its header row, `asyncio | Rust`, to name it in messages.
    header: String,
}

/// One diagram (`<pre class="mermaid">`) as Mermaid drew it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RenderedDiagram {
    /// An SVG with a size is there.
    drawn: bool,
    /// Mermaid's name for it: `sequence`, `stateDiagram`, `gantt`; `error`.
    kind: Option<String>,
    /// Mermaid drew its error picture instead.
    error: bool,
    /// The Mermaid theme `book/theme/mermaid-init.js` drew it in:
    /// `default` or `dark`.
    drawn_in: Option<String>,
    width: f64,
    /// The text column's width.
    column_width: f64,
    /// The width of the diagram's own box, which scrolls what is wider.
    box_width: f64,
    /// Not wider than its box, or focusable so the keyboard can scroll it.
    keyboard_reachable: bool,
    /// What a screen reader announces: the SVG's accessible name (its
    /// `accTitle`) and description (`accDescr`).
    name: String,
    description: String,
    /// The height of its smallest label as drawn, in CSS px.
    smallest_text: f64,
    /// Its label with the least contrast, in the page's theme.
    contrast: Option<Contrast>,
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

/// What is wrong with the labels and colours of the page's code blocks:
/// program output (every `text` block) is labelled `output`, a shell
/// comment is coloured as a comment.
fn code_look_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for code in &report.code {
        let name = format!("{} block `{}`", code.language, code.first_line);
        let labelled = code.label.as_deref() == Some("output");
        if code.language == "text" && !labelled {
            problems.push(format!(
                "{name} holds program output but carries no `output` label \
                 (book/theme/output.css), found {:?}",
                code.label
            ));
        }
        if code.language != "text" && labelled {
            problems.push(format!(
                "{name} is labelled `output` but is not a text block"
            ));
        }
        if code.comment_tokens < code.shell_comment_lines {
            problems.push(format!(
                "{name} has {} lines with a `# comment` but only {} are coloured as comments: \
                 write shell commands in a ```bash block (highlight.js's `console` colours \
                 nothing without a `$` prompt)",
                code.shell_comment_lines, code.comment_tokens
            ));
        }
    }
    problems
}

/// What is wrong with the page's tables: one wider than the text column
/// (the reader has to scroll it sideways, and may never see its last
/// column), or one that keeps within it only by breaking the words of its
/// prose over two lines. Code in a cell may wrap (`book/theme/tables.css`);
/// a word cut in two is hard to read.
fn table_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for table in &report.tables {
        let name = format!("the table `{}`", table.header);
        if table.width > table.container_width + 1.0 {
            problems.push(format!(
                "{name} is {} px wide in a {} px column: it scrolls sideways",
                table.width, table.container_width
            ));
        }
        if !table.broken_words.is_empty() {
            problems.push(format!(
                "{name} breaks words over two lines: {:?}",
                table.broken_words
            ));
        }
    }
    problems
}

/// What is wrong with the page's diagrams: not drawn, drawn as Mermaid's
/// error picture, wider than the text column, or drawn in the wrong theme
/// for the page (`dark` on navy, `default` on light).
fn diagram_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let expected_theme = if matches!(report.theme.as_str(), "navy" | "coal" | "ayu") {
        "dark"
    } else {
        "default"
    };
    for (index, diagram) in report.diagrams.iter().enumerate() {
        let name = format!(
            "diagram {index} ({})",
            diagram.kind.as_deref().unwrap_or("not drawn")
        );
        if !diagram.drawn {
            problems.push(format!(
                "{name}: no drawing; did book/theme/mermaid-init.js load book/src/diagrams/mermaid.min.js?"
            ));
        }
        if diagram.error {
            problems.push(format!(
                "{name}: Mermaid could not read the diagram's text (it drew its error picture)"
            ));
        }
        // On a desktop a diagram fits the column; on a phone one too wide
        // to stay legible may scroll inside its box (checked below).
        let wider_than = if report.viewport_width >= 1000.0 {
            diagram.width
        } else {
            diagram.box_width
        };
        if wider_than > diagram.column_width + 1.0 {
            problems.push(format!(
                "{name} is {wider_than} px wide in a {} px text column",
                diagram.column_width
            ));
        }
        if diagram.name.trim().is_empty() || diagram.description.trim().is_empty() {
            problems.push(format!(
                "{name} has no text alternative (name {:?}, description {:?}): give it \
                 `accTitle:` and `accDescr:` lines, which a screen reader reads",
                diagram.name, diagram.description
            ));
        }
        if diagram.drawn && diagram.smallest_text < SMALLEST_TEXT {
            problems.push(format!(
                "{name}: its smallest label is drawn {} px tall, under {SMALLEST_TEXT} px",
                diagram.smallest_text
            ));
        }
        if !diagram.keyboard_reachable {
            problems.push(format!(
                "{name} scrolls sideways in its {} px box but the keyboard cannot reach it",
                diagram.box_width
            ));
        }
        problems.extend(contrast_problem(
            &name,
            &report.theme,
            diagram.contrast.as_ref(),
        ));
        if diagram.drawn_in.as_deref() != Some(expected_theme) {
            problems.push(format!(
                "{name} is drawn in Mermaid's {:?} theme on mdBook's {} theme, expected {expected_theme}",
                diagram.drawn_in, report.theme
            ));
        }
    }
    problems
}

/// The least contrast a diagram label may have against what is behind it
/// (WCAG AA for normal text).
const LEAST_CONTRAST: f64 = 4.5;

/// The smallest a diagram label may be drawn, in CSS px (a little under
/// the 11 px `book/theme/mermaid-init.js` keeps, for rounding).
const SMALLEST_TEXT: f64 = 10.5;

fn contrast_problem(
    name: &str,
    theme: &str,
    contrast: Option<&Contrast>,
) -> Option<String> {
    let contrast = contrast?;
    (contrast.ratio < LEAST_CONTRAST).then(|| {
        format!(
            "{name}, {theme} theme: the label `{}` ({} on {}) has contrast {}:1, under {LEAST_CONTRAST}:1 \
             (set Mermaid's colours in book/theme/mermaid-init.js)",
            contrast.text, contrast.colour, contrast.background, contrast.ratio
        )
    })
}

/// The diagrams' contrast in every theme, when the URL asked for it.
fn theme_contrast_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for theme in &report.theme_contrast {
        for (index, contrast) in theme.diagrams.iter().enumerate() {
            let name = format!("diagram {index}");
            problems.extend(contrast_problem(&name, &theme.theme, contrast.as_ref()));
        }
    }
    problems
}

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

/// What is wrong with the page's code: an inline command broken inside a
/// word (`--` / `example`); on a desktop, a listing (not output) wider than
/// its box (lines over 88 columns); anywhere, a scrolling block the
/// keyboard cannot reach.
fn code_fit_problems(report: &Report, desktop: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for word in &report.broken_commands {
        problems.push(format!(
            "the inline code word `{word}` is broken over two lines (book/theme/code.js)"
        ));
    }
    for listing in &report.wide_listings {
        let name = format!("the listing `{}`", listing.first_line.trim());
        // Output is shown as the program printed it (a compiler's message
        // lines up its `^^^` under the code): it may scroll, reachably.
        if desktop && listing.language != "text" {
            problems.push(format!(
                "{name} is {} px wide in a {} px box: it scrolls sideways (keep its lines \
                 to 88 columns)",
                listing.width, listing.box_width
            ));
        }
        if !listing.reachable {
            problems.push(format!(
                "{name} scrolls sideways but the keyboard cannot reach it (tabindex, \
                 book/theme/code.js)"
            ));
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
fn page_problems(
    name: &str,
    report: &Report,
    chapters: &[SummaryChapter],
) -> Vec<String> {
    let mut problems = Vec::new();
    if report.headings.is_empty() {
        problems.push("no title (h1)".to_string());
    }
    problems.extend(sidebar_problems(report, chapters));
    problems.extend(code_problems(report));
    problems.extend(code_look_problems(report));
    problems.extend(checkpoint_problems(report));
    problems.extend(table_problems(report));
    problems.extend(diagram_problems(report));
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
        // One run gives the check's report and a screenshot to look at.
        let page = Visit::new(book().join(name)).window(1280, 2400);
        let png = screenshots().join(format!("{}.png", name.trim_end_matches(".html")));
        let dom = chromium
            .dump_dom_and_screenshot(&page, &png)
            .unwrap_or_else(|error| panic!("{error}"));
        let report = report_from(&page, &dom);
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
        let png = screenshots().join(format!("{shot}.png"));
        let dom = chromium
            .dump_dom_and_screenshot(&page, &png)
            .unwrap_or_else(|error| panic!("{error}"));
        let report = report_from(&page, &dom);
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
    // The print view holds every chapter, so this checks the code of all of
    // them: highlighted, hidden lines collapsed, play buttons only where the
    // playground can run the listing.
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

/// A phone held upright: 390 px wide.
const PHONE: u32 = 390;

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

/// The pages of the built book that hold a diagram, by file name.
fn pages_with_diagrams() -> Vec<String> {
    let mut pages: Vec<String> = files::below(book(), "html")
        .into_iter()
        .filter(|page| {
            std::fs::read_to_string(page)
                .is_ok_and(|html| html.contains("<pre class=\"mermaid\""))
        })
        .filter_map(|page| Some(page.file_name()?.to_string_lossy().into_owned()))
        .filter(|name| name != "print.html")
        .collect();
    pages.sort();
    pages
}

/// Every diagram, on every page that has one, is drawn and fits the text
/// column in the light theme, in the navy theme and on a 390 px phone, and
/// in the print view, which holds them all; each has a text alternative
/// (accTitle, accDescr), labels at 4.5:1 contrast or more in each of
/// mdBook's five themes and in print, and at least 10.5 px tall on the
/// phone (a wide one scrolls in its box, reachable by keyboard). Each is
/// screenshotted in the three looks, for a person to look at:
/// `diagram-<page>-<n>-{light,navy,phone}.png`.
#[test]
fn every_diagram_is_drawn_and_fits_the_column_in_light_navy_phone_and_print() {
    let Some(chromium) = chromium("every_diagram_is_drawn") else {
        return;
    };
    let pages = pages_with_diagrams();
    assert!(!pages.is_empty(), "the book has no diagram at all");
    let mut problems = Vec::new();
    let mut kinds = Vec::new();
    let mut total = 0;
    for name in &pages {
        let page = Visit::new(book().join(name));
        let looks = [
            ("light", page.clone()),
            ("navy", page.clone().dark()),
            ("phone", page.clone().phone(PHONE)),
        ];
        for (look, visit_as) in &looks {
            // One run checks the page and takes the first diagram's
            // screenshot: the check script reports on the whole page before
            // `?show=` hides all but the diagram. The light run also
            // measures the diagrams' contrast in every theme.
            let stem = name.trim_end_matches(".html");
            let query = if *look == "light" {
                "?show=diagram-0&themes=all"
            } else {
                "?show=diagram-0"
            };
            let first = visit_as.clone().query(query);
            let png = screenshots().join(format!("diagram-{stem}-0-{look}.png"));
            let dom = chromium
                .dump_dom_and_screenshot(&first, &png)
                .unwrap_or_else(|error| panic!("{error}"));
            let report = report_from(&first, &dom);
            if *look == "light" {
                total += report.diagrams.len();
                kinds.extend(report.diagrams.iter().filter_map(|d| d.kind.clone()));
            }
            problems.extend(
                [
                    diagram_problems(&report),
                    theme_contrast_problems(&report),
                    layout_problems(&report),
                ]
                .concat()
                .into_iter()
                .map(|problem| format!("{name} ({look}): {problem}")),
            );
            for index in 1..report.diagrams.len() {
                let shown = visit_as.clone().query(&format!("?show=diagram-{index}"));
                screenshot(
                    &chromium,
                    &shown,
                    &format!("diagram-{stem}-{index}-{look}"),
                );
            }
        }
    }
    let print = visit(&chromium, &Visit::new(book().join("print.html")));
    problems.extend(
        diagram_problems(&print)
            .into_iter()
            .map(|problem| format!("print.html: {problem}")),
    );
    assert_eq!(
        print.diagrams.len(),
        total,
        "the print view should hold every diagram of the chapters"
    );
    for kind in ["sequence", "stateDiagram", "gantt"] {
        assert!(
            kinds.iter().any(|found| found == kind),
            "no `{kind}` diagram in the book (found {kinds:?})"
        );
    }
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
