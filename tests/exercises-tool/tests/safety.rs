//! Student work is never lost, whatever happens: each test here does the
//! harmful thing for real, on a clone, and checks what is left. A Ctrl-C or
//! SIGTERM at a random instant of `reset`, symbolic links out of
//! `exercises-work/`, a disk that fills up halfway through a write, the
//! tool stopped while a test hangs, a reader that closes the pipe, a 10 kB
//! exercise id, and a clone moved to another folder.
//!
//! Unix only: signals, links and process groups are what is tested.

#![cfg(unix)]

mod clones;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use clones::*;
use exercises_tool::files::FAIL_WRITE;
use rustix::process::{Pid, Signal, kill_process};

/// Sends `signal` to the process `pid`.
fn send(pid: u32, signal: Signal) {
    let pid = Pid::from_raw(pid as i32).expect("a process id");
    // Fails only when the process has ended already: nothing to stop.
    let _ = kill_process(pid, signal);
}

/// A small random number generator (xorshift) with a fixed seed: the
/// instants the signals land at differ between tries but not between runs.
struct Instants(u64);

impl Instants {
    fn below(&mut self, limit: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let micros = limit.as_micros().max(1) as u64;
        Duration::from_micros(self.0 % micros)
    }
}

/// The `N-lib.rs` backups of an exercise, by content (the temporary files
/// of an interrupted write start with a dot and are not backups).
fn backups(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(folder.join("backups")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .map(|name| {
            let bytes =
                std::fs::read(folder.join("backups").join(&name)).expect("a backup");
            (name, bytes)
        })
        .collect()
}

/// Whether `bytes` are one of the [`version`]s, whole.
fn is_a_version(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let try_number = text
        .strip_prefix("// try ")
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(number, _)| number.parse().ok());
    try_number.is_some_and(|n| bytes == version(n))
}

/// The version of `lib.rs` for try `n`: big, so that writing it takes long
/// enough for signals to land in the middle, and different in every try.
fn version(n: usize) -> Vec<u8> {
    let line = format!("// try {n}: the student's work, which must never be lost\n");
    line.repeat(512 * 1024 / line.len()).into_bytes()
}

const PROGRESS: [&str; 3] = [
    "2.1 hints=1 passed=- tests=- started=1000 first-pass=-",
    "2.2 hints=2 passed=- tests=0/2 started=2000 first-pass=2100",
    "2.3 hints=0 passed=- tests=- started=3000 first-pass=-",
];

/// Each try: a new version of lib.rs, `reset 2.1`, and SIGINT or SIGTERM
/// after a random delay; then lib.rs is that version or the starter, the
/// version is in lib.rs or a whole backup, and no progress is lost.
#[test]
fn reset_stopped_at_any_instant_loses_nothing() {
    let clone = step02_clone_started("safety-interrupt", "2.1");
    let folder = clone.join("exercises-work/2.1");
    let lib = folder.join("src/lib.rs");
    let state = clone.join("exercises-work/state.txt");
    let starter = std::fs::read(&lib).expect("the starter");
    std::fs::write(&state, PROGRESS.join("\n") + "\n").expect("a progress file");

    let reset = |n: usize| {
        std::fs::write(&lib, version(n)).expect("the student saves");
        exercises_command(&clone, &["reset", "2.1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the tool starts")
    };
    // How long a whole reset takes here: the signals land within that.
    let started = Instant::now();
    for n in 0..3 {
        let status = reset(n).wait().expect("reset ends");
        assert!(status.success(), "an uninterrupted reset: {status}");
    }
    let whole_reset = started.elapsed() / 3;

    let mut instants = Instants(0x2545_f491_4f6c_dd1d);
    let mut stopped = 0;
    for n in 3..123 {
        let mut child = reset(n);
        std::thread::sleep(instants.below(whole_reset));
        let signal = if n % 2 == 0 {
            Signal::INT
        } else {
            Signal::TERM
        };
        send(child.id(), signal);
        let status = child.wait().expect("reset ends");
        stopped += usize::from(status.signal().is_some());

        let now = std::fs::read(&lib).expect("lib.rs is there");
        assert!(
            now == version(n) || now == starter,
            "try {n} ({status}): lib.rs is neither the student's version nor the starter \
             ({} bytes)",
            now.len()
        );
        let kept = backups(&folder);
        for (name, bytes) in &kept {
            assert!(
                is_a_version(bytes),
                "try {n} ({status}): backup {name} is not a whole earlier version ({} bytes)",
                bytes.len()
            );
        }
        assert!(
            now == version(n) || kept.iter().any(|(_, bytes)| *bytes == version(n)),
            "try {n} ({status}): the student's version is neither in lib.rs nor in a backup"
        );
        let progress = std::fs::read_to_string(&state).expect("state.txt is there");
        for entry in PROGRESS {
            let (id_and_hints, _) = entry.split_once(" passed").expect("an entry");
            let started = entry.split(' ').find(|word| word.starts_with("started="));
            assert!(
                progress.lines().any(|line| line.starts_with(id_and_hints)
                    && line.contains(started.expect("a start time"))),
                "try {n} ({status}): state.txt lost `{id_and_hints}`: {progress:?}"
            );
        }
    }
    println!("{stopped} of 120 resets were stopped by the signal");
    assert!(stopped > 0, "no signal landed while reset ran");
    let _ = std::fs::remove_dir_all(&clone);
}

/// What a link in `exercises-work/` points to, outside it.
struct Decoy {
    path: PathBuf,
}

impl Decoy {
    fn file(name: &str) -> Decoy {
        let path = decoys().join(name);
        std::fs::write(&path, "decoy: not the tool's to read or write\n")
            .expect("a decoy");
        Decoy { path }
    }

    fn folder(name: &str) -> Decoy {
        let path = decoys().join(name);
        std::fs::create_dir_all(&path).expect("a decoy folder");
        std::fs::write(path.join("keep"), "decoy\n").expect("a decoy file");
        Decoy { path }
    }

    /// Every file under it, with its content.
    fn contents(&self) -> Vec<(PathBuf, Vec<u8>)> {
        if self.path.is_file() {
            return vec![(self.path.clone(), std::fs::read(&self.path).expect("read"))];
        }
        let mut files: Vec<_> = std::fs::read_dir(&self.path)
            .expect("the decoy folder")
            .flatten()
            .map(|entry| (entry.path(), std::fs::read(entry.path()).expect("read")))
            .collect();
        files.sort();
        files
    }
}

/// Outside every clone and the tutorial: the temporary folder.
fn decoys() -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("exercises-decoys-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder for decoys");
    folder
}

#[test]
fn a_link_out_of_exercises_work_is_refused_and_never_followed() {
    for (name, link, decoy) in [
        ("lib", "2.1/src/lib.rs", Decoy::file("lib.rs")),
        ("manifest", "2.1/Cargo.toml", Decoy::file("Cargo.toml")),
        ("state", "state.txt", Decoy::file("state.txt")),
        ("tests", "2.1/tests/exercise.rs", Decoy::file("exercise.rs")),
        ("backups", "2.1/backups", Decoy::folder("backups")),
    ] {
        let clone = step02_clone_started(&format!("safety-link-{name}"), "2.1");
        let work = clone.join("exercises-work");
        let lib = work.join("2.1/src/lib.rs");
        if name != "lib" {
            std::fs::write(&lib, "// my work\n").expect("the student saves");
        }
        let link = work.join(link);
        if link.is_dir() {
            std::fs::remove_dir_all(&link).expect("remove the folder");
        } else {
            let _ = std::fs::remove_file(&link);
        }
        std::os::unix::fs::symlink(&decoy.path, &link).expect("a link");
        let before = decoy.contents();

        let reset = exercises(&clone, &["reset", "2.1"]);
        let stderr = String::from_utf8_lossy(&reset.stderr);
        assert_exit(&reset, 1, &format!("reset 2.1 with {name} a link"));
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains(&format!("{} is a symbolic link", link.display())),
            "names the link: {stderr}"
        );
        assert_eq!(
            decoy.contents(),
            before,
            "{name}: the link's target changed"
        );
        if name != "lib" {
            assert_eq!(
                std::fs::read_to_string(&lib).ok().as_deref(),
                Some("// my work\n"),
                "{name}: the refused reset changed lib.rs"
            );
        }
        let _ = std::fs::remove_dir_all(&clone);
    }
    let _ = std::fs::remove_dir_all(decoys());
}

/// `cargo metadata` loads the exercises' workspace: every member is a
/// complete crate (a half-made one made cargo refuse them all).
fn assert_the_workspace_loads(work: &Path, what: &str) {
    assert_exit(
        &cargo_metadata(work),
        0,
        &format!("{what}: cargo loads exercises-work/"),
    );
}

/// A full disk, made by failing the n-th write halfway, for every n that a
/// `start` writes: never a half-made crate in the workspace, and `start`
/// works again once there is room.
#[test]
fn a_full_disk_during_start_never_leaves_a_half_made_crate() {
    let clone = step02_clone_started("safety-full-start", "2.2");
    let work = clone.join("exercises-work");
    let folder = work.join("2.1");
    let mut failed = 0;
    for n in 1.. {
        let _ = std::fs::remove_dir_all(&folder);
        let start = exercises_command(&clone, &["start", "2.1"])
            .env(FAIL_WRITE, n.to_string())
            .output()
            .expect("the tool starts");
        if start.status.success() {
            break;
        }
        failed += 1;
        assert_exit(&start, 1, &format!("start 2.1, write {n} failing"));
        assert!(
            String::from_utf8_lossy(&start.stderr).contains("No space left on device"),
            "says why: {}",
            describe(&start)
        );
        let lib = folder.join("src/lib.rs");
        assert!(
            !folder.exists() || lib.is_file(),
            "write {n} failing left 2.1 without src/lib.rs"
        );
        assert!(
            !work.join(".starting-2.1").exists(),
            "write {n} failing left the crate being built"
        );
        assert_the_workspace_loads(&work, &format!("write {n} failing"));
    }
    assert!(failed >= 3, "start wrote only {failed} files?");
    assert_exit(
        &exercises(&clone, &["start", "2.1"]),
        0,
        "start 2.1 with room",
    );
    assert_the_workspace_loads(&work, "after the full disk");
}

/// A full disk during `reset`, at each of its writes: the student's code is
/// in lib.rs or a whole backup, never in an empty or cut backup.
#[test]
fn a_full_disk_during_reset_never_leaves_an_empty_backup() {
    let clone = step02_clone_started("safety-full-reset", "2.1");
    let folder = clone.join("exercises-work/2.1");
    let lib = folder.join("src/lib.rs");
    let work = version(1);
    for n in 1..=4 {
        std::fs::write(&lib, &work).expect("the student saves");
        let _ = std::fs::remove_dir_all(folder.join("backups"));
        let reset = exercises_command(&clone, &["reset", "2.1"])
            .env(FAIL_WRITE, n.to_string())
            .output()
            .expect("the tool starts");
        let kept = backups(&folder);
        for (name, bytes) in &kept {
            assert!(
                *bytes == work,
                "write {n} failing: backup {name} holds {} bytes, not the {} of the work",
                bytes.len(),
                work.len()
            );
        }
        let now = std::fs::read(&lib).expect("lib.rs");
        assert!(
            now == work || !kept.is_empty(),
            "write {n} failing: the work is lost: {}",
            describe(&reset)
        );
        if n == 1 {
            assert_exit(&reset, 1, "the backup, the first write, fails");
            assert!(kept.is_empty() && now == work, "nothing changed");
        }
    }
}

/// A test that hangs and has started a process of its own; the tool is
/// stopped by `signal` alone, as an editor's stop button or a closed
/// terminal does: both processes end with it.
#[test]
fn a_stopped_tool_leaves_no_test_process_behind() {
    let clone = step02_clone_started("safety-stop", "2.1");
    let folder = clone.join("exercises-work/2.1");
    // A first check builds everything but the student's code.
    let _ = exercises(&clone, &["check", "2.1"]);
    let pids = folder.join("pids");
    let hanging = solution(&clone, "2.1").replacen(
        "// END STUDENT",
        &format!(
            "static ONCE: std::sync::Once = std::sync::Once::new();\n\
             ONCE.call_once(|| {{\n\
                 let sleeper = std::process::Command::new(\"sleep\").arg(\"600\").spawn().unwrap();\n\
                 let pids = format!(\"{{}} {{}}\", std::process::id(), sleeper.id());\n\
                 std::fs::write({partial:?}, pids).unwrap();\n\
                 std::fs::rename({partial:?}, {pids:?}).unwrap();\n\
             }});\n\
             loop {{ std::thread::park(); }}\n\
             // END STUDENT",
            partial = folder.join("pids.partial"),
            pids = pids,
        ),
        1,
    );
    std::fs::write(folder.join("src/lib.rs"), hanging).expect("the student saves");

    for (name, signal) in [
        ("SIGTERM", Signal::TERM),
        ("SIGHUP", Signal::HUP),
        ("SIGINT", Signal::INT),
    ] {
        let _ = std::fs::remove_file(&pids);
        let mut tool =
            exercises_command(&clone, &["check", "2.1", "--time-limit", "120"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("the tool starts");
        let running = wait_for_pids(&pids);
        send(tool.id(), signal);
        let status = tool.wait().expect("the tool ends");
        let left = still_running(&running);
        for &pid in &left {
            send(pid, Signal::KILL);
        }
        assert_eq!(
            status.signal(),
            Some(signal.as_raw()),
            "{name}: the tool ends as the signal says"
        );
        assert!(
            left.is_empty(),
            "{name} to the tool left test processes {left:?} of {running:?} running"
        );
    }
}

/// The test binary's and its child's process ids, once the test wrote them
/// (within 30 s: the build of the student's code only).
fn wait_for_pids(file: &Path) -> Vec<u32> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(file) {
            return text
                .split_whitespace()
                .map(|pid| pid.parse().expect("a process id"))
                .collect();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the hanging test never started within 30 s");
}

/// Those of `pids` still running a second or so after their end was asked
/// (a zombie, waiting for its parent to reap it, has ended).
fn still_running(pids: &[u32]) -> Vec<u32> {
    let alive = |pid: &u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                let state = stat.rsplit_once(") ")?.1.chars().next()?;
                Some(state != 'Z' && state != 'X')
            })
            .unwrap_or(false)
    };
    for _ in 0..50 {
        if !pids.iter().any(alive) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    pids.iter().copied().filter(alive).collect()
}

/// `cargo exercises list | head -1`: the reader is gone before the tool
/// writes (the pipe's reading end is closed before it starts). The tool
/// ends as SIGPIPE ends other programs (a shell reports 141), without a
/// panic or a backtrace.
#[test]
fn a_closed_output_ends_the_tool_quietly() {
    let clone = clone_of_steps("safety-pipe", "step02");
    for args in [&["list"][..], &["hint", "2.1"]] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output = exercises_command(&clone, args)
            .stdout(writer)
            .output()
            .expect("the tool starts");
        assert_eq!(
            output.status.signal(),
            Some(Signal::PIPE.as_raw()),
            "{args:?}: {}",
            describe(&output)
        );
        assert!(
            output.stderr.is_empty(),
            "{args:?}: says nothing: {}",
            describe(&output)
        );
    }
}

#[test]
fn an_unknown_id_is_bad_input_told_in_one_short_line() {
    let clone = clone_of_steps("safety-id", "step02");
    let long = "9".repeat(10_000);
    for id in [long.as_str(), "2.1\n\u{1b}[31mred", "../../etc"] {
        let output = exercises(&clone, &["start", id]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_exit(&output, 2, "an unknown id");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
        assert!(stderr.len() < 200, "a short line: {stderr:?}");
        assert!(
            !stderr.contains('\u{1b}'),
            "control characters escaped: {stderr:?}"
        );
    }
    assert!(
        !clone.join("exercises-work").exists(),
        "a refused command wrote nothing"
    );
}

/// A clone moved to another folder after its exercises were started, by a
/// tool that wrote the absolute path of the old place (as it used to):
/// `cargo exercises` still works inside `exercises-work/2.1`, once any
/// command has run in the moved clone.
#[test]
fn a_moved_clone_still_works_from_inside_an_exercise() {
    let old = clone_of_steps("safety-before-move", "step02");
    with_the_tool_and_its_alias(&old);
    start(&old, "2.1");
    let work = old.join("exercises-work");
    // As an older tool left it: an absolute path, no alias in 2.1.
    let _ = std::fs::remove_dir_all(work.join("2.1/.cargo"));
    let absolute = old.join("tests/exercises-tool/Cargo.toml");
    std::fs::write(
        work.join(".cargo/config.toml"),
        format!(
            "[build]\ntarget-dir = \"../target/exercises\"\n[alias]\n\
             exercises = \"run --quiet --manifest-path {} --bin exercises --\"\n",
            absolute.display()
        ),
    )
    .expect("an old config");

    let moved = old.with_file_name("safety-after-move");
    let _ = std::fs::remove_dir_all(&moved);
    std::fs::rename(&old, &moved).expect("move the clone");
    assert_exit(&exercises(&moved, &["list"]), 0, "list in the moved clone");
    let config =
        std::fs::read_to_string(moved.join("exercises-work/.cargo/config.toml"))
            .expect("config");
    assert!(
        !config.contains(&old.display().to_string()),
        "the old place is gone from the config: {config}"
    );

    for inside in ["exercises-work/2.1", "exercises-work"] {
        let output = cargo_alias_exercises(&moved.join(inside), &["list"]);
        assert_exit(&output, 0, &format!("`cargo exercises list` in {inside}"));
        assert_says(&output, "2.1   Make the forgotten future run", "lists");
    }
    let _ = std::fs::remove_dir_all(&moved);
}
