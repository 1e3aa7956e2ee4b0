//! The GitHub Classroom workflow grades every exercise, and only those: one
//! grader step per exercise, each running `cargo exercises check <id>` (whose
//! exit code, 0 for a pass, is what the grader scores; tests/student.rs
//! checks that), and the reporter adds up the same list. The workflow cannot
//! run here; actionlint checks its syntax in .ci/run.

use std::path::Path;

use exercises_tool::Workspace;

fn tutorial() -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/exercises-tool is two levels down");
    Workspace::at(root)
}

#[test]
fn the_classroom_workflow_grades_each_exercise_once() {
    let workspace = tutorial();
    let file = workspace.root().join(".github/workflows/classroom.yml");
    let workflow =
        std::fs::read_to_string(&file).expect("the classroom workflow exists");
    let exercises = workspace.exercises();
    assert!(!exercises.is_empty(), "no exercises found");
    let mut runners = Vec::new();
    for exercise in &exercises {
        let step = format!("exercise-{}", exercise.id.replace('.', "-"));
        for needed in [
            format!("id: {step}\n"),
            format!("command: cargo exercises check {}\n", exercise.id),
            format!(
                "{}_RESULTS: \"${{{{ steps.{step}.outputs.result }}}}\"",
                step.to_uppercase()
            ),
        ] {
            assert!(
                workflow.contains(&needed),
                "{}: exercise {} needs `{}`",
                workspace.relative(&file),
                exercise.id,
                needed.trim()
            );
        }
        runners.push(step);
    }
    assert!(
        workflow.contains(&format!("runners: {}\n", runners.join(","))),
        "the reporter's runners should list every exercise in order: {}",
        runners.join(",")
    );
    assert_eq!(
        workflow.matches("command: cargo exercises check ").count(),
        exercises.len(),
        "one grader step per exercise, no more"
    );
}
