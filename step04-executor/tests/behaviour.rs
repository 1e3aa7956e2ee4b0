//! The behaviour suite (crate `step04-behaviour`), run on the library
//! (the tuned stage 6).
//!
//! Every executor from stage 3 on promises the same things: what a
//! `JoinHandle` gives, the order tasks run in, what a panic or a cancel
//! does, that no wake is lost, and (from stage 4) how timers behave. The
//! suite says each promise once, generic over the executor; the stage
//! programs run it on their executors (their `behaviour` modules), and
//! this file on the library, with every group, and the task promises on
//! the library's task. A stage that passes them keeps every promise the
//! earlier stages made.

use std::future::Future;
use std::sync::mpsc;
use std::time::Duration;

use step04_executor::task::{JoinHandle, Runnable, Schedule};
use step04_executor::{block_on, sleep};

step04_behaviour::executor!(Library {
    executor: step04_executor,
    task: step04_executor,
    timer: step04_executor,
});
step04_behaviour::tests!(Library: join, order, cancel, panic, wakes, timers, sockets);

// The task promises, on the library's task: its scheduler is a trait
// (`Schedule`), so the one that sends each woken task down a channel is a
// type here.
step04_behaviour::task!(LibraryTask {
    task: step04_executor::task,
    runnable: Runnable<Listed>,
    spawn_listed: spawn_listed,
});
step04_behaviour::tests!(LibraryTask: task);

/// A scheduler that sends each woken task down a channel.
#[derive(Debug, Clone)]
struct Listed(mpsc::Sender<Runnable<Listed>>);

impl Schedule for Listed {
    fn schedule(runnable: Runnable<Listed>) {
        let sender = runnable.scheduler().0.clone();
        let _ = sender.send(runnable);
    }
}

/// Spawns `future` as a task whose every wake sends its `Runnable` down a
/// channel; returns the first `Runnable`, the handle and the channel.
#[allow(clippy::type_complexity)] // the three parts a test takes apart
fn spawn_listed<F>(
    future: F,
) -> (
    Runnable<Listed>,
    JoinHandle<F::Output>,
    mpsc::Receiver<Runnable<Listed>>,
)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (scheduled, woken) = mpsc::channel();
    let (runnable, handle) = step04_executor::task::spawn(future, Listed(scheduled));
    (runnable, handle, woken)
}

// What only stage 6 promises: its timers keep deadline order even when
// the first polls come late (`src/timer.rs`, `in_order`), because even a
// sleep that is already due waits for its turn.

#[test]
fn deadlines_keep_their_order_when_first_polls_are_slow() {
    // Play the slow machine: each first poll takes longer than the gap
    // between two deadlines.
    let order =
        step04_behaviour::timers::finish_order::<Library>(Duration::from_millis(15));
    assert_eq!(order, [0, 10, 20, 30, 40]);
}

#[test]
fn a_sleep_of_zero_finishes_after_one_turn() {
    let polls = block_on(async {
        let mut polls = 0;
        let mut nap = std::pin::pin!(sleep(Duration::ZERO));
        std::future::poll_fn(|cx| {
            polls += 1;
            nap.as_mut().poll(cx)
        })
        .await;
        polls
    });
    assert_eq!(polls, 2, "registered once, then found due");
}
