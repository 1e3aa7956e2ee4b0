//! The starter, derived from the solution: one source per exercise.
//!
//! The parts the student writes sit between a line `// STUDENT: <one-line
//! instruction>` and a line `// END STUDENT`; optional `// STARTER: <code>`
//! lines inside a region give the code the starter has there instead of
//! `todo!()`.

/// The line that opens a region the student writes.
pub const STUDENT: &str = "// STUDENT:";
/// The line that closes it.
pub const END_STUDENT: &str = "// END STUDENT";
/// A line inside a region: starter code to put in place of `todo!()`.
pub const STARTER: &str = "// STARTER:";

/// The starter: the solution with every student region replaced by a
/// `// TODO: <instruction>` line and `todo!()` (or the region's `// STARTER:`
/// lines, uncommented), indented like the region's opening line.
pub fn derive_starter(solution: &str) -> Result<String, String> {
    let mut starter = String::new();
    let mut region: Option<(usize, String, String, Vec<String>)> = None;
    for (index, line) in solution.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &mut region {
            None if trimmed.starts_with(STUDENT) => {
                let instruction = trimmed[STUDENT.len()..].trim().to_string();
                if instruction.is_empty() {
                    return Err(format!(
                        "line {}: `{STUDENT}` needs a one-line instruction",
                        index + 1
                    ));
                }
                region = Some((index + 1, indent.to_string(), instruction, Vec::new()));
            }
            None if trimmed.starts_with(END_STUDENT) || trimmed.starts_with(STARTER) => {
                return Err(format!(
                    "line {}: `{}` outside a `{STUDENT}` region",
                    index + 1,
                    trimmed
                ));
            }
            None => {
                starter.push_str(line);
                starter.push('\n');
            }
            Some((start, ..)) if trimmed.starts_with(STUDENT) => {
                return Err(format!(
                    "line {}: a `{STUDENT}` region opened on line {start} is not closed",
                    index + 1
                ));
            }
            Some((_, region_indent, instruction, starter_lines))
                if trimmed.starts_with(END_STUDENT) =>
            {
                starter.push_str(&format!("{region_indent}// TODO: {instruction}\n"));
                if starter_lines.is_empty() {
                    starter_lines.push("todo!()".to_string());
                }
                for code in starter_lines.iter() {
                    starter.push_str(&format!("{region_indent}{code}\n"));
                }
                region = None;
            }
            Some((.., starter_lines)) => {
                if let Some(code) = trimmed.strip_prefix(STARTER) {
                    let code = code.strip_prefix(' ').unwrap_or(code);
                    starter_lines.push(code.trim_end().to_string());
                }
            }
        }
    }
    if let Some((start, ..)) = region {
        return Err(format!(
            "the `{STUDENT}` region opened on line {start} has no `{END_STUDENT}`"
        ));
    }
    if !starter.contains("// TODO: ") {
        return Err(format!(
            "no `{STUDENT} <instruction>` ... `{END_STUDENT}` region: nothing for the student to write"
        ));
    }
    Ok(starter)
}

/// The starter of an exercise, derived from its solution file.
pub fn starter_of(exercise: &crate::Exercise) -> Result<String, String> {
    let file = exercise.solution_file();
    let solution = std::fs::read_to_string(&file)
        .map_err(|error| format!("{}: {error}", exercise.workspace.relative(&file)))?;
    derive_starter(&solution)
        .map_err(|problem| format!("{}: {problem}", exercise.workspace.relative(&file)))
}
