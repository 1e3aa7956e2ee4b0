//! The grading kit: fresh, read-only crate copies built in a sandbox.
//!
//! Before any student, the kit writes one crate per exercise from the
//! teacher's files (manifest, lock file, tests, support files, the solution
//! as a stand-in `lib.rs`) into a folder of this grade run, and builds the
//! runtime's crates once, in the sandbox, into a cache that only this
//! warm-up writes. Each student then gets a copy of that build folder and,
//! per exercise, a copy of the crate with their `lib.rs`: nothing a student
//! does reaches the teacher's files, the cache or another student, and no
//! result depends on who was graded before.
//!
//! Each test runs alone (`--exact <name>`) in a process of its own, and the
//! harness judges it ([`verdict::judge_single`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::copy::{copy_tree, copy_tree_where};
use crate::grade_sheet::Grade;
use crate::sandbox::{Jail, Sandbox, run_confined};
use crate::scratch::{Home, package_name, write_crate};
use crate::test_run::{Run, test_executable};
use crate::{Exercise, verdict};

/// The time limits of one exercise: its build, and all its tests together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub build: Duration,
    pub tests: Duration,
}

/// The warm-up's build of the runtime may take minutes on a cold machine.
const WARM_UP_LIMIT: Duration = Duration::from_secs(600);

/// One exercise's crate, as the teacher wrote it.
#[derive(Debug)]
struct KitCrate {
    id: String,
    dir: PathBuf,
    /// Its package name, which names its files in the build folder.
    package: String,
    /// The tests its `tests.rs` declares.
    expected: Vec<String>,
}

/// The crates of the exercises graded, and the warm build folder.
#[derive(Debug)]
pub struct Kit {
    sandbox: Sandbox,
    limits: Limits,
    /// This run's own folder, removed when the kit is dropped.
    run_dir: PathBuf,
    deps: PathBuf,
    crates: Vec<KitCrate>,
}

impl Kit {
    /// Writes the crates into `grading/run-<pid>/` and warms the build.
    pub fn prepare(
        grading: &Path,
        exercises: &[Exercise],
        sandbox: Sandbox,
        limits: Limits,
    ) -> Result<Kit, String> {
        let run_dir = grading.join(format!("run-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&run_dir);
        let mut crates = Vec::new();
        for exercise in exercises {
            let dir = run_dir.join("kit").join(&exercise.id);
            let solution =
                std::fs::read_to_string(exercise.solution_file()).map_err(|error| {
                    format!("{}: {error}", exercise.solution_file().display())
                })?;
            write_crate(exercise, &dir, Some(&solution), Home::OwnWorkspace)
                .map_err(|error| format!("exercise {}: {error}", exercise.id))?;
            let tests =
                std::fs::read_to_string(exercise.tests_file()).unwrap_or_default();
            let expected = verdict::expected_tests(&tests);
            if expected.is_empty() {
                return Err(format!(
                    "exercise {}: its tests.rs has no #[test]",
                    exercise.id
                ));
            }
            crates.push(KitCrate {
                id: exercise.id.clone(),
                package: package_name(exercise, &dir),
                dir,
                expected,
            });
        }
        let kit = Kit {
            sandbox,
            limits,
            deps: run_dir.join("deps"),
            run_dir,
            crates,
        };
        kit.warm_up(&grading.join("deps-cache"))?;
        Ok(kit)
    }

    /// Resolves each crate's lock file offline and builds the runtime into
    /// `cache`, then copies the runtime's part of the cache for this run.
    /// Two grade runs at once share the cache safely: cargo locks a build
    /// folder while it builds, and once the runtime is built a later build
    /// only adds its own exercise crate (named after this run's folder)
    /// beside it, which this run removes again: each student's crate is
    /// built anew, so no exercise crate is worth keeping, and kept they
    /// filled the cache by 20 MB a run, all of it copied for every student.
    fn warm_up(&self, cache: &Path) -> Result<(), String> {
        std::fs::create_dir_all(cache).map_err(|error| error.to_string())?;
        // Left by earlier versions, which built with incremental data.
        let _ = std::fs::remove_dir_all(cache.join("debug").join("incremental"));
        for kit in &self.crates {
            let jail = Jail {
                crate_dir: &kit.dir,
                target: cache,
                crate_writable: true,
                target_writable: true,
            };
            let args = ["metadata", "--offline", "--format-version", "1"];
            self.trusted_cargo(&jail, &args, &kit.id)?;
            if kit.id == self.crates[0].id {
                let args = ["test", "--no-run", "--offline", "--locked", "--quiet"];
                self.trusted_cargo(&jail, &args, &kit.id)?;
            }
        }
        for kit in &self.crates {
            remove_crate_build(&cache.join("debug"), &kit.package);
        }
        copy_dependencies(cache, &self.deps)
            .map_err(|error| format!("copying the build: {error}"))
    }

    /// Runs cargo on the teacher's own crate; it must succeed.
    fn trusted_cargo(
        &self,
        jail: &Jail,
        args: &[&str],
        id: &str,
    ) -> Result<(), String> {
        let command = self.sandbox.command(jail, &self.sandbox.cargo(), args);
        let run = run_confined(command, WARM_UP_LIMIT)?;
        if run.succeeded() {
            return Ok(());
        }
        Err(format!(
            "exercise {id}: `cargo {}` on the teacher's solution failed in the sandbox:\n{}",
            args.join(" "),
            run.stderr.trim()
        ))
    }

    /// The exercises' ids, in course order.
    pub fn ids(&self) -> Vec<&str> {
        self.crates.iter().map(|kit| kit.id.as_str()).collect()
    }

    /// A fresh folder for student number `number`, with its own copy of
    /// the warm build folder.
    pub fn student_folder(&self, number: usize) -> Result<StudentFolder, String> {
        let dir = self.run_dir.join("students").join(number.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        let target = dir.join("target");
        copy_tree(&self.deps, &target)
            .map_err(|error| format!("copying the build: {error}"))?;
        Ok(StudentFolder { dir, target })
    }

    /// Builds and tests `lib` as exercise `index` in the student's folder.
    pub fn grade(&self, index: usize, folder: &StudentFolder, lib: &str) -> Grade {
        let kit = &self.crates[index];
        let crate_dir = folder.dir.join(&kit.id);
        if let Err(error) = copy_crate(&kit.dir, &crate_dir, lib) {
            return Grade::Unreadable(format!("could not copy the work: {error}"));
        }
        let binary = match self.build(&crate_dir, &folder.target) {
            Ok(binary) => binary,
            Err(grade) => return grade,
        };
        self.run_tests(kit, &crate_dir, &folder.target, &binary)
    }

    /// The test binary, as the sandbox sees it, or the grade of a build
    /// that did not make one.
    fn build(&self, crate_dir: &Path, target: &Path) -> Result<PathBuf, Grade> {
        let jail = Jail {
            crate_dir,
            target,
            crate_writable: false,
            target_writable: true,
        };
        let args = [
            "test",
            "--no-run",
            "--offline",
            "--locked",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ];
        let command = self.sandbox.command(&jail, &self.sandbox.cargo(), &args);
        let run =
            run_confined(command, self.limits.build).map_err(Grade::Unreadable)?;
        match run.status {
            None => Err(Grade::BuildTimedOut),
            Some(status) if !status.success() => Err(Grade::DoesNotCompile),
            Some(_) => test_executable(&run.stdout).ok_or(Grade::DoesNotCompile),
        }
    }

    /// Runs each expected test alone, all within the tests' time limit.
    fn run_tests(
        &self,
        kit: &KitCrate,
        crate_dir: &Path,
        target: &Path,
        binary: &Path,
    ) -> Grade {
        let jail = Jail {
            crate_dir,
            target,
            crate_writable: false,
            target_writable: false,
        };
        let tests = kit.expected.len();
        let deadline = Instant::now() + self.limits.tests;
        let mut passed = 0;
        let mut first = None;
        for name in &kit.expected {
            let left = deadline.saturating_duration_since(Instant::now());
            let args = ["--exact", name, "--color", "never", "--format", "pretty"];
            let command = self.sandbox.command(&jail, binary, &args);
            let run = match run_confined(command, left) {
                Ok(run) => run,
                Err(error) => return Grade::Unreadable(error),
            };
            if run.status.is_none() || left.is_zero() {
                return Grade::TimedOut { passed, tests };
            }
            match judge(name, &run) {
                Ok(()) => passed += 1,
                Err(line) => {
                    first.get_or_insert((name.clone(), line));
                }
            }
        }
        if passed == tests {
            Grade::Passed {
                tests,
                minutes: None,
            }
        } else {
            Grade::Failing {
                passed,
                tests,
                first,
            }
        }
    }
}

/// A pass, or the first line of why not.
fn judge(name: &str, run: &Run) -> Result<(), String> {
    match verdict::judge_single(name, &run.stdout, run.succeeded()) {
        Some(result) if result.passed => Ok(()),
        Some(result) => Err(first_line(&result.message)),
        None => Err(format!(
            "the test process ended ({}) before it reported",
            run.status
                .map_or("killed".to_string(), |status| status.to_string())
        )),
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().map(str::trim).find(|line| !line.is_empty());
    let line = line.unwrap_or("(no message)");
    line.chars().take(200).collect()
}

impl Drop for Kit {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.run_dir);
    }
}

/// One student's scratch folder: their crates and their build folder.
#[derive(Debug)]
pub struct StudentFolder {
    dir: PathBuf,
    target: PathBuf,
}

impl StudentFolder {
    /// The folder, for what the grade keeps of the student besides crates.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for StudentFolder {
    /// A class of thirty would otherwise keep thirty build folders.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The kit's crate with `lib` as its `src/lib.rs`, written fresh (so that
/// cargo rebuilds it whatever the copied build folder holds).
fn copy_crate(kit: &Path, dir: &Path, lib: &str) -> std::io::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    copy_tree(kit, dir)?;
    std::fs::write(dir.join("src/lib.rs"), lib)
}

/// Removes what building `package` (an exercise crate, its library named
/// `exercise`) left in the profile folder `profile` (`<target>/debug`):
/// its fingerprints, and the library and test binary whose names carry the
/// hashes those fingerprints are named with. Another package's files stay.
fn remove_crate_build(profile: &Path, package: &str) {
    let prefix = format!("{package}-");
    let fingerprints: Vec<(String, PathBuf)> =
        std::fs::read_dir(profile.join(".fingerprint"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let hash = name.strip_prefix(&prefix)?.to_string();
                Some((hash, entry.path()))
            })
            .collect();
    let ours = |stem: &str| {
        fingerprints.iter().any(|(hash, _)| {
            stem == format!("exercise-{hash}") || stem == format!("libexercise-{hash}")
        })
    };
    for built in std::fs::read_dir(profile.join("deps"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let file = built.file_name().to_string_lossy().into_owned();
        if ours(file.split('.').next().unwrap_or_default()) {
            let _ = std::fs::remove_file(built.path());
        }
    }
    for (_, fingerprint) in fingerprints {
        let _ = std::fs::remove_dir_all(fingerprint);
    }
}

/// Copies the build folder `from` without any exercise crate's files (a
/// student's crate is built anew) nor `incremental/`, which only exercise
/// crates use: the runtime's compiled crates, which every student needs.
fn copy_dependencies(from: &Path, to: &Path) -> std::io::Result<()> {
    copy_tree_where(from, to, &|name| {
        !(name == "incremental"
            || name.starts_with("exercise")
            || name.starts_with("libexercise"))
    })
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    /// A build folder as cargo leaves it after two exercise crates and the
    /// runtime were built into it.
    fn build_folder(root: &Path) -> PathBuf {
        let profile = root.join("debug");
        for folder in [
            ".fingerprint/exercise-1-1-aaaa-0123",
            ".fingerprint/exercise-1-1-bbbb-4567",
            ".fingerprint/async-std-99",
            "deps",
            "incremental/exercise-x",
        ] {
            std::fs::create_dir_all(profile.join(folder)).expect("temp is writable");
        }
        for file in [
            "exercise-0123",
            "exercise-0123.d",
            "libexercise-0123.rlib",
            "exercise-4567",
            "libexercise-4567.rlib",
            "libasync_std-99.rlib",
        ] {
            std::fs::write(profile.join("deps").join(file), file)
                .expect("temp is writable");
        }
        profile
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_run_removes_its_own_crate_from_the_cache_and_copies_only_the_runtime() {
        let root =
            std::env::temp_dir().join(format!("grade-kit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let profile = build_folder(&root.join("cache"));

        remove_crate_build(&profile, "exercise-1-1-aaaa");
        assert_eq!(
            names(&profile.join("deps")),
            [
                "exercise-4567",
                "libasync_std-99.rlib",
                "libexercise-4567.rlib"
            ],
            "this run's crate is gone, another run's and the runtime's stay"
        );
        assert_eq!(
            names(&profile.join(".fingerprint")),
            ["async-std-99", "exercise-1-1-bbbb-4567"]
        );

        copy_dependencies(&root.join("cache"), &root.join("copy")).expect("copied");
        let copy = root.join("copy/debug");
        assert_eq!(
            names(&copy.join("deps")),
            ["libasync_std-99.rlib"],
            "the runtime alone"
        );
        assert_eq!(names(&copy.join(".fingerprint")), ["async-std-99"]);
        assert!(
            !copy.join("incremental").exists(),
            "no incremental data is copied"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
