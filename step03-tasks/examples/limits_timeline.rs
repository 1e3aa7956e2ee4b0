//! The concurrency limit over time:
//! `cargo run -p step03-tasks --example limits_timeline`.
//!
//! Fetches six pages of 200 ms through `buffered(limit)` with limits 1, 3
//! and 6, records when each fetch started and ended, and prints the run as
//! a [Mermaid](https://mermaid.js.org/) Gantt chart: one bar per fetch. The
//! book draws its chart from this program's recorded output
//! (`limits_timeline.out`), which the listings test compares with a fresh
//! run, so the picture is always a real run.

use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::stream;
use step03_tasks::client::fetch;
use step03_tasks::server::Server;

/// One bar of the chart: which page, and when its fetch started and ended.
struct Bar {
    page: String,
    start: Duration,
    end: Duration,
}

// ANCHOR: timeline
/// Fetches `pages` at most `limit` at a time, as `fetch_all_bounded` does,
/// and records each fetch's start and end from the moment the first began.
async fn fetch_timed(server: &Server, pages: &[String], limit: usize) -> Vec<Bar> {
    let begin = Instant::now();
    stream::iter(pages)
        .map(|page| async move {
            let start = begin.elapsed();
            let result = fetch(server.addr(), page).await;
            assert!(result.is_ok(), "the lesson server serves every page");
            let end = begin.elapsed();
            Bar {
                page: page.clone(),
                start,
                end,
            }
        })
        .buffered(limit)
        .collect()
        .await
}
// ANCHOR_END: timeline

#[async_std::main]
async fn main() -> std::io::Result<()> {
    let server = Server::start(Duration::from_millis(200)).await?;
    let pages: Vec<String> = (1..=6).map(|number| format!("page-{number}")).collect();
    let mut sections = Vec::new();
    for limit in [1, 3, 6] {
        sections.push((limit, fetch_timed(&server, &pages, limit).await));
    }
    print_gantt(&sections);
    Ok(())
}

/// Prints the bars as a Mermaid Gantt chart, one section per limit, with
/// the title and description a screen reader reads instead of the picture.
/// Times are seconds rounded to a hundredth, which the listings test checks
/// against a bound rather than digit by digit.
fn print_gantt(sections: &[(usize, Vec<Bar>)]) {
    println!("---\nconfig:\n  gantt:\n    leftPadding: 90\n---");
    println!("gantt");
    println!("    title Six fetches of 200 ms through buffered(limit)");
    println!("    accTitle: Six fetches with concurrency limits 1, 3 and 6");
    let totals: Vec<String> = sections
        .iter()
        .map(|(limit, bars)| format!("limit {limit} takes {}", seconds(total(bars))))
        .collect();
    println!(
        "    accDescr: One bar per fetch, from its start to its end. {}.",
        totals.join(", ")
    );
    println!("    dateFormat s.SSS [s]");
    println!("    axisFormat %-S.%L");
    // Ticks 0.4 s apart: on a phone, 0.2 s apart, their labels overlap.
    println!("    tickInterval 400millisecond");
    for (limit, bars) in sections {
        println!("    section limit {limit}");
        for bar in bars {
            let (start, end) = (seconds(bar.start), seconds(bar.end));
            println!("    {} : {start}, {end}", bar.page);
        }
    }
}

fn total(bars: &[Bar]) -> Duration {
    bars.iter().map(|bar| bar.end).max().unwrap_or_default()
}

/// A duration rounded to a hundredth of a second, written with three
/// decimals (`0.200 s`), the chart's date format.
fn seconds(duration: Duration) -> String {
    let hundredths = (duration.as_secs_f64() * 100.0).round();
    format!("{:.3} s", hundredths / 100.0)
}
