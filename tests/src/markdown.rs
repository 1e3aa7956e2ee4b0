//! The book's sources as written: its chapters, the `{{#include}}`
//! directives in them (the one include parser), the anchors they name, their
//! fenced code blocks, their prose and the table of contents in
//! `SUMMARY.md`.
//!
//! This is the one reader of "prose, fence, include" for every book check:
//!
//! - a **fence** opens on a line that starts (after indentation) with three
//!   or more `` ` `` or `~`, and closes on the first line that starts with
//!   the same marker ([`fence_marker`], [`code_blocks`]);
//! - **prose** is every other line, except raw `<pre>` blocks (diagrams)
//!   and HTML comments ([`prose_lines`]); within a line, HTML tags, link
//!   targets and `{{#...}}` directives are not prose, and inline code is
//!   kept or dropped as the check asks ([`prose_text`]);
//! - an **include** is a `{{#include ...}}` or `{{#rustdoc_include ...}}`
//!   directive ([`includes_in`]).
//!
//! mdBook 0.5 renders a missing `ANCHOR` as an empty listing and only logs a
//! missing include file, then exits successfully; [`include_problem`] turns
//! each of those into an error that names the file.

use std::path::{Path, PathBuf};

use crate::{files, relative, tidy, workspace_root};

/// The book's root folder (holds `book.toml`).
pub fn book_root() -> PathBuf {
    workspace_root().join("book")
}

/// The chapters' folder, `book/src`.
pub fn source_folder() -> PathBuf {
    book_root().join("src")
}

/// Every Markdown file under `book/src`, sorted.
pub fn chapters() -> Vec<PathBuf> {
    files::below(&source_folder(), "md")
}

/// A chapter's text. Chapters come from [`chapters`] or are named in a
/// check, so a missing one is the check's failure.
pub fn read(chapter: &Path) -> String {
    std::fs::read_to_string(chapter)
        .unwrap_or_else(|error| panic!("{}: {error}", relative(chapter)))
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

/// Every include directive in `text`, written in `chapter` (whose folder
/// the included paths are relative to).
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
        .flat_map(|chapter| includes_in(chapter, &read(chapter)))
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
    /// The chapter it is written in.
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
    /// `book/src/step02.md:14` for messages.
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

    /// Whether the info string holds `attribute` (`noplayground`, `ignore`).
    pub fn has_attribute(&self, attribute: &str) -> bool {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .any(|word| word == attribute)
    }

    /// The include the block consists of, when it holds nothing else.
    pub fn sole_include(&self) -> Option<Include> {
        let body = self.body.trim();
        if !(body.starts_with("{{#") && body.ends_with("}}")) {
            return None;
        }
        let [include] =
            <[Include; 1]>::try_from(includes_in(&self.chapter, &self.body)).ok()?;
        // The body's first line is the line after the fence.
        Some(Include {
            line: self.line + include.line,
            ..include
        })
    }
}

/// Every fenced code block of a chapter's text.
pub fn code_blocks(chapter: &Path, text: &str) -> Vec<CodeBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let opening = lines[index].trim_start();
        let Some(marker) = fence_marker(opening) else {
            index += 1;
            continue;
        };
        let start = index;
        let mut body = String::new();
        index += 1;
        while index < lines.len() && !lines[index].trim_start().starts_with(marker) {
            body.push_str(lines[index]);
            body.push('\n');
            index += 1;
        }
        index += 1;
        blocks.push(CodeBlock {
            chapter: chapter.to_path_buf(),
            line: start + 1,
            info: opening[marker.len()..].trim().to_string(),
            body,
            next_line: first_text_line(&lines, index),
        });
    }
    blocks
}

/// The marker that opens a fence on `line` (indentation trimmed): three or
/// more `` ` `` or `~`, as many as written. The fence closes on the first
/// line that starts with the same marker.
pub fn fence_marker(line: &str) -> Option<&str> {
    ['`', '~'].into_iter().find_map(|fence| {
        let length = line.len() - line.trim_start_matches(fence).len();
        (length >= 3).then(|| &line[..length])
    })
}

/// One line of a chapter's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseLine {
    /// 1-based line number in the chapter.
    pub line: usize,
    /// The line without its HTML comments (markup still in: see
    /// [`prose_text`]).
    pub text: String,
}

/// The prose of a chapter as written (see the module's comment): the lines
/// outside fences and `<pre>` blocks, HTML comments removed. Lines left
/// blank are left out.
pub fn prose_lines(text: &str) -> Vec<ProseLine> {
    let mut prose = Vec::new();
    let mut fence: Option<&str> = None;
    let mut in_pre = false;
    let mut in_comment = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            continue;
        }
        if in_pre || trimmed.starts_with("<pre") {
            in_pre = !line.contains("</pre>");
            continue;
        }
        let text = without_comments(line, &mut in_comment);
        if !text.trim().is_empty() {
            prose.push(ProseLine {
                line: index + 1,
                text,
            });
        }
    }
    prose
}

/// `line` without its HTML comments; `in_comment` says whether a comment
/// is open where the line starts, and is left saying whether one is open
/// where it ends.
fn without_comments(line: &str, in_comment: &mut bool) -> String {
    let mut kept = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => rest = "",
            }
        } else if let Some(start) = rest.find("<!--") {
            kept.push_str(&rest[..start]);
            rest = &rest[start + 4..];
            *in_comment = true;
        } else {
            kept.push_str(rest);
            rest = "";
        }
    }
    kept
}

/// Whether [`prose_text`] keeps inline code: a reader reads it (`task::spawn`
/// counts as a word), but a number in it is code, not a claim of the prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineCode {
    /// `` `...` `` and `<code>...</code>` stay, without their markers.
    Keep,
    /// They become a space.
    Drop,
}

/// The text of a prose line as the reader reads it: HTML tags (not their
/// text), link targets (`[text](target)` keeps `text`) and `{{#...}}`
/// directives become spaces; inline code as `code` says.
pub fn prose_text(line: &str, code: InlineCode) -> String {
    let mut text = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let skipped = match code {
            InlineCode::Drop => inline_code_at(rest),
            InlineCode::Keep => None,
        }
        .or_else(|| markup_at(rest));
        match skipped {
            Some(length) => {
                text.push(' ');
                rest = &rest[length..];
            }
            None => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    text
}

/// The length of the inline code `text` starts with (`` `x` ``, ``` ``x`` ```,
/// `<code>x</code>`); an unclosed one runs to the end of the line.
fn inline_code_at(text: &str) -> Option<usize> {
    let (open, close) = if text.starts_with('`') {
        let ticks = text.len() - text.trim_start_matches('`').len();
        (&text[..ticks], &text[..ticks])
    } else if text.starts_with("<code>") {
        ("<code>", "</code>")
    } else {
        return None;
    };
    let after = &text[open.len()..];
    Some(
        after
            .find(close)
            .map_or(text.len(), |end| open.len() + end + close.len()),
    )
}

/// The length of the markup `text` starts with: an HTML tag, a link's
/// `](target)`, a `{{#...}}` directive. Unclosed, it is not markup.
fn markup_at(text: &str) -> Option<usize> {
    let close = if text.starts_with("{{#") {
        "}}"
    } else if text.starts_with("](") {
        ")"
    } else if text.starts_with('<')
        && text[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
    {
        ">"
    } else {
        return None;
    };
    text.find(close).map(|end| end + close.len())
}

/// Every fenced code block of the book.
pub fn all_code_blocks() -> Vec<CodeBlock> {
    chapters()
        .iter()
        .flat_map(|chapter| code_blocks(chapter, &read(chapter)))
        .collect()
}

/// The first non-blank line of `lines` from index `from` on; empty when
/// there is none.
pub fn first_text_line(lines: &[&str], from: usize) -> String {
    lines
        .iter()
        .skip(from)
        .find(|line| !line.trim().is_empty())
        .unwrap_or(&"")
        .to_string()
}

/// One chapter listed in `SUMMARY.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryChapter {
    /// Its title in the table of contents.
    pub title: String,
    /// Its source, relative to `book/src`: `step01-setup.md`.
    pub source: String,
    /// The built page's path relative to the book: `step01-setup.html`.
    pub page: String,
}

/// The chapters of `book/src/SUMMARY.md`, in order (draft chapters, which
/// have no file, are left out).
pub fn summary_chapters() -> Vec<SummaryChapter> {
    read(&source_folder().join("SUMMARY.md"))
        .lines()
        .filter_map(|line| {
            let open = line.find('[')?;
            let close = open + line[open..].find("](")?;
            let end = close + line[close..].find(')')?;
            let source = &line[close + 2..end];
            let page = source.strip_suffix(".md")?;
            Some(SummaryChapter {
                title: line[open + 1..close].to_string(),
                source: source.to_string(),
                page: format!("{page}.html"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_that_is_one_include_names_it_with_its_line_in_the_chapter() {
        let chapter = source_folder().join("step02-basic-async.md");
        let text = "Intro.\n\n```rust,noplayground\n{{#include ../../step02-basic-async/examples/lazy.rs:lazy}}\n```\n\n\
                    Run it: `cargo run`.\n\n```rust\nfn main() {}\n```\n\n\
                    ```rust\n{{#playground ../../x.rs}}\n```\n";
        let blocks = code_blocks(&chapter, text);
        assert_eq!(blocks.len(), 3, "three blocks");
        let include = blocks[0]
            .sole_include()
            .expect("the first block is an include");
        assert_eq!(
            (include.line, include.anchor.as_deref()),
            (4, Some("lazy")),
            "the include's line in the chapter and its anchor"
        );
        assert_eq!(
            relative(&include.file),
            "step02-basic-async/examples/lazy.rs",
            "resolved against the chapter's folder"
        );
        assert_eq!(
            blocks[0].next_line, "Run it: `cargo run`.",
            "the line after"
        );
        assert!(blocks[1].sole_include().is_none(), "inline code");
        assert!(
            blocks[2].sole_include().is_none(),
            "a directive other than include is not an include"
        );
    }
}
