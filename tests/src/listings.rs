//! The programs behind the book's listings, and the one runner that starts
//! them.
//!
//! Conventions (the same in every step crate):
//! - `src/main.rs` prints what `src/main.out` holds;
//! - `examples/NAME.rs` prints what `examples/NAME.out` holds;
//! - `python/NAME.py` prints what `python/NAME.out` holds;
//! - an optional `NAME.args` beside a program holds its command-line
//!   arguments, one per line;
//! - a Rust program that takes options has a `NAME.bad-args` beside it: the
//!   command lines it must refuse (one per line, arguments separated by
//!   spaces, `#` starts a comment), on top of an unknown option. A program
//!   without one takes no arguments and does not check them;
//! - a benchmark, whose numbers differ from run to run, says so with a line
//!   `// listing-output: shape-only` in its source. Its `NAME.out` is the
//!   reference run the book shows (recorded by hand with the command the
//!   chapter gives, e.g. in release mode with a large N), and the test runs
//!   it with `NAME.args` (small N) and compares everything but the numbers.
//! - a program that needs something besides Rust and python3 names it in a
//!   line `// listing-needs: redis-server` (`# listing-needs: redis-server,
//!   python:redis` in Python): a command on `PATH`, or `python:MODULE`, a
//!   module python3 imports. Where one is missing, the check skips the
//!   program with a line that says what to install, so the README's test
//!   command passes with Rust alone; with `REQUIRE_LISTING_NEEDS=1` (CI,
//!   which installs them) a missing one fails instead.
//!
//! Which Rust files a check compiles, so that a listing included from one
//! is known to compile, is [`compiled_by`].

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use crate::{files, relative, step_crates, target_dir, workspace_root};

/// How a program is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `cargo run -p CRATE`
    Main,
    /// `cargo run -p CRATE --example NAME`
    Example(String),
    /// `python3 python/NAME.py`
    Python,
}

/// One runnable listing and the files that go with it.
#[derive(Debug, Clone)]
pub struct Program {
    /// The step crate it belongs to, e.g. `step02-basic-async`.
    pub crate_name: String,
    /// How it is started.
    pub kind: Kind,
    /// Its source file.
    pub source: PathBuf,
    /// The file holding the output the book shows.
    pub output_file: PathBuf,
    /// Its command-line arguments (`NAME.args`).
    pub args: Vec<String>,
    /// Command lines it must refuse (`NAME.bad-args`).
    pub bad_args: Vec<Vec<String>>,
    /// A benchmark: only the shape of its output (not its numbers) is compared.
    pub shape_only: bool,
    /// What it needs besides Rust and python3 (`listing-needs:`).
    pub needs: Vec<String>,
}

/// The extensions of the files that belong to a program, beside its source.
pub const COMPANION_EXTENSIONS: [&str; 3] = ["out", "args", "bad-args"];

impl Program {
    /// The command a reader types to run it, as the book prints it.
    pub fn command_line(&self) -> String {
        self.command_with(&self.args)
    }

    /// The command that runs it with `args` instead of its own.
    pub fn command_with(&self, args: &[String]) -> String {
        let mut line = match &self.kind {
            Kind::Main => format!("cargo run -p {}", self.crate_name),
            Kind::Example(name) => {
                format!("cargo run -p {} --example {name}", self.crate_name)
            }
            Kind::Python => format!("python3 {}", relative(&self.source)),
        };
        if !args.is_empty() {
            if self.kind != Kind::Python {
                line.push_str(" --");
            }
            line.push(' ');
            line.push_str(&args.join(" "));
        }
        line
    }

    /// The name of its binary (or script): `scale`, `step01-setup`.
    pub fn binary_name(&self) -> String {
        match &self.kind {
            Kind::Main => self.crate_name.clone(),
            Kind::Example(name) => name.clone(),
            Kind::Python => stem(&self.source),
        }
    }

    /// Runs it with its own arguments and returns what it did.
    pub fn run(&self) -> Output {
        self.run_with(&self.args)
    }

    /// Runs it with `args` and returns what it did. A Rust program is
    /// built first (once per process, with every other program).
    pub fn run_with(&self, args: &[String]) -> Output {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        self.run_with_bytes(&args)
    }

    /// [`Program::run_with`] for arguments that need not be text (a file
    /// name can hold any bytes).
    pub fn run_with_bytes(&self, args: &[std::ffi::OsString]) -> Output {
        self.command()
            .args(args)
            .current_dir(workspace_root())
            .output()
            .unwrap_or_else(|error| {
                panic!("could not start `{}`: {error}", self.command_line())
            })
    }

    /// The program, built, ready for its arguments.
    fn command(&self) -> Command {
        match &self.kind {
            Kind::Main => {
                build_all_programs();
                Command::new(binary(&self.crate_name, None))
            }
            Kind::Example(name) => {
                build_all_programs();
                Command::new(binary(&self.crate_name, Some(name)))
            }
            Kind::Python => {
                let mut python = Command::new("python3");
                python.arg(&self.source);
                python
            }
        }
    }
}

/// Where cargo puts a crate's binary or one of its examples (debug profile).
fn binary(crate_name: &str, example: Option<&str>) -> PathBuf {
    let debug = target_dir().join("debug");
    let path = match example {
        Some(name) => debug.join("examples").join(name),
        None => debug.join(crate_name),
    };
    path.with_extension(std::env::consts::EXE_EXTENSION)
}

/// The programs to check: all of them, or with `LISTINGS=text` in the
/// environment only those whose command line contains `text` (handy while
/// working on one step: `LISTINGS=step03 cargo test -p tests --test listings`).
pub fn selected_programs() -> Vec<Program> {
    let filter = std::env::var("LISTINGS").unwrap_or_default();
    all_programs()
        .into_iter()
        .filter(|program| program.command_line().contains(&filter))
        .collect()
}

/// Every program in every step crate, in reading order.
pub fn all_programs() -> Vec<Program> {
    let mut programs = Vec::new();
    for crate_name in step_crates() {
        let dir = workspace_root().join(&crate_name);
        let main = dir.join("src/main.rs");
        if main.is_file() {
            programs.push(program(&crate_name, Kind::Main, main));
        }
        for source in files::in_folder(&dir.join("examples"), "rs") {
            let name = stem(&source);
            programs.push(program(&crate_name, Kind::Example(name), source));
        }
        for source in files::in_folder(&dir.join("python"), "py") {
            programs.push(program(&crate_name, Kind::Python, source));
        }
    }
    programs
}

/// The folders of a step crate that hold programs and their files.
pub const PROGRAM_FOLDERS: [&str; 3] = ["src", "examples", "python"];

fn program(crate_name: &str, kind: Kind, source: PathBuf) -> Program {
    let lines = |extension: &str| -> Vec<String> {
        std::fs::read_to_string(source.with_extension(extension))
            .map(|text| text.lines().map(str::to_string).collect())
            .unwrap_or_default()
    };
    let bad_args = lines("bad-args")
        .iter()
        .map(|line| line.split('#').next().unwrap_or(""))
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect();
    let text = std::fs::read_to_string(&source).unwrap_or_default();
    Program {
        crate_name: crate_name.to_string(),
        kind,
        output_file: source.with_extension("out"),
        args: lines("args"),
        bad_args,
        shape_only: text.contains("listing-output: shape-only"),
        needs: needs_in(&text),
        source,
    }
}

/// The needs a source names on its `listing-needs:` line.
fn needs_in(source: &str) -> Vec<String> {
    source
        .lines()
        .find_map(|line| line.split_once("listing-needs:").map(|(_, needs)| needs))
        .map(|needs| {
            needs
                .split(',')
                .map(|need| need.trim().to_string())
                .filter(|need| !need.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

impl Program {
    /// The needs of this program that this machine lacks.
    pub fn missing_needs(&self) -> Vec<String> {
        self.needs
            .iter()
            .filter(|need| !is_available(need))
            .cloned()
            .collect()
    }
}

/// Whether a need is met: `python:MODULE` imports, anything else is a
/// command found on `PATH`.
fn is_available(need: &str) -> bool {
    match need.strip_prefix("python:") {
        Some(module) => Command::new("python3")
            .args(["-c", &format!("import {module}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success()),
        None => std::env::var_os("PATH").is_some_and(|path| {
            std::env::split_paths(&path).any(|folder| folder.join(need).is_file())
        }),
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("a source file has a name")
        .to_string_lossy()
        .into_owned()
}

/// Makes sure every Rust program is built, by building every binary and
/// example of the workspace, once per test process.
///
/// The whole workspace, and not only the crates of the programs at hand:
/// cargo unifies features over the packages a command names, so `-p
/// step01-setup -p ...` picks other features for some dependencies than
/// `cargo test --workspace` does and builds them, and everything above
/// them, a second time (about 100 s on a fresh clone). `cargo build
/// --workspace --bins --examples` asks for exactly the artifacts that
/// `cargo test --workspace` builds, so after it (or inside it) this takes a
/// fraction of a second.
///
/// The outer `cargo test` has released the build directory's lock before
/// it runs the test binaries, so this cargo can take it. Should another
/// cargo hold it, cargo's "Blocking waiting for file lock" line is passed
/// on, like a line saying that a build has started: never silence.
fn build_all_programs() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(build_workspace_programs);
}

const BUILD_ARGS: [&str; 4] = ["build", "--workspace", "--bins", "--examples"];

fn build_workspace_programs() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut child = Command::new(cargo)
        .args(BUILD_ARGS)
        .current_dir(workspace_root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo can be started");
    let cargo_says = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut log = String::new();
    let mut announced = false;
    for line in cargo_says.lines().map_while(Result::ok) {
        let status = line.trim_start();
        if status.starts_with("Compiling") && !announced {
            announced = true;
            tell(&format!(
                "listings: building every program first (`cargo {}`); \
                 on a fresh checkout that takes a few minutes",
                BUILD_ARGS.join(" ")
            ));
        }
        if status.starts_with("Blocking") {
            tell(&format!("listings: {status}"));
        }
        log.push_str(&line);
        log.push('\n');
    }
    let status = child.wait().expect("cargo runs to the end");
    assert!(
        status.success(),
        "building the workspace's programs failed:\n{log}"
    );
}

/// Writes a line to the real stderr: `eprintln!` inside a test is captured
/// and shown only if the test fails, too late to explain a long wait.
pub fn tell(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether `python3` can be started here.
pub fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Which check compiles the Rust file `file`, if one does: `cargo` for a
/// crate's sources, examples and tests, the exercise gate for an exercise's
/// files, the diagnostics test for a snippet whose compiler messages the
/// book quotes. `None` for a file nothing compiles, such as a module no
/// crate declares.
pub fn compiled_by(file: &Path) -> Option<&'static str> {
    let relative = file.strip_prefix(workspace_root()).ok()?;
    let parts: Vec<&str> = relative
        .iter()
        .map(|part| part.to_str().unwrap_or(""))
        .collect();
    if file.extension().is_none_or(|ext| ext != "rs") || !file.is_file() {
        return None;
    }
    match parts.as_slice() {
        ["tests", "diagnostics", _] => Some("the diagnostics test"),
        [step, "exercises", ..] if step_crates().iter().any(|name| name == step) => {
            Some("the exercise gate")
        }
        [_, "src", "bin", _] => Some("cargo"),
        [_, "src", ..] if is_declared_module(file) => Some("cargo"),
        [_, "examples", _] | [_, "examples", _, "main.rs"] | [_, "tests", _] => {
            Some("cargo")
        }
        [_, "examples", folder, _] if declared_by_an_example(file, folder) => {
            Some("cargo")
        }
        _ => None,
    }
}

/// Whether a file below a crate's `src/` is compiled: the crate's root, or
/// a module its parent module declares (`mod NAME;`).
fn is_declared_module(file: &Path) -> bool {
    let name = stem(file);
    let folder = file.parent().expect("a file lives in a folder");
    if folder.file_name().is_some_and(|name| name == "src")
        && (name == "lib" || name == "main")
    {
        return true;
    }
    let module = if name == "mod" {
        folder.to_path_buf()
    } else {
        folder.join(&name)
    };
    let module_name = stem(&module);
    let parent_folder = module.parent().expect("a module lives in a folder");
    let parents: Vec<PathBuf> =
        if parent_folder.file_name().is_some_and(|name| name == "src") {
            vec![parent_folder.join("lib.rs"), parent_folder.join("main.rs")]
        } else {
            vec![
                parent_folder.with_extension("rs"),
                parent_folder.join("mod.rs"),
            ]
        };
    parents
        .iter()
        .any(|parent| declares(parent, &module_name) && is_declared_module(parent))
}

/// Whether the file `examples/<folder>/<file>` is a module that an example
/// declares: as `mod <folder>;`, or by its path (`#[path =
/// "<folder>/<file>"]`, how Step 4's stages share a module).
fn declared_by_an_example(file: &Path, folder: &str) -> bool {
    let examples = file
        .parent()
        .and_then(Path::parent)
        .expect("examples/<folder>/<file>");
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    let path_attribute = format!("#[path = \"{folder}/{name}\"]");
    files::in_folder(examples, "rs").iter().any(|example| {
        declares(example, folder)
            || std::fs::read_to_string(example)
                .is_ok_and(|text| text.contains(&path_attribute))
    })
}

/// Whether `source` declares the module `name` (`mod name;`, `pub mod
/// name;`, `pub(crate) mod name;`).
fn declares(source: &Path, name: &str) -> bool {
    std::fs::read_to_string(source).is_ok_and(|text| {
        text.lines().any(|line| {
            line.trim()
                .split_once("mod ")
                .is_some_and(|(before, after)| {
                    ["", "pub ", "pub(crate) "].contains(&before)
                        && after == format!("{name};")
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::own_output_dir;

    #[test]
    fn compiled_files_are_told_from_files_nothing_compiles() {
        let root = workspace_root();
        for (file, by) in [
            ("step03-tasks/src/lib.rs", Some("cargo")),
            ("step03-tasks/src/server/mod.rs", Some("cargo")),
            ("step03-tasks/src/server/connection.rs", Some("cargo")),
            ("tests/src/bin/book.rs", Some("cargo")),
            ("step03-tasks/examples/backpressure.rs", Some("cargo")),
            ("step03-tasks/examples/client_smol/mod.rs", Some("cargo")),
            ("step03-tasks/tests/concurrency.rs", Some("cargo")),
            (
                "step02-basic-async/exercises/2.1-forgotten-future/solution.rs",
                Some("the exercise gate"),
            ),
            (
                "tests/diagnostics/unused_future.rs",
                Some("the diagnostics test"),
            ),
            ("step03-tasks/src/no_such_module.rs", None),
            ("step03-tasks/examples/scale.out", None),
            ("book/src/SUMMARY.md", None),
        ] {
            assert_eq!(compiled_by(&root.join(file)), by, "{file}");
        }
    }

    #[test]
    fn a_module_counts_only_where_its_parent_declares_it() {
        let crate_root = own_output_dir().join("compiled-by-test");
        let _ = std::fs::remove_dir_all(&crate_root);
        let src = crate_root.join("src");
        std::fs::create_dir_all(src.join("net")).expect("scratch folders");
        for (file, text) in [
            ("lib.rs", "pub mod net;\n// mod orphan;\n"),
            ("net.rs", "pub(crate) mod tcp;\n"),
            ("net/tcp.rs", ""),
            ("net/udp.rs", ""),
            ("orphan.rs", ""),
        ] {
            std::fs::write(src.join(file), text).expect("a scratch file");
        }
        assert!(is_declared_module(&src.join("net/tcp.rs")), "declared");
        assert!(
            !is_declared_module(&src.join("net/udp.rs")),
            "never declared"
        );
        assert!(
            !is_declared_module(&src.join("orphan.rs")),
            "only mentioned in a comment"
        );
        std::fs::remove_dir_all(&crate_root).expect("clean up");
    }
}
