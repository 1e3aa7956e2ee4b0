//! `cargo run -p step03-tasks`: the Step 3 walkthrough (being written).

fn main() {
    println!("Step 3 (concurrency with tasks) is being written; see the book's outline.");
}
