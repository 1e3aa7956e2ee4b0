//! The starter and the kept wrong solutions, derived from the solution: one
//! source per exercise.
//!
//! The parts the student writes sit between a line `// STUDENT: <one-line
//! instruction>` and a line `// END STUDENT`; optional `// STARTER: <code>`
//! lines inside a region give the code the starter has there instead of
//! `todo!()`. A `// PART: <what the lines below do>` line inside a region
//! splits it into parts (the lines before the first such line are part 1)
//! for the wrong solutions only: the starter has one `todo!()` for the
//! whole region all the same.
//!
//! mdBook's anchor lines (`// ANCHOR: <name>`, `// ANCHOR_END: <name>`),
//! which let the book include a piece of a solution, are left out of the
//! starter: they mean nothing to the student.
//!
//! A wrong solution (`wrong/<name>.rs`) holds only what it changes: after
//! its header, blocks headed `// REGION <n>` replace the solution's n-th
//! student region, blocks headed `// REGION <n>.<m>` only the m-th part of
//! it, and a block headed `// EXTRA` is added at the end of the file (a
//! helper, a `use`). What it does not name keeps the solution's code, so a
//! fix to the solution reaches every wrong solution too, and a wrong
//! solution repeats none of the lines it gets right.

use std::collections::BTreeMap;

/// The line that opens a region the student writes.
pub const STUDENT: &str = "// STUDENT:";
/// The line that closes it.
pub const END_STUDENT: &str = "// END STUDENT";
/// A line inside a region: starter code to put in place of `todo!()`.
pub const STARTER: &str = "// STARTER:";
/// A line inside a region that opens its next part (for wrong solutions).
pub const PART: &str = "// PART:";
/// The openings of mdBook's anchor lines, which the starter leaves out.
pub const ANCHORS: [&str; 2] = ["// ANCHOR:", "// ANCHOR_END:"];

/// A solution read as its markers divide it: lines the student is given,
/// and the regions the student writes.
#[derive(Debug)]
enum Piece<'a> {
    /// A line outside every region (an anchor line included: the starter
    /// leaves those out, a wrong solution keeps them).
    Line(&'a str),
    Region(Region<'a>),
}

/// One student region of a solution.
#[derive(Debug, Default)]
struct Region<'a> {
    /// 1-based line of its `// STUDENT:` line.
    opened_on: usize,
    /// The indentation of that line, given to the starter's lines.
    indent: &'a str,
    /// The one-line instruction after `// STUDENT:`.
    instruction: &'a str,
    /// Its `// STARTER:` lines, uncommented.
    starter_code: Vec<String>,
    /// Its lines as written, part by part: the lines before the first
    /// `// PART:` line, then those after each one (the marker lines left
    /// out, every other line kept).
    parts: Vec<Vec<&'a str>>,
}

impl<'a> Region<'a> {
    /// Opens a region on its `// STUDENT:` line (number `line`).
    fn open(
        line: usize,
        indent: &'a str,
        marker_line: &'a str,
    ) -> Result<Self, String> {
        let instruction = marker_line[STUDENT.len()..].trim();
        if instruction.is_empty() {
            return Err(format!(
                "line {line}: `{STUDENT}` needs a one-line instruction"
            ));
        }
        Ok(Region {
            opened_on: line,
            indent,
            instruction,
            parts: vec![Vec::new()],
            ..Region::default()
        })
    }

    /// Reads one line inside the region (number `line`, `trimmed` of its
    /// indentation): code, a `// STARTER:` line or a `// PART:` line.
    fn read(
        &mut self,
        line: usize,
        raw: &'a str,
        trimmed: &'a str,
    ) -> Result<(), String> {
        if let Some(words) = trimmed.strip_prefix(PART) {
            if words.trim().is_empty() {
                return Err(format!(
                    "line {line}: `{PART}` needs a few words on what its lines do"
                ));
            }
            self.refuse_empty_part(line)?;
            self.parts.push(Vec::new());
            return Ok(());
        }
        if let Some(code) = trimmed.strip_prefix(STARTER) {
            let code = code.strip_prefix(' ').unwrap_or(code);
            self.starter_code.push(code.trim_end().to_string());
        }
        self.parts
            .last_mut()
            .expect("opened with one part")
            .push(raw);
        Ok(())
    }

    /// Closes the region on its `// END STUDENT` line (number `line`).
    fn close(self, line: usize) -> Result<Self, String> {
        if self.parts.len() > 1 {
            self.refuse_empty_part(line)?;
        }
        Ok(self)
    }

    /// Refuses to close a part with no code (by a `// PART:` line on line
    /// `line`, or by the region's end).
    fn refuse_empty_part(&self, line: usize) -> Result<(), String> {
        let part = self.parts.last().expect("opened with one part");
        let code = part.iter().any(|raw| {
            let trimmed = raw.trim_start();
            !trimmed.is_empty() && !trimmed.starts_with(STARTER)
        });
        if !code {
            return Err(format!(
                "line {line}: an empty part in the region opened on line {}: \
                 a `{PART}` line must follow code and be followed by code",
                self.opened_on
            ));
        }
        Ok(())
    }

    /// What the starter has in its place: `// TODO: <instruction>` and
    /// `todo!()` or its `// STARTER:` code, indented like its opening line.
    fn starter(&self) -> String {
        let todo = ["todo!()".to_string()];
        let code = if self.starter_code.is_empty() {
            &todo[..]
        } else {
            &self.starter_code[..]
        };
        let mut text = format!("{}// TODO: {}\n", self.indent, self.instruction);
        for line in code {
            text.push_str(&format!("{}{line}\n", self.indent));
        }
        text
    }
}

/// Reads a solution into its pieces, refusing markers out of place.
fn read_solution(solution: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut region: Option<Region> = None;
    for (index, raw) in solution.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim_start();
        let indent = &raw[..raw.len() - trimmed.len()];
        region = match region {
            None if trimmed.starts_with(STUDENT) => {
                Some(Region::open(line, indent, trimmed)?)
            }
            None if [END_STUDENT, STARTER, PART]
                .iter()
                .any(|marker| trimmed.starts_with(marker)) =>
            {
                return Err(format!(
                    "line {line}: `{trimmed}` outside a `{STUDENT}` region"
                ));
            }
            None => {
                pieces.push(Piece::Line(raw));
                None
            }
            Some(open) if trimmed.starts_with(STUDENT) => {
                return Err(format!(
                    "line {line}: a `{STUDENT}` region opened on line {} is not closed",
                    open.opened_on
                ));
            }
            Some(open) if trimmed.starts_with(END_STUDENT) => {
                pieces.push(Piece::Region(open.close(line)?));
                None
            }
            Some(mut open) => {
                open.read(line, raw, trimmed)?;
                Some(open)
            }
        };
    }
    if let Some(open) = region {
        return Err(format!(
            "the `{STUDENT}` region opened on line {} has no `{END_STUDENT}`",
            open.opened_on
        ));
    }
    Ok(pieces)
}

/// Whether a line outside the regions is one of mdBook's anchor lines.
fn is_anchor(trimmed: &str) -> bool {
    ANCHORS.iter().any(|anchor| trimmed.starts_with(anchor))
}

/// The starter: the solution with every student region replaced by a
/// `// TODO: <instruction>` line and `todo!()` (or the region's `// STARTER:`
/// lines, uncommented), indented like the region's opening line.
pub fn derive_starter(solution: &str) -> Result<String, String> {
    let pieces = read_solution(solution)?;
    if !pieces.iter().any(|piece| matches!(piece, Piece::Region(_))) {
        return Err(format!(
            "no `{STUDENT} <instruction>` ... `{END_STUDENT}` region: nothing for the student to write"
        ));
    }
    let mut starter = String::new();
    for piece in &pieces {
        match piece {
            Piece::Line(raw) if is_anchor(raw.trim_start()) => {}
            Piece::Line(raw) => {
                starter.push_str(raw);
                starter.push('\n');
            }
            Piece::Region(region) => starter.push_str(&region.starter()),
        }
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

/// A line that opens a wrong solution's replacement for region `<n>`, or
/// for part `<m>` of it (`// REGION <n>.<m>`).
pub const REGION: &str = "// REGION ";
/// A line that opens a wrong solution's code added at the end.
pub const EXTRA: &str = "// EXTRA";

/// What a `// REGION` block replaces: a whole student region, or one part
/// of it (numbered from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    region: usize,
    part: Option<usize>,
}

impl Place {
    /// `2` or `2.1`, as a wrong file writes it.
    fn parse(text: &str) -> Option<Place> {
        let number = |text: &str| text.trim().parse::<usize>().ok().filter(|&n| n > 0);
        Some(match text.split_once('.') {
            None => Place {
                region: number(text)?,
                part: None,
            },
            Some((region, part)) => Place {
                region: number(region)?,
                part: Some(number(part)?),
            },
        })
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.part {
            None => write!(f, "{}", self.region),
            Some(part) => write!(f, "{}.{part}", self.region),
        }
    }
}

/// What a wrong file changes: code for some of the solution's regions or
/// parts of regions, and code added at the end.
#[derive(Debug, Default)]
struct WrongBlocks {
    /// The region or part to the code that replaces it.
    regions: BTreeMap<Place, String>,
    /// The `// EXTRA` block.
    extra: String,
}

impl WrongBlocks {
    /// The code that replaces part `part` of region `region`: the block of
    /// the part, or, for part 1, the block of the whole region.
    fn replacement(&self, region: usize, part: usize) -> Option<&String> {
        let whole = Place { region, part: None };
        let this = Place {
            region,
            part: Some(part),
        };
        match self.regions.get(&whole) {
            Some(code) => (part == 1).then_some(code),
            None => self.regions.get(&this),
        }
    }

    /// Whether the lines of part `part` of region `region` are replaced.
    fn replaces(&self, region: usize, part: usize) -> bool {
        self.regions.contains_key(&Place { region, part: None })
            || self.regions.contains_key(&Place {
                region,
                part: Some(part),
            })
    }

    /// Region number `number` of the solution as the wrong solution has it:
    /// each part its replacement, or its own lines, the markers left out.
    fn region_with_replacements(&self, number: usize, region: &Region) -> String {
        let mut text = String::new();
        for (index, lines) in region.parts.iter().enumerate() {
            let part = index + 1;
            if let Some(code) = self.replacement(number, part) {
                text.push_str(code);
            }
            if !self.replaces(number, part) {
                for raw in lines {
                    text.push_str(raw);
                    text.push('\n');
                }
            }
        }
        text
    }
}

/// Which block of a wrong file the lines being read belong to.
#[derive(Debug, Clone, Copy)]
enum Block {
    /// Before the first `// REGION` or `// EXTRA` line: the header.
    Header,
    Region(Place),
    Extra,
}

/// The full source of a wrong solution: the solution with the regions and
/// parts the wrong file names replaced, and its `// EXTRA` block appended.
pub fn derive_wrong(solution: &str, wrong: &str) -> Result<String, String> {
    let blocks = wrong_blocks(wrong)?;
    let pieces = read_solution(solution)?;
    let regions: Vec<&Region> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Region(region) => Some(region),
            Piece::Line(_) => None,
        })
        .collect();
    for place in blocks.regions.keys() {
        check_place(*place, &regions)?;
    }
    let mut source = String::new();
    let mut number = 0;
    for piece in &pieces {
        match piece {
            Piece::Line(raw) => {
                source.push_str(raw);
                source.push('\n');
            }
            Piece::Region(region) => {
                number += 1;
                source.push_str(&blocks.region_with_replacements(number, region));
            }
        }
    }
    source.push_str(&blocks.extra);
    Ok(source)
}

/// Refuses a `// REGION` block for a region or part the solution lacks.
fn check_place(place: Place, regions: &[&Region]) -> Result<(), String> {
    let Some(region) = regions.get(place.region - 1) else {
        return Err(format!(
            "`{REGION}{place}`: the solution has {} student regions",
            regions.len()
        ));
    };
    let count = region.parts.len();
    match place.part {
        Some(part) if part > count => Err(format!(
            "`{REGION}{place}`: region {} of the solution has {count} parts \
             (split it with `{PART}` lines)",
            place.region
        )),
        _ => Ok(()),
    }
}

/// The blocks of a wrong file.
fn wrong_blocks(wrong: &str) -> Result<WrongBlocks, String> {
    let mut blocks = WrongBlocks::default();
    let mut current = Block::Header;
    for (index, line) in wrong.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(number) = trimmed.strip_prefix(REGION) {
            let place = Place::parse(number).ok_or_else(|| {
                format!(
                    "line {}: `{REGION}<n>` needs a region number, or `{REGION}<n>.<m>` \
                     a region and part number (from 1)",
                    index + 1
                )
            })?;
            if blocks.regions.insert(place, String::new()).is_some() {
                return Err(format!("line {}: region {place} twice", index + 1));
            }
            let whole_and_part = blocks.regions.keys().any(|other| {
                other.region == place.region
                    && other.part.is_none() != place.part.is_none()
            });
            if whole_and_part {
                return Err(format!(
                    "line {}: region {} both whole and in parts",
                    index + 1,
                    place.region
                ));
            }
            current = Block::Region(place);
        } else if trimmed == EXTRA {
            current = Block::Extra;
        } else {
            let code = match current {
                Block::Header => continue,
                Block::Region(place) => {
                    blocks.regions.get_mut(&place).expect("opened above")
                }
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

    /// Each `(wrong, why)` must be refused with `solution`.
    #[track_caller]
    fn assert_refused(solution: &str, cases: &[(&str, &str)]) {
        for (wrong, why) in cases {
            assert!(
                derive_wrong(solution, wrong).is_err(),
                "{why}: {wrong:?} should be refused"
            );
        }
    }

    #[test]
    fn a_wrong_solution_must_name_regions_that_exist_and_change_something() {
        assert_refused(
            SOLUTION,
            &[
                ("//! header\n", "changes nothing"),
                ("// REGION 3\nx\n", "no region 3"),
                ("// REGION one\nx\n", "not a number"),
                ("// REGION 1\nx\n// REGION 1\ny\n", "region 1 twice"),
                ("// REGION 1.2\nx\n", "region 1 has one part"),
            ],
        );
    }

    /// A region of three parts: sum `a`, then `b`, then the total.
    const PARTED: &str = "fn sum(a: u32, b: u32) -> u32 {\n\
                          \x20   // STUDENT: add a and b\n\
                          \x20   let x = a;\n\
                          \x20   // PART: then b\n\
                          \x20   let y = b;\n\
                          \x20   // PART: the total\n\
                          \x20   x + y\n\
                          \x20   // END STUDENT\n\
                          }\n";

    #[test]
    fn the_starter_leaves_out_the_book_s_anchor_lines() {
        let solution = "// ANCHOR: student\nfn f() -> u32 {\n    // STUDENT: return 42\n    42\n    \
                        // END STUDENT\n}\n// ANCHOR_END: student\n";
        assert_eq!(
            derive_starter(solution).unwrap(),
            "fn f() -> u32 {\n    // TODO: return 42\n    todo!()\n}\n"
        );
    }

    #[test]
    fn parts_leave_the_starter_as_it_is() {
        assert_eq!(
            derive_starter(PARTED).unwrap(),
            "fn sum(a: u32, b: u32) -> u32 {\n    // TODO: add a and b\n    todo!()\n}\n",
            "one todo!() for the whole region, parts or not"
        );
    }

    #[test]
    fn a_wrong_solution_replaces_the_parts_it_names_and_keeps_the_others() {
        for (wrong, expected) in [
            (
                "// REGION 1.2\n    let y = 0;\n",
                "fn sum(a: u32, b: u32) -> u32 {\n    let x = a;\n    let y = 0;\n    x + y\n}\n",
            ),
            (
                "// REGION 1.1\n    let x = 1;\n// REGION 1.3\n    x * y\n",
                "fn sum(a: u32, b: u32) -> u32 {\n    let x = 1;\n    let y = b;\n    x * y\n}\n",
            ),
            (
                "// REGION 1\n    a - b\n",
                "fn sum(a: u32, b: u32) -> u32 {\n    a - b\n}\n",
            ),
        ] {
            assert_eq!(derive_wrong(PARTED, wrong).unwrap(), expected, "{wrong:?}");
        }
        assert_refused(
            PARTED,
            &[
                ("// REGION 1.0\nx\n", "parts count from 1"),
                ("// REGION 1.4\nx\n", "region 1 has three parts"),
                ("// REGION 1\nx\n// REGION 1.2\ny\n", "whole and a part"),
            ],
        );
    }

    #[test]
    fn a_part_must_be_inside_a_region_named_and_not_empty() {
        for (solution, why) in [
            ("// PART: x\nfn f() {}\n", "outside a region"),
            (
                "// STUDENT: s\nf();\n// PART:\ng();\n// END STUDENT\n",
                "no words",
            ),
            (
                "// STUDENT: s\n// PART: x\ng();\n// END STUDENT\n",
                "empty part 1",
            ),
            (
                "// STUDENT: s\nf();\n// PART: x\n// END STUDENT\n",
                "empty last part",
            ),
        ] {
            assert!(
                derive_starter(solution).is_err(),
                "{why}: {solution:?} should be refused"
            );
        }
    }
}
