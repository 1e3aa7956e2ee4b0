//! Exercise 4.6: Park a worker without losing a wake.
//!
//! The tests that `cargo exercises check 4.6` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use exercise::Sleepers;

// `watchdog::run_within`, a time limit for a test: in tests/watchdog/mod.rs,
// written by `cargo exercises` from tests/exercises-tool/test-support/.
mod watchdog;

/// How long a test waits before it fails. Everything here takes
/// milliseconds.
const WATCHDOG: Duration = Duration::from_secs(5);

/// Waits until `sleepers` lists `count` workers.
fn until_listed(sleepers: &Sleepers, count: usize) {
    while sleepers.sleeping() != count {
        thread::sleep(Duration::from_millis(1));
    }
}

/// Starts a worker thread that sleeps (finding no work) and counts itself
/// in `returned` when `sleep` returns.
fn sleeping_worker(sleepers: &Arc<Sleepers>, returned: &Arc<AtomicUsize>) {
    let (sleepers, returned) = (Arc::clone(sleepers), Arc::clone(returned));
    thread::spawn(move || {
        sleepers.sleep(|| false);
        returned.fetch_add(1, Ordering::SeqCst);
    });
}

#[test]
fn wake_one_with_no_sleeper_does_nothing() {
    let sleepers = Sleepers::new();
    sleepers.wake_one();
    assert_eq!(sleepers.sleeping(), 0, "nobody sleeps, so nobody is listed");
}

#[test]
fn a_sleeping_worker_is_listed_then_woken() {
    let if_hung = "a worker that sleeps should be listed (sleeping() == 1), and \
                   wake_one should make its sleep() return: did not happen within 5 s";
    let sleepers = Arc::new(Sleepers::new());
    let returned = Arc::new(AtomicUsize::new(0));
    watchdog::run_within(WATCHDOG, if_hung, move || {
        sleeping_worker(&sleepers, &returned);
        until_listed(&sleepers, 1);
        sleepers.wake_one();
        while returned.load(Ordering::SeqCst) == 0 {
            thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(
            sleepers.sleeping(),
            0,
            "the woken worker should no longer be listed as sleeping"
        );
    });
}

#[test]
fn a_push_right_after_the_last_look_wakes_the_worker() {
    // The worker's look finds the queues empty; a task is pushed right
    // after that look, and its pusher calls wake_one, before the worker
    // parks. has_work() plays both: it answers "no work", then pushes.
    let lost = "sleep() did not return within 5 s, although a task was pushed and \
                wake_one called right after its last look at the queues: the wake was \
                lost. List the thread as sleeping before that last look (has_work), \
                not after it, and call has_work() without holding the list's lock";
    let sleepers = Arc::new(Sleepers::new());
    watchdog::run_within(WATCHDOG, lost, move || {
        let pushed = AtomicBool::new(false);
        sleepers.sleep(|| {
            let found = pushed.swap(true, Ordering::SeqCst);
            if !found {
                sleepers.wake_one(); // the pusher, just after the look
            }
            found
        });
        assert_eq!(
            sleepers.sleeping(),
            0,
            "sleep() returned, so the worker should no longer be listed as sleeping"
        );
    });
}

#[test]
fn a_worker_that_finds_work_is_no_longer_listed() {
    let if_hung = "sleep() did not return within 5 s although has_work() said there \
                   was work: do not park when the last look finds a task";
    let sleepers = Arc::new(Sleepers::new());
    let listed = watchdog::run_within(WATCHDOG, if_hung, move || {
        sleepers.sleep(|| true);
        sleepers.sleeping()
    });
    assert_eq!(
        listed, 0,
        "sleep() returned because has_work() found a task, but the worker is still \
         listed as sleeping: the next wake_one would go to it, which is not asleep, \
         and a worker that is would not be woken. Take the thread off the list before \
         returning"
    );
}

#[test]
fn wake_one_wakes_one_worker_at_a_time() {
    let if_hung = "two sleeping workers, woken one at a time: a worker did not return \
                   within 5 s of its wake_one";
    let sleepers = Arc::new(Sleepers::new());
    let returned = Arc::new(AtomicUsize::new(0));
    let (after_one, after_two) = watchdog::run_within(WATCHDOG, if_hung, move || {
        sleeping_worker(&sleepers, &returned);
        sleeping_worker(&sleepers, &returned);
        until_listed(&sleepers, 2);
        sleepers.wake_one();
        let after_one = sleepers.sleeping();
        while returned.load(Ordering::SeqCst) < 1 {
            thread::sleep(Duration::from_millis(1));
        }
        sleepers.wake_one();
        while returned.load(Ordering::SeqCst) < 2 {
            thread::sleep(Duration::from_millis(1));
        }
        (after_one, sleepers.sleeping())
    });
    assert_eq!(
        after_one, 1,
        "two workers slept and one wake_one left {after_one} listed: wake_one should \
         take exactly one thread off the list, and wake it"
    );
    assert_eq!(
        after_two, 0,
        "both workers were woken: none should still be listed"
    );
}
