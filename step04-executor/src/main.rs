//! `cargo run -p step04-executor`: the Step 4 walkthrough (being written).

fn main() {
    println!("Step 4 (build your own executor) is being written; see the book's outline.");
}
