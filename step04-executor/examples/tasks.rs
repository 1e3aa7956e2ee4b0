//! Stage 3: a task queue with `spawn` and `JoinHandle`:
//! `cargo run -p step04-executor --example tasks`.

use std::sync::{Arc, Mutex};

use step04_executor::{JoinError, block_on, spawn, yield_now};

// ANCHOR: tasks
/// A task that does its work in `steps` slices, yielding between them, and
/// logs each slice so that we can see the queue take turns.
async fn worker(name: &'static str, steps: u32, log: Arc<Mutex<Vec<String>>>) -> u32 {
    for step in 1..=steps {
        log.lock().unwrap().push(format!("{name}{step}"));
        yield_now().await; // back of the queue
    }
    steps
}

fn main() {
    step04_executor::reject_arguments();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (results, order) = block_on(async {
        let a = spawn(worker("a", 3, log.clone()));
        let b = spawn(worker("b", 2, log.clone()));
        let c = spawn(worker("c", 1, log.clone()));
        let results = (a.await, b.await, c.await);
        (results, log.lock().unwrap().join(" "))
    });
    println!("three tasks took turns: {order}");
    println!("their JoinHandles gave: {results:?}");

    let outcome: Result<(), JoinError> = block_on(async {
        let doomed = spawn(async { panic!("this task fails") });
        let healthy = spawn(async {
            yield_now().await;
            "the other task still ran"
        });
        println!("{}", healthy.await.unwrap());
        doomed.await
    });
    println!("the panicking task's handle: {outcome:?}");

    let cancelled = block_on(async {
        let forever = spawn(std::future::pending::<()>());
        yield_now().await; // it starts, and waits for ever
        forever.cancel(); // on its next turn, it is dropped, not polled
        forever.await
    });
    println!("a cancelled task's handle: {cancelled:?}");
}
// ANCHOR_END: tasks
