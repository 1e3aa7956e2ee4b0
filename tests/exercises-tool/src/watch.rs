//! `cargo exercises watch`: the exercise loop in one terminal.
//!
//! It checks the first exercise not done yet, then waits. Each time the
//! student saves `lib.rs` it checks again; when the check passes it moves
//! on to the next exercise, until none is left. Meanwhile a few one-letter
//! commands, each followed by Enter, give a hint, the solution (once it
//! opens), check again, list, or quit. Saves are noticed by the system's
//! file events (inotify, FSEvents, ReadDirectoryChangesW) through the
//! `notify` crate, not by polling.
//! Ctrl-C ends it at once; the tests it was running end with it (the tool
//! ends their process group, see [`crate::process_group`]).

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::Exercise;
use crate::messages::{Said, Teller};
use crate::student::{Asking, Tool};

/// What can happen while an exercise is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// The student's file changed.
    Saved,
    Hint,
    Solution,
    CheckAgain,
    List,
    Quit,
}

/// After a save, editors often write again (a temporary file, then a
/// rename); wait this long for the writing to settle before checking.
const SETTLE: Duration = Duration::from_millis(200);

const KEYS: &str = "Save lib.rs to check again · h hint · s solution · c check · l list · q quit (then Enter)";

pub fn watch(tool: &Tool, limit: Duration) -> Result<ExitCode, String> {
    let (sender, events) = mpsc::channel();
    read_keys(sender.clone());
    let mut watcher =
        notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let edited = |event: &notify::Event| {
                (event.kind.is_modify() || event.kind.is_create())
                    && event
                        .paths
                        .iter()
                        .any(|path| path.extension().is_some_and(|ext| ext == "rs"))
            };
            if event.is_ok_and(|event| edited(&event)) {
                let _ = sender.send(Event::Saved);
            }
        })
        .map_err(|error| format!("cannot watch files: {error}"))?;
    while let Some(exercise) = tool.current() {
        let src = tool.workspace.work_dir(&exercise).join("src");
        tool.prepare(&exercise)?;
        watcher
            .watch(&src, RecursiveMode::NonRecursive)
            .map_err(|error| format!("cannot watch {}: {error}", src.display()))?;
        let solved = watch_one(tool, &exercise, limit, &events)?;
        let _ = watcher.unwatch(&src);
        if !solved {
            return Ok(ExitCode::SUCCESS);
        }
    }
    println!("\nEvery exercise is done. Well done!");
    Ok(ExitCode::SUCCESS)
}

/// Checks one exercise on every save until it passes (`true`) or the
/// student quits (`false`).
fn watch_one(
    tool: &Tool,
    exercise: &Exercise,
    limit: Duration,
    events: &Receiver<Event>,
) -> Result<bool, String> {
    println!(
        "\n=== Exercise {}: {} ===\nEdit {}; the instructions are in {}",
        exercise.id,
        exercise.display_title(),
        tool.relative(&tool.lib(exercise)),
        exercise.instructions_hint()
    );
    // What the commands say is printed; their exit codes mean nothing here.
    let mut teller = Teller::default();
    let mut tell = |said: Said| teller.tell(said);
    let mut check = true;
    loop {
        if check && tool.check(exercise, limit, Asking::Keys, &mut tell)? {
            return Ok(true);
        }
        println!("\n{KEYS}");
        check = match events.recv() {
            Ok(Event::Saved) => {
                settle(events);
                true
            }
            Ok(Event::CheckAgain) => true,
            Ok(Event::Hint) => {
                tool.hint(exercise, Asking::Keys, &mut tell)?;
                false
            }
            Ok(Event::Solution) => {
                tool.solution(exercise, Asking::Keys, &mut tell)?;
                false
            }
            Ok(Event::List) => {
                tool.list(&mut tell)?;
                false
            }
            Ok(Event::Quit) | Err(_) => return Ok(false),
        };
    }
}

/// Lets the burst of events of one save go by, and the saved saves with
/// them: one check covers them all.
fn settle(events: &Receiver<Event>) {
    while let Ok(event) = events.recv_timeout(SETTLE) {
        if event != Event::Saved {
            break;
        }
    }
}

/// Reads the student's one-letter commands on a thread of its own. The end
/// of input (Ctrl-D) quits, like `q`.
fn read_keys(events: Sender<Event>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            let event = match line.trim() {
                "h" => Event::Hint,
                "s" => Event::Solution,
                "c" | "" => Event::CheckAgain,
                "l" => Event::List,
                "q" => Event::Quit,
                other => {
                    println!("`{other}`? {KEYS}");
                    continue;
                }
            };
            if events.send(event).is_err() {
                return;
            }
        }
        let _ = events.send(Event::Quit);
    });
}
