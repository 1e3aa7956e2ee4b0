//! Stages 1 and 2 are whole programs in one file each, so that the book's
//! ▶ button can run them on the playground; stage 2 therefore carries a
//! copy of stage 1's `block_on` and of the library's thread-per-sleep
//! timer. These checks keep the copies honest: a copy must stay word for
//! word what it copies. (From stage 3 on, stages share their unchanged
//! modules as files, `examples/stages/` and `src/reactor.rs`, so there is
//! nothing to keep in step.)

use std::path::Path;

fn source(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The lines between `// ANCHOR: NAME` and `// ANCHOR_END: NAME`.
fn anchor(path: &str, name: &str) -> String {
    let text = source(path);
    let start = text
        .find(&format!("// ANCHOR: {name}\n"))
        .unwrap_or_else(|| panic!("{path} has no anchor {name}"));
    let end = text[start..]
        .find(&format!("// ANCHOR_END: {name}"))
        .unwrap_or_else(|| panic!("{path}: anchor {name} is not closed"));
    text[start..start + end].to_string()
}

#[test]
fn stage_2_runs_on_stage_1s_block_on() {
    assert_eq!(
        anchor("examples/stage1_block_on.rs", "block_on"),
        anchor("examples/stage2_futures.rs", "block_on")
    );
}

#[test]
fn stage_2s_thread_sleep_is_the_librarys() {
    for name in ["thread_sleep", "thread_sleep_poll"] {
        assert_eq!(
            anchor("examples/stage2_futures.rs", name),
            anchor("src/thread_timer.rs", name),
            "stage 2's `{name}` differs from the library's"
        );
    }
}
