use std::time::Duration;

use exercise::run_to_completion;

#[test]
fn gives_back_the_output_of_the_future() {
    assert_eq!(run_to_completion(async { 6 * 7 }), 42);
}

#[test]
fn waits_for_a_future_that_sleeps() {
    let text = run_to_completion(async {
        async_std::task::sleep(Duration::from_millis(20)).await;
        "awake"
    });
    assert_eq!(text, "awake");
}

#[test]
fn runs_the_body_exactly_once() {
    let mut runs = 0;
    run_to_completion(async {
        runs += 1;
    });
    assert_eq!(runs, 1);
}
