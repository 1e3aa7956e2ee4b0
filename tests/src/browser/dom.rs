//! What Chromium hands back, read: the check script's report in a dumped
//! DOM, and the pages of a printed PDF.

use crate::percent;

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
pub(super) fn timed_out(dom: &str) -> bool {
    report_json(dom).is_some_and(|json| json.contains("\"timedOut\":true"))
}

/// The report the check script left in a dumped DOM: its JSON text, or
/// `None` when the script left none. The script percent-encodes the JSON
/// (`encodeURIComponent`), so that no character of the page can be escaped
/// on its way through `--dump-dom`.
pub fn report_json(dom: &str) -> Option<String> {
    pre_text(dom, "browser-check-report").map(|text| percent::decode(text.trim()))
}

/// The text of the `<pre id="{id}">` in a dumped DOM, as written.
pub(super) fn pre_text<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let start = dom.find(&format!("id=\"{id}\""))?;
    let body_start = start + dom[start..].find('>')? + 1;
    let body_end = body_start + dom[body_start..].find("</pre>")?;
    Some(&dom[body_start..body_end])
}

#[cfg(test)]
mod unit_tests {
    use super::*;

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
