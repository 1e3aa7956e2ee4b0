//! Every program of every step, with the output file the book shows.
//!
//! Conventions (the same in every step crate):
//! - `src/main.rs` prints what `src/main.out` holds;
//! - `examples/NAME.rs` prints what `examples/NAME.out` holds;
//! - `python/NAME.py` prints what `python/NAME.out` holds;
//! - an optional `NAME.args` beside a program holds its command-line
//!   arguments, one per line;
//! - a benchmark, whose numbers differ from run to run, says so with a line
//!   `// listing-output: shape-only` in its source. Its `NAME.out` is the
//!   reference run the book shows (recorded by hand with the command the
//!   chapter gives, e.g. in release mode with a large N), and the test runs
//!   it with `NAME.args` (small N) and compares everything but the numbers.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use crate::{relative, step_crates, target_dir, workspace_root};

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

/// One runnable listing and the output file that goes with it.
#[derive(Debug, Clone)]
pub struct Program {
    /// The step crate it belongs to, e.g. `step02-basic-async`.
    pub crate_name: String,
    pub kind: Kind,
    /// Its source file.
    pub source: PathBuf,
    /// The file holding the output the book shows.
    pub output_file: PathBuf,
    /// Its command-line arguments.
    pub args: Vec<String>,
    /// A benchmark: only the shape of its output (not its numbers) is compared.
    pub shape_only: bool,
}

impl Program {
    /// The command a reader types to run it, as the book prints it.
    pub fn command_line(&self) -> String {
        let mut line = match &self.kind {
            Kind::Main => format!("cargo run -p {}", self.crate_name),
            Kind::Example(name) => format!("cargo run -p {} --example {name}", self.crate_name),
            Kind::Python => format!("python3 {}", relative(&self.source)),
        };
        if !self.args.is_empty() {
            if self.kind != Kind::Python {
                line.push_str(" --");
            }
            line.push(' ');
            line.push_str(&self.args.join(" "));
        }
        line
    }

    /// Runs the program (already built) and returns what it did.
    pub fn run(&self) -> Output {
        let mut command = match &self.kind {
            Kind::Main => Command::new(binary(&self.crate_name, None)),
            Kind::Example(name) => Command::new(binary(&self.crate_name, Some(name))),
            Kind::Python => {
                let mut python = Command::new("python3");
                python.arg(&self.source);
                python
            }
        };
        command
            .args(&self.args)
            .current_dir(workspace_root())
            .output()
            .unwrap_or_else(|error| panic!("could not start `{}`: {error}", self.command_line()))
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
        for source in files_with_extension(&dir.join("examples"), "rs") {
            let name = stem(&source);
            programs.push(program(&crate_name, Kind::Example(name), source));
        }
        for source in files_with_extension(&dir.join("python"), "py") {
            programs.push(program(&crate_name, Kind::Python, source));
        }
    }
    programs
}

fn program(crate_name: &str, kind: Kind, source: PathBuf) -> Program {
    let args_file = source.with_extension("args");
    let args = std::fs::read_to_string(&args_file)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let text = std::fs::read_to_string(&source).unwrap_or_default();
    Program {
        crate_name: crate_name.to_string(),
        kind,
        output_file: source.with_extension("out"),
        shape_only: text.contains("listing-output: shape-only"),
        source,
        args,
    }
}

/// The files in `dir` (not below it) with the given extension, sorted.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("a source file has a name")
        .to_string_lossy()
        .into_owned()
}

/// Makes sure every Rust program among `programs` is built, by building
/// every binary and example of the workspace, once per test process.
///
/// The whole workspace, and not only the crates of `programs`: cargo
/// unifies features over the packages a command names, so `-p step01-setup
/// -p ...` picks other features for some dependencies than
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
pub fn build_programs(programs: &[Program]) {
    static BUILT: OnceLock<()> = OnceLock::new();
    if programs.iter().any(|program| program.kind != Kind::Python) {
        BUILT.get_or_init(build_workspace_programs);
    }
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
fn tell(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether `python3` can be started here.
pub fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}
