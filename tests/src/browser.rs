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
//!
//! This file says what a test can ask of Chromium; how a run is started
//! and limited is in `browser/launch.rs`, the page around several pages in
//! `browser/frames.rs`, and the reading of what comes back in
//! `browser/dom.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use crate::files;
use crate::serve::Server;

mod dom;
mod frames;
mod launch;

use dom::timed_out;
pub use dom::{pdf_page_count, report_json};
use frames::{Frame, Layout, batches};
use launch::written;

/// The script that measures a page from inside the browser.
const CHECK_SCRIPT: &str = include_str!("browser-check.js");

/// Its file name in the scratch copy of the book.
const CHECK_SCRIPT_NAME: &str = "browser-check.js";

/// The script of the page around the pages of a run that opens them in
/// frames (`frames::frames_page`).
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
    exercises_tool::copy::copy_tree(&built.destination, copy)
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
}
