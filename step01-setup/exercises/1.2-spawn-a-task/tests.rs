//! Exercise 1.2: Spawn a task and get its result.
//!
//! The tests that `cargo exercises check 1.2` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::time::Duration;

use async_std::task;

use exercise::{spawn_square, sum_of_squares};

#[test]
fn the_handle_gives_the_tasks_result() {
    assert_eq!(
        task::block_on(spawn_square(7)),
        49,
        "awaiting the handle of spawn_square(7) should give 7 * 7"
    );
    assert_eq!(
        task::block_on(spawn_square(0)),
        0,
        "awaiting the handle of spawn_square(0) should give 0"
    );
}

#[test]
fn the_handle_can_be_awaited_later() {
    // The task is scheduled at once, like asyncio.create_task; its result
    // waits in the handle until somebody asks for it.
    let handle = spawn_square(12);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        task::block_on(handle),
        144,
        "a handle awaited a while after spawn_square(12) should still give 144"
    );
}

#[test]
fn sums_the_squares_of_many_numbers() {
    let numbers: Vec<u64> = (1..=100).collect();
    assert_eq!(
        task::block_on(sum_of_squares(&numbers)),
        338_350,
        "the squares of 1 to 100 add up to 338350: await every handle and add up the results"
    );
    assert_eq!(
        task::block_on(sum_of_squares(&[])),
        0,
        "the sum of the squares of no numbers is 0"
    );
}
