//! Exercise 2.3: Measure a sequence of awaits.
//!
//! The tests that `cargo exercises check 2.3` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::cell::Cell;
use std::time::Duration;

use async_std::task;

use exercise::{follow, timed};

const MS: Duration = Duration::from_millis(1);

#[test]
fn timed_gives_back_the_output() {
    let (answer, _) = task::block_on(timed(async { 42 }));
    assert_eq!(
        answer, 42,
        "timed(future) should give back the future's own output"
    );
}

#[test]
fn timed_measures_at_least_the_sleep() {
    let ((), took) = task::block_on(timed(task::sleep(30 * MS)));
    assert!(
        took >= 30 * MS,
        "timed measured a 30 ms sleep as {took:?}: start the clock before `future.await` and \
         read it after"
    );
}

#[test]
fn follow_names_every_step_in_order() {
    let recipe = [("grind", 20 * MS), ("boil", 40 * MS), ("pour", 10 * MS)];
    let measured = task::block_on(follow(&recipe));
    let names: Vec<&str> = measured.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        ["grind", "boil", "pour"],
        "follow should return one entry per step, in the recipe's order"
    );
}

#[test]
fn follow_measures_each_step_at_least_its_duration() {
    let recipe = [("grind", 20 * MS), ("boil", 40 * MS), ("pour", 10 * MS)];
    let measured = task::block_on(follow(&recipe));
    assert_eq!(
        measured.len(),
        recipe.len(),
        "follow should return one entry per step"
    );
    for ((name, took), (_, asked)) in measured.iter().zip(recipe) {
        assert!(
            *took >= asked,
            "the step {name} was measured as {took:?}, less than the {asked:?} it sleeps: time \
             each step's sleep with `timed`"
        );
    }
}

#[test]
fn a_sequence_takes_at_least_the_sum_of_its_steps() {
    let recipe = [("grind", 20 * MS), ("boil", 40 * MS)];
    let (_, total) = task::block_on(timed(follow(&recipe)));
    assert!(
        total >= 60 * MS,
        "two steps of 20 ms and 40 ms took only {total:?} together: follow should run the \
         steps one after the other, awaiting each sleep before the next"
    );
}

#[test]
fn other_futures_keep_running_while_follow_sleeps() {
    // `follow` runs on this one thread beside a ticker that counts a tick
    // every 2 ms until `follow` is done. Awaiting a sleep lets the ticker
    // run meanwhile (about 150 ticks in 300 ms); blocking the thread stops
    // it from ticking at all. At least 3 ticks leaves a wide margin for a
    // busy machine.
    let recipe = [("grind", 100 * MS), ("boil", 100 * MS), ("pour", 100 * MS)];
    let done = Cell::new(false);
    let ticks = Cell::new(0_u32);
    let work = async {
        let measured = follow(&recipe).await;
        done.set(true);
        measured
    };
    let ticker = async {
        while !done.get() {
            task::sleep(2 * MS).await;
            if !done.get() {
                ticks.set(ticks.get() + 1);
            }
        }
    };
    let (measured, ()) =
        futures::executor::block_on(futures::future::join(work, ticker));
    assert_eq!(
        measured.len(),
        recipe.len(),
        "follow should return one entry per step"
    );
    assert!(
        ticks.get() >= 3,
        "the ticker beside `follow` ticked {} times during three steps of 100 ms: it could not \
         tick while a step ran. `std::thread::sleep` blocks the whole thread, and every other \
         future on it; use `async_std::task::sleep(..).await`",
        ticks.get()
    );
}
