//! The diagrams: each drawn by Mermaid in the page's theme, within the text
//! column, with a text alternative, labels legible (size and contrast in
//! every theme) and reachable by keyboard when it scrolls.

use tests::browser::Visit;

use super::problems::{diagram_problems, layout_problems, theme_contrast_problems};
use super::{PHONE, book, chromium, pages_with_diagrams, report_from, screenshots};

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
