//! What is wrong with a rendered page, read from its [`Report`]: one
//! function per part of the page (sidebar, code, checkpoints, tables,
//! layout, diagrams), each returning its problems as sentences, and
//! [`page_problems`], the full check of one page.

use tests::markdown::SummaryChapter;

use super::{Contrast, Report};

/// What is wrong with the sidebar of one page: a chapter of SUMMARY.md that
/// it does not link, under its SUMMARY title.
fn sidebar_problems(report: &Report, chapters: &[SummaryChapter]) -> Vec<String> {
    let mut problems = Vec::new();
    if !report.sidebar_shown {
        problems.push("the sidebar is not shown in a 1280 px wide window".to_string());
    }
    for chapter in chapters {
        let listed = report.sidebar_links.iter().any(|link| {
            let href = link.href.split('#').next().unwrap_or("");
            href.trim_start_matches("../") == chapter.page
                && plain(&link.title).ends_with(&plain(&chapter.title))
        });
        if !listed {
            problems.push(format!(
                "the sidebar has no link `{}` to {}",
                chapter.title, chapter.page
            ));
        }
    }
    problems
}

/// A title as plain text, so that SUMMARY.md's `` `code` `` and straight
/// quotes match what the sidebar shows after mdBook's smart punctuation.
pub fn plain(title: &str) -> String {
    title
        .replace(['`', '*'], "")
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace(['–', '—'], "-")
        .replace('…', "...")
        .replace("---", "-")
        .replace("--", "-")
}

/// What is wrong with the code blocks of one page.
pub fn code_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for code in &report.code {
        let name = format!("{} block `{}`", code.language, code.first_line);
        let needs_colour = matches!(code.language.as_str(), "rust" | "python");
        if needs_colour && !(code.highlighted && code.tokens > 0) {
            problems.push(format!("{name} is not syntax-highlighted"));
        }
        if code.hidden_lines_shown > 0 {
            problems.push(format!(
                "{name} shows {} of its {} hidden lines",
                code.hidden_lines_shown, code.hidden_lines
            ));
        }
        if code.play_button && (code.no_playground || code.uses_async_std) {
            problems.push(format!(
                "{name} has a play button, but the playground cannot run it"
            ));
        }
        if code.language == "rust" && !code.no_playground && !code.play_button {
            problems.push(format!("{name} should have a play button"));
        }
    }
    problems
}

/// What is wrong with the labels and colours of the page's code blocks:
/// program output (every `text` block) is labelled `output`, a shell
/// comment is coloured as a comment, and inline code is padded before
/// book.js runs as after.
pub fn code_look_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for code in &report.code {
        let name = format!("{} block `{}`", code.language, code.first_line);
        let labelled = code.label.as_deref() == Some("output");
        if code.language == "text" && !labelled {
            problems.push(format!(
                "{name} holds program output but carries no `output` label \
                 (book/theme/output.css), found {:?}",
                code.label
            ));
        }
        if code.language != "text" && labelled {
            problems.push(format!(
                "{name} is labelled `output` but is not a text block"
            ));
        }
        if code.comment_tokens < code.shell_comment_lines {
            problems.push(format!(
                "{name} has {} lines with a `# comment` but only {} are coloured as comments: \
                 write shell commands in a ```bash block (highlight.js's `console` colours \
                 nothing without a `$` prompt)",
                code.shell_comment_lines, code.comment_tokens
            ));
        }
    }
    for shift in &report.inline_code_shifts {
        problems.push(format!(
            "inline code {shift}: the words around it move once the page has been read \
             (pad inline code from the first paint, as book/theme/code.css does)"
        ));
    }
    problems
}

/// What is wrong with the page's tables: one wider than the text column
/// (the reader has to scroll it sideways, and may never see its last
/// column), or one that keeps within it only by breaking the words of its
/// prose over two lines. Code in a cell may wrap (`book/theme/tables.css`);
/// a word cut in two is hard to read.
pub fn table_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for table in &report.tables {
        let name = format!("the table `{}`", table.header);
        if table.width > table.container_width + 1.0 {
            problems.push(format!(
                "{name} is {} px wide in a {} px column: it scrolls sideways",
                table.width, table.container_width
            ));
        }
        if !table.broken_words.is_empty() {
            problems.push(format!(
                "{name} breaks words over two lines: {:?}",
                table.broken_words
            ));
        }
    }
    problems
}

/// What is wrong with the page's code: an inline command broken inside a
/// word (`--` / `example`); on a desktop, a listing (not output) wider than
/// its box (lines over 88 columns); anywhere, a scrolling block the
/// keyboard cannot reach.
pub fn code_fit_problems(report: &Report, desktop: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for word in &report.broken_commands {
        problems.push(format!(
            "the inline code word `{word}` is broken over two lines (book/theme/code.js)"
        ));
    }
    for listing in &report.wide_listings {
        let name = format!("the listing `{}`", listing.first_line.trim());
        // Output is shown as the program printed it (a compiler's message
        // lines up its `^^^` under the code): it may scroll, reachably.
        if desktop && listing.language != "text" {
            problems.push(format!(
                "{name} is {} px wide in a {} px box: it scrolls sideways (keep its lines \
                 to 88 columns)",
                listing.width, listing.box_width
            ));
        }
        if !listing.reachable {
            problems.push(format!(
                "{name} scrolls sideways but the keyboard cannot reach it (tabindex, \
                 book/theme/code.js)"
            ));
        }
    }
    problems
}

/// What is wrong with the page as a whole: scrolls sideways, broken images.
pub fn layout_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if report.page_width > report.viewport_width {
        problems.push(format!(
            "the page is {} px wide in a {} px window: it scrolls sideways",
            report.page_width, report.viewport_width
        ));
    }
    for image in &report.broken_images {
        problems.push(format!("image {image} did not load"));
    }
    problems
}

/// What is wrong with the page's "predict the output" checkpoints: one
/// that shows its answer before the reader clicks, that a click does not
/// open (or a second click fold), with no question, or not set off from the
/// text as a box (`book/theme/checkpoints.css`).
pub fn checkpoint_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for checkpoint in &report.checkpoints {
        let question = checkpoint.summary.trim_start_matches("Checkpoint:").trim();
        let name = format!("checkpoint `{}`", checkpoint.summary);
        if checkpoint.open_at_load || checkpoint.shown_at_load {
            problems.push(format!(
                "{name} shows its answer before it is clicked; it should load folded"
            ));
        }
        if !(checkpoint.opens_on_click && checkpoint.shown_when_open) {
            problems.push(format!("{name} does not show its answer when clicked"));
        }
        if !checkpoint.folds_on_click {
            problems.push(format!("{name} does not fold again on a second click"));
        }
        if question.is_empty() {
            problems.push(format!("{name} asks no question"));
        }
        if checkpoint.answer_first_line.is_empty() {
            problems.push(format!("{name} has no output to reveal"));
        }
        let background = checkpoint.background;
        if background.is_none_or(|background| background == checkpoint.page_background)
            || checkpoint.left_border < 3.0
        {
            problems.push(format!(
                "{name} is not a box of its own (background {}, on page {}, left border {} px): \
                 is book/theme/checkpoints.css loaded?",
                background.map_or("transparent".to_string(), |brightness| brightness
                    .to_string()),
                checkpoint.page_background,
                checkpoint.left_border
            ));
        }
    }
    problems
}

/// Every page is one full check: the sidebar lists every chapter, code is
/// highlighted with hidden lines collapsed, checkpoints are folded, nothing
/// scrolls sideways.
pub fn page_problems(
    name: &str,
    report: &Report,
    chapters: &[SummaryChapter],
) -> Vec<String> {
    let mut problems = Vec::new();
    if report.headings.is_empty() {
        problems.push("no title (h1)".to_string());
    }
    problems.extend(sidebar_problems(report, chapters));
    problems.extend(code_problems(report));
    problems.extend(code_look_problems(report));
    problems.extend(checkpoint_problems(report));
    problems.extend(table_problems(report));
    problems.extend(diagram_problems(report));
    problems.extend(layout_problems(report));
    problems
        .iter()
        .map(|problem| format!("{name}: {problem}"))
        .collect()
}

/// What is wrong with the page's diagrams: not drawn, drawn as Mermaid's
/// error picture, wider than the text column, or drawn in the wrong theme
/// for the page (`dark` on navy, `default` on light).
pub fn diagram_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let expected_theme = if matches!(report.theme.as_str(), "navy" | "coal" | "ayu") {
        "dark"
    } else {
        "default"
    };
    for (index, diagram) in report.diagrams.iter().enumerate() {
        let name = format!(
            "diagram {index} ({})",
            diagram.kind.as_deref().unwrap_or("not drawn")
        );
        if !diagram.drawn {
            problems.push(format!(
                "{name}: no drawing; did book/theme/mermaid-init.js load book/src/diagrams/mermaid.min.js?"
            ));
        }
        if diagram.error {
            problems.push(format!(
                "{name}: Mermaid could not read the diagram's text (it drew its error picture)"
            ));
        }
        // On a desktop a diagram fits the column; on a phone one too wide
        // to stay legible may scroll inside its box (checked below).
        let wider_than = if report.viewport_width >= 1000.0 {
            diagram.width
        } else {
            diagram.box_width
        };
        if wider_than > diagram.column_width + 1.0 {
            problems.push(format!(
                "{name} is {wider_than} px wide in a {} px text column",
                diagram.column_width
            ));
        }
        if diagram.name.trim().is_empty() || diagram.description.trim().is_empty() {
            problems.push(format!(
                "{name} has no text alternative (name {:?}, description {:?}): give it \
                 `accTitle:` and `accDescr:` lines, which a screen reader reads",
                diagram.name, diagram.description
            ));
        }
        if diagram.drawn && diagram.smallest_text < SMALLEST_TEXT {
            problems.push(format!(
                "{name}: its smallest label is drawn {} px tall, under {SMALLEST_TEXT} px",
                diagram.smallest_text
            ));
        }
        if !diagram.keyboard_reachable {
            problems.push(format!(
                "{name} scrolls sideways in its {} px box but the keyboard cannot reach it",
                diagram.box_width
            ));
        }
        problems.extend(contrast_problem(
            &name,
            &report.theme,
            diagram.contrast.as_ref(),
        ));
        if diagram.drawn_in.as_deref() != Some(expected_theme) {
            problems.push(format!(
                "{name} is drawn in Mermaid's {:?} theme on mdBook's {} theme, expected {expected_theme}",
                diagram.drawn_in, report.theme
            ));
        }
    }
    problems
}

/// The least contrast a diagram label may have against what is behind it
/// (WCAG AA for normal text).
const LEAST_CONTRAST: f64 = 4.5;

/// The smallest a diagram label may be drawn, in CSS px (a little under
/// the 11 px `book/theme/mermaid-init.js` keeps, for rounding).
const SMALLEST_TEXT: f64 = 10.5;

fn contrast_problem(
    name: &str,
    theme: &str,
    contrast: Option<&Contrast>,
) -> Option<String> {
    let contrast = contrast?;
    (contrast.ratio < LEAST_CONTRAST).then(|| {
        format!(
            "{name}, {theme} theme: the label `{}` ({} on {}) has contrast {}:1, under {LEAST_CONTRAST}:1 \
             (set Mermaid's colours in book/theme/mermaid-init.js)",
            contrast.text, contrast.colour, contrast.background, contrast.ratio
        )
    })
}

/// The diagrams' contrast in every theme, when the URL asked for it.
pub fn theme_contrast_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for theme in &report.theme_contrast {
        for (index, contrast) in theme.diagrams.iter().enumerate() {
            let name = format!("diagram {index}");
            problems.extend(contrast_problem(&name, &theme.theme, contrast.as_ref()));
        }
    }
    problems
}
