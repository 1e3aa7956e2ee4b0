//! Shared by the examples that show a panic on purpose (the symptom index's
//! pages): run the faulty part, catch its panic, and return the message, so
//! that the program prints the exact text and still exits normally.

use std::panic::{AssertUnwindSafe, catch_unwind};

// ANCHOR: caught
/// Runs `work`; the message of the panic it raised, or `None` if it did not.
/// The default hook is silenced meanwhile: the caller prints the message.
pub fn panic_message<T>(work: impl FnOnce() -> T) -> Option<String> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = catch_unwind(AssertUnwindSafe(work));
    std::panic::set_hook(default_hook);
    let payload = outcome.err()?;
    // panic!("literal") carries a &str, panic!("{x}") a String.
    let text = payload.downcast_ref::<&str>().map(|text| text.to_string());
    text.or_else(|| payload.downcast_ref::<String>().cloned())
}
// ANCHOR_END: caught
