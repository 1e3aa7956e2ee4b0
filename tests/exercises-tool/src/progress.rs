//! What the tool remembers for the student, all inside `exercises-work/`:
//! progress in `state.txt`, and every version `reset` replaced in
//! `<id>/backups/`. Nothing here ever deletes or overwrites a student's code,
//! and each file is written whole or not at all ([`crate::files`]): a
//! Ctrl-C while saving leaves the old progress or the new, never none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::files;

/// The student's progress, one line per exercise in `exercises-work/state.txt`:
/// `<id> hints=<shown> passed=<fingerprint or -> tests=<passed>/<total>
/// started=<unix time> first-pass=<unix time>` (`-` where unknown).
#[derive(Debug, Default)]
pub struct State {
    file: PathBuf,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Entry {
    pub hints_shown: usize,
    /// The fingerprint of the code and tests that last passed a check.
    pub passed: Option<u64>,
    /// The last check's tests: how many passed, of how many.
    pub tests: Option<(usize, usize)>,
    /// When the exercise was started (seconds since 1970).
    pub started: Option<u64>,
    /// When a check of it first passed: it stays solved (and its solution
    /// open) even if the code changes later.
    pub first_pass: Option<u64>,
}

impl Entry {
    /// Minutes from start to first passing check, when both are known.
    pub fn minutes_to_solve(&self) -> Option<u64> {
        let seconds = self.first_pass?.checked_sub(self.started?)?;
        Some(seconds.div_ceil(60))
    }
}

/// Seconds since 1970, as the progress file keeps time.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

fn optional(value: Option<u64>) -> String {
    value.map_or("-".to_string(), |value| value.to_string())
}

impl State {
    /// The state saved in `work_root`; a missing or damaged file counts as
    /// no progress.
    pub fn load(work_root: &Path) -> State {
        let file = work_root.join("state.txt");
        // A link is not read: it could lead anywhere (`/dev/zero`). Saving
        // then refuses it, and says so.
        let text = files::read_below(work_root, &file).unwrap_or_default();
        let mut entries = BTreeMap::new();
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let Some(id) = words.next().filter(|id| !id.starts_with('#')) else {
                continue;
            };
            entries.insert(id.to_string(), parse_entry(words));
        }
        State { file, entries }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    pub fn entry(&mut self, id: &str) -> &mut Entry {
        self.entries.entry(id.to_string()).or_default()
    }

    pub fn save(&self) -> Result<(), String> {
        let mut text =
            String::from("# cargo exercises: your progress (safe to delete)\n");
        for (id, entry) in &self.entries {
            let passed = entry
                .passed
                .map_or("-".to_string(), |hash| hash.to_string());
            let tests = entry.tests.map_or("-".to_string(), |(passed, total)| {
                format!("{passed}/{total}")
            });
            text.push_str(&format!(
                "{id} hints={} passed={passed} tests={tests} started={} first-pass={}\n",
                entry.hints_shown,
                optional(entry.started),
                optional(entry.first_pass)
            ));
        }
        let folder = self.file.parent().unwrap_or(Path::new("."));
        files::create_dir_below(folder, folder)
            .and_then(|()| files::write_below(folder, &self.file, text.as_bytes()))
            .map_err(|error| format!("{}: {error}", self.file.display()))
    }
}

fn parse_entry<'a>(words: impl Iterator<Item = &'a str>) -> Entry {
    let mut entry = Entry::default();
    for word in words {
        match word.split_once('=') {
            Some(("hints", n)) => entry.hints_shown = n.parse().unwrap_or(0),
            Some(("passed", hash)) => entry.passed = hash.parse().ok(),
            Some(("started", time)) => entry.started = time.parse().ok(),
            Some(("first-pass", time)) => entry.first_pass = time.parse().ok(),
            Some(("tests", counts)) => {
                entry.tests = counts.split_once('/').and_then(|(passed, total)| {
                    Some((passed.parse().ok()?, total.parse().ok()?))
                });
            }
            _ => {}
        }
    }
    entry
}

/// Keeps `bytes`, the content of `file`, as the next numbered backup in
/// `folder` (`1-lib.rs`, `2-lib.rs`, ...), never replacing an earlier one;
/// returns the backup's path. `root` is the student's `exercises-work/`: no
/// link below it is followed. A backup is whole or absent, never empty or
/// cut short.
pub fn back_up(
    root: &Path,
    file: &Path,
    bytes: &[u8],
    folder: &Path,
) -> Result<PathBuf, String> {
    let name = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lib.rs".to_string());
    files::create_dir_below(root, folder)
        .map_err(|error| format!("{}: {error}", folder.display()))?;
    let mut tries = 0;
    loop {
        let next = last_backup_number(folder) + 1;
        let backup = folder.join(format!("{next}-{name}"));
        let written = files::refuse_links(root, &backup)
            .and_then(|()| files::write_new_whole(&backup, bytes));
        match written {
            Ok(()) => return Ok(backup),
            // Another run took that number meanwhile: take the next.
            Err(error)
                if error.kind() == std::io::ErrorKind::AlreadyExists && tries < 10 =>
            {
                tries += 1;
            }
            Err(error) => return Err(format!("{}: {error}", backup.display())),
        }
    }
}

/// The highest `N` of the `N-*` files in `folder`, 0 when there are none.
fn last_backup_number(folder: &Path) -> u32 {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    name.split_once('-')?.0.parse::<u32>().ok()
                })
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_read_back_as_written() {
        let entry = parse_entry(
            "hints=2 passed=77 tests=3/4 started=1000 first-pass=1130"
                .split_whitespace(),
        );
        assert_eq!(
            entry,
            Entry {
                hints_shown: 2,
                passed: Some(77),
                tests: Some((3, 4)),
                started: Some(1000),
                first_pass: Some(1130),
            }
        );
        assert_eq!(
            entry.minutes_to_solve(),
            Some(3),
            "130 s is 3 minutes begun"
        );
        let old_format = parse_entry("hints=1 passed=-".split_whitespace());
        assert_eq!((old_format.hints_shown, old_format.tests), (1, None));
    }
}
