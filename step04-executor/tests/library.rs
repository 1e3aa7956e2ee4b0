//! What only the library promises, beyond the behaviour suite
//! (`tests/behaviour.rs`): the test of its task's `unsafe` block (a spawned
//! future is pinned in place inside the task), and that the crate has no
//! other `unsafe` than what its docs count, the crate's name in its
//! misuse messages, a `block_on` that refuses to start inside another of
//! either kind, and a `JoinError` that prints as a sentence.

use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use step04_executor::{JoinError, block_on, multi_thread, sleep, spawn};

/// A future that must not move once polled (it is `!Unpin`): it checks
/// that its address stays the same across polls and until its drop.
struct StaysPut {
    address: Option<usize>,
    polls: u32,
    _pinned: PhantomPinned,
}

impl Future for StaysPut {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let here = &*self as *const StaysPut as usize;
        // SAFETY: nothing is moved out; only plain fields are updated.
        #[allow(unsafe_code)]
        let this = unsafe { self.get_unchecked_mut() };
        assert_eq!(*this.address.get_or_insert(here), here, "it moved");
        this.polls += 1;
        if this.polls == 3 {
            return Poll::Ready(this.polls);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl Drop for StaysPut {
    fn drop(&mut self) {
        let here = self as *const StaysPut as usize;
        if let Some(address) = self.address {
            assert_eq!(address, here, "moved before being dropped");
        }
    }
}

/// The test of the `unsafe` pin in `src/task.rs` (`Task::run`).
#[test]
fn a_spawned_future_never_moves() {
    let polls = block_on(async {
        spawn(StaysPut {
            address: None,
            polls: 0,
            _pinned: PhantomPinned,
        })
        .await
    });
    assert_eq!(polls, Ok(3));
}

/// `src/task.rs` says the task "takes one of the crate's two `unsafe`
/// blocks (the other registers a socket, in `reactor.rs`)", and the book
/// speaks of one `unsafe` line in the task: this keeps both true. The
/// one `unsafe impl` is `spawn_local`'s (`src/executor.rs`, stage 7 page).
#[test]
fn the_crate_has_one_unsafe_block_in_the_task_and_one_in_the_reactor() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src/ can be read") {
        let path = entry.expect("a directory entry").path();
        let text = std::fs::read_to_string(&path).expect("a source file");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let code = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"));
        let blocks = code
            .clone()
            .filter(|line| line.contains("unsafe {"))
            .count();
        found.extend(std::iter::repeat_n(name.clone(), blocks));
        let impls = code.filter(|line| line.contains("unsafe impl")).count();
        found.extend(std::iter::repeat_n(format!("{name} (impl)"), impls));
    }
    found.sort();
    assert_eq!(
        found,
        ["executor.rs (impl)", "reactor.rs", "task.rs"],
        "the `unsafe` blocks of src/ changed: update the count in src/task.rs's \
         module doc and on the stage 6 page, then this test"
    );
}

#[test]
#[should_panic(expected = "spawn must run inside step04_executor::block_on")]
fn spawn_outside_block_on_panics_with_a_clear_message() {
    drop(spawn(async {}));
}

#[test]
#[should_panic(expected = "sleep must run inside step04_executor::block_on")]
fn sleep_outside_block_on_panics_with_a_clear_message() {
    futures::executor::block_on(sleep(Duration::from_millis(1)));
}

/// A main future, boxed so that either kind of `block_on` can run it.
type Main = Pin<Box<dyn Future<Output = ()>>>;

/// One kind of `block_on`, running a main future.
type Executor = fn(Main);

fn on_one_thread(main: Main) {
    block_on(main);
}

fn on_two_workers(main: Main) {
    multi_thread::block_on_threads(2, main);
}

/// What `body` panicked with, or `None` if it did not panic.
fn panic_of(body: impl FnOnce() + std::panic::UnwindSafe) -> Option<String> {
    let payload = std::panic::catch_unwind(body).err()?;
    let text = payload.downcast_ref::<String>().cloned();
    text.or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
}

#[test]
fn block_on_inside_block_on_panics_whatever_the_two_kinds() {
    let kinds: [(&str, Executor); 2] = [
        ("block_on", on_one_thread),
        ("multi_thread::block_on_threads", on_two_workers),
    ];
    for (outer_name, outer) in kinds {
        for (inner_name, inner) in kinds {
            let message =
                panic_of(|| outer(Box::pin(async move { inner(Box::pin(async {})) })));
            assert!(
                message
                    .as_deref()
                    .is_some_and(|text| text.contains("block_on inside block_on")),
                "{inner_name} inside {outer_name} should refuse to start: the outer \
                 executor's tasks and timers would wait, unseen; it gave {message:?}"
            );
        }
    }
}

#[test]
fn block_on_in_a_task_on_another_worker_is_refused_too() {
    let result = multi_thread::block_on_threads(2, async {
        multi_thread::spawn(async { block_on(async {}) }).await
    });
    assert!(
        matches!(&result, Err(JoinError::Panicked(message)) if message.contains("block_on inside block_on")),
        "a worker runs one executor at a time: {result:?}"
    );
}

#[test]
fn a_join_error_prints_as_a_sentence() {
    let error = JoinError::Panicked("task 7 failed".to_string());
    assert_eq!(error.to_string(), "task panicked: task 7 failed");
}

#[test]
fn spawn_local_runs_a_future_that_holds_an_rc() {
    let greeting = block_on(async {
        let name = std::rc::Rc::new("Ada".to_string()); // not Send
        let task = step04_executor::spawn_local(async move {
            sleep(Duration::from_millis(1)).await; // the Rc lives across it
            format!("hello, {name}")
        });
        task.await
    });
    assert_eq!(greeting.as_deref(), Ok("hello, Ada"));
}

#[test]
#[allow(clippy::async_yields_async)] // the handle is carried out on purpose
fn a_spawn_local_task_is_dropped_at_home_and_a_late_wake_does_no_harm() {
    // The task waits on a channel whose sender another thread drops after
    // `block_on` has returned. The end of `block_on` cancels the task on
    // its own thread; the late wake, on the other thread, finds the
    // executor closed and touches nothing (dropping the future there
    // would abort the test process).
    let (sender, receiver) = futures::channel::oneshot::channel::<()>();
    let handle = block_on(async {
        let home = std::rc::Rc::new(());
        let task = step04_executor::spawn_local(async move {
            let _home = home;
            let _ = receiver.await;
        });
        step04_executor::yield_now().await; // it starts, and waits
        task
    });
    std::thread::spawn(move || drop(sender)).join().unwrap();
    assert_eq!(block_on(handle), Err(JoinError::Cancelled));
}
