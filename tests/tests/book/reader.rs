//! What the reader sees (DESIGN.md), checked in the book's sources: a page
//! is one sitting (at most 3,000 words of prose), a listing fits a screen
//! (at most 40 lines shown, none wider than 88 columns), output looks like
//! output (every `text` block is a program's output, which
//! `book/theme/output.css` labels), and no
//! figure is drawn by hand in characters (diagrams are Mermaid, see
//! `book/theme/README.md`). Words and lines are counted as the reader sees
//! them, by `tests::reading` (its comment says exactly what counts).

use tests::markdown::{
    CodeBlock, all_code_blocks, chapters, read, source_folder, summary_chapters,
};
use tests::reading::{prose_words, visible_lines};
use tests::relative;

/// The most words of prose one page may hold.
const MOST_WORDS: usize = 3_000;

/// The most lines a listing may show.
const MOST_LINES: usize = 40;

#[test]
fn no_page_holds_more_than_3000_words_of_prose() {
    let mut problems = Vec::new();
    for chapter in summary_chapters() {
        let words = prose_words(&read(&source_folder().join(&chapter.source)));
        if words > MOST_WORDS {
            problems.push(format!(
                "book/src/{} holds {words} words of prose, more than a sitting's {MOST_WORDS}: \
                 split it into pages of one idea or stage each",
                chapter.source
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The book's listings: code the reader reads (Rust, Python, shell). A
/// `text` block is a program's output, as long as the program makes it.
fn listings() -> Vec<CodeBlock> {
    all_code_blocks()
        .into_iter()
        .filter(|block| block.language() != "text")
        .collect()
}

#[test]
fn no_listing_shows_more_than_40_lines() {
    let mut problems = Vec::new();
    for block in listings() {
        let lines = visible_lines(&block).len();
        if lines > MOST_LINES {
            problems.push(format!(
                "{}: the listing shows {lines} lines, more than a screen's {MOST_LINES}: \
                 show the lesson and keep support code out of view (a narrower ANCHOR, \
                 hidden `# ` lines, or a link to the file)",
                listing_source(&block)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The widest line a listing may show: what fits the text column of a
/// 1280 px window without scrolling sideways (what `cargo fmt` holds Rust
/// code to with `max_width = 88`).
const MOST_COLUMNS: usize = 88;

/// A listing wider than the text column scrolls sideways: the reader loses
/// the ends of its lines, and a keyboard cannot scroll it unless it can be
/// focused. Program output (`text`) is left as the program prints it.
#[test]
fn no_listing_line_is_wider_than_88_columns() {
    let mut problems = Vec::new();
    for block in listings() {
        for line in visible_lines(&block) {
            let columns = line.chars().count();
            if columns > MOST_COLUMNS {
                problems.push(format!(
                    "{}: a line of {columns} columns, more than {MOST_COLUMNS}: `{}`",
                    listing_source(&block),
                    line.trim()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} listing lines are wider than the text column (`cargo fmt` with max_width = \
         {MOST_COLUMNS} wraps Rust code; shorten comments and other lines by hand):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Where a listing's lines come from: the included file (and anchor), or
/// the chapter's own block.
fn listing_source(block: &CodeBlock) -> String {
    match block.sole_include() {
        Some(include) => {
            let anchor = include.anchor.map(|a| format!(":{a}")).unwrap_or_default();
            format!("{} ({}{anchor})", block.location(), relative(&include.file))
        }
        None => block.location(),
    }
}

/// The extensions of the files that hold what a program printed: a run's
/// output, or a compiler's message (`tests/diagnostics/*.expected`).
const OUTPUT_EXTENSIONS: [&str; 2] = ["out", "expected"];

/// `book/theme/output.css` labels every ```` ```text ```` block "output",
/// so a `text` block must be output: it includes a program's `.out` file
/// (or a compiler's `.expected` message), perhaps after the command that
/// printed it. Anything else a reader types goes in a ```` ```bash ````
/// block, and a picture in a diagram.
#[test]
fn every_text_block_shows_what_a_program_printed() {
    let problems: Vec<String> = all_code_blocks()
        .iter()
        .filter(|block| block.language() == "text")
        .filter(|block| {
            let includes = tests::markdown::includes_in(&block.chapter, &block.body);
            !includes.iter().any(|include| {
                include
                    .file
                    .extension()
                    .is_some_and(|ext| OUTPUT_EXTENSIONS.iter().any(|out| ext == *out))
            })
        })
        .map(|block| {
            format!(
                "{}: a `text` block is labelled as program output, but this one includes no \
                 .out or .expected file: include the output, or use another language \
                 (bash for commands, a <pre class=\"mermaid\"> diagram for a picture)",
                block.location()
            )
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Box-drawing characters (`─│┌┐└┘├┤┬┴┼═║` and the rest of U+2500..U+257F)
/// and arrow heads made for them (`▶◀▲▼`) in a chapter as written: the marks
/// of a figure aligned by hand, which breaks on a phone and in another font.
/// Draw it as a Mermaid diagram instead. The ▶ of the play button, named in
/// prose, is fine; figures are drawn in code blocks.
#[test]
fn no_figure_is_drawn_by_hand_in_characters() {
    let drawing = |c: char| ('\u{2500}'..='\u{257F}').contains(&c);
    let arrows = ['▶', '◀', '▲', '▼'];
    let mut problems = Vec::new();
    for chapter in chapters() {
        for block in tests::markdown::code_blocks(&chapter, &read(&chapter)) {
            let hand_drawn = block.body.lines().any(|line| {
                line.chars().any(drawing)
                    || (line.chars().any(|c| arrows.contains(&c))
                        && line.contains("──"))
            });
            if hand_drawn {
                problems.push(format!(
                    "{}: a figure drawn with box-drawing characters; draw it as a \
                     <pre class=\"mermaid\"> diagram (see book/theme/README.md)",
                    block.location()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
