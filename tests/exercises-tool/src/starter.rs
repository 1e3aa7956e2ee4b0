//! The starter and the kept wrong solutions, derived from the solution: one
//! source per exercise.
//!
//! The parts the student writes sit between a line `// STUDENT: <one-line
//! instruction>` and a line `// END STUDENT`; optional `// STARTER: <code>`
//! lines inside a region give the code the starter has there instead of
//! `todo!()`.
//!
//! A wrong solution (`wrong/<name>.rs`) holds only what it changes: after
//! its header, blocks headed `// REGION <n>` replace the solution's n-th
//! student region, and a block headed `// EXTRA` is added at the end of the
//! file (a helper, a `use`). Regions it does not name keep the solution's
//! code, so a fix to the solution reaches every wrong solution too.

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

/// A line that opens a wrong solution's replacement for region `<n>`.
pub const REGION: &str = "// REGION ";
/// A line that opens a wrong solution's code added at the end.
pub const EXTRA: &str = "// EXTRA";

/// The full source of a wrong solution: the solution with the regions the
/// wrong file names replaced, and its `// EXTRA` block appended.
pub fn derive_wrong(solution: &str, wrong: &str) -> Result<String, String> {
    let (replacements, extra) = wrong_blocks(wrong)?;
    let mut source = String::new();
    let mut region = 0;
    let mut inside = false;
    for line in solution.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(STUDENT) {
            region += 1;
            inside = true;
            if let Some(code) = replacements.get(&region) {
                source.push_str(code);
            }
        } else if trimmed.starts_with(END_STUDENT) {
            inside = false;
        } else if !inside || !replacements.contains_key(&region) {
            source.push_str(line);
            source.push('\n');
        }
    }
    if let Some(unknown) = replacements.keys().find(|&&number| number > region) {
        return Err(format!(
            "`{REGION}{unknown}`: the solution has {region} student regions"
        ));
    }
    source.push_str(&extra);
    Ok(source)
}

/// The blocks of a wrong file: code per region number, and the extra code.
fn wrong_blocks(
    wrong: &str,
) -> Result<(std::collections::BTreeMap<usize, String>, String), String> {
    let mut regions = std::collections::BTreeMap::new();
    let mut extra = String::new();
    let mut current: Option<Option<usize>> = None; // Some(Some(n)) region n, Some(None) extra
    for (index, line) in wrong.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(number) = trimmed.strip_prefix(REGION) {
            let number: usize = number
                .trim()
                .parse()
                .map_err(|_| format!("line {}: `{REGION}<n>` needs a region number", index + 1))?;
            if regions.insert(number, String::new()).is_some() {
                return Err(format!("line {}: region {number} twice", index + 1));
            }
            current = Some(Some(number));
        } else if trimmed == EXTRA {
            current = Some(None);
        } else if let Some(block) = current {
            let code = match block {
                Some(number) => regions.get_mut(&number).expect("opened above"),
                None => &mut extra,
            };
            code.push_str(line);
            code.push('\n');
        }
    }
    if regions.is_empty() && extra.is_empty() {
        return Err(format!(
            "no `{REGION}<n>` or `{EXTRA}` block: it changes nothing of the solution"
        ));
    }
    Ok((regions, extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOLUTION: &str = "fn f() -> u32 {\n    // STUDENT: return 42\n    42\n    // END STUDENT\n}\n\
                            fn g() {\n    // STUDENT: call f\n    f();\n    // END STUDENT\n}\n";

    #[test]
    fn a_wrong_solution_replaces_the_regions_it_names_and_keeps_the_others() {
        let wrong = "//! Wrong solution of exercise 9.9: returns 41\n//! Expect: 42\n\n\
                     // REGION 1\n    41\n// EXTRA\nfn helper() {}\n";
        assert_eq!(
            derive_wrong(SOLUTION, wrong).unwrap(),
            "fn f() -> u32 {\n    41\n}\nfn g() {\n    f();\n}\nfn helper() {}\n"
        );
    }

    #[test]
    fn a_wrong_solution_must_name_regions_that_exist_and_change_something() {
        assert!(
            derive_wrong(SOLUTION, "//! header\n").is_err(),
            "changes nothing"
        );
        assert!(
            derive_wrong(SOLUTION, "// REGION 3\nx\n").is_err(),
            "no region 3"
        );
        assert!(
            derive_wrong(SOLUTION, "// REGION one\nx\n").is_err(),
            "not a number"
        );
        assert!(
            derive_wrong(SOLUTION, "// REGION 1\nx\n// REGION 1\ny\n").is_err(),
            "twice"
        );
    }
}
