//! Starting Chromium: one run on one page, or on the page around several
//! (`frames.rs`), each with a fresh profile, a time limit, and its output
//! kept in files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::Duration;

use exercises_tool::test_run::wait_at_most;

use super::dom::timed_out;
use super::frames::{Frame, Layout, frames_page, numbered_report};
use super::{Chromium, ColourScheme, PAGE_LIMIT, PAGE_TIME, RUN_LIMIT, RUNS, Visit};

impl Chromium {
    /// Runs Chromium on one page until the check script reports a page that
    /// settled, at most three times; the last DOM either way.
    ///
    /// Why again: page time only moves while the page is idle, and the check
    /// script's own 50 ms polls keep it moving while Chromium waits for real
    /// work (a frame, a decoded image) on a busy CPU. On a loaded 2-core
    /// machine a page can spend its 18 s of page time before its first frame;
    /// a page that really never settles does so three times and fails.
    pub(super) fn run_until_settled(
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
    pub(super) fn run(&self, visit: &Visit, extra: &[&str]) -> Result<String, String> {
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
    pub(super) fn run_framed(
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

pub(super) fn written(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.len() > 0 => Ok(()),
        _ => Err(format!("Chromium did not write {}", path.display())),
    }
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}
