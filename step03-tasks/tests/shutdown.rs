//! Shutdown (book: "Shutting down"): under `#[async_std::main]` a task still
//! running when `main` returns never runs its `Drop`, while `asyncio.run`
//! cancels it and runs its `finally`; and the graceful-shutdown example
//! drains its queue, cleans up and cancels the straggler, whether it sends
//! itself the SIGINT or gets a real one from outside. Every check reads what
//! the programs print; nothing waits on a clock except a 30 s watchdog.
//! `cargo test -p step03-tasks --test shutdown`

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

/// How long a program may run before the test gives up on it.
const WATCHDOG: Duration = Duration::from_secs(30);

/// Builds the examples once (a `--test` run does not build them) and
/// returns where cargo put them: next to this test's own `deps` folder.
///
/// It builds every binary and example of the workspace, as the listings
/// test does: that asks for exactly what `cargo test --workspace` builds,
/// so inside that run it takes a fraction of a second, where `-p
/// step03-tasks --example ...` would unify features differently and
/// rebuild dependencies.
fn examples_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = Command::new(cargo)
                .args(["build", "--quiet", "--workspace", "--bins", "--examples"])
                .status()
                .expect("cargo starts");
            assert!(status.success(), "building the examples failed");
            let test_binary = std::env::current_exe().expect("the test knows its path");
            let debug = test_binary
                .parent()
                .and_then(|deps| deps.parent())
                .expect("target/debug");
            debug.join("examples")
        })
        .clone()
}

fn example(name: &str) -> Command {
    Command::new(
        examples_dir()
            .join(name)
            .with_extension(std::env::consts::EXE_EXTENSION),
    )
}

fn python(script: &str) -> Option<Command> {
    let available = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !available {
        println!("python3 is not installed here: {script} is not run");
        return None;
    }
    let mut command = Command::new("python3");
    // Python buffers a piped stdout; the test reads the prompt as it comes.
    command.env("PYTHONUNBUFFERED", "1");
    command.arg(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("python")
            .join(script),
    );
    Some(command)
}

/// Runs `command` to its end under the watchdog; its exit and its stdout.
fn run(mut command: Command) -> (Output, String) {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let output = finish(child);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{:?}: {stdout}", output.status);
    (output, stdout)
}

/// Waits for `child`, killing it if it outlives the watchdog.
fn finish(child: Child) -> Output {
    let id = child.id();
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match result.recv_timeout(WATCHDOG) {
        Ok(output) => output.expect("the program ran"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &id.to_string()])
                .status();
            panic!("the program (pid {id}) did not end within {WATCHDOG:?}");
        }
    }
}

#[test]
fn under_async_std_main_a_leftover_task_never_runs_its_drop() {
    let (_, stdout) = run(example("leftover_tasks"));
    assert!(
        stdout.contains("worker-1: connection closed (Drop ran)"),
        "the cancelled task's Drop should run before main returns:\n{stdout}"
    );
    assert!(
        stdout.ends_with("main: returning while worker-2 still runs\n"),
        "worker-2 was still running when main returned; the process exit \
         killed it without running its Drop, so nothing may follow:\n{stdout}"
    );
    assert!(!stdout.contains("worker-2: connection closed"));
}

#[test]
fn asyncio_run_cancels_a_leftover_task_and_runs_its_finally() {
    let Some(command) = python("leftover_tasks.py") else {
        return;
    };
    let (_, stdout) = run(command);
    assert!(stdout.contains("worker-1: connection closed (finally ran)"));
    assert!(
        stdout.ends_with("worker-2: connection closed (finally ran)\n"),
        "asyncio.run cancels the tasks left over and waits for their finally:\n{stdout}"
    );
}

const DRAINED: [&str; 3] = [
    "  worker-1: drained the queue, cleaned up, stopped",
    "  worker-2: drained the queue, cleaned up, stopped",
    "  worker-3: drained the queue, cleaned up, stopped",
];

fn assert_graceful(stdout: &str, cleanup: &str) {
    let lines: Vec<&str> = stdout.lines().collect();
    for line in DRAINED {
        assert!(lines.contains(&line), "missing `{line}` in:\n{stdout}");
    }
    let cleaned = lines.iter().position(|line| line.contains(cleanup));
    let cancelled = lines.iter().position(|line| {
        line.contains("stubborn: still running after the grace period")
    });
    assert!(
        cleaned.is_some() && cleaned < cancelled,
        "the stubborn task's cleanup should have run by the time it is reported cancelled:\n{stdout}"
    );
    assert_eq!(
        lines.last(),
        Some(&"9 of 9 jobs done; no task left running"),
        "every queued job should be done before the program ends"
    );
}

#[test]
fn the_graceful_shutdown_example_drains_cleans_up_and_cancels_the_straggler() {
    let (_, stdout) = run(example("graceful_shutdown"));
    assert_graceful(&stdout, "stubborn: connection closed (Drop ran)");
}

/// Starts `command` with `--wait`, waits for its prompt, sends it a real
/// SIGINT from outside (what a terminal does on Ctrl-C) and returns what it
/// printed.
#[cfg(unix)]
fn interrupt_from_outside(mut command: Command) -> String {
    use rustix::process::{Pid, Signal, kill_process};

    let mut child = command
        .arg("--wait")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let stdout = child.stdout.take().expect("piped");
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut seen = Vec::new();
    while seen
        .last()
        .is_none_or(|line| line != "press Ctrl-C to stop")
    {
        match lines.recv_timeout(WATCHDOG) {
            Ok(line) => seen.push(line),
            Err(_) => {
                let _ = child.kill();
                panic!("no `press Ctrl-C to stop` prompt; it printed {seen:?}");
            }
        }
    }
    kill_process(Pid::from_child(&child), Signal::INT).expect("SIGINT sent");
    let output = finish(child);
    assert!(output.status.success(), "{:?}", output.status);
    seen.extend(lines.iter());
    seen.iter().map(|line| format!("{line}\n")).collect()
}

#[cfg(unix)]
#[test]
fn a_real_sigint_from_outside_starts_the_same_graceful_shutdown() {
    let stdout = interrupt_from_outside(example("graceful_shutdown"));
    assert_graceful(&stdout, "stubborn: connection closed (Drop ran)");
}

#[cfg(unix)]
#[test]
fn the_asyncio_twin_shuts_down_the_same_way_on_a_real_sigint() {
    let Some(command) = python("graceful_shutdown.py") else {
        return;
    };
    let stdout = interrupt_from_outside(command);
    assert_graceful(&stdout, "stubborn: connection closed (finally ran)");
}

/// `graceful_shutdown` takes an option (`--wait`), so it refuses any other
/// argument; `leftover_tasks` takes none and checks none.
#[test]
fn bad_arguments_are_rejected_with_exit_code_2_and_usage() {
    let output = example("graceful_shutdown")
        .arg("--bogus")
        .output()
        .expect("the program starts");
    assert_eq!(output.status.code(), Some(2), "graceful_shutdown --bogus");
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage"));
    assert!(output.stdout.is_empty(), "graceful_shutdown ran anyway");
}
