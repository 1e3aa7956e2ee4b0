//! What the reader sees (DESIGN.md), checked in the book's sources: a page
//! is one sitting (at most 3,000 words of prose), a listing fits a screen
//! (at most 40 lines shown), output looks like output (every `text` block
//! is a program's output, which `book/theme/output.css` labels), and no
//! figure is drawn by hand in characters (diagrams are Mermaid, see
//! `book/theme/README.md`). Words and lines are counted as the reader sees
//! them, by `tests::reading` (its comment says exactly what counts).

use tests::markdown::{all_code_blocks, chapters, read, source_folder, summary_chapters};
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

/// The listings still over the limit, each `file:anchor` as the book
/// includes it: the Step 3 programs shown in the "Beyond the steps"
/// chapters and the Step 4 solutions (shown whole, folded). They are the
/// open part of issue 11: the list may only shrink, and the test fails when
/// one of them is trimmed but still listed, so that the list stays true.
const NOT_YET_TRIMMED: [&str; 15] = [
    "step03-tasks/python/streams.py:streams",
    "step03-tasks/python/backpressure.py:backpressure",
    "step03-tasks/examples/distributed.rs:ask",
    "step03-tasks/examples/distributed.rs:coordinate",
    "step03-tasks/examples/distributed.rs:main",
    "step03-tasks/python/distributed.py:distributed",
    "step04-executor/exercises/4.1-counting-waker/solution.rs",
    "step04-executor/exercises/4.2-block-on/solution.rs",
    "step04-executor/exercises/4.3-join-by-hand/solution.rs",
    "step04-executor/exercises/4.4-timers-in-order/solution.rs",
    "step03-tasks/python/error_handling.py:error_handling",
    "step03-tasks/examples/metrics.rs:metrics",
    "step03-tasks/examples/metrics.rs:endpoint",
    "step03-tasks/examples/metrics.rs:main",
    "step03-tasks/python/lock_across_await.py:lock_across_await",
];

/// Listings are code the reader reads: Rust, Python, shell. A `text` block
/// is a program's output, as long as the program makes it.
#[test]
fn no_listing_shows_more_than_40_lines() {
    let mut problems = Vec::new();
    let mut still_long = Vec::new();
    for block in all_code_blocks() {
        if block.language() == "text" {
            continue;
        }
        let lines = visible_lines(&block).len();
        let included = block
            .sole_include()
            .map(|include| {
                let anchor = include.anchor.map(|a| format!(":{a}")).unwrap_or_default();
                format!("{}{anchor}", relative(&include.file))
            })
            .unwrap_or_default();
        if NOT_YET_TRIMMED.contains(&included.as_str()) {
            if lines > MOST_LINES {
                still_long.push(included);
            }
            continue;
        }
        if lines > MOST_LINES {
            let what = if included.is_empty() {
                String::new()
            } else {
                format!(" ({included})")
            };
            problems.push(format!(
                "{}: the listing{what} shows {lines} lines, more than a screen's {MOST_LINES}: \
                 show the lesson and keep support code out of view (a narrower ANCHOR, \
                 hidden `# ` lines, or a link to the file)",
                block.location()
            ));
        }
    }
    for listed in NOT_YET_TRIMMED {
        if !still_long.iter().any(|long| long == listed) {
            problems.push(format!(
                "{listed} is in NOT_YET_TRIMMED but no longer shown over {MOST_LINES} lines \
                 (or no longer shown): take it off the list"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
                    || (line.chars().any(|c| arrows.contains(&c)) && line.contains("──"))
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
