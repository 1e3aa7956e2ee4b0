//! Exercise 4.4: Make the timers fire in order.
//!
//! The tests that `cargo exercises check 4.4` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Wake, Waker};

use exercise::Timers;

type Log = Arc<Mutex<Vec<&'static str>>>;

/// A waker that writes its name into a shared log when woken.
struct Named {
    name: &'static str,
    log: Log,
}

impl Wake for Named {
    fn wake(self: Arc<Self>) {
        woken(&self.log).push(self.name);
    }
}

fn named(name: &'static str, log: &Log) -> Waker {
    Waker::from(Arc::new(Named {
        name,
        log: Arc::clone(log),
    }))
}

/// The names of the wakers woken so far, in the order they were woken.
fn woken(log: &Log) -> MutexGuard<'_, Vec<&'static str>> {
    log.lock()
        .expect("the log is intact: no test panics while it holds the lock")
}

/// Timers scheduled out of order (c at 30, a at 10, b at 20, a2 at 10), and
/// the log their wakers write their names to.
fn scheduled() -> (Timers, Log) {
    let log = Log::default();
    let mut timers = Timers::new();
    timers.schedule(30, named("c", &log));
    timers.schedule(10, named("a", &log));
    timers.schedule(20, named("b", &log));
    timers.schedule(10, named("a2", &log));
    (timers, log)
}

/// Calls `timers.fire_due(now)`, which should fire `expected` timers; `why`
/// says which are due.
#[track_caller]
fn fire(timers: &mut Timers, now: u64, expected: usize, why: &str) {
    assert_eq!(timers.fire_due(now), expected, "{why}");
}

/// Checks how many timers still wait, and the earliest deadline among them.
#[track_caller]
fn still_waiting(timers: &Timers, count: usize, next_deadline: Option<u64>, why: &str) {
    assert_eq!(timers.len(), count, "{why}");
    assert_eq!(timers.next_deadline(), next_deadline, "{why}");
}

#[test]
fn the_next_deadline_is_the_earliest() {
    let (timers, _) = scheduled();
    assert_eq!(
        timers.next_deadline(),
        Some(10),
        "timers at 30, 10, 20 and 10 are waiting: the next deadline is the smallest, 10"
    );
    assert_eq!(
        Timers::new().next_deadline(),
        None,
        "no timer is waiting, so there is no next deadline"
    );
}

#[test]
fn nothing_fires_before_its_deadline() {
    let (mut timers, log) = scheduled();
    fire(
        &mut timers,
        9,
        0,
        "at 9 no timer is due (the earliest is at 10), so fire_due(9) should fire none",
    );
    assert!(
        woken(&log).is_empty(),
        "at 9 no timer is due, yet these were woken: {:?}",
        woken(&log)
    );
    still_waiting(
        &timers,
        4,
        Some(10),
        "fire_due(9) fired none, so all 4 timers should still wait, the first at 10",
    );
}

#[test]
fn a_timer_fires_at_its_deadline() {
    let (mut timers, _) = scheduled();
    fire(
        &mut timers,
        10,
        2,
        "a and a2 are due at 10: fire_due(10) should fire both (a deadline equal to `now` is due)",
    );
}

#[test]
fn due_timers_fire_earliest_first_and_ties_in_scheduling_order() {
    let (mut timers, log) = scheduled();
    fire(
        &mut timers,
        25,
        3,
        "a and a2 (at 10) and b (at 20) are due at 25: fire_due(25) should fire 3",
    );
    assert_eq!(
        *woken(&log),
        ["a", "a2", "b"],
        "the due timers must wake earliest deadline first (a and a2 at 10 before b at 20), and \
         timers with the same deadline in the order they were scheduled (a before a2): sort the \
         due entries by (deadline, sequence) before waking them"
    );
    still_waiting(
        &timers,
        1,
        Some(30),
        "3 of the 4 timers fired, so only c, at 30, should still wait: fire_due must remove the \
         timers it fires",
    );
}

#[test]
fn a_timer_fires_once_and_the_list_empties() {
    let (mut timers, log) = scheduled();
    fire(
        &mut timers,
        100,
        4,
        "all 4 timers are due at 100: fire_due(100) should fire 4",
    );
    fire(
        &mut timers,
        200,
        0,
        "every timer already fired at 100, yet fire_due(200) fired some again: fire_due must \
         remove the timers it fires",
    );
    assert_eq!(
        *woken(&log),
        ["a", "a2", "b", "c"],
        "each timer should be woken exactly once, earliest deadline first"
    );
    still_waiting(
        &timers,
        0,
        None,
        "every timer fired, so none should still wait, and there is no next deadline",
    );
}

#[test]
fn an_executor_loop_driven_by_next_deadline_wakes_in_order() {
    // What an executor does when every task sleeps: jump the clock to the
    // next deadline and fire what is due, until no timer is left. Three
    // distinct deadlines take three rounds; a loop still going after ten
    // rounds would never end.
    let (mut timers, log) = scheduled();
    let mut rounds = Vec::new();
    while let Some(now) = timers.next_deadline() {
        rounds.push((now, timers.fire_due(now)));
        assert!(
            rounds.len() <= 10,
            "the loop `while let Some(now) = next_deadline() {{ fire_due(now) }}` did not end: \
             after 10 rounds the (now, fired) pairs were {rounds:?}. fire_due(now) must fire the \
             timers due at `now` and remove them"
        );
    }
    assert_eq!(
        rounds,
        [(10, 2), (20, 1), (30, 1)],
        "the (now, fired) rounds of the loop should be: 2 timers at 10, 1 at 20, 1 at 30"
    );
    assert_eq!(
        *woken(&log),
        ["a", "a2", "b", "c"],
        "the loop should wake every timer once, earliest deadline first"
    );
}
