//! Sequential awaits add up: `cargo run -p step02-basic-async --example sequential`.

use std::time::Duration;

use step02_basic_async::{Stopwatch, say_after, seconds};

// ANCHOR: sequential
async fn brew(what: &str, minutes_as_tenths: u64) -> String {
    // One tenth of a second stands for one minute of the recipe.
    say_after(Duration::from_millis(100 * minutes_as_tenths), what).await
}

#[async_std::main]
async fn main() {
    let watch = Stopwatch::start();
    let steps = [("boil water", 5), ("grind beans", 2), ("pour over", 3)];

    for (what, minutes) in steps {
        let done = brew(what, minutes).await;
        println!("{}", watch.stamp(&format!("{done} ({minutes} min)")));
    }

    let total: u64 = steps.iter().map(|(_, minutes)| minutes).sum();
    println!("{total} minutes of steps took {}", seconds(watch.elapsed()));
    println!("one .await after another: the delays add up");
}
// ANCHOR_END: sequential
