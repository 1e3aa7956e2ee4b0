//! Exercise 1.3: Drive two futures together
//!
//! Instructions: the book, Step 1, "Exercise 1.3".
//! Check your work with `cargo exercises check 1.3`.

use std::future::Future;

/// Runs `a` and `b` together, not one after the other, and returns both
/// outputs: `asyncio.gather(a, b)` for two awaitables.
pub async fn both<A, B>(a: A, b: B) -> (A::Output, B::Output)
where
    A: Future,
    B: Future,
{
    // STUDENT: drive a and b at the same time and return both outputs
    futures::join!(a, b)
    // END STUDENT
}
