//! The house rules a newcomer relies on when finding their way around the
//! sources (issue 23), each kept true by a check rather than by memory:
//!
//! - every Rust file opens with a module doc (`//!`) that says what it is for;
//! - no Rust file is longer than 600 lines: past that, a file holds several
//!   jobs, and each deserves a file of its own;
//! - a `#[path]` attribute, which hides where a module lives, is rare (a
//!   dozen at most), says why in a comment on its line or just above, and
//!   never reaches outside its own crate's folder;
//! - the comment on `cargo exercises` in `.cargo/config.toml` names every
//!   crate the exercise tool depends on.
//!
//! The files are those of the step crates and of `tests/` (the students'
//! work in `exercises-work/` and the build in `target/` are not the
//! course's sources).

use std::path::{Path, PathBuf};

use tests::{files, relative, step_crates, tidy, workspace_root};

const LONGEST_FILE: usize = 600;
const MOST_PATH_ATTRIBUTES: usize = 12;

/// Every Rust source file of the course.
fn rust_sources() -> Vec<PathBuf> {
    let root = workspace_root();
    let folders = step_crates().into_iter().chain(["tests".to_string()]);
    let sources: Vec<PathBuf> = folders
        .flat_map(|folder| files::below(&root.join(folder), "rs"))
        .filter(|file| !file.components().any(|part| part.as_os_str() == "target"))
        .collect();
    assert!(
        sources.len() > 100,
        "found only {} Rust files: is the walk looking in the right place?",
        sources.len()
    );
    sources
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(file)
        .unwrap_or_else(|error| panic!("{}: {error}", relative(file)))
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let undocumented: Vec<String> = rust_sources()
        .iter()
        .filter(|file| !read(file).starts_with("//!"))
        .map(|file| relative(file))
        .collect();
    assert!(
        undocumented.is_empty(),
        "these files do not open with a `//!` module doc saying what they are for:\n{}",
        undocumented.join("\n")
    );
}

#[test]
fn no_rust_file_is_longer_than_600_lines() {
    let long: Vec<String> = rust_sources()
        .iter()
        .map(|file| (relative(file), read(file).lines().count()))
        .filter(|(_, lines)| *lines > LONGEST_FILE)
        .map(|(file, lines)| format!("{file}: {lines} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern, each part under {LONGEST_FILE} lines:\n{}",
        long.join("\n")
    );
}

/// One `#[path = "..."]` attribute: where it stands, what it points at, and
/// whether a comment on its line or the line above says why.
struct PathAttribute {
    file: PathBuf,
    line: usize,
    target: String,
    explained: bool,
}

/// The `#[path]` attributes of `file` (attributes only: a line that starts
/// with one, not a mention in a string or a comment).
fn path_attributes(file: &Path) -> Vec<PathAttribute> {
    let text = read(file);
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("#[path = \"") else {
            continue;
        };
        let target = rest.split('"').next().unwrap_or_default().to_string();
        let above = index.checked_sub(1).map_or("", |above| lines[above]);
        let explained = line.contains("//") || above.trim_start().starts_with("//");
        found.push(PathAttribute {
            file: file.to_path_buf(),
            line: index + 1,
            target,
            explained,
        });
    }
    found
}

/// The folder of the crate `file` belongs to: the nearest one above it
/// with a `Cargo.toml`.
fn crate_folder(file: &Path) -> &Path {
    file.ancestors()
        .skip(1)
        .find(|folder| folder.join("Cargo.toml").is_file())
        .unwrap_or_else(|| panic!("{} is in no crate", relative(file)))
}

#[test]
fn path_attributes_are_few_explained_and_stay_in_their_crate() {
    let attributes: Vec<PathAttribute> = rust_sources()
        .iter()
        .flat_map(|file| path_attributes(file))
        .collect();
    let place = |attribute: &PathAttribute| {
        format!("{}:{}", relative(&attribute.file), attribute.line)
    };
    assert!(
        attributes.len() <= MOST_PATH_ATTRIBUTES,
        "{} #[path] attributes, more than {MOST_PATH_ATTRIBUTES}: a module that needs \
         one is usually better as a file in the usual place, or a crate:\n{}",
        attributes.len(),
        attributes.iter().map(place).collect::<Vec<_>>().join("\n")
    );
    for attribute in &attributes {
        assert!(
            attribute.explained,
            "{}: #[path = \"{}\"] needs a comment on its line or the line above \
             saying why the module is not in its usual place",
            place(attribute),
            attribute.target
        );
        let folder = attribute.file.parent().expect("a file is in a folder");
        let target = tidy(&folder.join(&attribute.target));
        assert!(
            target.starts_with(crate_folder(&attribute.file)),
            "{}: #[path = \"{}\"] reaches outside its crate's folder; share the \
             code as a crate dependency instead",
            place(attribute),
            attribute.target
        );
    }
}

#[test]
fn the_path_reader_sees_an_attribute_and_its_reason() {
    let folder = std::env::temp_dir().join(format!("house-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let file = folder.join("main.rs");
    let source = "// Shared with stage 4: one file, two programs.\n\
                  #[path = \"stages/task.rs\"]\nmod task;\n\n\
                  #[path = \"../other/lib.rs\"]\nmod other;\n\
                  const NOT_AN_ATTRIBUTE: &str = \"#[path = \\\"x.rs\\\"]\";\n";
    std::fs::write(&file, source).expect("a scratch file");
    let found = path_attributes(&file);
    let _ = std::fs::remove_dir_all(&folder);
    let seen: Vec<(usize, &str, bool)> = found
        .iter()
        .map(|attribute| {
            (
                attribute.line,
                attribute.target.as_str(),
                attribute.explained,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [(2, "stages/task.rs", true), (5, "../other/lib.rs", false)],
        "two attributes, the first explained; the string is not one"
    );
}

/// The crates named in a manifest's dependency tables (`[dependencies]`
/// and `[target.'cfg(..)'.dependencies]`), one `name = ...` or
/// `name.workspace = true` line each.
fn dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_dependencies = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]"
                || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
        } else if in_dependencies && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.']).next().unwrap_or("").trim();
            names.push(name.to_string());
        }
    }
    names
}

/// The comment above `cargo exercises` in `.cargo/config.toml` says what
/// the tool depends on (a newcomer's first run compiles it); it once said
/// "no dependencies" when there were two.
#[test]
fn the_exercise_alias_names_every_dependency_of_the_tool() {
    let root = workspace_root();
    let manifest = read(&root.join("tests/exercises-tool/Cargo.toml"));
    let config = read(&root.join(".cargo/config.toml"));
    let comment: String = config
        .lines()
        .take_while(|line| !line.starts_with("exercises ="))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take_while(|line| line.starts_with('#'))
        .collect();
    let crates = dependencies(&manifest);
    assert!(
        crates.len() >= 2,
        "found {crates:?} in tests/exercises-tool/Cargo.toml: is the reader lost?"
    );
    let unnamed: Vec<&String> = crates
        .iter()
        .filter(|name| !comment.contains(name.as_str()))
        .collect();
    assert!(
        unnamed.is_empty(),
        "the comment above `exercises =` in .cargo/config.toml does not name {unnamed:?}, \
         which tests/exercises-tool/Cargo.toml depends on"
    );
}
