use std::sync::{Arc, Mutex};
use std::task::{Wake, Waker};

use exercise::Timers;

/// A waker that writes its name into a shared log when woken.
struct Named {
    name: &'static str,
    log: Arc<Mutex<Vec<&'static str>>>,
}

impl Wake for Named {
    fn wake(self: Arc<Self>) {
        self.log.lock().unwrap().push(self.name);
    }
}

fn named(name: &'static str, log: &Arc<Mutex<Vec<&'static str>>>) -> Waker {
    Waker::from(Arc::new(Named {
        name,
        log: Arc::clone(log),
    }))
}

/// Timers scheduled out of order: c at 30, a at 10, b at 20, a2 at 10.
fn scheduled(log: &Arc<Mutex<Vec<&'static str>>>) -> Timers {
    let mut timers = Timers::new();
    timers.schedule(30, named("c", log));
    timers.schedule(10, named("a", log));
    timers.schedule(20, named("b", log));
    timers.schedule(10, named("a2", log));
    timers
}

#[test]
fn the_next_deadline_is_the_earliest() {
    let log = Arc::default();
    let timers = scheduled(&log);
    assert_eq!(timers.next_deadline(), Some(10));
    assert_eq!(Timers::new().next_deadline(), None);
}

#[test]
fn nothing_fires_before_its_deadline() {
    let log = Arc::default();
    let mut timers = scheduled(&log);
    assert_eq!(timers.fire_due(9), 0);
    assert!(log.lock().unwrap().is_empty());
    assert_eq!(timers.len(), 4);
}

#[test]
fn due_timers_fire_earliest_first_and_ties_in_scheduling_order() {
    let log = Arc::default();
    let mut timers = scheduled(&log);
    assert_eq!(timers.fire_due(25), 3);
    assert_eq!(*log.lock().unwrap(), ["a", "a2", "b"]);
    assert_eq!(timers.len(), 1);
    assert_eq!(timers.next_deadline(), Some(30));
}

#[test]
fn a_timer_fires_once_and_the_list_empties() {
    let log = Arc::default();
    let mut timers = scheduled(&log);
    assert_eq!(timers.fire_due(100), 4);
    assert_eq!(timers.fire_due(200), 0);
    assert_eq!(*log.lock().unwrap(), ["a", "a2", "b", "c"]);
    assert!(timers.is_empty());
    assert_eq!(timers.next_deadline(), None);
}

#[test]
fn an_executor_loop_driven_by_next_deadline_wakes_in_order() {
    // What an executor does when every task sleeps: jump the clock to the
    // next deadline and fire what is due, until no timer is left.
    let log = Arc::default();
    let mut timers = scheduled(&log);
    let mut rounds = Vec::new();
    while let Some(now) = timers.next_deadline() {
        rounds.push((now, timers.fire_due(now)));
    }
    assert_eq!(rounds, [(10, 2), (20, 1), (30, 1)]);
    assert_eq!(*log.lock().unwrap(), ["a", "a2", "b", "c"]);
}
