//! How the tool writes the student's files: whole or not at all, and never
//! through a symbolic link.
//!
//! `std::fs::write` empties a file, then fills it: a Ctrl-C, a SIGTERM or a
//! full disk in between leaves it empty or cut short. The student's
//! `lib.rs`, a backup or `state.txt` (all their progress) was then lost. So
//! every file is written to a temporary file beside it, synced to disk, and
//! renamed over the old one: a rename within one folder is atomic, so a
//! reader (or the next run) sees the old file or the new one, never a mix.
//!
//! A link inside `exercises-work/` (`lib.rs` → some file elsewhere, or
//! `backups/` → some folder) would make the tool read and write outside
//! the student's folder, with the student's rights. [`refuse_links`]
//! turns any such link into a one-line error naming it.
//!
//! For the tests of the tool, `CARGO_EXERCISES_FAIL_WRITE=<n>` makes the
//! n-th file written by one run fail halfway, as a full disk does.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that makes one write fail, for the tests.
pub const FAIL_WRITE: &str = "CARGO_EXERCISES_FAIL_WRITE";

/// Refuses `path` when any part of it below `root` (the part the tool
/// made: `root` itself is the student's choice) is a symbolic link, or
/// climbs out with `..`. A part that does not exist yet is fine: the tool
/// creates it as a real folder or file.
pub fn refuse_links(root: &Path, path: &Path) -> io::Result<()> {
    let Ok(below) = path.strip_prefix(root) else {
        return Ok(());
    };
    if below.components().any(|part| part == Component::ParentDir) {
        return Err(io::Error::other(format!(
            "{} climbs out of {}",
            path.display(),
            root.display()
        )));
    }
    let mut walked = root.to_path_buf();
    for part in below.components() {
        walked.push(part);
        match std::fs::symlink_metadata(&walked) {
            Ok(found) if found.file_type().is_symlink() => {
                return Err(link_refused(&walked));
            }
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

fn link_refused(link: &Path) -> io::Error {
    io::Error::other(format!(
        "{} is a symbolic link: cargo exercises never reads or writes through one \
         (put the real file or folder there instead)",
        link.display()
    ))
}

/// Reads `path` as text, refusing a link on the way from `root`.
pub fn read_below(root: &Path, path: &Path) -> io::Result<String> {
    refuse_links(root, path)?;
    std::fs::read_to_string(path)
}

/// Whether `path` is a file, not reached through a link from `root`.
pub fn is_file_below(root: &Path, path: &Path) -> bool {
    refuse_links(root, path).is_ok() && path.is_file()
}

/// Creates the folder `dir` and those above it, up from `root`, refusing
/// any link on the way.
pub fn create_dir_below(root: &Path, dir: &Path) -> io::Result<()> {
    refuse_links(root, dir)?;
    std::fs::create_dir_all(dir)
}

/// Writes `bytes` to `path`, refusing a link on the way from `root`; the
/// file is replaced whole or not at all (see [`write_whole`]).
pub fn write_below(root: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_links(root, path)?;
    write_whole(path, bytes)
}

/// Replaces `path` with `bytes`, whole or not at all: a temporary file in
/// the same folder, synced, then renamed over it. A link at `path` itself
/// is refused, not replaced.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_link_at(path)?;
    let temporary = write_temporary(path, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })?;
    sync_folder(path);
    Ok(())
}

/// Writes `bytes` to a new file `path`, whole or not at all, and never over
/// an existing one: fails with [`io::ErrorKind::AlreadyExists`] if `path`
/// exists. (A hard link from the finished temporary file is atomic and
/// refuses to replace, where a rename would replace.)
pub fn write_new_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_link_at(path)?;
    let temporary = write_temporary(path, bytes)?;
    let placed = match std::fs::hard_link(&temporary, path) {
        Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
            // A file system without hard links (FAT on a USB stick): check,
            // then rename. Only a second run writing this very file in
            // between could be replaced.
            if std::fs::symlink_metadata(path).is_ok() {
                Err(io::Error::from(io::ErrorKind::AlreadyExists))
            } else {
                std::fs::rename(&temporary, path)
            }
        }
        linked => linked,
    };
    let _ = std::fs::remove_file(&temporary);
    placed?;
    sync_folder(path);
    Ok(())
}

fn refuse_link_at(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(found) if found.file_type().is_symlink() => Err(link_refused(path)),
        _ => Ok(()),
    }
}

/// `bytes` in a fresh hidden file beside `path` (`.lib.rs.<pid>-<n>.partial`),
/// synced to disk; removed again if anything fails.
fn write_temporary(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let temporary = temporary_beside(path)?;
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            fill(&mut file, bytes)?;
            file.sync_all()
        });
    match written {
        Ok(()) => Ok(temporary),
        Err(error) => {
            let _ = std::fs::remove_file(&temporary);
            Err(error)
        }
    }
}

fn temporary_beside(path: &Path) -> io::Result<PathBuf> {
    static NUMBER: AtomicUsize = AtomicUsize::new(0);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    let mut temporary = OsString::from(".");
    temporary.push(name);
    temporary.push(format!(
        ".{}-{}.partial",
        std::process::id(),
        NUMBER.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(path.with_file_name(temporary))
}

/// Writes `bytes` into `file`; the write [`FAIL_WRITE`] names stops
/// halfway with the error a full disk gives.
fn fill(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let this_write = WRITES.fetch_add(1, Ordering::Relaxed) + 1;
    let failing = std::env::var(FAIL_WRITE).ok().and_then(|n| n.parse().ok());
    if failing == Some(this_write) {
        file.write_all(&bytes[..bytes.len() / 2])?;
        return Err(io::Error::new(
            io::ErrorKind::StorageFull,
            format!("No space left on device (made to fail by {FAIL_WRITE})"),
        ));
    }
    file.write_all(bytes)
}

/// Makes the rename itself last through a power cut (Unix; elsewhere the
/// file system does what it does).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let _ = File::open(folder).and_then(|folder| folder.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A fresh, empty folder for one unit test of this crate, named after it
/// and this process.
#[cfg(test)]
pub(crate) fn scratch_folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        scratch_folder(&format!("files-{name}"))
    }

    #[test]
    fn a_whole_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = scratch("whole");
        let file = dir.join("lib.rs");
        std::fs::write(&file, "old").unwrap();
        write_whole(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "only lib.rs is left: {names:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_new_file_never_replaces_one_already_there() {
        let dir = scratch("new");
        let file = dir.join("1-lib.rs");
        write_new_whole(&file, b"first").unwrap();
        let again = write_new_whole(&file, b"second").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "first");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_below_the_root_is_refused_and_its_target_untouched() {
        let dir = scratch("links");
        let outside = dir.join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("lib.rs"), "decoy").unwrap();
        let root = dir.join("exercises-work");
        std::fs::create_dir_all(root.join("2.1")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("2.1/src")).unwrap();
        let lib = root.join("2.1/src/lib.rs");
        let refused = write_below(&root, &lib, b"starter").unwrap_err();
        assert!(refused.to_string().contains("2.1/src is a symbolic link"));
        assert!(read_below(&root, &lib).is_err());
        assert_eq!(
            std::fs::read_to_string(outside.join("lib.rs")).unwrap(),
            "decoy"
        );
        assert!(refuse_links(&root, &root.join("2.1/../../x")).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
