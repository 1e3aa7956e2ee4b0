//! Wrong solution of exercise 1.3: awaits `a`, then `b`, so they run one after the other
//! Expect: awaits one after the other run in sequence

use std::future::Future;

/// Runs `a` and `b` together, not one after the other, and returns both
/// outputs: `asyncio.gather(a, b)` for two awaitables.
pub async fn both<A, B>(a: A, b: B) -> (A::Output, B::Output)
where
    A: Future,
    B: Future,
{
    (a.await, b.await)
}
