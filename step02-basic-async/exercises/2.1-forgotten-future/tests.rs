use std::cell::RefCell;

use futures::executor::block_on;

use exercise::greet_everyone;

#[test]
fn everybody_is_greeted_in_order() {
    let log = RefCell::new(Vec::new());
    block_on(greet_everyone(&log, &["Ada", "Grace", "Guido"]));
    assert_eq!(
        log.into_inner(),
        ["Hello, Ada!", "Hello, Grace!", "Hello, Guido!"]
    );
}

#[test]
fn nobody_to_greet_writes_nothing() {
    let log = RefCell::new(Vec::new());
    block_on(greet_everyone(&log, &[]));
    assert!(log.into_inner().is_empty());
}
