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
    walk(dir, Some(extension), Depth::Flat)
}

/// The files anywhere below `dir` whose extension is `extension`, sorted.
pub fn below(dir: &Path, extension: &str) -> Vec<PathBuf> {
    walk(dir, Some(extension), Depth::Deep)
}

/// Copies every file below `from` to the same place below `to`.
pub fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    for file in walk(from, None, Depth::Deep) {
        let relative = file.strip_prefix(from).expect("found below `from`");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("a file lives in a folder"))?;
        std::fs::copy(&file, &target)?;
    }
    Ok(())
}

fn walk(dir: &Path, extension: Option<&str>, depth: Depth) -> Vec<PathBuf> {
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
            } else if extension
                .is_none_or(|wanted| path.extension().is_some_and(|ext| ext == wanted))
            {
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
        let copy = root.with_extension("copy");
        copy_folder(&root, &copy).expect("the copy is written");
        assert_eq!(
            std::fs::read_to_string(copy.join("sub/deeper/e.md"))
                .ok()
                .as_deref(),
            Some("sub/deeper/e.md"),
            "a file deep down is copied"
        );
        assert!(
            in_folder(&root.join("missing"), "md").is_empty(),
            "a missing folder has no files"
        );
        std::fs::remove_dir_all(&root).expect("clean up");
        std::fs::remove_dir_all(&copy).expect("clean up");
    }
}
