//! The runtime an exercise builds against, at the tutorial's versions: the
//! `async-std` and `futures` entries of `[workspace.dependencies]` in the
//! tutorial's `Cargo.toml`.
//!
//! Read from the file rather than from `cargo metadata`: metadata describes
//! the workspace's members, not the `[workspace.dependencies]` table, and it
//! fails unless every member is on disk (a clone made for a test holds only
//! the manifest, the lock and the exercises). The reader knows as much TOML
//! as a dependency entry can be written in (an inline table or a string,
//! arrays over several lines, comments, quoted and dotted keys, the
//! `[workspace.dependencies.NAME]` table form) and fails, naming the file,
//! when an entry is missing: a reformatted manifest cannot silently leave an
//! exercise without its runtime.

use std::collections::BTreeMap;

use crate::workspace::Workspace;

/// The crates every exercise may use.
pub const RUNTIME: [&str; 2] = ["async-std", "futures"];

/// One `NAME = VALUE` line for each crate of [`RUNTIME`], with the
/// tutorial's version and features, for a `[dependencies]` table.
pub fn runtime_dependencies(workspace: &Workspace) -> Result<Vec<String>, String> {
    let file = workspace.root().join("Cargo.toml");
    let manifest = std::fs::read_to_string(&file)
        .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
    let table = workspace_dependencies(&manifest)
        .map_err(|problem| format!("{}: {problem}", file.display()))?;
    RUNTIME
        .iter()
        .map(|name| {
            table
                .get(*name)
                .map(|value| format!("{name} = {value}"))
                .ok_or_else(|| {
                    format!(
                        "{} has no `{name}` in [workspace.dependencies]: exercises build against it",
                        file.display()
                    )
                })
        })
        .collect()
}

/// Every entry of `[workspace.dependencies]`: name to its value, written
/// on one line (`"0.3"` or `{ version = "1", features = ["x"] }`).
fn workspace_dependencies(manifest: &str) -> Result<BTreeMap<String, String>, String> {
    const TABLE: [&str; 2] = ["workspace", "dependencies"];
    let mut whole: BTreeMap<String, String> = BTreeMap::new();
    // Entries written as `[workspace.dependencies.NAME]` tables or as
    // dotted keys (`NAME.version = ...`): their fields, in order.
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut table: Vec<String> = Vec::new();
    for statement in statements(manifest)? {
        if let Some(header) = statement.strip_prefix("[[") {
            let header = header.strip_suffix("]]").ok_or("an unclosed `[[` header")?;
            table = keys(header)?;
        } else if let Some(header) = statement.strip_prefix('[') {
            let header = header.strip_suffix(']').ok_or("an unclosed `[` header")?;
            table = keys(header)?;
        } else {
            let (key, value) = split_key_value(&statement)?;
            let path: Vec<String> = table.iter().cloned().chain(keys(key)?).collect();
            let Some(rest) = path.strip_prefix(&TABLE.map(String::from)) else {
                continue;
            };
            match rest {
                [name] => {
                    whole.insert(name.clone(), value);
                }
                [name, field @ ..] => {
                    let field: Vec<String> =
                        field.iter().map(|key| quote_key(key)).collect();
                    fields
                        .entry(name.clone())
                        .or_default()
                        .push(format!("{} = {value}", field.join(".")));
                }
                [] => {
                    return Err(
                        "`[workspace] dependencies` must be a table".to_string()
                    );
                }
            }
        }
    }
    for (name, fields) in fields {
        if whole.contains_key(&name) {
            return Err(format!("`{name}` is defined twice"));
        }
        whole.insert(name, format!("{{ {} }}", fields.join(", ")));
    }
    Ok(whole)
}

/// The statements of a TOML file, comments removed and each on one line: a
/// table header, or `key = value` (a value may span lines in the file).
/// Whitespace outside strings is folded to single spaces, so that a value
/// can be written again on one line.
fn statements(text: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut index = 0;
    while let Some(&c) = chars.get(index) {
        index += 1;
        match c {
            '#' => {
                while chars.get(index).is_some_and(|&next| next != '\n') {
                    index += 1;
                }
            }
            '"' | '\'' => {
                let triple = chars.get(index..index + 2) == Some(&[c, c][..]);
                let closing: Vec<char> = if triple { vec![c; 3] } else { vec![c] };
                let start = index - 1;
                index += closing.len() - 1;
                loop {
                    let Some(&next) = chars.get(index) else {
                        return Err(format!("an unclosed string: {current}"));
                    };
                    if next == '\n' && !triple {
                        return Err(format!("a string that the line ends: {current}"));
                    }
                    if c == '"' && next == '\\' {
                        index += 2;
                        continue;
                    }
                    if chars.get(index..index + closing.len()) == Some(&closing[..]) {
                        index += closing.len();
                        break;
                    }
                    index += 1;
                }
                current.extend(&chars[start..index]);
            }
            '[' | '{' => {
                depth += 1;
                current.push(c);
                if c == '{' {
                    current.push(' ');
                }
            }
            ']' | '}' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| format!("an unopened `{c}`: {current}"))?;
                // A trailing comma and the spaces before the bracket go.
                let kept = current.trim_end().trim_end_matches(',').trim_end().len();
                current.truncate(kept);
                current.push_str(if c == '}' { " }" } else { "]" });
            }
            '\n' if depth == 0 => {
                let statement = current.trim();
                if !statement.is_empty() {
                    statements.push(statement.to_string());
                }
                current.clear();
            }
            c if c.is_whitespace() => {
                if !current.is_empty() && !current.ends_with([' ', '[']) {
                    current.push(' ');
                }
            }
            c => current.push(c),
        }
    }
    if depth != 0 {
        return Err(format!("an unclosed bracket or brace: {}", current.trim()));
    }
    let last = current.trim();
    if !last.is_empty() {
        statements.push(last.to_string());
    }
    Ok(statements)
}

/// `key = value` split at its `=`, the key trimmed, the value trimmed.
fn split_key_value(statement: &str) -> Result<(&str, String), String> {
    let mut quote = None;
    for (index, c) in statement.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '=') => {
                let value = statement[index + 1..].trim();
                if value.is_empty() {
                    return Err(format!("no value in `{statement}`"));
                }
                return Ok((statement[..index].trim(), value.to_string()));
            }
            _ => {}
        }
    }
    Err(format!(
        "`{statement}` is neither a table header nor `key = value`"
    ))
}

/// The parts of a dotted key: `workspace."async-std"` is `workspace`,
/// `async-std`.
fn keys(dotted: &str) -> Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut rest = dotted.trim();
    loop {
        let (part, after) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = rest[1..].find(quote).ok_or_else(|| {
                    format!("an unclosed quote in the key `{dotted}`")
                })?;
                (rest[1..=end].to_string(), rest[end + 2..].trim_start())
            }
            _ => {
                let end = rest.find(['.', ' ']).unwrap_or(rest.len());
                (rest[..end].to_string(), rest[end..].trim_start())
            }
        };
        if part.is_empty() {
            return Err(format!("an empty part in the key `{dotted}`"));
        }
        parts.push(part);
        match after.strip_prefix('.') {
            Some(next) => rest = next.trim_start(),
            None if after.is_empty() => return Ok(parts),
            None => return Err(format!("`{dotted}` is not a key")),
        }
    }
}

/// A key as TOML writes it: bare when it can be, else quoted.
fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        format!("\"{key}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries as the tutorial writes them, in one shape or another.
    fn runtime(manifest: &str) -> Vec<(String, String)> {
        let table = workspace_dependencies(manifest).expect("a valid manifest");
        RUNTIME
            .iter()
            .map(|name| {
                let value = table.get(*name).cloned().unwrap_or_default();
                (name.to_string(), value)
            })
            .collect()
    }

    const EXPECTED: [&str; 2] = [
        "{ version = \"1.13.2\", features = [\"attributes\", \"unstable\"] }",
        "\"0.3.31\"",
    ];

    fn expected() -> Vec<(String, String)> {
        RUNTIME
            .iter()
            .zip(EXPECTED)
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn inline_entries_with_comments_around_them() {
        let manifest = "[workspace]\nmembers = [\"a\"]\n\n[workspace.dependencies]\n\
                        # The runtime = the lessons' [executor].\n\
                        async-std = { version = \"1.13.2\", features = [\"attributes\", \"unstable\"] } # why\n\
                        futures-util = \"0.3.0\"\nfutures = \"0.3.31\"\n\n[workspace.lints.rust]\nfutures = \"deny\"\n";
        assert_eq!(runtime(manifest), expected(), "the tutorial's own layout");
    }

    #[test]
    fn entries_spread_over_lines_or_written_as_tables() {
        let manifest = "[workspace.dependencies]\n\
                        \"async-std\" = { version = \"1.13.2\", features = [\n    \"attributes\", # for main\n    \"unstable\",\n] }\n\
                        [workspace.dependencies.futures]\nversion = \"0.3.31\"\n";
        assert_eq!(
            runtime(manifest)[0],
            expected()[0],
            "a multi-line array inside an inline table, quoted key"
        );
        assert_eq!(
            runtime(manifest)[1].1,
            "{ version = \"0.3.31\" }",
            "the table form becomes an inline table"
        );
        let dotted = "[workspace]\ndependencies.futures.version = \"0.3.31\"\n\
                      dependencies.futures.default-features = false\n";
        assert_eq!(
            runtime(dotted)[1].1,
            "{ version = \"0.3.31\", default-features = false }",
            "dotted keys under [workspace]"
        );
    }

    #[test]
    fn a_missing_entry_is_an_error_that_names_it() {
        let root = crate::files::scratch_folder("deps");
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace.dependencies]\nfutures = \"0.3\"\n",
        )
        .expect("write a manifest");
        let error = runtime_dependencies(&Workspace::at(&root))
            .expect_err("async-std is missing");
        assert!(
            error.contains("no `async-std` in [workspace.dependencies]"),
            "the message names the missing crate: {error}"
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn broken_toml_is_an_error() {
        for broken in [
            "[workspace.dependencies]\nfutures = { version = \"0.3\"\n",
            "[workspace.dependencies]\nfutures = \"0.3\n",
            "[workspace.dependencies\n",
            "[workspace.dependencies]\nfutures\n",
        ] {
            assert!(
                workspace_dependencies(broken).is_err(),
                "should be refused: {broken}"
            );
        }
    }
}
