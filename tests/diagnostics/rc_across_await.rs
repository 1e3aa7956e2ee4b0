//! Send across .await: an `Rc` alive across an `.await` in a spawned task.
//! The book shows the compiler's error, kept in rc_across_await.expected.

use std::rc::Rc;
use std::time::Duration;

use async_std::task;

// ANCHOR: rc
pub fn greet_later(name: String) {
    task::spawn(async move {
        let shared_name = Rc::new(name); // Rc: counted without atomics
        task::sleep(Duration::from_millis(10)).await;
        println!("hello, {shared_name}");
    });
}
// ANCHOR_END: rc
