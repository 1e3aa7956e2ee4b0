//! Copying a folder: the one copier of the workspace. The grading kit
//! copies its warmed-up build folder for each student with it, the book's
//! browser checks copy the built book, and the tool's tests copy the
//! tutorial's folders into their scratch clones.

use std::fs::File;
use std::path::Path;

/// Copies a folder of regular files and folders, keeping modification
/// times (cargo decides what to rebuild by them). A file that vanishes
/// meanwhile is skipped: in the shared cache only another grade run's own
/// exercise crate changes while this one copies.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    copy_tree_where(from, to, &|_| true)
}

/// [`copy_tree`] of the entries whose names `keep` accepts, at any depth.
pub(crate) fn copy_tree_where(
    from: &Path,
    to: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let entries = match std::fs::read_dir(from) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        entries => entries?,
    };
    for entry in entries {
        let entry = entry?;
        if !keep(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree_where(&entry.path(), &target, keep)?;
        } else if kind.is_file() {
            match copy_file(&entry.path(), &target) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                copied => copied?,
            }
        }
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to)?;
    let modified = std::fs::metadata(from)?.modified()?;
    File::options().write(true).open(to)?.set_modified(modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_is_copied_whole_with_its_modification_times() {
        let root = crate::files::scratch_folder("copy-tree");
        let (from, to) = (root.join("from"), root.join("to"));
        for file in ["a.txt", "sub/deeper/b.txt"] {
            let path = from.join(file);
            std::fs::create_dir_all(path.parent().expect("in a folder"))
                .expect("a folder");
            std::fs::write(&path, file).expect("a scratch file");
        }
        let old = std::time::SystemTime::UNIX_EPOCH
            + std::time::Duration::from_secs(1_000_000);
        File::options()
            .write(true)
            .open(from.join("a.txt"))
            .and_then(|file| file.set_modified(old))
            .expect("an old file");
        copy_tree(&from, &to).expect("the copy is written");
        assert_eq!(
            std::fs::read_to_string(to.join("sub/deeper/b.txt"))
                .ok()
                .as_deref(),
            Some("sub/deeper/b.txt"),
            "a file deep down is copied"
        );
        let modified =
            std::fs::metadata(to.join("a.txt")).and_then(|meta| meta.modified());
        assert_eq!(
            modified.ok(),
            Some(old),
            "cargo rebuilds by modification time: keep it"
        );
        copy_tree(&root.join("missing"), &root.join("nothing"))
            .expect("a missing folder copies as an empty one");
        let _ = std::fs::remove_dir_all(&root);
    }
}
