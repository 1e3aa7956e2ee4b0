//! `cargo exercises grade` on an ordinary class, run on fresh copies of the
//! tutorial's exercises ("clones"): one student solved everything, one
//! left a starter, one wrote code that never ends; the sheet says so for
//! each. (tests/grade.rs runs the same command against a hostile class.)

mod clones;

use clones::*;

#[test]
fn grade_writes_the_sheet_for_a_class_whatever_their_work_is_like() {
    let teacher = clone_of_steps("grade-teacher", "step02");
    let class = shared_target().join("exercises-tool-clones/grade-class");
    let _ = std::fs::remove_dir_all(&class);
    let work = |student: &str, id: &str, code: &[u8]| {
        let src = student_src(&class, student, id);
        std::fs::write(src.join("lib.rs"), code).expect("a student's file");
    };
    for id in ["2.1", "2.2", "2.3"] {
        work("solved", id, solution(&teacher, id).as_bytes());
    }
    // Their progress file says 2.1 took from start to first pass 130 s.
    std::fs::write(
        class.join("solved/exercises-work/state.txt"),
        "2.1 hints=0 passed=- tests=2/2 started=1000 first-pass=1130\n",
    )
    .expect("a progress file");
    work("half", "2.1", solution(&teacher, "2.1").as_bytes());
    let starter = {
        start(&teacher, "2.2");
        std::fs::read(teacher.join("exercises-work/2.2/src/lib.rs"))
            .expect("the starter")
    };
    work("half", "2.2", &starter);
    let hanging = solution(&teacher, "2.1").replacen(
        "// END STUDENT",
        "loop { std::thread::park(); }\n// END STUDENT",
        1,
    );
    work("broken", "2.1", hanging.as_bytes());
    work("broken", "2.2", b"pub fn this is not rust");
    work("broken", "2.3", &[0xff, 0xfe, 0x00]);

    let folders = ["solved", "half/exercises-work", "broken", "missing"];
    // The sandbox when there is one (tests/grade.rs tests it); this test is
    // about the sheet, of the teacher's own solutions, so it runs anywhere.
    let mut args = vec![
        "grade",
        "--time-limit",
        "3",
        "--unsandboxed-i-trust-these-students",
        "--out",
    ];
    let out = class.join("sheet");
    let out_name = out.display().to_string();
    args.push(&out_name);
    let paths: Vec<String> = folders
        .iter()
        .map(|folder| class.join(folder).display().to_string())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let graded = exercises(&teacher, &args);
    assert_exit(&graded, 0, "grade");

    let csv =
        std::fs::read_to_string(out.with_extension("csv")).expect("the CSV sheet");
    let rows: Vec<Vec<&str>> =
        csv.lines().map(|line| line.split(',').collect()).collect();
    let row = |student: &str| -> &Vec<&str> {
        rows.iter()
            .find(|row| row[0] == student)
            .unwrap_or_else(|| panic!("no row for {student}: {csv}"))
    };
    assert_eq!(rows[0], ["student", "2.1", "2.2", "2.3", "passed"], "{csv}");
    let names: Vec<&str> = rows[1..].iter().map(|row| row[0]).collect();
    assert_eq!(
        names,
        ["broken", "half", "missing", "solved"],
        "sorted: {csv}"
    );
    assert_eq!(
        *row("solved"),
        ["solved", "passed (3 min)", "passed", "passed", "3"],
        "{csv}"
    );
    assert_eq!(row("half")[1], "passed", "{csv}");
    assert!(
        row("half")[2].starts_with("failing (")
            || row("half")[2].starts_with("\"failing ("),
        "the starter fails: {csv}"
    );
    assert_eq!(
        row("half")[row("half").len() - 2..],
        ["not started", "1"],
        "{csv}"
    );
    assert!(
        row("broken")[1].starts_with("timed out ("),
        "the hang is stopped: {csv}"
    );
    assert_eq!(row("broken")[2], "does not compile", "{csv}");
    assert!(
        row("broken")[3].contains("not UTF-8"),
        "the binary file: {csv}"
    );
    assert_eq!(row("broken")[4], "0", "{csv}");
    assert!(row("missing")[1].contains("no folder"), "one line: {csv}");

    let markdown =
        std::fs::read_to_string(out.with_extension("md")).expect("the Markdown sheet");
    assert!(markdown.starts_with("# Grades, "), "{markdown}");
    for line in [
        "\n| student | 2.1 | 2.2 | 2.3 | passed |\n",
        "| median minutes | 3 | - | - | |",
        "| passed by | 2 of 4 | 1 of 4 | 1 of 4 | |",
    ] {
        assert!(
            markdown.contains(line),
            "no {line:?} in the Markdown sheet:\n{markdown}"
        );
    }
}
