//! Exercise 2.1: Make the forgotten future run.
//!
//! The tests that `cargo exercises check 2.1` runs against your
//! `src/lib.rs`. Read them to see what is asked; each failure message
//! says what to change.

use std::cell::RefCell;

use futures::executor::block_on;

use exercise::greet_everyone;

#[test]
fn everybody_is_greeted_in_order() {
    let log = RefCell::new(Vec::new());
    block_on(greet_everyone(&log, &["Ada", "Grace", "Guido"]));
    let greetings = log.into_inner();
    assert!(
        !greetings.is_empty(),
        "greet_everyone greeted nobody: `greet(log, name)` only makes a future, and a future \
         that is never awaited never runs; write `.await` after it"
    );
    assert_eq!(
        greetings,
        ["Hello, Ada!", "Hello, Grace!", "Hello, Guido!"],
        "greet_everyone should greet each name once, in the order given"
    );
}

#[test]
fn nobody_to_greet_writes_nothing() {
    let log = RefCell::new(Vec::new());
    block_on(greet_everyone(&log, &[]));
    let greetings = log.into_inner();
    assert!(
        greetings.is_empty(),
        "with no names, greet_everyone should write nothing, but wrote {greetings:?}"
    );
}
