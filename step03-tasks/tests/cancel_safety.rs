//! Cancel safety (book: "Cancel safety"): a channel's `recv` dropped before
//! a message arrives loses nothing, which is why a channel is the usual
//! cancel-safe source for `select!`. The three loops of the example are
//! checked beside them, in `examples/cancel_safety.rs`.
//! `cargo test -p step03-tasks --test cancel_safety`

use async_std::channel::bounded;
use futures::FutureExt;
use futures::executor::block_on;

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
