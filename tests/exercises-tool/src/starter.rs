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

use std::collections::BTreeMap;

/// The line that opens a region the student writes.
pub const STUDENT: &str = "// STUDENT:";
/// The line that closes it.
pub const END_STUDENT: &str = "// END STUDENT";
/// A line inside a region: starter code to put in place of `todo!()`.
pub const STARTER: &str = "// STARTER:";

/// A student region being read: opened by a `// STUDENT:` line, not yet
/// closed.
#[derive(Debug)]
struct OpenRegion {
    /// 1-based line of its `// STUDENT:` line.
    opened_on: usize,
    /// The indentation of that line, given to the starter's lines.
    indent: String,
    /// The one-line instruction after `// STUDENT:`.
    instruction: String,
    /// Its `// STARTER:` lines, uncommented.
    starter_code: Vec<String>,
}

/// The starter: the solution with every student region replaced by a
/// `// TODO: <instruction>` line and `todo!()` (or the region's `// STARTER:`
/// lines, uncommented), indented like the region's opening line.
pub fn derive_starter(solution: &str) -> Result<String, String> {
    let mut starter = String::new();
    let mut region: Option<OpenRegion> = None;
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
                region = Some(OpenRegion {
                    opened_on: index + 1,
                    indent: indent.to_string(),
                    instruction,
                    starter_code: Vec::new(),
                });
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
            Some(open) if trimmed.starts_with(STUDENT) => {
                return Err(format!(
                    "line {}: a `{STUDENT}` region opened on line {} is not closed",
                    index + 1,
                    open.opened_on
                ));
            }
            Some(open) if trimmed.starts_with(END_STUDENT) => {
                let OpenRegion {
                    indent,
                    instruction,
                    starter_code,
                    ..
                } = open;
                starter.push_str(&format!("{indent}// TODO: {instruction}\n"));
                if starter_code.is_empty() {
                    starter_code.push("todo!()".to_string());
                }
                for code in starter_code.iter() {
                    starter.push_str(&format!("{indent}{code}\n"));
                }
                region = None;
            }
            Some(open) => {
                if let Some(code) = trimmed.strip_prefix(STARTER) {
                    let code = code.strip_prefix(' ').unwrap_or(code);
                    open.starter_code.push(code.trim_end().to_string());
                }
            }
        }
    }
    if let Some(open) = region {
        return Err(format!(
            "the `{STUDENT}` region opened on line {} has no `{END_STUDENT}`",
            open.opened_on
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

/// What a wrong file changes: code for some of the solution's regions,
/// and code added at the end.
#[derive(Debug, Default)]
struct WrongBlocks {
    /// Region number (1-based) to the code that replaces it.
    regions: BTreeMap<usize, String>,
    /// The `// EXTRA` block.
    extra: String,
}

/// Which block of a wrong file the lines being read belong to.
#[derive(Debug, Clone, Copy)]
enum Block {
    /// Before the first `// REGION` or `// EXTRA` line: the header.
    Header,
    Region(usize),
    Extra,
}

/// The full source of a wrong solution: the solution with the regions the
/// wrong file names replaced, and its `// EXTRA` block appended.
pub fn derive_wrong(solution: &str, wrong: &str) -> Result<String, String> {
    let blocks = wrong_blocks(wrong)?;
    let mut source = String::new();
    let mut region = 0;
    let mut inside = false;
    for line in solution.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with(STUDENT) {
            region += 1;
            inside = true;
            if let Some(code) = blocks.regions.get(&region) {
                source.push_str(code);
            }
        } else if trimmed.starts_with(END_STUDENT) {
            inside = false;
        } else if !inside || !blocks.regions.contains_key(&region) {
            source.push_str(line);
            source.push('\n');
        }
    }
    if let Some(unknown) = blocks.regions.keys().find(|&&number| number > region) {
        return Err(format!(
            "`{REGION}{unknown}`: the solution has {region} student regions"
        ));
    }
    source.push_str(&blocks.extra);
    Ok(source)
}

/// The blocks of a wrong file.
fn wrong_blocks(wrong: &str) -> Result<WrongBlocks, String> {
    let mut blocks = WrongBlocks::default();
    let mut current = Block::Header;
    for (index, line) in wrong.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(number) = trimmed.strip_prefix(REGION) {
            let number: usize = number
                .trim()
                .parse()
                .map_err(|_| format!("line {}: `{REGION}<n>` needs a region number", index + 1))?;
            if blocks.regions.insert(number, String::new()).is_some() {
                return Err(format!("line {}: region {number} twice", index + 1));
            }
            current = Block::Region(number);
        } else if trimmed == EXTRA {
            current = Block::Extra;
        } else {
            let code = match current {
                Block::Header => continue,
                Block::Region(number) => blocks.regions.get_mut(&number).expect("opened above"),
                Block::Extra => &mut blocks.extra,
            };
            code.push_str(line);
            code.push('\n');
        }
    }
    if blocks.regions.is_empty() && blocks.extra.is_empty() {
        return Err(format!(
            "no `{REGION}<n>` or `{EXTRA}` block: it changes nothing of the solution"
        ));
    }
    Ok(blocks)
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
        for (wrong, why) in [
            ("//! header\n", "changes nothing"),
            ("// REGION 3\nx\n", "no region 3"),
            ("// REGION one\nx\n", "not a number"),
            ("// REGION 1\nx\n// REGION 1\ny\n", "region 1 twice"),
        ] {
            assert!(
                derive_wrong(SOLUTION, wrong).is_err(),
                "{why}: {wrong:?} should be refused"
            );
        }
    }
}
