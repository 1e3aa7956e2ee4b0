//! The smallest async program: `cargo run -p step01-setup --example first_async`.

// ANCHOR: hello
#[async_std::main]
async fn main() {
    step01_setup::reject_arguments();
    println!("Hello from an async main!");
}
// ANCHOR_END: hello
