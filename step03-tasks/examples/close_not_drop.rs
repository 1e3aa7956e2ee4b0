//! `block_on` inside `Drop`, and the explicit `async fn close` that
//! replaces it: flushing a buffer on drop panics inside a tokio runtime and
//! hangs a current-thread one; an async close that the owner awaits does
//! neither. `cargo run -p step03-tasks --example close_not_drop`.

mod caught;

use std::sync::mpsc;
use std::time::Duration;

use tokio::runtime::{Builder, Handle};

// ANCHOR: drop
/// A log that buffers its lines and must flush them before it goes.
struct BufferedLog {
    lines: Vec<String>,
    closed: bool,
}

async fn flush(lines: &[String]) {
    tokio::time::sleep(Duration::from_millis(10)).await; // the write
    println!("  flushed {} lines", lines.len());
}

impl Drop for BufferedLog {
    fn drop(&mut self) {
        if !self.closed {
            // Wrong: Drop is synchronous, so it blocks on the async flush.
            Handle::current().block_on(flush(&self.lines));
        }
    }
}
// ANCHOR_END: drop

// ANCHOR: close
impl BufferedLog {
    /// The fix: the owner awaits the flush, then the value goes quietly.
    async fn close(mut self) {
        flush(&self.lines).await;
        self.closed = true;
    }
}
// ANCHOR_END: close

// ANCHOR: main
fn main() {
    let runtime = Builder::new_current_thread().enable_time().build().unwrap();
    let log = || BufferedLog {
        lines: vec!["a".into(), "b".into()],
        closed: false,
    };

    let message = caught::panic_message(|| runtime.block_on(async { drop(log()) }));
    println!(
        "dropped inside the runtime:\n  {}",
        message.unwrap_or_default()
    );

    // futures' block_on in Drop instead: the flush's timer needs the very
    // thread that is now blocked, so it never fires. Watched from outside.
    let (finished, finished_in_time) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = Builder::new_current_thread().enable_time().build().unwrap();
        runtime.block_on(async {
            futures::executor::block_on(flush(&["a".to_string()]));
        });
        let _ = finished.send(());
    });
    let waited = finished_in_time.recv_timeout(Duration::from_millis(500));
    println!("futures' block_on in its place, after 500 ms: {waited:?}");

    runtime.block_on(log().close());
    println!("closed with .await: no panic, no hang");
}
// ANCHOR_END: main
