//! Troubleshooting: a std::sync::Mutex guard held across an .await in a
//! spawned task. The book shows the compiler's error, kept in
//! std_mutex_across_await.expected.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_std::task;

pub struct Stock {
    pub items: u32,
}

// ANCHOR: held
pub fn sell_one(stock: Arc<Mutex<Stock>>) {
    task::spawn(async move {
        let mut guard = stock.lock().unwrap();
        task::sleep(Duration::from_millis(10)).await; // the guard is still held here
        guard.items -= 1;
    });
}
// ANCHOR_END: held
