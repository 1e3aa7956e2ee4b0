//! Links in the built HTML: local links that lead nowhere, and the links
//! that leave the book, which the References appendix must list.
//!
//! Links are read from the built pages, so a URL inside a code block or an
//! output listing (`http://127.0.0.1:...`) is not a link and is not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::files;

/// The page that lists every external link of the book.
pub const REFERENCES_PAGE: &str = "appendix-references.html";

/// The values of every attribute that `needle` opens (`href="`, ` id="`)
/// in `html`, in order.
fn attribute_values<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(needle) {
        let after = &rest[start + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        values.push(&after[..end]);
        rest = &after[end..];
    }
    values
}

/// The values of every `href="..."` and `src="..."` attribute in `html`.
fn link_targets(html: &str) -> Vec<&str> {
    let mut targets = attribute_values(html, "href=\"");
    targets.extend(attribute_values(html, "src=\""));
    targets
}

/// The `id="..."` values defined in `html`.
fn element_ids(html: &str) -> BTreeSet<&str> {
    attribute_values(html, " id=\"").into_iter().collect()
}

/// Local links in the built book that lead nowhere: a missing file, or a
/// `#fragment` with no element of that id. External links are not followed.
pub fn broken_links(destination: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in files::below(destination, "html") {
        let html = std::fs::read_to_string(&page).expect("built pages are readable");
        let folder = page.parent().expect("a page lives in a folder");
        for target in link_targets(&html) {
            if is_external(target) || target.is_empty() {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target, None),
            };
            let path = path.split('?').next().unwrap_or("");
            let file = if path.is_empty() {
                page.clone()
            } else {
                folder.join(path)
            };
            let shown = page.strip_prefix(destination).unwrap_or(&page).display();
            if !file.exists() {
                broken.push(format!("{shown}: link to missing {target}"));
                continue;
            }
            let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty())
            else {
                continue;
            };
            if file.extension().is_some_and(|ext| ext == "html") {
                let linked = std::fs::read_to_string(&file).unwrap_or_default();
                if !element_ids(&linked).contains(fragment) {
                    broken.push(format!(
                        "{shown}: link to {target}: no element with id `{fragment}`"
                    ));
                }
            }
        }
    }
    broken
}

/// Whether a link leaves the book (another site, mail, JavaScript).
fn is_external(target: &str) -> bool {
    [
        "http://",
        "https://",
        "mailto:",
        "javascript:",
        "data:",
        "//",
    ]
    .iter()
    .any(|prefix| target.starts_with(prefix))
}

/// Every `http(s)://` link target of the built book, without its
/// `#fragment`, with the pages that link to it. Generated pages that repeat
/// the chapters (`print.html`, `toc.html`, `404.html`) are left out.
pub fn external_links(destination: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut links = BTreeMap::<String, BTreeSet<String>>::new();
    for page in files::below(destination, "html") {
        let name = page
            .strip_prefix(destination)
            .unwrap_or(&page)
            .display()
            .to_string();
        if ["print.html", "toc.html", "404.html"].contains(&name.as_str()) {
            continue;
        }
        let html = std::fs::read_to_string(&page).expect("built pages are readable");
        for target in link_targets(&html) {
            if target.starts_with("http://") || target.starts_with("https://") {
                let url = target.split('#').next().unwrap_or("").to_string();
                links.entry(url).or_default().insert(name.clone());
            }
        }
    }
    links
}

/// External links of the book that the references page does not list, each
/// with the pages that use it.
pub fn unlisted_external_links(destination: &Path) -> Vec<String> {
    let links = external_links(destination);
    links
        .iter()
        .filter(|(_, pages)| !pages.contains(REFERENCES_PAGE))
        .map(|(url, pages)| {
            let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
            format!("{url} (linked from {})", pages.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_ids_are_read_from_their_attributes() {
        let html = "<a href=\"a.html#x\">a</a><img src=\"i.png\"><h2 id=\"x\">x</h2><p data-id=\"no\">";
        assert_eq!(
            link_targets(html),
            ["a.html#x", "i.png"],
            "hrefs, then srcs"
        );
        assert_eq!(
            element_ids(html).into_iter().collect::<Vec<_>>(),
            ["x"],
            "ids, not data-ids"
        );
    }
}
