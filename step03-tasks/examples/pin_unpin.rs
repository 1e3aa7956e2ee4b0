//! Pin and Unpin, polled by hand: `cargo run -p step03-tasks --example pin_unpin`.
//!
//! Uses only the standard library, so it also runs on the Rust playground.

use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

// ANCHOR: countdown
/// A hand-written future with no reference into itself: `Unpin`, which the
/// compiler works out on its own, because a `u32` is `Unpin`.
struct Countdown(u32);

impl Future for Countdown {
    type Output = &'static str;

    // `self: Pin<&mut Self>`: the caller promises that the future will not
    // move again. For an `Unpin` type the promise costs nothing, and
    // `Pin` hands out `&mut Self` freely (`self.0` below).
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.0 == 0 {
            return Poll::Ready("liftoff");
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

// ANCHOR: by_hand
fn main() {
    // We poll by hand: nobody needs waking.
    let mut cx = Context::from_waker(Waker::noop());

    println!("Countdown is Unpin: Pin::new(&mut it) works, and it may move");
    let mut countdown = Countdown(1);
    println!("  poll: {:?}", Pin::new(&mut countdown).poll(&mut cx));
    let mut moved = countdown; // allowed between polls: it is Unpin
    println!("  (moved to another variable)");
    println!("  poll: {:?}", Pin::new(&mut moved).poll(&mut cx));

    println!("an async block that borrows its own local is not Unpin:");
    let borrowing = async {
        let words = ["pinned", "data"];
        let first = &words[0]; // a pointer into this very future
        Countdown(1).await; // ... kept across the pause
        first.len()
    };
    let mut borrowing = pin!(borrowing); // pinned where it is, on the stack
    println!("  poll: {:?}", borrowing.as_mut().poll(&mut cx));
    println!("  poll: {:?}", borrowing.as_mut().poll(&mut cx));

    println!("Box::pin: the box may move, the future inside does not");
    let mut boxed = Box::pin(async {
        let word = String::from("boxed");
        let borrowed = &word; // points into the future, as above
        Countdown(1).await;
        borrowed.len()
    });
    let address = |future: &Pin<Box<_>>| &**future as *const _ as usize;
    let before = address(&boxed);
    println!("  poll: {:?}", boxed.as_mut().poll(&mut cx));
    let mut moved = [boxed]; // the Box moves into an array ...
    let after = address(&moved[0]); // ... the future stays where it was
    println!(
        "  (moved into an array; the future's address is unchanged: {})",
        before == after
    );
    println!("  poll: {:?}", moved[0].as_mut().poll(&mut cx));
}
// ANCHOR_END: by_hand
