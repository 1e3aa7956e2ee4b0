//! Opening the built book in a real browser: headless Chromium.
//!
//! No browser-automation crate is needed. The test copies the run's build
//! of the book into a scratch folder and adds `browser-check.js` to every
//! page of that copy (the published book never gets it). Chromium's command
//! line does the rest: `--dump-dom` prints the page after its scripts ran,
//! including the report the check script left in it ([`report_json`]);
//! `--screenshot` and `--print-to-pdf` write files a person can look at.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use exercises_tool::test_run::wait_at_most;

use crate::files;

/// The script that measures a page from inside the browser.
const CHECK_SCRIPT: &str = include_str!("browser-check.js");

/// Its file name in the scratch copy of the book.
const CHECK_SCRIPT_NAME: &str = "browser-check.js";

/// How long one Chromium run may take before it counts as hung.
const RUN_LIMIT: Duration = Duration::from_secs(60);

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

    /// The `file://` URL Chromium opens.
    pub fn url(&self) -> String {
        let path = self.page.display().to_string().replace(' ', "%20");
        format!("file://{path}{}", self.query)
    }

    /// `step02-basic-async.html?search=x` for messages.
    pub fn name(&self) -> String {
        let file = self.page.file_name().unwrap_or_default().to_string_lossy();
        format!("{file}{}", self.query)
    }
}

/// A headless Chromium, run once per page. Each run gets a fresh profile
/// folder, so no theme or search choice leaks from one run into the next.
#[derive(Debug)]
pub struct Chromium {
    binary: PathBuf,
    scratch: PathBuf,
}

/// Numbers the runs of this process, so that runs from tests on parallel
/// threads never share a profile folder.
static RUNS: AtomicUsize = AtomicUsize::new(0);

impl Chromium {
    /// Chromium started from `binary`, keeping its profiles below `scratch`.
    pub fn new(binary: PathBuf, scratch: PathBuf) -> Chromium {
        Chromium { binary, scratch }
    }

    /// The page's DOM after its scripts ran (and the check script reported).
    pub fn dump_dom(&self, visit: &Visit) -> Result<String, String> {
        // Virtual time: timers and loading run as fast as the machine allows,
        // and Chromium prints the DOM once 20 s of page time have passed (a page that settles sooner costs no more: idle page time runs fast).
        self.run_until_settled(visit, &["--dump-dom", "--virtual-time-budget=20000"])
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
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let profile = self
            .scratch
            .join(format!("run-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|error| error.to_string())?;
        let url = match visit.frame_width {
            Some(width) => {
                let frame = profile.join("frame.html");
                std::fs::write(&frame, frame_page(&visit.url(), width, visit.height))
                    .map_err(|error| error.to_string())?;
                format!("file://{}", frame.display())
            }
            None => visit.url(),
        };
        let stdout_file = profile.join("stdout");
        let stderr_file = profile.join("stderr");
        let mut command = Command::new(&self.binary);
        command
            .args(quiet_headless_flags())
            .arg(format!(
                "--user-data-dir={}",
                profile.join("data").display()
            ))
            .arg(format!("--window-size={},{}", visit.width, visit.height));
        if visit.scheme == ColourScheme::Dark {
            command.arg("--force-dark-mode");
        }
        command
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(file_for(&stdout_file)?)
            .stderr(file_for(&stderr_file)?);
        let status = wait_with_limit(&mut command, RUN_LIMIT)
            .map_err(|error| format!("{}: {error}", visit.name()))?;
        let stdout = std::fs::read_to_string(&stdout_file).unwrap_or_default();
        if !status.success() {
            let stderr = std::fs::read_to_string(&stderr_file).unwrap_or_default();
            return Err(format!(
                "{}: Chromium exited with {status}:\n{}",
                visit.name(),
                last_lines(&stderr, 20)
            ));
        }
        let _ = std::fs::remove_dir_all(&profile);
        Ok(stdout)
    }
}

/// A page that shows `url` in a frame `width` px wide, and puts the check
/// script's report from inside the frame (which it posts to its parent)
/// into its own DOM, where `--dump-dom` prints it.
fn frame_page(url: &str, width: u32, height: u32) -> String {
    format!(
        "<!DOCTYPE html>\n<html><body style=\"margin:0\">\n\
         <iframe src=\"{url}\" style=\"width:{width}px;height:{height}px;border:0\"></iframe>\n\
         <script>\n\
         window.addEventListener('message', event => {{\n\
           const report = event.data && event.data.browserCheckReport;\n\
           if (typeof report !== 'string') return;\n\
           const pre = document.createElement('pre');\n\
           pre.id = 'browser-check-report';\n\
           pre.hidden = true;\n\
           pre.textContent = report;\n\
           document.body.append(pre);\n\
         }});\n\
         </script>\n</body></html>\n"
    )
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
    let start = dom.find("id=\"browser-check-report\"")?;
    let body_start = start + dom[start..].find('>')? + 1;
    let body_end = body_start + dom[body_start..].find("</pre>")?;
    Some(percent_decode(dom[body_start..body_end].trim()))
}

/// Undoes JavaScript's `encodeURIComponent`.
fn percent_decode(text: &str) -> String {
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
    fn pdf_pages_are_counted_without_the_page_tree() {
        let pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type /Page\n>>";
        assert_eq!(pdf_page_count(pdf), 2, "two /Page objects, one /Pages");
    }
}
