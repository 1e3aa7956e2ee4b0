//! Sequential versus concurrent awaits, measured:
//! `cargo run -p step02-basic-async --example timeline`.
//!
//! Runs three sleeps one after the other, then the same three together, and
//! prints what happened as a [Mermaid](https://mermaid.js.org/) Gantt chart:
//! one bar per sleep, from the moment it started to the moment it ended,
//! measured. The book draws its chart from this program's recorded output
//! (`timeline.out`), which the listings test compares with a fresh run.

use std::time::Duration;

use async_std::task;
use step02_basic_async::Stopwatch;

/// One bar of the chart: what ran, and when it started and ended.
struct Bar {
    what: &'static str,
    start: Duration,
    end: Duration,
}

// ANCHOR: timeline
/// Sleeps `millis` ms (one tenth of a second stands for one minute of the
/// recipe) and reports when, on `watch`, the sleep started and ended.
async fn brew(watch: &Stopwatch, what: &'static str, millis: u64) -> Bar {
    let start = watch.elapsed();
    task::sleep(Duration::from_millis(millis)).await;
    let end = watch.elapsed();
    Bar { what, start, end }
}

#[async_std::main]
async fn main() {
    // One after the other: each `.await` ends before the next line starts.
    let watch = Stopwatch::start();
    let boil = brew(&watch, "boil water", 500).await;
    let grind = brew(&watch, "grind beans", 200).await;
    let warm = brew(&watch, "warm the cups", 300).await;
    let in_sequence = [boil, grind, warm];

    // Together: `join!` polls the three futures in turn, inside this task,
    // so their sleeps overlap. Nothing is spawned; Step 3 does that.
    let watch = Stopwatch::start();
    let (boil, grind, warm) = futures::join!(
        brew(&watch, "boil water", 500),
        brew(&watch, "grind beans", 200),
        brew(&watch, "warm the cups", 300),
    );
    let together = [boil, grind, warm];

    print_gantt(&[("one after another", &in_sequence), ("together", &together)]);
}
// ANCHOR_END: timeline

/// Prints the bars as a Mermaid Gantt chart, one section per way of
/// running them. Times are seconds rounded to a hundredth (see [`seconds`]),
/// so that the same run on a slower machine prints the same text or a little
/// more; the listings test checks each one against a bound rather than
/// digit by digit.
fn print_gantt(sections: &[(&str, &[Bar])]) {
    // Room on the left for the section names.
    println!("---\nconfig:\n  gantt:\n    leftPadding: 150\n---");
    println!("gantt");
    println!("    title Three sleeps, measured (seconds)");
    // What a screen reader says instead of the picture.
    println!("    accTitle: Three sleeps, one after another and together");
    println!("    accDescr: {}", describe(sections));
    println!("    dateFormat s.SSS [s]");
    println!("    axisFormat %-S.%L");
    println!("    tickInterval 200millisecond");
    for (name, bars) in sections {
        let total = bars.iter().map(|bar| bar.end).max().unwrap_or_default();
        println!("    section {name} ({})", seconds(total));
        for bar in *bars {
            println!(
                "    {} : {}, {}",
                bar.what,
                seconds(bar.start),
                seconds(bar.end)
            );
        }
    }
}

/// The chart in a sentence: how long each way of running the bars took.
fn describe(sections: &[(&str, &[Bar])]) -> String {
    let totals: Vec<String> = sections
        .iter()
        .map(|(name, bars)| {
            let total = bars.iter().map(|bar| bar.end).max().unwrap_or_default();
            format!("{name}, the sleeps take {} in all", seconds(total))
        })
        .collect();
    let sentence = totals.join("; ");
    let mut letters = sentence.chars();
    let first = letters.next().map(|c| c.to_ascii_uppercase());
    format!(
        "{}{}.",
        first.into_iter().collect::<String>(),
        letters.as_str()
    )
}

/// A duration rounded to a hundredth of a second and written with three
/// decimals, `0.500 s`: Mermaid reads times in the chart's date format,
/// `s.SSS [s]`, which wants milliseconds.
fn seconds(duration: Duration) -> String {
    let hundredths = (duration.as_secs_f64() * 100.0).round();
    format!("{:.3} s", hundredths / 100.0)
}
