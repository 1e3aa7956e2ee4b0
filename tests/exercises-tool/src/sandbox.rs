//! Running code the teacher did not write: a student's build and tests, as
//! `cargo exercises grade` runs them, confined.
//!
//! On Linux the confinement is bubblewrap (`bwrap`, from the distribution),
//! which starts the student's program through `prlimit` (util-linux) for
//! the resource limits:
//!
//! - **Nothing of the teacher's is visible.** The sandbox's root is empty;
//!   only the system (`/usr`, the linker's few files in `/etc`), the Rust
//!   toolchain, the crates.io sources cargo already downloaded (read-only,
//!   builds run `--offline`) and the student's own crate copy are mounted.
//!   The crate copy and the tests in it are read-only; the only writable
//!   places are the student's own build folder (during the build only), a
//!   small private `/tmp` and a smaller scratch `CARGO_HOME`. The sandbox's
//!   own root and `/dev` are made read-only once mounted: they are memory,
//!   and would otherwise take as much of it as a student writes.
//! - **No network** (`--unshare-net`: a loopback of its own, nothing on it),
//!   no other process in sight (`--unshare-pid`, a fresh `/proc`), a
//!   session of its own (`--new-session`: no typing into the teacher's
//!   terminal), no capabilities, an empty environment.
//! - **Bounded:** address space, processes, file size and open files by
//!   rlimit, set inside the sandbox: in its own user namespace the process
//!   limit counts the sandbox's processes only, where set outside it would
//!   count every process of the teacher's account, and fail an honest
//!   student on a busy desktop. Time by the tool, which kills bwrap when the
//!   limit passes, and with it (`--die-with-parent`, the pid namespace's
//!   init) every process the student started.
//! - **Not bounded:** the sum of the memory of a student's processes, each
//!   under its address-space limit (a cgroup could cap it; the teacher's
//!   chapter says how to grade inside one).
//!
//! Without bwrap (macOS, Windows, a Linux without it or without user
//! namespaces) there is no sandbox, and `grade` refuses unless the teacher
//! says they trust the students ([`Sandbox::Unconfined`]); the processes then
//! still run in a process group of their own, killed whole at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::test_run::{Run, run_with_limit};

/// Where a student's crate appears inside the sandbox, always: every student
/// is built at the same paths, so no build differs by where it ran.
pub const CRATE: &str = "/grade/crate";
/// Where the student's build folder appears inside the sandbox.
pub const TARGET: &str = "/grade/target";
/// `CARGO_HOME` inside the sandbox: a scratch folder holding the teacher's
/// `registry/` read-only.
const CARGO_HOME: &str = "/grade/cargo-home";

/// Limits per sandbox. Generous for a build of async-std, small for a
/// machine: a class cannot take the teacher's memory or disk.
const ADDRESS_SPACE: u64 = 4 << 30;
const PROCESSES: u32 = 512;
const FILE_SIZE: u64 = 1 << 30;
const OPEN_FILES: u32 = 4096;
/// The private `/tmp`, in bytes (a tmpfs, so memory).
const TMP_SIZE: u64 = 64 << 20;
/// The scratch `CARGO_HOME` around the registry, in bytes (a tmpfs too):
/// cargo keeps only its lock and cache-tracking files there.
const CARGO_HOME_SIZE: u64 = 16 << 20;
/// The most output kept of one run; the rest is read and dropped, so that a
/// test printing for ever neither blocks nor fills the teacher's memory.
pub const OUTPUT_CAP: usize = 1 << 20;

/// How student code is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sandbox {
    /// In bubblewrap, with the toolchain of the tool's own cargo.
    Bwrap(Toolchain),
    /// As the teacher, who said so on the command line.
    Unconfined,
}

/// The programs the sandbox needs, by absolute path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toolchain {
    pub bwrap: PathBuf,
    pub prlimit: PathBuf,
    /// The Rust toolchain's root (`rustc --print sysroot`), mounted as is.
    pub sysroot: PathBuf,
    /// The teacher's downloaded crates, `$CARGO_HOME/registry`.
    pub registry: PathBuf,
}

/// What one sandboxed run may see besides the system and the toolchain.
#[derive(Debug, Clone)]
pub struct Jail<'a> {
    /// Mounted at [`CRATE`]; the run's working folder.
    pub crate_dir: &'a Path,
    /// Whether the run may write into it: only the warm-up, which runs the
    /// teacher's crates alone, writes their lock files.
    pub crate_writable: bool,
    /// Mounted at [`TARGET`].
    pub target: &'a Path,
    /// Whether the run may write into `target` (the build) or not (tests).
    pub target_writable: bool,
}

impl Sandbox {
    /// The sandbox this machine can make, or why none can be made.
    pub fn detect() -> Result<Sandbox, String> {
        if !cfg!(target_os = "linux") {
            return Err(
                "no sandbox on this system: bubblewrap runs on Linux only".into()
            );
        }
        let bwrap = on_path("bwrap").ok_or(
            "no sandbox: `bwrap` is not installed (Debian/Ubuntu: apt install bubblewrap)",
        )?;
        let prlimit = on_path("prlimit")
            .ok_or("no sandbox: `prlimit` (util-linux) is missing")?;
        let toolchain = Toolchain {
            bwrap,
            prlimit,
            sysroot: sysroot()?,
            registry: cargo_home()?.join("registry"),
        };
        let sandbox = Sandbox::Bwrap(toolchain);
        sandbox.probe()?;
        Ok(sandbox)
    }

    /// Starts `true` in an empty sandbox: bwrap installed but user
    /// namespaces disabled fails here, before any student is graded.
    fn probe(&self) -> Result<(), String> {
        let empty = std::env::temp_dir();
        let jail = Jail {
            crate_dir: &empty,
            target: &empty,
            crate_writable: false,
            target_writable: false,
        };
        let mut command = self.command(&jail, Path::new("/usr/bin/true"), &[]);
        let output = command
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("no sandbox: bwrap does not start: {error}"))?;
        if output.status.success() {
            return Ok(());
        }
        Err(format!(
            "no sandbox: bwrap cannot make one here (user namespaces disabled?): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }

    /// The cargo to run inside: the toolchain's own, not a rustup proxy
    /// (which would need the teacher's `~/.rustup` settings).
    pub fn cargo(&self) -> PathBuf {
        match self {
            Sandbox::Bwrap(toolchain) => toolchain.sysroot.join("bin/cargo"),
            Sandbox::Unconfined => PathBuf::from(
                std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()),
            ),
        }
    }

    /// `program args...` run in `jail`. The environment is empty but for
    /// what a build needs; the working folder is the crate's.
    pub fn command(&self, jail: &Jail, program: &Path, args: &[&str]) -> Command {
        let Sandbox::Bwrap(toolchain) = self else {
            return unconfined(jail, program, args);
        };
        let mut command = Command::new(&toolchain.bwrap);
        command.env_clear().args(bwrap_args(toolchain, jail));
        // The limits are set inside, in the sandbox's user namespace (see
        // the module docs).
        command.arg(&toolchain.prlimit).args(limits()).arg("--");
        command.arg(program).args(args);
        command
    }
}

/// The rlimits, as `prlimit` options.
fn limits() -> Vec<String> {
    vec![
        format!("--as={ADDRESS_SPACE}"),
        format!("--nproc={PROCESSES}"),
        format!("--fsize={FILE_SIZE}"),
        format!("--nofile={OPEN_FILES}"),
        "--core=0".to_string(),
    ]
}

/// bwrap's options: namespaces, mounts, environment, in that order.
fn bwrap_args(toolchain: &Toolchain, jail: &Jail) -> Vec<String> {
    let mut args: Vec<String> = [
        "--unshare-all",
        "--unshare-net",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    .map(String::from)
    .to_vec();
    // Debian and most others keep /bin and /lib in /usr; where they are
    // real folders, they are mounted as they are.
    for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64"] {
        args.extend(system_folder(top));
    }
    // The linker `cc` is a link through /etc/alternatives; the loader
    // reads ld.so.cache. Nothing else of /etc is shown.
    for etc in ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf"] {
        args.extend(["--ro-bind-try", etc, etc].map(String::from));
    }
    let sysroot = toolchain.sysroot.display().to_string();
    let prlimit = toolchain.prlimit.display().to_string();
    for program in [&sysroot, &prlimit] {
        if !program.starts_with("/usr/") {
            args.extend(["--ro-bind".into(), program.clone(), program.clone()]);
        }
    }
    args.extend(["--dev", "/dev", "--proc", "/proc"].map(String::from));
    args.extend(["--size", &TMP_SIZE.to_string(), "--tmpfs", "/tmp"].map(String::from));
    args.extend(
        [
            "--size",
            &CARGO_HOME_SIZE.to_string(),
            "--tmpfs",
            CARGO_HOME,
        ]
        .map(String::from),
    );
    let registry = toolchain.registry.display().to_string();
    args.extend([
        "--ro-bind".into(),
        registry,
        format!("{CARGO_HOME}/registry"),
    ]);
    let bind = |writable: bool| if writable { "--bind" } else { "--ro-bind" };
    let crate_dir = jail.crate_dir.display().to_string();
    let target = jail.target.display().to_string();
    args.extend([bind(jail.crate_writable).into(), crate_dir, CRATE.into()]);
    args.extend([bind(jail.target_writable).into(), target, TARGET.into()]);
    // Every mount is made: the root and /dev (memory, both) become
    // read-only; /dev/null and the other devices still work.
    args.extend(["--remount-ro", "/dev", "--remount-ro", "/"].map(String::from));
    args.extend(["--chdir", CRATE].map(String::from));
    let path = format!("{sysroot}/bin:/usr/bin:/bin");
    let rustc = format!("{sysroot}/bin/rustc");
    for (name, value) in [
        ("PATH", path.as_str()),
        ("HOME", "/tmp"),
        ("CARGO_HOME", CARGO_HOME),
        ("CARGO_TARGET_DIR", TARGET),
        ("RUSTC", rustc.as_str()),
        ("RUST_BACKTRACE", "0"),
        // A graded crate is built once: incremental data (160 MB for the
        // runtime's crates) would only be copied for every student.
        ("CARGO_INCREMENTAL", "0"),
        ("LANG", "C.UTF-8"),
    ] {
        args.extend(["--setenv", name, value].map(String::from));
    }
    args
}

/// `--ro-bind top top` for a real folder, `--symlink` for a link such as
/// Debian's `/lib -> usr/lib`, nothing when it is missing.
fn system_folder(top: &str) -> Vec<String> {
    match std::fs::read_link(top) {
        Ok(link) => vec!["--symlink".into(), link.display().to_string(), top.into()],
        Err(_) if Path::new(top).is_dir() => {
            vec!["--ro-bind".into(), top.into(), top.into()]
        }
        Err(_) => Vec::new(),
    }
}

/// The same run without a sandbox: the teacher's rights, the crate's real
/// folders, but still an environment of its own.
fn unconfined(jail: &Jail, program: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(jail.crate_dir)
        .env("CARGO_TARGET_DIR", jail.target)
        .env("RUST_BACKTRACE", "0")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// The first `name` on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(name))
        .find(|candidate| candidate.is_file())
}

/// The toolchain of the cargo that runs us: `$CARGO` is
/// `<sysroot>/bin/cargo` under rustup; else ask `rustc`.
fn sysroot() -> Result<PathBuf, String> {
    let rustc = std::env::var_os("CARGO")
        .map(PathBuf::from)
        .and_then(|cargo| Some(cargo.parent()?.join("rustc")))
        .filter(|rustc| rustc.is_file())
        .unwrap_or_else(|| PathBuf::from("rustc"));
    let output = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|error| format!("no sandbox: cannot run rustc: {error}"))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if sysroot.join("bin/cargo").is_file() {
        Ok(sysroot)
    } else {
        Err(format!(
            "no sandbox: no cargo in the toolchain {}",
            sysroot.display()
        ))
    }
}

/// `$CARGO_HOME`, or `~/.cargo`.
fn cargo_home() -> Result<PathBuf, String> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home));
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cargo"))
        .ok_or_else(|| "no sandbox: neither CARGO_HOME nor HOME is set".to_string())
}

/// Runs `command` with its output collected (at most [`OUTPUT_CAP`] each);
/// once `limit` has passed, kills it and everything it started. Everything
/// that held its pipes is dead then (the sandbox's pid namespace, or the
/// process group without a sandbox).
pub fn run_confined(command: Command, limit: Duration) -> Result<Run, String> {
    let what = format!("{command:?}");
    run_with_limit(command, limit, OUTPUT_CAP, &what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_shows_the_crate_read_only_and_no_network() {
        let toolchain = Toolchain {
            bwrap: "/usr/bin/bwrap".into(),
            prlimit: "/usr/bin/prlimit".into(),
            sysroot: "/opt/rust".into(),
            registry: "/home/t/.cargo/registry".into(),
        };
        let jail = Jail {
            crate_dir: Path::new("/class/alice/1.1"),
            target: Path::new("/class/alice/target"),
            crate_writable: false,
            target_writable: false,
        };
        let args = bwrap_args(&toolchain, &jail).join(" ");
        for expected in [
            "--unshare-all --unshare-net --die-with-parent --new-session",
            "--ro-bind /class/alice/1.1 /grade/crate",
            "--ro-bind /class/alice/target /grade/target",
            "--ro-bind /home/t/.cargo/registry /grade/cargo-home/registry",
            "--ro-bind /opt/rust /opt/rust",
            "--size 16777216 --tmpfs /grade/cargo-home",
            "--remount-ro /dev --remount-ro / --chdir /grade/crate",
        ] {
            assert!(args.contains(expected), "`{expected}` in {args}");
        }
        assert!(!args.contains("/home/t/.cargo/bin"), "{args}");
    }
}
