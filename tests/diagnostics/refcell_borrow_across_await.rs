//! Send across .await: a `RefCell` borrow alive across an `.await` in a
//! spawned task. The book shows the compiler's error, kept in
//! refcell_borrow_across_await.expected.

use std::cell::RefCell;
use std::time::Duration;

use async_std::task;

// ANCHOR: borrowed
pub fn log_first(lines: Vec<String>) {
    task::spawn(async move {
        let lines = RefCell::new(lines);
        let first = lines.borrow(); // a Ref<'_, Vec<String>>
        task::sleep(Duration::from_millis(10)).await;
        println!("first line: {:?}", first.first());
    });
}
// ANCHOR_END: borrowed
