//! `cargo exercises` as a student uses it, run on fresh copies of the
//! tutorial's exercises ("clones") in the build folder: from inside an
//! exercise's folder, with a build folder shared between clones, through
//! resets, and with code that never ends.

mod clones;

use std::path::Path;
use std::process::Command;

use clones::*;
use exercises_tool::workspace::TEST_SUPPORT_FOLDER;

#[test]
fn check_works_from_inside_the_exercise_folder_and_shows_only_what_helps() {
    let clone = clone("inside");
    let started = exercises(&clone.join("step02-basic-async"), &["start", "2.1"]);
    assert_exit(&started, 0, "start from a subfolder");
    let folder = clone.join("exercises-work/2.1");

    let starter = exercises(&folder, &["check", "2.1"]);
    assert_exit(&starter, 1, "the starter fails");
    for (text, what) in [
        ("FAILED ", "names the failing test"),
        ("is not done yet", "says where it stands"),
        ("cargo exercises hint 2.1", "points to the next hint"),
    ] {
        assert_says(&starter, text, what);
    }
    let everything = describe(&starter);
    for noise in [
        "stack backtrace",
        "to rerun pass",
        "panicked at",
        "RUST_BACKTRACE",
    ] {
        assert!(
            !everything.contains(noise),
            "`{noise}` is noise for a student: {everything}"
        );
    }

    std::fs::write(folder.join("src/lib.rs"), solution(&clone, "2.1"))
        .expect("write the work");
    let solved = exercises(&folder, &["check", "2.1"]);
    assert_exit(&solved, 0, "the solution passes");
    assert_says(&solved, "Exercise 2.1 is done.", "says it is done");
    let list = exercises(&folder, &["list"]);
    assert!(
        stdout(&list)
            .lines()
            .any(|line| line.starts_with("2.1") && line.ends_with(" done")),
        "list, run from inside the exercise, shows it done: {}",
        describe(&list)
    );
}

/// `cargo exercises`, the alias itself, from inside `exercises-work/2.1`:
/// there cargo sees the exercise's own `Cargo.toml`, so the tutorial's alias
/// alone would fail with "package(s) `exercises-tool` not found".
#[test]
fn the_cargo_alias_works_inside_the_exercise_folder() {
    let clone = clone("alias");
    with_the_tool_and_its_alias(&clone);
    start(&clone, "2.1");
    let output = cargo_alias_exercises(&clone.join("exercises-work/2.1"), &["list"]);
    assert_exit(&output, 0, "`cargo exercises list` in exercises-work/2.1");
    assert_says(
        &output,
        "2.1   Make the forgotten future run",
        "lists the exercises",
    );
}

#[test]
fn clones_sharing_a_build_folder_each_keep_their_own_work() {
    let first = clone("shared-first");
    let second = clone("shared-second");
    let hint = exercises(&second, &["hint", "2.2"]);
    assert_exit(&hint, 0, "hint 2.2");
    let state = std::fs::read_to_string(second.join("exercises-work/state.txt"))
        .expect("the hint was recorded in the clone it ran in");
    assert!(state.contains("2.2 hints=1"), "{state}");
    assert!(
        !first.join("exercises-work").exists(),
        "a command run in one clone wrote into another clone's exercises-work/"
    );
}

#[test]
fn reset_twice_keeps_both_earlier_versions() {
    let clone = clone("reset");
    let folder = clone.join("exercises-work/2.1");
    start(&clone, "2.1");
    let lib = folder.join("src/lib.rs");
    let starter = std::fs::read_to_string(&lib).expect("the starter");

    for version in ["// my first try\n", "// my second try\n"] {
        std::fs::write(&lib, version).expect("edit");
        let reset = exercises(&clone, &["reset", "2.1"]);
        assert_exit(&reset, 0, "reset 2.1");
        assert_says(&reset, "is kept in", "says where the work is kept");
    }
    let backup =
        |name: &str| std::fs::read_to_string(folder.join("backups").join(name));
    assert_eq!(
        backup("1-lib.rs").ok().as_deref(),
        Some("// my first try\n")
    );
    assert_eq!(
        backup("2-lib.rs").ok().as_deref(),
        Some("// my second try\n")
    );
    assert_eq!(
        std::fs::read_to_string(&lib).ok(),
        Some(starter),
        "reset puts the starter back"
    );

    // Resetting the untouched starter has nothing to keep.
    assert!(exercises(&clone, &["reset", "2.1"]).status.success());
    assert!(
        backup("3-lib.rs").is_err(),
        "an untouched starter needs no backup"
    );
}

#[test]
fn start_on_a_started_exercise_keeps_the_work_and_says_so() {
    let clone = clone("restart");
    start(&clone, "2.2");
    let lib = clone.join("exercises-work/2.2/src/lib.rs");
    std::fs::write(&lib, "// half done\n").expect("edit");
    let again = exercises(&clone, &["start", "2.2"]);
    assert_exit(&again, 0, "start 2.2 again");
    assert_says(&again, "already started", "says it was started already");
    assert_eq!(
        std::fs::read_to_string(&lib).ok().as_deref(),
        Some("// half done\n")
    );
}

#[test]
fn code_that_never_ends_is_stopped_at_the_time_limit_with_advice() {
    let clone = clone("hang");
    start(&clone, "2.1");
    let folder = clone.join("exercises-work/2.1");
    // The solution, but the student's part first parks the thread forever:
    // the shape of a future that is never woken.
    let solution = solution(&clone, "2.1");
    let (before, after) = solution
        .split_once("// END STUDENT")
        .expect("2.1's solution has a student region");
    let hanging =
        format!("{before}loop {{ std::thread::park(); }}\n// END STUDENT{after}");
    std::fs::write(folder.join("src/lib.rs"), hanging).expect("write the work");

    let check = exercises(&folder, &["check", "2.1", "--time-limit", "3"]);
    let said = stdout(&check);
    assert_exit(&check, 1, "a check of code that never ends fails");
    assert!(said.contains("Stopped after 3 s"), "{}", describe(&check));
    assert!(
        said.contains("had not finished: "),
        "names the tests: {}",
        describe(&check)
    );
    assert!(
        said.contains("never woken"),
        "says the usual cause: {}",
        describe(&check)
    );
    assert!(
        said.contains("cargo exercises hint 2.1"),
        "and the hint: {}",
        describe(&check)
    );
    assert_eq!(
        processes_working_in(&folder),
        0,
        "the hung tests were not killed: a process still runs in {}",
        folder.display()
    );
}

/// How many processes have their current folder inside `folder` (Linux).
fn processes_working_in(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|entry| std::fs::read_link(entry.path().join("cwd")).ok())
        .filter(|cwd| cwd.starts_with(folder))
        .count()
}

#[test]
fn bad_input_gets_one_line_and_the_usage_with_exit_code_2() {
    let clone = clone("usage");
    for args in [
        &["check", "2.1", "--time-limit", "soon"][..],
        &["frobnicate"],
        &["hint"],
    ] {
        let output = exercises(&clone, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_exit(&output, 2, &format!("{args:?}"));
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(
            stderr
                .lines()
                .nth(1)
                .is_some_and(|line| line.starts_with("usage: ")),
            "{args:?}: {stderr}"
        );
    }
    let unknown = exercises(&clone, &["start", "9.9"]);
    assert_exit(&unknown, 2, "start 9.9, an exercise that does not exist");
    #[cfg(unix)]
    {
        // An argument that is not UTF-8 (a file name can be any bytes).
        use std::os::unix::ffi::OsStrExt;
        let not_text = std::ffi::OsStr::from_bytes(b"2.\xff");
        let output = exercises_command(&clone, &["start"])
            .arg(not_text)
            .output()
            .expect("the tool starts");
        assert_exit(&output, 2, "start <not UTF-8>");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("error: argument `2.")
                && stderr.contains("is not UTF-8 text"),
            "names the problem in one line, no panic: {stderr}"
        );
    }
    for args in [&["check", "--help"][..], &["grade", "--help"]] {
        let help = exercises(&clone, args);
        assert_exit(&help, 0, &format!("{args:?}"));
        assert_says(&help, "usage: cargo exercises", "prints the usage");
    }
}

#[test]
fn outside_the_tutorial_the_tool_says_where_to_run_it() {
    // Not under the build folder: that is inside the tutorial.
    let outside =
        std::env::temp_dir().join(format!("exercises-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).expect("a folder");
    let output = exercises(&outside, &["list"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_exit(&output, 1, "list outside the tutorial");
    assert!(stderr.contains("is not inside the tutorial"), "{stderr}");
    let _ = std::fs::remove_dir_all(&outside);
}

/// The watchdog the tests of several exercises share lives once in the
/// tutorial; `start` writes it beside the tests that declare it, and the
/// check compiles them together.
#[test]
fn an_exercise_gets_the_shared_test_modules_its_tests_declare() {
    let clone = clone_of_steps("test-modules", "step01");
    for id in ["1.1", "1.2"] {
        start(&clone, id);
    }
    let work = clone.join("exercises-work");
    assert!(
        std::fs::read_to_string(exercise_folder(&clone, "1.1").join("tests.rs"))
            .expect("1.1's tests")
            .contains("\nmod watchdog;\n"),
        "1.1's tests declare the shared watchdog"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("1.1/tests/watchdog/mod.rs")).ok(),
        std::fs::read_to_string(
            tutorial().join(TEST_SUPPORT_FOLDER).join("watchdog.rs")
        )
        .ok(),
        "1.1 gets the shared watchdog as tests/watchdog/mod.rs"
    );
    assert!(
        !work.join("1.2/tests/watchdog").exists(),
        "1.2's tests declare no watchdog, so it gets none"
    );
    std::fs::write(work.join("1.1/src/lib.rs"), solution(&clone, "1.1"))
        .expect("write the work");
    let solved = exercises(&clone, &["check", "1.1"]);
    assert_exit(&solved, 0, "the solution passes with the shared watchdog");
}

#[test]
fn check_all_gives_one_table_and_an_exit_code_for_scripts() {
    let clone = step02_clone_started("check-all", "2.1");
    start(&clone, "2.2");
    std::fs::write(
        clone.join("exercises-work/2.1/src/lib.rs"),
        solution(&clone, "2.1"),
    )
    .expect("write the work");

    let all = exercises(&clone, &["check", "--all"]);
    let table = stdout(&all);
    assert_exit(&all, 1, "not all done");
    let row = |id: &str| {
        table
            .lines()
            .find(|line| line.starts_with(id))
            .unwrap_or_else(|| panic!("no row for {id}: {table}"))
            .to_string()
    };
    assert!(row("2.1").contains(" done "), "{table}");
    assert!(row("2.2").contains(" failing "), "{table}");
    assert!(row("2.3").contains(" not started "), "{table}");
    assert!(table.contains("1 of 3 done."), "{table}");

    for id in ["2.2", "2.3"] {
        start(&clone, id);
        let lib = clone.join("exercises-work").join(id).join("src/lib.rs");
        std::fs::write(lib, solution(&clone, id)).expect("write the work");
    }
    let all = exercises(&clone, &["check", "--all"]);
    assert_exit(&all, 0, "all done");
    let list = exercises(&clone, &["list"]);
    assert!(
        !stdout(&list).contains("Next:"),
        "list points to no next exercise when all are done: {}",
        describe(&list)
    );
}

#[test]
fn the_solution_opens_after_a_passing_check_or_the_last_hint() {
    let clone = clone_of_steps("unlock", "step02");
    let locked = exercises(&clone, &["solution", "2.1"]);
    assert_exit(&locked, 1, "solution 2.1 before any check or hint");
    assert_says(&locked, "opens once", "says when it opens");
    assert!(
        !stdout(&locked).contains("solution.rs"),
        "{}",
        describe(&locked)
    );

    // Every hint read: open.
    let hints =
        std::fs::read_to_string(exercise_folder(&clone, "2.1").join("hints.md"))
            .expect("hints");
    for _ in 0..hints.matches("## Hint ").count() {
        assert!(exercises(&clone, &["hint", "2.1"]).status.success());
    }
    let open = exercises(&clone, &["solution", "2.1"]);
    assert_exit(&open, 0, "solution 2.1 after its last hint");
    assert_says(&open, "solution.rs", "names the file");

    // A passing check: open, even after the code changes again.
    start(&clone, "2.2");
    let lib = clone.join("exercises-work/2.2/src/lib.rs");
    std::fs::write(&lib, solution(&clone, "2.2")).expect("write the work");
    assert!(exercises(&clone, &["check", "2.2"]).status.success());
    std::fs::write(&lib, "// starting over\n").expect("edit");
    assert!(exercises(&clone, &["solution", "2.2"]).status.success());
}

/// The exercises' workspace is what an editor's rust-analyzer loads: from
/// inside an exercise, cargo sees every started exercise as a member.
#[test]
fn the_started_exercises_form_one_workspace_for_the_editor() {
    let clone = clone_of_steps("editor", "step02");
    for id in ["2.1", "2.3"] {
        start(&clone, id);
    }
    let metadata = cargo_metadata(&clone.join("exercises-work/2.1"));
    let json = stdout(&metadata);
    assert_exit(&metadata, 0, "cargo metadata");
    let root = clone.join("exercises-work").display().to_string();
    assert!(
        json.contains(&format!("\"workspace_root\":\"{root}\"")),
        "the workspace root is exercises-work/: {json}"
    );
    let members = json.matches("\"name\":\"exercise-2-").count();
    assert_eq!(members, 2, "both started exercises are members: {json}");
}

#[test]
fn watch_checks_on_save_moves_on_when_done_and_answers_keys() {
    let clone = clone_of_steps("watch", "step02");
    let mut watch = Watch::start(&clone);
    watch.wait_for("=== Exercise 2.1");
    watch.wait_for("Exercise 2.1 is not done yet");
    watch.wait_for("h hint");

    let lib = clone.join("exercises-work/2.1/src/lib.rs");
    std::fs::write(&lib, solution(&clone, "2.1")).expect("save the work");
    watch.wait_for("Exercise 2.1 is done.");
    watch.wait_for("=== Exercise 2.2");
    watch.wait_for("Exercise 2.2 is not done yet");

    watch.type_line("h");
    watch.wait_for("Hint 1 of");
    watch.type_line("q");
    let status = watch.wait_for_exit();
    assert!(status.success(), "q ends watch cleanly: {status}");
}

/// `cargo exercises watch` running, fed keys, its output read line by line.
struct Watch {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(clone: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exercises"))
            .arg("watch")
            .current_dir(clone)
            .env("CARGO_TARGET_DIR", shared_target())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("watch starts");
        let stdout = child.stdout.take().expect("piped");
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads output until a line holds `text`; fails after 30 s.
    fn wait_for(&mut self, text: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(text);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "watch never printed `{text}` within 30 s; it printed:\n{}",
                        self.seen.join("\n")
                    );
                }
            }
        }
    }

    fn type_line(&mut self, line: &str) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().expect("piped");
        writeln!(stdin, "{line}").expect("watch reads its input");
    }

    fn wait_for_exit(&mut self) -> std::process::ExitStatus {
        for _ in 0..300 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("watch did not end within 30 s of `q`");
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
