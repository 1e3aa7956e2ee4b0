//! Send across .await: `drop(guard)` before the `.await` does not make the
//! task `Send`; a `{ }` block does. The book shows the compiler's error,
//! kept in drop_is_not_enough.expected.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_std::task;

// ANCHOR: dropped
pub fn wait_my_turn(counter: Arc<Mutex<u64>>) {
    task::spawn(async move {
        let mut count = counter.lock().unwrap();
        *count += 1;
        let turn = *count;
        drop(count); // released here, yet the compiler still objects
        task::sleep(Duration::from_millis(turn)).await;
    });
}
// ANCHOR_END: dropped
