//! The smallest async program: `cargo run -p step01-setup --example first_async`.

// ANCHOR: hello
#[async_std::main]
async fn main() {
    println!("Hello from an async main!");
}
// ANCHOR_END: hello
