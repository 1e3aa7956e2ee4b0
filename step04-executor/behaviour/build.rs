//! Writes `__group!`, the list of the suite's promises that `tests!` uses
//! (`$OUT_DIR/groups.rs`): one arm per module of `src/`, one test per
//! promise. A promise is a `pub fn NAME<E: ...>()` (or `<T: Task>()`), a
//! function generic over the executor (or the task) with no arguments.
//! Derived from the sources, so that a promise cannot be written and then
//! left out of the list; and one arm per module, so that the list is not
//! kept by hand in a second place.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=src");
    let mut arms = String::new();
    for path in module_files(Path::new("src")) {
        let text =
            fs::read_to_string(&path).expect("a module of the suite can be read");
        let promises = promises(&text);
        if promises.is_empty() {
            continue;
        }
        let group = path.file_stem().and_then(|stem| stem.to_str());
        let group = group.expect("a module file has a name");
        // A module built only on Unix (`#![cfg(unix)]`) gets its tests
        // only there.
        let cfg = if text.contains("\n#![cfg(unix)]\n") {
            "#[cfg(unix)] "
        } else {
            ""
        };
        arms.push_str(&format!(
            "    ($executor:ident, {group}) => {{\n        {cfg}$crate::__tests!($executor, {group}: [{}]);\n    }};\n",
            promises.join(", ")
        ));
    }
    let generated = format!(
        "/// One group's tests, for `tests!`: written by `build.rs`.\n\
         #[doc(hidden)]\n#[macro_export]\nmacro_rules! __group {{\n{arms}}}\n"
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("groups.rs"), generated).expect("OUT_DIR is writable");
}

/// The `.rs` files of `folder`, sorted, so that the output is the same on
/// every machine.
fn module_files(folder: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(folder).expect("src/ can be read");
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect();
    files.sort();
    files
}

/// The names of the promises in one module's source.
fn promises(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| line.strip_prefix("pub fn "))
        .filter_map(|rest| rest.split_once('<'))
        .filter(|(_, generics)| {
            let generic =
                generics.starts_with("E: ") || generics.starts_with("T: Task");
            generic && generics.ends_with(">() {")
        })
        .map(|(name, _)| name)
        .collect()
}
