//! Several pages in one Chromium run: the page around them
//! (`browser-frames.js`) opens each in a frame of its own, in turn or all at
//! once, and keeps each page's report in its own DOM, numbered.

use super::dom::pre_text;
use super::{FRAMES_SCRIPT, PAGE_TIME, PAGES_PER_RUN, Visit};

/// `visits` in runs of at most [`PAGES_PER_RUN`] pages that share a colour
/// scheme (Chromium's `--force-dark-mode` is set for a whole run).
pub(super) fn batches(visits: &[Visit]) -> Vec<&[Visit]> {
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
pub(super) enum Layout {
    /// One after the other, each in a frame of its own once the one
    /// before has reported.
    InTurn,
    /// All at once, each in its own frame, one below the other.
    Stacked,
}

/// The page around the book's pages: `browser-frames.js` opens `frames`
/// as `layout` says and keeps each report in its DOM.
pub(super) fn frames_page(frames: &[Frame], layout: Layout) -> String {
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
pub(super) struct Frame {
    pub(super) url: String,
    pub(super) width: u32,
    pub(super) height: u32,
}

/// `text` safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The report of the `index`th page of a [`frames_page`] run, as a DOM
/// holding it alone (the form [`super::report_json`] reads), or `None`.
pub(super) fn numbered_report(dom: &str, index: usize) -> Option<String> {
    let text = pre_text(dom, &format!("browser-check-report-{index}"))?;
    Some(format!(
        "<pre id=\"browser-check-report\" hidden=\"\">{text}</pre>"
    ))
}

#[cfg(test)]
mod unit_tests {
    use std::path::PathBuf;

    use super::*;
    use crate::browser::{Chromium, report_json};

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
}
