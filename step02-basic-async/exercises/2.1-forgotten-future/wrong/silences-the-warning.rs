//! Wrong solution of exercise 2.1: silences the warning with `let _ =` instead of awaiting
//! Expect: a future that is never awaited never runs

use std::cell::RefCell;

/// Writes `Hello, <name>!` into the log. Like every `async fn`, calling it
/// does nothing by itself: it returns a future.
pub async fn greet(log: &RefCell<Vec<String>>, name: &str) {
    log.borrow_mut().push(format!("Hello, {name}!"));
}

/// Greets everybody in `names`, in order.
pub async fn greet_everyone(log: &RefCell<Vec<String>>, names: &[&str]) {
    for name in names {
        let _ = greet(log, name);
    }
}
