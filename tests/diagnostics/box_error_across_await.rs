//! Send across .await: a `Box<dyn Error>` alive across an `.await` in a
//! spawned task. The book shows the compiler's error, kept in
//! box_error_across_await.expected.

use std::error::Error;
use std::time::Duration;

use async_std::task;

async fn read_port(text: &str) -> Result<u16, Box<dyn Error>> {
    Ok(text.parse::<u16>()?)
}

// ANCHOR: boxed
pub fn start(setting: &'static str) {
    task::spawn(async move {
        if let Err(error) = read_port(setting).await {
            task::sleep(Duration::from_millis(10)).await; // retry later
            println!("bad port: {error}");
        }
    });
}
// ANCHOR_END: boxed
