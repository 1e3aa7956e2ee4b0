//! Exercise 2.1: Make the forgotten future run
//!
//! Instructions: the book, Step 2, "Exercise 2.1".
//! Check your work with `cargo exercises check 2.1`.

use std::cell::RefCell;

/// Writes `Hello, <name>!` into the log. Like every `async fn`, calling it
/// does nothing by itself: it returns a future.
pub async fn greet(log: &RefCell<Vec<String>>, name: &str) {
    log.borrow_mut().push(format!("Hello, {name}!"));
}

/// Greets everybody in `names`, in order.
pub async fn greet_everyone(log: &RefCell<Vec<String>>, names: &[&str]) {
    for name in names {
        // STUDENT: nobody gets greeted: make this greeting actually run
        // STARTER: greet(log, name);
        greet(log, name).await;
        // END STUDENT
    }
}
