//! Opening the built book in a real browser: headless Chromium.
//!
//! No browser-automation crate is needed. The test copies the run's build
//! of the book into a scratch folder and adds `browser-check.js` to every
//! page of that copy (the published book never gets it). Chromium's command
//! line does the rest: `--dump-dom` prints the page after its scripts ran,
//! including the report the check script left in it ([`report_json`]);
//! `--screenshot` and `--print-to-pdf` write files a person can look at.
//!
//! The pages are served over HTTP from a loopback port ([`crate::serve`]),
//! as a reader's browser loads them. Starting Chromium costs about as much
//! as checking a page, so one run can open several: one after the other in
//! a frame ([`Chromium::dump_reports`]), or all at once, stacked, for one
//! screenshot of them all ([`Chromium::dump_reports_and_screenshot_stacked`]);
//! the check script posts its report to the page around the frame.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use exercises_tool::test_run::wait_at_most;

use crate::files;
use crate::serve::Server;

/// The script that measures a page from inside the browser.
const CHECK_SCRIPT: &str = include_str!("browser-check.js");

/// Its file name in the scratch copy of the book.
const CHECK_SCRIPT_NAME: &str = "browser-check.js";

/// The script of the page around the pages of a run that opens them in
/// frames ([`frames_page`]).
const FRAMES_SCRIPT: &str = include_str!("browser-frames.js");

/// How long one Chromium run may take before it counts as hung.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// How many pages one Chromium run opens in turn ([`Chromium::dump_reports`]).
pub const PAGES_PER_RUN: usize = 10;

/// How much page time each page opened in turn may take before the next one
/// is opened: the check script gives up and reports after 18 s of it.
const PAGE_TIME: Duration = Duration::from_secs(25);

/// How much longer than [`RUN_LIMIT`] a run may take for each further page
/// it opens in turn.
const PAGE_LIMIT: Duration = Duration::from_secs(20);

/// Programs that are Chromium under the names distributions give it.
const CHROMIUM_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The Chromium program to use: `$CHROMIUM` if set, else the first of the
/// usual names found on `PATH`. `None` when there is none.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    CHROMIUM_NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|folder| folder.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Chromium, keeping its profiles below `profiles`; or `None` after saying
/// loudly why `test` is skipped. With `REQUIRE_BROWSER` set, a missing
/// Chromium fails the test instead (CI sets it once it has installed one).
pub fn chromium_or_skip(test: &str, profiles: PathBuf) -> Option<Chromium> {
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
    Some(Chromium::new(binary, profiles))
}

/// A fresh copy of the run's one build of the book in `copy`, for a check
/// to add its script to: the build itself stays as the other checks read it.
pub fn copy_of_the_built_book(copy: &Path) -> Result<(), String> {
    let built = crate::book::built()?;
    let _ = std::fs::remove_dir_all(copy);
    files::copy_folder(&built.destination, copy)
        .map_err(|error| format!("copying the book to {}: {error}", copy.display()))
}

/// Writes `script` as `name` beside `index.html` in the copy of the book
/// in `book`, and adds `<script src=".../name">` to each of its `pages`.
pub fn add_script(
    book: &Path,
    name: &str,
    script: &str,
    pages: &[PathBuf],
) -> std::io::Result<()> {
    std::fs::write(book.join(name), script)?;
    for page in pages {
        let depth = page
            .strip_prefix(book)
            .map(|relative| relative.components().count() - 1)
            .unwrap_or(0);
        let tag = format!(
            "<script src=\"{}{name}\"></script>\n</body>",
            "../".repeat(depth)
        );
        let html = std::fs::read_to_string(page)?;
        std::fs::write(page, html.replacen("</body>", &tag, 1))?;
    }
    Ok(())
}

/// Adds `browser-check.js` to every page of a copy of the book.
pub fn add_check_script(book: &Path) -> std::io::Result<()> {
    let pages = files::below(book, "html");
    add_script(book, CHECK_SCRIPT_NAME, CHECK_SCRIPT, &pages)
}

/// The colour scheme the browser asks pages for, as an operating system
/// setting would. The book answers a dark request with its
/// `preferred-dark-theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourScheme {
    Light,
    Dark,
}

/// One way of opening a page: which page, with what URL query, in how big a
/// window, in which colour scheme.
#[derive(Debug, Clone)]
pub struct Visit {
    pub page: PathBuf,
    /// `?search=executor`, or empty.
    pub query: String,
    pub width: u32,
    pub height: u32,
    pub scheme: ColourScheme,
    /// Opened inside a frame this many px wide, for widths below the 500 px
    /// window headless Chromium opens at least: a 390 px phone.
    pub frame_width: Option<u32>,
}

impl Visit {
    /// `page` in a 1280 × 900 window, light colours, no query.
    pub fn new(page: impl Into<PathBuf>) -> Visit {
        Visit {
            page: page.into(),
            query: String::new(),
            width: 1280,
            height: 900,
            scheme: ColourScheme::Light,
            frame_width: None,
        }
    }

    /// A phone `width` px wide (390: a common phone held upright), shown
    /// in a frame of that width inside a 500 px window: the page inside
    /// lays itself out for `width`, media queries included.
    pub fn phone(mut self, width: u32) -> Visit {
        self.width = 500;
        self.height = 900;
        self.frame_width = Some(width);
        self
    }

    pub fn query(mut self, query: &str) -> Visit {
        self.query = query.to_string();
        self
    }

    pub fn window(mut self, width: u32, height: u32) -> Visit {
        self.width = width;
        self.height = height;
        self
    }

    pub fn dark(mut self) -> Visit {
        self.scheme = ColourScheme::Dark;
        self
    }

    /// `step02-basic-async.html?search=x` for messages.
    pub fn name(&self) -> String {
        let file = self.page.file_name().unwrap_or_default().to_string_lossy();
        format!("{file}{}", self.query)
    }
}

/// A headless Chromium, run once per page, or once for several pages opened
/// in turn ([`Chromium::dump_reports`]). Each run gets a fresh profile
/// folder, so no theme or search choice leaks from one run into the next.
#[derive(Debug)]
pub struct Chromium {
    binary: PathBuf,
    scratch: PathBuf,
    /// Serves the pages, when they are below its folder; else `file://`.
    server: Option<&'static Server>,
}

/// Numbers the runs of this process, so that runs from tests on parallel
/// threads never share a profile folder.
static RUNS: AtomicUsize = AtomicUsize::new(0);

impl Chromium {
    /// Chromium started from `binary`, keeping its profiles below `scratch`.
    pub fn new(binary: PathBuf, scratch: PathBuf) -> Chromium {
        Chromium {
            binary,
            scratch,
            server: None,
        }
    }

    /// The same Chromium, opening every page below `server`'s folder over
    /// HTTP from it (the frames it writes into its profiles as well, when
    /// they are below that folder): see [`crate::serve`] for why.
    pub fn over_http(mut self, server: &'static Server) -> Chromium {
        self.server = Some(server);
        self
    }

    /// The URL Chromium opens for `page` with `query`: over HTTP when the
    /// server serves it, else `file://`.
    pub fn url_of(&self, page: &Path, query: &str) -> String {
        match self.server.and_then(|server| server.url_of(page)) {
            Some(url) => format!("{url}{query}"),
            None => format!(
                "file://{}{query}",
                page.display().to_string().replace(' ', "%20")
            ),
        }
    }

    /// The URL of what `visit` opens.
    fn url(&self, visit: &Visit) -> String {
        self.url_of(&visit.page, &visit.query)
    }

    /// `visit` as a frame of a [`frames_page`]: as wide as its phone, or
    /// its whole window.
    fn frame_for(&self, visit: &Visit) -> Frame {
        Frame {
            url: self.url(visit),
            width: visit.frame_width.unwrap_or(visit.width),
            height: visit.height,
        }
    }

    /// The page's DOM after its scripts ran (and the check script reported).
    pub fn dump_dom(&self, visit: &Visit) -> Result<String, String> {
        // Virtual time: timers and loading run as fast as the machine allows,
        // and Chromium prints the DOM once 20 s of page time have passed (a page that settles sooner costs no more: idle page time runs fast).
        self.run_until_settled(visit, &["--dump-dom", "--virtual-time-budget=20000"])
    }

    /// The check script's report on each of `visits`, in their order, each
    /// as a DOM that [`report_json`] reads. Pages are opened one after the
    /// other, [`PAGES_PER_RUN`] to a Chromium run: starting Chromium costs
    /// about as much as checking a page. A page that sent no report in its
    /// turn, or one that never settled, is opened again on its own, as
    /// [`Chromium::dump_dom`] does, so its verdict is that of a page run alone.
    pub fn dump_reports(&self, visits: &[Visit]) -> Vec<Result<String, String>> {
        let mut doms = Vec::with_capacity(visits.len());
        for batch in batches(visits) {
            let reports = self
                .run_framed(batch, Layout::InTurn, &[])
                .unwrap_or_else(|_| vec![None; batch.len()]);
            for (visit, report) in batch.iter().zip(reports) {
                doms.push(self.settled_or_alone(visit, report));
            }
        }
        doms
    }

    /// Opens `visits` (all in one colour scheme) at once, each in its own
    /// frame, stacked in one window, and takes one screenshot `png` of them
    /// all: one picture to look at instead of a run per page. The report of
    /// each as [`Chromium::dump_reports`] gives it, a page without one
    /// opened again alone.
    pub fn dump_reports_and_screenshot_stacked(
        &self,
        visits: &[Visit],
        png: &Path,
    ) -> Vec<Result<String, String>> {
        assert!(
            visits.iter().all(|visit| visit.scheme == visits[0].scheme),
            "pages shown at once share one colour scheme"
        );
        let target = format!("--screenshot={}", png.display());
        let reports = self
            .run_framed(visits, Layout::Stacked, &[&target, "--hide-scrollbars"])
            .unwrap_or_else(|_| vec![None; visits.len()]);
        visits
            .iter()
            .zip(reports)
            .map(|(visit, report)| self.settled_or_alone(visit, report))
            .collect()
    }

    /// A report of `visit` from a run of several pages if it came and the
    /// page settled; else the page opened again on its own, so that its
    /// verdict is that of a page run alone.
    fn settled_or_alone(
        &self,
        visit: &Visit,
        report: Option<String>,
    ) -> Result<String, String> {
        match report {
            Some(dom) if !timed_out(&dom) => Ok(dom),
            _ => self.dump_dom(visit),
        }
    }

    /// A PNG of the first `visit.height` pixels of the page.
    pub fn screenshot(&self, visit: &Visit, png: &Path) -> Result<(), String> {
        // The DOM comes along for free; one set of screenshot flags is kept.
        self.dump_dom_and_screenshot(visit, png).map(drop)
    }

    /// Both of the above from one run, which costs half as much: the DOM,
    /// and a PNG of the first `visit.height` pixels.
    pub fn dump_dom_and_screenshot(
        &self,
        visit: &Visit,
        png: &Path,
    ) -> Result<String, String> {
        let target = format!("--screenshot={}", png.display());
        let dom = self.run_until_settled(
            visit,
            &[
                "--dump-dom",
                &target,
                "--hide-scrollbars",
                "--virtual-time-budget=20000",
            ],
        )?;
        written(png)?;
        Ok(dom)
    }

    /// The page printed to a PDF, as a reader's "Print" button would.
    pub fn print_to_pdf(&self, visit: &Visit, pdf: &Path) -> Result<(), String> {
        // No `--virtual-time-budget` here: with it, Chromium 156 (Debian's
        // in November 2026) exits 0 without printing anything. Printing
        // waits for the load event, after which the page's scripts have
        // highlighted the code; that is all the PDF needs.
        let target = format!("--print-to-pdf={}", pdf.display());
        self.run(visit, &[&target, "--no-pdf-header-footer"])?;
        written(pdf).map_err(|problem| {
            format!(
                "{problem}: this Chromium's --print-to-pdf printed nothing for {}",
                visit.name()
            )
        })
    }

    /// Runs Chromium on one page until the check script reports a page that
    /// settled, at most three times; the last DOM either way.
    ///
    /// Why again: page time only moves while the page is idle, and the check
    /// script's own 50 ms polls keep it moving while Chromium waits for real
    /// work (a frame, a decoded image) on a busy CPU. On a loaded 2-core
    /// machine a page can spend its 18 s of page time before its first frame;
    /// a page that really never settles does so three times and fails.
    fn run_until_settled(
        &self,
        visit: &Visit,
        extra: &[&str],
    ) -> Result<String, String> {
        let mut dom = self.run(visit, extra)?;
        for _ in 1..3 {
            if !timed_out(&dom) {
                break;
            }
            dom = self.run(visit, extra)?;
        }
        Ok(dom)
    }

    /// Runs Chromium on one page with `extra` flags; its standard output.
    fn run(&self, visit: &Visit, extra: &[&str]) -> Result<String, String> {
        let profile = self.new_profile()?;
        let window = Window {
            width: visit.width,
            height: visit.height,
            scheme: visit.scheme,
        };
        if visit.frame_width.is_none() {
            let url = self.url(visit);
            return self.run_on(
                &profile,
                &visit.name(),
                &window,
                extra,
                &url,
                RUN_LIMIT,
            );
        }
        // A phone narrower than the least window headless Chromium opens:
        // the page in a frame of its width, its report read from the page
        // around it.
        let frame = self.frame_for(visit);
        let around = profile.join("frame.html");
        std::fs::write(&around, frames_page(&[frame], Layout::Stacked))
            .map_err(|error| error.to_string())?;
        let url = self.url_of(&around, "");
        let dom =
            self.run_on(&profile, &visit.name(), &window, extra, &url, RUN_LIMIT)?;
        Ok(numbered_report(&dom, 0).unwrap_or(dom))
    }

    /// Opens `visits` in one Chromium run, laid out as `layout` says; with
    /// `extra` flags (a screenshot's). The report of each, or `None` for one
    /// that sent none in its time.
    fn run_framed(
        &self,
        visits: &[Visit],
        layout: Layout,
        extra: &[&str],
    ) -> Result<Vec<Option<String>>, String> {
        let profile = self.new_profile()?;
        let page = profile.join("frames.html");
        let frames: Vec<Frame> =
            visits.iter().map(|visit| self.frame_for(visit)).collect();
        let heights = frames.iter().map(|frame| frame.height);
        let height = match layout {
            Layout::InTurn => heights.max().unwrap_or(900),
            Layout::Stacked => heights.sum(),
        };
        std::fs::write(&page, frames_page(&frames, layout))
            .map_err(|error| error.to_string())?;
        let window = Window {
            width: visits.iter().map(|visit| visit.width).max().unwrap_or(1280),
            height,
            scheme: visits
                .first()
                .map_or(ColourScheme::Light, |visit| visit.scheme),
        };
        // Page time runs fast while the pages are idle, so a generous budget
        // costs nothing once every page has reported.
        let turns = match layout {
            Layout::InTurn => visits.len() as u64,
            Layout::Stacked => 1,
        };
        let budget = format!(
            "--virtual-time-budget={}",
            (turns + 1) * PAGE_TIME.as_millis() as u64
        );
        let limit = RUN_LIMIT + PAGE_LIMIT * (visits.len().saturating_sub(1) as u32);
        let name = format!("{} pages from {}", visits.len(), visits[0].name());
        let url = self.url_of(&page, "");
        let flags = [&["--dump-dom", budget.as_str()], extra].concat();
        let dom = self.run_on(&profile, &name, &window, &flags, &url, limit)?;
        Ok((0..visits.len())
            .map(|index| numbered_report(&dom, index))
            .collect())
    }

    /// A fresh, empty profile folder for one run.
    fn new_profile(&self) -> Result<PathBuf, String> {
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let profile = self
            .scratch
            .join(format!("run-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|error| error.to_string())?;
        Ok(profile)
    }

    /// Runs Chromium on `url` with `extra` flags and the profile in
    /// `profile`, which it removes after a successful run; its standard
    /// output. `name` says what it opened, in errors.
    fn run_on(
        &self,
        profile: &Path,
        name: &str,
        window: &Window,
        extra: &[&str],
        url: &str,
        limit: Duration,
    ) -> Result<String, String> {
        let stdout_file = profile.join("stdout");
        let stderr_file = profile.join("stderr");
        let mut command = Command::new(&self.binary);
        command
            .args(quiet_headless_flags())
            .arg(format!(
                "--user-data-dir={}",
                profile.join("data").display()
            ))
            .arg(format!("--window-size={},{}", window.width, window.height));
        if window.scheme == ColourScheme::Dark {
            command.arg("--force-dark-mode");
        }
        command
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(file_for(&stdout_file)?)
            .stderr(file_for(&stderr_file)?);
        let status = wait_with_limit(&mut command, limit)
            .map_err(|error| format!("{name}: {error}"))?;
        let stdout = std::fs::read_to_string(&stdout_file).unwrap_or_default();
        if !status.success() {
            let stderr = std::fs::read_to_string(&stderr_file).unwrap_or_default();
            return Err(format!(
                "{name}: Chromium exited with {status}:\n{}",
                last_lines(&stderr, 20)
            ));
        }
        let _ = std::fs::remove_dir_all(profile);
        Ok(stdout)
    }
}

/// The browser window of one run: its size and the colour scheme it asks
/// pages for.
struct Window {
    width: u32,
    height: u32,
    scheme: ColourScheme,
}

/// `visits` in runs of at most [`PAGES_PER_RUN`] pages that share a colour
/// scheme (Chromium's `--force-dark-mode` is set for a whole run).
fn batches(visits: &[Visit]) -> Vec<&[Visit]> {
    let mut batches = Vec::new();
    let mut rest = visits;
    while let Some(first) = rest.first() {
        let same = rest
            .iter()
            .take(PAGES_PER_RUN)
            .take_while(|visit| visit.scheme == first.scheme)
            .count();
        let (batch, after) = rest.split_at(same);
        batches.push(batch);
        rest = after;
    }
    batches
}

/// How one Chromium run shows several pages.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// One after the other, each in a frame of its own once the one
    /// before has reported.
    InTurn,
    /// All at once, each in its own frame, one below the other.
    Stacked,
}

/// The page around the book's pages: `browser-frames.js` opens `frames`
/// as `layout` says and keeps each report in its DOM.
fn frames_page(frames: &[Frame], layout: Layout) -> String {
    let items: String = frames
        .iter()
        .map(|frame| {
            format!(
                "<li data-url=\"{}\" data-width=\"{}\" data-height=\"{}\"></li>\n",
                attribute(&frame.url),
                frame.width,
                frame.height
            )
        })
        .collect();
    let layout = match layout {
        Layout::InTurn => "in-turn",
        Layout::Stacked => "stacked",
    };
    format!(
        "<!DOCTYPE html>\n<html style=\"overflow:hidden\"><body style=\"margin:0\">\n\
         <ol id=\"pages\" hidden data-layout=\"{layout}\" data-page-time=\"{}\">\n{items}</ol>\n\
         <script>\n{FRAMES_SCRIPT}</script>\n</body></html>\n",
        PAGE_TIME.as_millis()
    )
}

/// One page of a [`frames_page`]: its URL and the size of its frame.
struct Frame {
    url: String,
    width: u32,
    height: u32,
}

/// `text` safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The report of the `index`th page of a [`frames_page`] run, as a DOM
/// holding it alone (the form [`report_json`] reads), or `None`.
fn numbered_report(dom: &str, index: usize) -> Option<String> {
    let text = pre_text(dom, &format!("browser-check-report-{index}"))?;
    Some(format!(
        "<pre id=\"browser-check-report\" hidden=\"\">{text}</pre>"
    ))
}

/// Headless, offline, and without the background services a test does not
/// need. `--no-sandbox` because CI runs as root, where the sandbox refuses
/// to start.
fn quiet_headless_flags() -> [&'static str; 9] {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-extensions",
    ]
}

fn file_for(path: &Path) -> Result<std::fs::File, String> {
    std::fs::File::create(path).map_err(|error| format!("{}: {error}", path.display()))
}

/// Runs `command`, killing it if it outlives `limit`.
fn wait_with_limit(
    command: &mut Command,
    limit: Duration,
) -> Result<std::process::ExitStatus, String> {
    let mut child = command.spawn().map_err(|error| error.to_string())?;
    match wait_at_most(&mut child, limit)? {
        Some(status) => Ok(status),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("Chromium did not finish within {limit:?}"))
        }
    }
}

fn written(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.len() > 0 => Ok(()),
        _ => Err(format!("Chromium did not write {}", path.display())),
    }
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

/// How many pages a PDF has, from its page objects.
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|window| window.starts_with(needle) && window[needle.len()] != b's')
        .count()
}

/// Whether the check script's report in `dom` says the page never settled
/// (its `timedOut` field; `JSON.stringify` writes it without spaces). No
/// report is left to the check that reads the report, which says so.
fn timed_out(dom: &str) -> bool {
    report_json(dom).is_some_and(|json| json.contains("\"timedOut\":true"))
}

/// The report the check script left in a dumped DOM: its JSON text, or
/// `None` when the script left none. The script percent-encodes the JSON
/// (`encodeURIComponent`), so that no character of the page can be escaped
/// on its way through `--dump-dom`.
pub fn report_json(dom: &str) -> Option<String> {
    pre_text(dom, "browser-check-report").map(|text| percent_decode(text.trim()))
}

/// The text of the `<pre id="{id}">` in a dumped DOM, as written.
fn pre_text<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let start = dom.find(&format!("id=\"{id}\""))?;
    let body_start = start + dom[start..].find('>')? + 1;
    let body_end = body_start + dom[body_start..].find("</pre>")?;
    Some(&dom[body_start..body_end])
}

/// Undoes JavaScript's `encodeURIComponent` (and a URL path's escapes);
/// a `%` not followed by two hex digits stays as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn percent_decoding_undoes_encode_uri_component() {
        assert_eq!(
            percent_decode("a%20b%E2%86%94c%25"),
            "a b↔c%",
            "escapes, multi-byte characters included"
        );
        assert_eq!(percent_decode("100%"), "100%", "a lone % stays");
    }

    #[test]
    fn a_report_is_read_back_from_the_dom() {
        let dom = "<body><pre id=\"browser-check-report\" hidden=\"\">\n\
                   %7B%22theme%22%3A%22navy%22%7D\n</pre></body>";
        assert_eq!(
            report_json(dom).as_deref(),
            Some("{\"theme\":\"navy\"}"),
            "the JSON the script wrote"
        );
        assert_eq!(report_json("<body></body>"), None, "no report");
    }

    #[test]
    fn pages_opened_in_turn_share_a_colour_scheme_ten_at_most() {
        let light = Visit::new("/book/a.html");
        let dark = light.clone().dark();
        let visits: Vec<Visit> =
            [vec![light.clone(); 12], vec![dark; 2], vec![light; 1]].concat();
        let sizes: Vec<usize> =
            batches(&visits).iter().map(|batch| batch.len()).collect();
        assert_eq!(
            sizes,
            [10, 2, 2, 1],
            "ten at most, a new run where the scheme changes"
        );
    }

    #[test]
    fn each_page_opened_in_turn_gets_its_frame_size_and_its_own_report() {
        let chromium = Chromium::new(PathBuf::from("chromium"), PathBuf::from("/tmp"));
        let visits = [
            Visit::new("/book/a \"b\".html").query("?x=1&y=2"),
            Visit::new("/book/c.html").phone(390),
        ];
        let frames: Vec<Frame> = visits
            .iter()
            .map(|visit| chromium.frame_for(visit))
            .collect();
        let page = frames_page(&frames, Layout::InTurn);
        assert!(
            page.contains("data-url=\"file:///book/a%20&quot;b&quot;.html?x=1&amp;y=2\" data-width=\"1280\" data-height=\"900\""),
            "the URL is escaped as an attribute and the desktop frame fills the window: {page}"
        );
        assert!(
            page.contains("data-width=\"390\""),
            "the phone's frame is 390 px wide"
        );
        let dom =
            "<body><pre id=\"browser-check-report-1\" hidden=\"\">%7B%7D</pre></body>";
        assert_eq!(numbered_report(dom, 0), None, "the first page sent nothing");
        assert_eq!(
            numbered_report(dom, 1)
                .and_then(|alone| report_json(&alone))
                .as_deref(),
            Some("{}"),
            "the second page's report reads as a report of its own"
        );
    }

    #[test]
    fn pdf_pages_are_counted_without_the_page_tree() {
        let pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type /Page\n>>";
        assert_eq!(pdf_page_count(pdf), 2, "two /Page objects, one /Pages");
    }
}
