//! The diagrams: each drawn by Mermaid in the page's theme, within the text
//! column, with a text alternative, labels legible (size and contrast in
//! every theme) and reachable by keyboard when it scrolls.

use tests::browser::Visit;
use tests::files;

use super::problems::layout_problems;
use super::{Contrast, Report};
use super::{PHONE, book, chromium, report_from, screenshots};

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
fn theme_contrast_problems(report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for theme in &report.theme_contrast {
        for (index, contrast) in theme.diagrams.iter().enumerate() {
            let name = format!("diagram {index}");
            problems.extend(contrast_problem(&name, &theme.theme, contrast.as_ref()));
        }
    }
    problems
}

/// The pages of the built book that hold a diagram (`<pre
/// class="mermaid">`), by file name, each with how many it holds; one at
/// least.
pub fn pages_with_diagrams() -> Vec<(String, usize)> {
    let mut pages: Vec<(String, usize)> = files::below(book(), "html")
        .into_iter()
        .filter_map(|page| {
            let html = std::fs::read_to_string(&page).ok()?;
            let diagrams = html.matches("<pre class=\"mermaid\"").count();
            let name = page.file_name()?.to_string_lossy().into_owned();
            (diagrams > 0).then_some((name, diagrams))
        })
        .collect();
    // Here, not in one test: with no page found, every check of the
    // diagrams (here and in `print.rs`) would pass on nothing.
    assert!(!pages.is_empty(), "the built book has no diagram at all");
    pages.sort();
    pages
}

/// Every diagram, on every page that has one, is drawn and fits the text
/// column in the light theme, in the navy theme and on a 390 px phone; each
/// has a text alternative (accTitle, accDescr), labels at 4.5:1 contrast or
/// more in each of mdBook's five themes (print uses the light one), and at
/// least 10.5 px tall on the phone (a wide one scrolls in its box, reachable
/// by keyboard). Each look is one Chromium run that shows every page with a
/// diagram at once, cut down to its diagrams, and one screenshot of them
/// all for a person to look at: `diagrams-{light,navy,phone}.png`. The
/// whole book on one page, printed, draws them all (`print.rs`).
#[test]
fn every_diagram_is_drawn_and_fits_the_column_in_light_navy_and_on_a_phone() {
    let Some(chromium) = chromium("every_diagram_is_drawn") else {
        return;
    };
    let pages = pages_with_diagrams();
    let mut problems = Vec::new();
    let mut kinds = Vec::new();
    let mut total = 0;
    for look in ["light", "navy", "phone"] {
        // The check script reports on the whole page before `?show=`
        // hides all but the diagrams; the light run also measures their
        // contrast in every theme. Each frame is tall enough for its page's
        // diagrams in the screenshot.
        let visits: Vec<Visit> = pages
            .iter()
            .map(|(name, diagrams)| {
                let page = Visit::new(book().join(name));
                let height = 900 * *diagrams as u32;
                match look {
                    "light" => {
                        page.window(1280, height).query("?show=diagrams&themes=all")
                    }
                    "navy" => page.window(1280, height).dark().query("?show=diagrams"),
                    _ => page
                        .phone(PHONE)
                        .window(500, height)
                        .query("?show=diagrams"),
                }
            })
            .collect();
        let png = screenshots().join(format!("diagrams-{look}.png"));
        let doms = chromium.dump_reports_and_screenshot_stacked(&visits, &png);
        for (((name, _), visit_as), dom) in pages.iter().zip(&visits).zip(&doms) {
            let dom = dom.as_ref().unwrap_or_else(|error| panic!("{error}"));
            let report = report_from(visit_as, dom);
            if look == "light" {
                total += report.diagrams.len();
                kinds.extend(report.diagrams.iter().filter_map(|d| d.kind.clone()));
            }
            problems.extend(
                [
                    diagram_problems(&report),
                    theme_contrast_problems(&report),
                    layout_problems(&report),
                ]
                .concat()
                .into_iter()
                .map(|problem| format!("{name} ({look}): {problem}")),
            );
        }
    }
    assert_eq!(
        total,
        pages.iter().map(|(_, diagrams)| diagrams).sum::<usize>(),
        "the browser found another number of diagrams than the pages hold"
    );
    for kind in ["sequence", "stateDiagram", "gantt"] {
        assert!(
            kinds.iter().any(|found| found == kind),
            "no `{kind}` diagram in the book (found {kinds:?})"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
