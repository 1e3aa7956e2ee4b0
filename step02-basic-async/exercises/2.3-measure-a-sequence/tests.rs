use std::time::Duration;

use async_std::task;

use exercise::{follow, timed};

const MS: Duration = Duration::from_millis(1);

#[test]
fn timed_gives_back_the_output() {
    let (answer, _) = task::block_on(timed(async { 42 }));
    assert_eq!(answer, 42);
}

#[test]
fn timed_measures_at_least_the_sleep() {
    let ((), took) = task::block_on(timed(task::sleep(30 * MS)));
    assert!(took >= 30 * MS, "a 30 ms sleep measured as {took:?}");
}

#[test]
fn follow_measures_every_step_in_order() {
    let recipe = [("grind", 20 * MS), ("boil", 40 * MS), ("pour", 10 * MS)];
    let measured = task::block_on(follow(&recipe));
    let names: Vec<&str> = measured.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["grind", "boil", "pour"]);
    for ((name, took), (_, asked)) in measured.iter().zip(recipe) {
        assert!(*took >= asked, "{name} took {took:?}, less than {asked:?}");
    }
}

#[test]
fn a_sequence_takes_at_least_the_sum_of_its_steps() {
    let recipe = [("grind", 20 * MS), ("boil", 40 * MS)];
    let (_, total) = task::block_on(timed(follow(&recipe)));
    assert!(
        total >= 60 * MS,
        "two steps in sequence took only {total:?}"
    );
}
