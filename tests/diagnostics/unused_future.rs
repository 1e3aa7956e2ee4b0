//! Step 2: a future that is created and never awaited.
//! The book shows the compiler's warning, kept in unused_future.expected.

async fn greet(name: &str) -> String {
    format!("hello, {name}")
}

// ANCHOR: forgotten
pub async fn forgetful() {
    greet("nobody"); // no .await: the future is built and dropped at once
}
// ANCHOR_END: forgotten
