//! Building the book and checking what mdBook itself does not.
//!
//! mdBook 0.5 renders a missing `ANCHOR` as an empty listing and only logs a
//! missing include file, then exits successfully. The checks here turn each
//! of those into an error that names the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use mdbook_driver::MDBook;

use crate::{listings::files_with_extension, relative, tidy, workspace_root};

/// The book's root folder (holds `book.toml`).
pub fn book_root() -> PathBuf {
    workspace_root().join("book")
}

/// Every Markdown chapter under `book/src`, sorted.
pub fn chapters() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![book_root().join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("book/src is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// One `{{#include ...}}` or `{{#rustdoc_include ...}}` in a chapter.
#[derive(Debug, Clone)]
pub struct Include {
    /// The chapter it is written in.
    pub chapter: PathBuf,
    /// 1-based line number in the chapter.
    pub line: usize,
    /// `include` or `rustdoc_include`.
    pub directive: String,
    /// The included file, resolved against the chapter's folder.
    pub file: PathBuf,
    /// The anchor name after the colon, if any.
    pub anchor: Option<String>,
}

impl Include {
    /// `book/src/step02.md:14` for messages.
    pub fn location(&self) -> String {
        format!("{}:{}", relative(&self.chapter), self.line)
    }
}

/// Every include directive in one chapter's text.
pub fn includes_in(chapter: &Path, text: &str) -> Vec<Include> {
    let folder = chapter.parent().expect("a chapter lives in a folder");
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let body = after[..end].trim();
            rest = &after[end..];
            let Some((directive, target)) = body.split_once(char::is_whitespace) else {
                continue;
            };
            if directive != "include" && directive != "rustdoc_include" {
                continue;
            }
            let (path, anchor) = match target.trim().split_once(':') {
                Some((path, anchor)) => (path, Some(anchor.to_string())),
                None => (target.trim(), None),
            };
            found.push(Include {
                chapter: chapter.to_path_buf(),
                line: index + 1,
                directive: directive.to_string(),
                file: tidy(&folder.join(path)),
                anchor,
            });
        }
    }
    found
}

/// Every include in the whole book.
pub fn all_includes() -> Vec<Include> {
    chapters()
        .iter()
        .flat_map(|chapter| {
            let text = std::fs::read_to_string(chapter).expect("chapters are readable");
            includes_in(chapter, &text)
        })
        .collect()
}

/// What is wrong with one include, if anything.
pub fn include_problem(include: &Include) -> Option<String> {
    let Ok(text) = std::fs::read_to_string(&include.file) else {
        return Some(format!(
            "{}: included file {} does not exist",
            include.location(),
            relative(&include.file)
        ));
    };
    let anchor = include.anchor.as_deref()?;
    if anchor.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Some(format!(
            "{}: {} is included by line numbers ({anchor}); use an ANCHOR so edits cannot shift it",
            include.location(),
            relative(&include.file)
        ));
    }
    match anchor_body(&text, anchor) {
        None => Some(format!(
            "{}: {} has no `ANCHOR: {anchor}` ... `ANCHOR_END: {anchor}`",
            include.location(),
            relative(&include.file)
        )),
        Some(body) if body.trim().is_empty() => Some(format!(
            "{}: anchor `{anchor}` in {} is empty",
            include.location(),
            relative(&include.file)
        )),
        Some(_) => None,
    }
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, without any
/// nested anchor markers. `None` when either marker is missing.
pub fn anchor_body(text: &str, name: &str) -> Option<String> {
    let is_marker = |line: &str, marker: &str| {
        line.split_once(marker)
            .is_some_and(|(_, rest)| rest.trim() == name)
    };
    let mut lines = text.lines();
    lines.by_ref().find(|line| is_marker(line, "ANCHOR:"))?;
    let mut body = String::new();
    for line in lines {
        if is_marker(line, "ANCHOR_END:") {
            return Some(body);
        }
        if !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:") {
            body.push_str(line);
            body.push('\n');
        }
    }
    None
}

/// One fenced code block of a chapter.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub chapter: PathBuf,
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string: `rust,noplayground`, `text`, `console` ...
    pub info: String,
    /// The lines between the fences.
    pub body: String,
    /// The first non-blank line after the closing fence.
    pub next_line: String,
}

impl CodeBlock {
    pub fn location(&self) -> String {
        format!("{}:{}", relative(&self.chapter), self.line)
    }

    /// The language word of the info string (`rust` for `rust,noplayground`).
    pub fn language(&self) -> &str {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .next()
            .unwrap_or("")
    }

    pub fn has_attribute(&self, attribute: &str) -> bool {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .any(|word| word == attribute)
    }
}

/// Every fenced code block (```` ``` ```` fences) of a chapter.
pub fn code_blocks(chapter: &Path, text: &str) -> Vec<CodeBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(info) = lines[index].trim_start().strip_prefix("```") else {
            index += 1;
            continue;
        };
        let start = index;
        let mut body = String::new();
        index += 1;
        while index < lines.len() && !lines[index].trim_start().starts_with("```") {
            body.push_str(lines[index]);
            body.push('\n');
            index += 1;
        }
        index += 1;
        let next_line = lines[index.min(lines.len())..]
            .iter()
            .find(|line| !line.trim().is_empty())
            .unwrap_or(&"")
            .to_string();
        blocks.push(CodeBlock {
            chapter: chapter.to_path_buf(),
            line: start + 1,
            info: info.trim().to_string(),
            body,
            next_line,
        });
    }
    blocks
}

/// The book built into `destination`, with every warning mdBook logged.
#[derive(Debug)]
pub struct Build {
    pub destination: PathBuf,
    /// mdBook's warnings and errors, as `WARN message`.
    pub warnings: Vec<String>,
}

/// Builds the book into `destination` and collects mdBook's warnings.
pub fn build(destination: &Path) -> Result<Build, String> {
    let collector = WarningCollector::default();
    let warnings = Arc::clone(&collector.messages);
    let result = tracing::subscriber::with_default(collector, || {
        let mut book = MDBook::load(book_root()).map_err(|error| format!("{error:#}"))?;
        book.config.build.build_dir = destination.to_path_buf();
        book.build().map_err(|error| format!("{error:#}"))
    });
    result?;
    let warnings = warnings.lock().expect("no panic while collecting").clone();
    Ok(Build {
        destination: destination.to_path_buf(),
        warnings,
    })
}

/// A minimal `tracing` subscriber that keeps WARN and ERROR events.
#[derive(Default)]
struct WarningCollector {
    messages: Arc<Mutex<Vec<String>>>,
    next_span: std::sync::atomic::AtomicU64,
}

impl tracing::Subscriber for WarningCollector {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        // In tracing, "less verbose" compares smaller: ERROR < WARN < INFO.
        *metadata.level() <= tracing::Level::WARN
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let id = self
            .next_span
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(id + 1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut message = MessageText(String::new());
        event.record(&mut message);
        let line = format!("{} {}", event.metadata().level(), message.0);
        self.messages.lock().expect("not poisoned").push(line);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

/// Collects an event's fields into one line of text.
struct MessageText(String);

impl tracing::field::Visit for MessageText {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            self.0.push_str(&format!("{value:?}"));
        } else {
            self.0.push_str(&format!("{}={value:?}", field.name()));
        }
    }
}

/// Every `.html` file below `folder`.
pub fn html_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            }
        }
        found.extend(files_with_extension(&folder, "html"));
    }
    found.sort();
    found
}

/// The values of every `href="..."` and `src="..."` attribute in `html`.
pub fn link_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            let after = &rest[start + attribute.len()..];
            let end = after.find('"').unwrap_or(after.len());
            targets.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// The `id="..."` values defined in `html`.
pub fn element_ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        let after = &rest[start + 5..];
        let end = after.find('"').unwrap_or(after.len());
        ids.insert(after[..end].to_string());
        rest = &after[end..];
    }
    ids
}

/// Local links in the built book that lead nowhere: a missing file, or a
/// `#fragment` with no element of that id. External links are not followed.
pub fn broken_links(destination: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for page in html_files(destination) {
        let html = std::fs::read_to_string(&page).expect("built pages are readable");
        let folder = page.parent().expect("a page lives in a folder");
        for target in link_targets(&html) {
            if is_external(&target) || target.is_empty() {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
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
            let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty()) else {
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
pub fn is_external(target: &str) -> bool {
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

// ---------------------------------------------------------------------------
// External links: every link that leaves the book is listed in one place.

/// The page that lists every external link of the book.
pub const REFERENCES_PAGE: &str = "appendix-references.html";

/// Every `http(s)://` link target of the built book, without its
/// `#fragment`, with the pages that link to it. Generated pages that repeat
/// the chapters (`print.html`, `toc.html`, `404.html`) are left out.
pub fn external_links(destination: &Path) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut links = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for page in html_files(destination) {
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
    let listed: BTreeSet<&String> = links
        .iter()
        .filter(|(_, pages)| pages.contains(REFERENCES_PAGE))
        .map(|(url, _)| url)
        .collect();
    links
        .iter()
        .filter(|(url, _)| !listed.contains(url))
        .map(|(url, pages)| {
            let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
            format!("{url} (linked from {})", pages.join(", "))
        })
        .collect()
}
