//! The one folder walker: the files of a folder, directly in it or anywhere
//! below it, sorted so that every check reports in the same order.

use std::path::{Path, PathBuf};

/// How deep to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// The folder's own files.
    Flat,
    /// Its files and those of every folder below it.
    Deep,
}

/// The files directly in `dir` whose extension is `extension`, sorted. A
/// missing folder has none.
pub fn in_folder(dir: &Path, extension: &str) -> Vec<PathBuf> {
    walk(dir, extension, Depth::Flat)
}

/// The files anywhere below `dir` whose extension is `extension`, sorted.
pub fn below(dir: &Path, extension: &str) -> Vec<PathBuf> {
    walk(dir, extension, Depth::Deep)
}

fn walk(dir: &Path, extension: &str, depth: Depth) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                if depth == Depth::Deep {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_and_deep_walks_find_what_they_should() {
        let root =
            std::env::temp_dir().join(format!("files-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("sub/deeper")).expect("scratch folders");
        for file in ["b.md", "a.md", "c.txt", "sub/d.md", "sub/deeper/e.md"] {
            std::fs::write(root.join(file), file).expect("a scratch file");
        }
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|file| file.strip_prefix(&root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            names(in_folder(&root, "md")),
            ["a.md", "b.md"],
            "only the folder's own .md files, sorted"
        );
        assert_eq!(
            names(below(&root, "md")),
            ["a.md", "b.md", "sub/d.md", "sub/deeper/e.md"],
            "every .md file below, sorted"
        );
        assert!(
            in_folder(&root.join("missing"), "md").is_empty(),
            "a missing folder has no files"
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
