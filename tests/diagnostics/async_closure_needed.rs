//! Going further, async closures: the `F: FnMut() -> Fut` pattern cannot
//! return a future that borrows what the closure captured. The book shows
//! the compiler's error, kept in async_closure_needed.expected.

// ANCHOR: fn_mut
pub async fn retry<T, E, F, Fut>(times: u32, mut attempt: F) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut outcome = attempt().await;
    for _ in 1..times {
        if outcome.is_ok() {
            break;
        }
        outcome = attempt().await;
    }
    outcome
}

pub async fn count_attempts() -> u32 {
    let mut attempts = 0;
    let _ = retry(3, || async { attempts += 1; Err::<(), ()>(()) }).await;
    attempts
}
// ANCHOR_END: fn_mut

// `retry`'s body is the same as that of `retry` in
// step03-tasks/examples/async_traits.rs (the `closure` listing), a twin that
// must stay: the book shows this version and its error, then that one, so
// that the reader sees that only the bound changes, from `F: FnMut() -> Fut`
// to `impl AsyncFnMut() -> ...`. Sharing the body would hide it from one of
// the two listings. This note stands below the listing so that the line
// numbers in async_closure_needed.expected stay as they are.
