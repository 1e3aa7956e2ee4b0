//! Cancel safety (book: "Cancel safety"): a `select!` loop that makes a new
//! read future each time round loses the bytes of a half-read frame when a
//! tick wins; keeping one future across iterations, or reading through a
//! stream of frames, loses nothing; a channel's `recv` dropped before a
//! message arrives loses nothing either. The script behind each run waits
//! for the reader at every step, so no outcome depends on timing.
//! `cargo test -p step03-tasks --test cancel_safety`

#[path = "../examples/cancel_safety.rs"]
#[allow(dead_code)] // its main and helpers are the example's, not the test's
mod cancel_safety;

use async_std::channel::bounded;
use cancel_safety::{new_future_each_time, one_future_kept, script, stream_of_frames};
use futures::FutureExt;
use futures::executor::block_on;

const EVERY_FRAME: [&str; 4] = [
    "tick 1",
    "frame \"hello\"",
    "frame \"world\"",
    "end of stream",
];

#[test]
fn a_new_read_future_each_time_round_loses_the_half_read_frame() {
    let events = block_on(script(new_future_each_time));
    assert_eq!(events[0], "tick 1");
    assert!(
        !events.iter().any(|event| event.contains("hello")),
        "the half-read frame survived the tick: {events:?}"
    );
    // The next read took the 'l' of "hello" (108) for a length byte.
    assert_eq!(events[1], "error: a frame of 108 bytes was cut short");
    assert_eq!(events.len(), 2);
}

#[test]
fn one_read_future_kept_across_iterations_loses_nothing() {
    assert_eq!(block_on(script(one_future_kept)), EVERY_FRAME);
}

#[test]
fn a_stream_of_frames_loses_nothing() {
    assert_eq!(block_on(script(stream_of_frames)), EVERY_FRAME);
}

#[test]
fn a_recv_dropped_before_its_message_loses_nothing() {
    block_on(async {
        let (sender, receiver) = bounded::<u32>(1);
        // Poll a recv once (nothing there yet), then drop it, as select!
        // drops the branch that lost.
        assert!(receiver.recv().now_or_never().is_none());
        sender.send(7).await.unwrap();
        // The message waits in the channel for the next recv.
        assert_eq!(receiver.recv().await, Ok(7));
    });
}
