//! The stage programs are snapshots of one growing executor: each copies
//! the previous one and adds a part, so that `diff` between two stages
//! shows exactly that part. These checks keep the copies honest: what a
//! stage does not change must stay word for word what it was.

use std::path::Path;

fn source(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The body of `mod NAME { ... }` at the top level of a stage program,
/// with the module's indentation removed.
fn module(path: &str, name: &str) -> String {
    let text = source(path);
    let opening = format!("\nmod {name} {{\n");
    let start = text
        .find(&opening)
        .unwrap_or_else(|| panic!("{path} has no `mod {name}`"))
        + opening.len();
    let end = start
        + text[start..]
            .find("\n}\n")
            .unwrap_or_else(|| panic!("{path}: `mod {name}` is not closed"));
    text[start..end]
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
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

#[test]
fn the_task_module_does_not_change_after_stage_3() {
    let stage3 = module("examples/stage3_tasks.rs", "task");
    assert_eq!(stage3, module("examples/stage4_timers.rs", "task"));
    assert_eq!(stage3, module("examples/stage5_reactor.rs", "task"));
}

#[test]
fn the_reactor_changes_nothing_in_stage_4s_executor() {
    for name in ["executor", "timer"] {
        assert_eq!(
            module("examples/stage4_timers.rs", name),
            module("examples/stage5_reactor.rs", name),
            "stage 5 changed stage 4's `{name}`"
        );
    }
}

#[test]
fn stage_5s_reactor_is_the_librarys() {
    assert_eq!(
        module("examples/stage5_reactor.rs", "reactor"),
        source("src/reactor.rs").trim_end()
    );
}
