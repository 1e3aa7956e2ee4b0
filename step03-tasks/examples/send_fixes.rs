//! The fixes for "future cannot be sent between threads safely": `Arc`
//! instead of `Rc`, a `{ }` block that ends a guard before the `.await`,
//! `Box<dyn Error + Send + Sync>`, and a local executor for a future that
//! must stay on one thread.
//! `cargo run -p step03-tasks --example send_fixes`.

mod caught;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_std::task;
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;

// ANCHOR: scope
/// The guard lives in a block that ends before the `.await`: the compiler
/// sees it gone, which it does not for `drop(guard)`.
async fn wait_my_turn(counter: Arc<Mutex<u64>>) -> u64 {
    let turn = {
        let mut count = counter.lock().unwrap();
        *count += 1;
        *count
    }; // the guard ends here
    task::sleep(Duration::from_millis(turn)).await;
    turn
}
// ANCHOR_END: scope

// ANCHOR: error
/// An error type that may cross threads: `Send + Sync` in the box.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn read_port(text: &str) -> Result<u16, BoxError> {
    Ok(text.parse::<u16>()?)
}
// ANCHOR_END: error

// ANCHOR: main
#[async_std::main]
async fn main() {
    // Arc: the same sharing as Rc, with an atomic count, so it is Send.
    let name = Arc::new(String::from("Ada"));
    let greeting = task::spawn(async move {
        task::sleep(Duration::from_millis(10)).await;
        format!("hello, {name}")
    });
    println!("Arc instead of Rc: {}", greeting.await);

    let counter = Arc::new(Mutex::new(0));
    let turns = task::spawn(wait_my_turn(Arc::clone(&counter)));
    println!("guard in a {{ }} block: turn {}", turns.await);

    let port = task::spawn(async {
        if let Err(error) = read_port("80a").await {
            task::sleep(Duration::from_millis(10)).await;
            return format!("bad port: {error}");
        }
        "port read".to_string()
    });
    println!("Box<dyn Error + Send + Sync>: {}", port.await);
    run_on_one_thread();
    borrow_across_await();
}
// ANCHOR_END: main

// ANCHOR: local
/// A log that tasks on one thread share: no `Arc`, no `Mutex`.
type Log = Rc<RefCell<Vec<&'static str>>>;

/// Runs two tasks, `task(log, "first")` and `task(log, "second")`, on a
/// local executor: it runs every task on the thread that created it, so
/// nothing needs to be Send. Returns what they wrote in the log.
fn two_local_tasks<F>(task: impl Fn(Log, &'static str) -> F) -> Log
where
    F: Future<Output = ()> + 'static, // no `+ Send`
{
    let mut pool = LocalPool::new();
    let log = Log::default();
    for name in ["first", "second"] {
        let spawned = pool.spawner().spawn_local(task(Rc::clone(&log), name));
        spawned.expect("the pool is running");
    }
    pool.run();
    log
}

/// Rc and RefCell kept as they are, on the local executor.
fn run_on_one_thread() {
    let log = two_local_tasks(|log, name| async move {
        task::sleep(Duration::from_millis(10)).await;
        log.borrow_mut().push(name); // borrowed after the .await, not across it
    });
    println!("LocalPool with Rc<RefCell<_>>: {:?}", log.borrow());
}
// ANCHOR_END: local

// ANCHOR: held
/// The same tasks holding the borrow across the `.await`: it compiles, and
/// the second task's borrow panics, since the first one still holds it.
#[allow(clippy::await_holding_refcell_ref)] // the mistake this shows
fn borrow_across_await() {
    let run = || {
        two_local_tasks(|log, name| async move {
            let mut entries = log.borrow_mut();
            task::sleep(Duration::from_millis(10)).await;
            entries.push(name);
        });
    };
    let message = caught::panic_message(run).unwrap_or_default();
    println!("a borrow held across .await panics: {message}");
}
// ANCHOR_END: held
