//! How much a reader reads: the words of prose on a page and the lines of
//! each listing, counted as the reader sees them rather than as the files
//! hold them.
//!
//! **Prose** is the chapter's own text: headings, paragraphs, lists, tables,
//! the questions of its checkpoints, as the book checks' one reader of prose
//! defines it ([`crate::markdown`]): not fenced code blocks, raw `<pre>`
//! blocks (diagrams), HTML tags (their text between tags counts), HTML
//! comments, link targets, or `{{#include}}` directives. Included
//! files are not counted either: they are listings, outputs, or the speaker
//! notes (`notes/<chapter>.md`), which stay folded for teachers and are no
//! part of a reader's sitting. A word is a whitespace-separated token with at
//! least one letter or digit, inline code included (`task::spawn` is read).
//!
//! **Visible lines** of a listing are those mdBook shows before the reader
//! clicks anything: includes resolved (only the anchor's lines, anchor
//! markers dropped), and in a Rust block the hidden lines (`# ` lines, and
//! with `rustdoc_include` every line outside the anchor) left out. Blank
//! lines at the start and end do not count.

use crate::markdown::{
    CodeBlock, InlineCode, anchor_body, includes_in, prose_lines, prose_text,
};

/// How many words of prose `text`, a chapter as written, holds: the prose
/// of [`prose_lines`], inline code read.
pub fn prose_words(text: &str) -> usize {
    prose_lines(text)
        .iter()
        .map(|line| count_words(&prose_text(&line.text, InlineCode::Keep)))
        .sum()
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// The lines of `block` that the reader sees (see the module's comment).
/// An include that cannot be read counts as its directive line: the
/// include checks name it.
pub fn visible_lines(block: &CodeBlock) -> Vec<String> {
    let rust = block.language() == "rust";
    let mut lines = Vec::new();
    for line in block.body.lines() {
        let includes = includes_in(&block.chapter, line);
        let [include] = includes.as_slice() else {
            lines.push(line.to_string());
            continue;
        };
        let Ok(file) = std::fs::read_to_string(&include.file) else {
            lines.push(line.to_string());
            continue;
        };
        let shown = match &include.anchor {
            Some(anchor) => anchor_body(&file, anchor).unwrap_or_default(),
            // `rustdoc_include` without an anchor shows the whole file too.
            None => file,
        };
        lines.extend(shown.lines().map(str::to_string));
    }
    if rust {
        lines.retain(|line| !is_hidden_rust_line(line));
    }
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let leading = lines
        .iter()
        .take_while(|line| line.trim().is_empty())
        .count();
    lines.drain(..leading);
    lines
}

/// mdBook hides a Rust line that is `#` alone or starts with `# ` (after
/// indentation); `#[attribute]` and `#!` stay.
fn is_hidden_rust_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed == "#" || trimmed.starts_with("# ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::code_blocks;
    use crate::own_output_dir;

    #[test]
    fn prose_leaves_out_code_diagrams_tags_comments_links_and_includes() {
        let chapter = "# A title\n\n\
                       Two words, then `task::spawn`.\n\n\
                       ```rust\nlet not = prose;\nlet at = all;\n```\n\n\
                       <pre class=\"mermaid\">\nsequenceDiagram\n    A->>B: hi\n</pre>\n\n\
                       <details class=\"checkpoint\">\n<summary><strong>Checkpoint:</strong> Why?</summary>\n\n\
                       {{#include notes/a.md}}\n\n</details>\n\n\
                       <!-- a comment\nover lines -->\n\
                       See [the docs](https://example.com/a b) | and | this |\n";
        // A title (2) + Two words, then task::spawn. (4) + Checkpoint: Why? (2)
        // + See the docs and this (5).
        assert_eq!(prose_words(chapter), 13);
    }

    #[test]
    fn a_fence_closes_only_with_its_own_marker() {
        let chapter =
            "````markdown\n```rust\nnot prose\n```\nstill not\n````\nprose here\n";
        assert_eq!(prose_words(chapter), 2);
    }

    #[test]
    fn visible_lines_resolve_anchors_and_leave_out_hidden_lines() {
        let folder = own_output_dir().join("reading-test");
        std::fs::create_dir_all(&folder).expect("a scratch folder");
        std::fs::write(
            folder.join("example.rs"),
            "use std::x;\n\n// ANCHOR: main\n#[derive(Debug)]\nstruct A;\n# let hidden = 1;\n\
             // ANCHOR: inner\nfn main() {}\n// ANCHOR_END: inner\n\n// ANCHOR_END: main\nfn helper() {}\n",
        )
        .expect("a scratch file");
        let chapter = folder.join("chapter.md");
        let text = "```rust\n{{#rustdoc_include example.rs:main}}\n```\n\n\
                    ```text\n$ cargo run\n{{#include example.rs:inner}}\n```\n\n\
                    ```python\n\n# a comment stays\nprint()\n\n```\n";
        let blocks = code_blocks(&chapter, text);
        assert_eq!(
            visible_lines(&blocks[0]),
            ["#[derive(Debug)]", "struct A;", "fn main() {}"],
            "the anchor without its markers, the `# ` line hidden, the trailing blank line gone"
        );
        assert_eq!(
            visible_lines(&blocks[1]),
            ["$ cargo run", "fn main() {}"],
            "text around an include stays"
        );
        assert_eq!(
            visible_lines(&blocks[2]),
            ["# a comment stays", "print()"],
            "only Rust hides `# ` lines"
        );
        std::fs::remove_dir_all(&folder).expect("clean up");
    }
}
