//! The book in a real browser: headless Chromium opens the built pages and
//! the checks in this folder read what it rendered (see `tests/src/browser.rs`
//! and `tests/src/browser-check.js`).
//!
//! One file per concern: every page's checks on a desktop and a phone, what
//! it weighs and whether its code and tables fit, in `fit.rs` (pages opened
//! in turn, ten to a Chromium run); single pages with screenshots (each
//! step's first page, the landing page, search, the two themes, the
//! checkpoints) in `pages.rs`; the whole book on one page, as `cargo book
//! --print` builds it, in `print.rs`; the diagrams in `diagrams.rs`.
//! They share what is wrong with a page according to the check script
//! (`problems.rs`), and what is below: the script's report (its fields
//! private to this folder, whose files all read them), the scratch copy of
//! the book and its pages with diagrams, a page's visit and its screenshots. Items of the files are
//! `pub` inside private modules: visible to this folder only.
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

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use tests::browser::{
    Chromium, Visit, add_check_script, chromium_or_skip, copy_of_the_built_book,
    report_json,
};
use tests::serve::Server;
use tests::{files, own_output_dir};

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
    /// Inline code that book.js pads only after the first paint, each as
    /// its text and the two paddings.
    inline_code_shifts: Vec<String>,
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
        let copy = scratch().join("book");
        copy_of_the_built_book(&copy).unwrap_or_else(|error| panic!("{error}"));
        add_check_script(&copy).expect("the scratch book is writable");
        copy
    })
}

/// The pages of the built book that hold a diagram (`<pre
/// class="mermaid">`), by file name, each with how many it holds; one at
/// least, in the order of their names.
fn pages_with_diagrams() -> Vec<(String, usize)> {
    let pages: Vec<(String, usize)> = files::below(book(), "html")
        .into_iter()
        .filter_map(|page| {
            let html = std::fs::read_to_string(&page).ok()?;
            let diagrams = html.matches("<pre class=\"mermaid\"").count();
            let name = page.file_name()?.to_string_lossy().into_owned();
            (diagrams > 0).then_some((name, diagrams))
        })
        .collect();
    // Here, not in one test: with no page found, every check of the
    // diagrams (here and in `print.rs`) would pass on nothing.
    assert!(!pages.is_empty(), "the built book has no diagram at all");
    pages
}

/// The scratch folder served over HTTP, for the run: pages opened from it
/// report every file they load, which `file://` pages do not
/// (`tests/src/serve.rs`).
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        std::fs::create_dir_all(scratch()).expect("target/ is writable");
        Server::start(&scratch()).expect("a loopback port for the book")
    })
}

/// Chromium, opening the book over HTTP; or `None` after saying loudly why
/// the test is skipped.
fn chromium(test: &str) -> Option<Chromium> {
    chromium_or_skip(test, scratch().join("profiles"))
        .map(|chromium| chromium.over_http(server()))
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

/// Opens a page once for both: what the check script reported, and a
/// screenshot `name.png` of its first `visit.height` pixels.
fn visit_and_screenshot(chromium: &Chromium, visit: &Visit, name: &str) -> Report {
    let png = screenshots().join(format!("{name}.png"));
    let dom = chromium
        .dump_dom_and_screenshot(visit, &png)
        .unwrap_or_else(|error| panic!("{error}"));
    report_from(visit, &dom)
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
