//! Reading files a student handed in: they may be anything a tar or zip
//! can carry. Only a regular file inside the student's folder is read, and
//! at most [`FILE_CAP`] bytes of it: a FIFO would block the grade for ever,
//! `/dev/zero` would fill the memory, a link could point at the teacher's
//! files.

use std::io::Read;
use std::path::Path;

/// The most a student's file may hold (a `lib.rs` is a few kilobytes).
pub const FILE_CAP: u64 = 1 << 20;

/// The text of `path`, which must be a regular file (not a link, FIFO or
/// device) whose real path lies inside `root` (already canonical), of at
/// most [`FILE_CAP`] bytes of UTF-8. The error is a short reason for the
/// sheet.
pub fn read_text(root: &Path, path: &Path) -> Result<String, String> {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let before =
        std::fs::symlink_metadata(path).map_err(|error| format!("{name}: {error}"))?;
    if before.file_type().is_symlink() {
        return Err(format!("{name} is a symbolic link"));
    }
    if !before.file_type().is_file() {
        return Err(format!("{name} is not a regular file"));
    }
    // A folder on the way may be a link out of the student's folder.
    let real = path
        .canonicalize()
        .map_err(|error| format!("{name}: {error}"))?;
    if !real.starts_with(root) {
        return Err(format!("{name} lies outside the student's folder"));
    }
    if before.len() > FILE_CAP {
        return Err(format!("{name} is larger than {} KiB", FILE_CAP >> 10));
    }
    let file =
        std::fs::File::open(&real).map_err(|error| format!("{name}: {error}"))?;
    // The file opened must be the one checked, not one swapped in since.
    let opened = file
        .metadata()
        .map_err(|error| format!("{name}: {error}"))?;
    if !same_file(&before, &opened) {
        return Err(format!("{name} changed while it was read"));
    }
    let mut bytes = Vec::new();
    file.take(FILE_CAP + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("{name}: {error}"))?;
    if bytes.len() as u64 > FILE_CAP {
        return Err(format!("{name} is larger than {} KiB", FILE_CAP >> 10));
    }
    String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8 text"))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino() && b.file_type().is_file()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    b.file_type().is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_inside_the_folder_is_read() {
        let root = crate::files::scratch_folder("untrusted");
        std::fs::create_dir_all(root.join("student")).unwrap();
        let root = root.canonicalize().unwrap();
        let student = root.join("student");
        std::fs::write(student.join("lib.rs"), "pub fn f() {}").unwrap();
        std::fs::write(root.join("secret.txt"), "TEACHER").unwrap();
        assert_eq!(
            read_text(&student, &student.join("lib.rs")).unwrap(),
            "pub fn f() {}"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                root.join("secret.txt"),
                student.join("link.rs"),
            )
            .unwrap();
            std::os::unix::fs::symlink(&root, student.join("up")).unwrap();
            let link = read_text(&student, &student.join("link.rs")).unwrap_err();
            assert!(link.contains("symbolic link"), "{link}");
            let out = read_text(&student, &student.join("up/secret.txt")).unwrap_err();
            assert!(out.contains("outside"), "{out}");
        }
        let dev = read_text(Path::new("/dev"), Path::new("/dev/zero"));
        assert!(dev.is_err(), "a device is refused");
        std::fs::write(student.join("big.rs"), vec![b'a'; FILE_CAP as usize + 1])
            .unwrap();
        assert!(read_text(&student, &student.join("big.rs")).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
