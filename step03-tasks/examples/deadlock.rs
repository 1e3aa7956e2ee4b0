//! A deadlock: two tasks each wait for the other to speak first. Nothing
//! crashes and nothing happens; a timeout turns the silence into an error,
//! and a progress table shows who waits for whom.
//! `cargo run -p step03-tasks --example deadlock`

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_std::channel::{Receiver, Sender, bounded};
use async_std::future;
use async_std::task;

const LIMIT: Duration = Duration::from_millis(500);

// ANCHOR: progress
/// What each task is doing right now, by task name. Tasks update it at
/// every step; when a timeout fires, printing it shows who is stuck where.
#[derive(Debug, Clone, Default)]
struct Progress(Arc<Mutex<BTreeMap<&'static str, String>>>);

impl Progress {
    fn set(&self, task: &'static str, doing: impl Into<String>) {
        self.0
            .lock()
            .expect("no panic while holding it")
            .insert(task, doing.into());
    }

    fn print(&self) {
        for (task, doing) in self.0.lock().expect("no panic while holding it").iter() {
            println!("    {task}: {doing}");
        }
    }
}
// ANCHOR_END: progress

// ANCHOR: talker
/// A polite talker: if `waits_first`, it listens before it speaks.
async fn talker(
    name: &'static str,
    other: &'static str,
    waits_first: bool,
    inbox: Receiver<String>,
    outbox: Sender<String>,
    progress: Progress,
) {
    if waits_first {
        progress.set(name, format!("waiting for {other} to speak"));
        let heard = inbox.recv().await.unwrap_or_default();
        progress.set(name, format!("heard \"{heard}\""));
    }
    let _ = outbox.send(format!("hello from {name}")).await;
    if !waits_first {
        progress.set(name, format!("spoke; waiting for {other}"));
        let heard = inbox.recv().await.unwrap_or_default();
        progress.set(name, format!("heard \"{heard}\""));
    }
}
// ANCHOR_END: talker

// ANCHOR: conversation
/// Runs alice and bob as two tasks and waits for both, at most `LIMIT`.
async fn conversation(alice_waits_first: bool, bob_waits_first: bool) {
    let (to_alice, alice_inbox) = bounded(1);
    let (to_bob, bob_inbox) = bounded(1);
    let progress = Progress::default();
    let mut alice = task::spawn(talker(
        "alice",
        "bob",
        alice_waits_first,
        alice_inbox,
        to_bob,
        progress.clone(),
    ));
    let mut bob = task::spawn(talker(
        "bob",
        "alice",
        bob_waits_first,
        bob_inbox,
        to_alice,
        progress.clone(),
    ));

    let both = futures::future::join(&mut alice, &mut bob);
    match future::timeout(LIMIT, both).await {
        Ok(_) => println!("  both finished:"),
        Err(_) => println!(
            "  no progress after {} ms: suspected deadlock",
            LIMIT.as_millis()
        ),
    }
    progress.print();
    // Stuck tasks never end by themselves: cancel them.
    alice.cancel().await;
    bob.cancel().await;
}
// ANCHOR_END: conversation

// ANCHOR: main
#[async_std::main]
async fn main() {
    println!("alice and bob both wait for the other to speak first:");
    conversation(true, true).await;
    println!("fixed: alice speaks first, bob waits:");
    conversation(false, true).await;
}
// ANCHOR_END: main
