//! A check's test run never outlives the tool.
//!
//! The student's tests may never end (a future nobody wakes) and may start
//! processes of their own. On Unix the test binary therefore starts a
//! process group of its own, and the tool ends that whole group (SIGKILL to
//! every process in it) when the run finishes or runs out of time, and
//! when the tool itself is stopped: Ctrl-C (SIGINT), SIGTERM (an editor's
//! stop button, `timeout`) or SIGHUP (a closed terminal). Before, a SIGTERM
//! to the tool alone left a hanging test binary running for ever.
//!
//! In a group of its own, the tests no longer hear the terminal's Ctrl-C
//! themselves: the tool hears it, ends them, and then ends as the signal
//! says (so the shell still sees "interrupted", exit status 130).
//!
//! Elsewhere (Windows) the test binary alone is killed when the run ends,
//! and Ctrl-C reaches every process of the console as before.

use std::io;
use std::process::{Child, Command};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// The groups running now, by id: the process id of their first process.
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn running() -> MutexGuard<'static, Vec<u32>> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A test run: its first process and every process started from it. Ended
/// when dropped.
#[derive(Debug)]
pub struct Group {
    child: Child,
    ended: bool,
}

impl Group {
    /// Starts `command` as the first process of a new process group.
    pub fn spawn(command: &mut Command) -> io::Result<Group> {
        end_groups_on_signals();
        // Held while starting: a signal that arrives meanwhile waits for the
        // new group to be listed, and so ends it too.
        let mut running = running();
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(command, 0);
        let child = command.spawn()?;
        running.push(child.id());
        Ok(Group {
            child,
            ended: false,
        })
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Ends every process of the group still running, and reaps the first.
    pub fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        let id = self.child.id();
        {
            let mut running = running();
            kill_group(&mut self.child);
            running.retain(|&other| other != id);
        }
        let _ = self.child.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.end();
    }
}

/// Ends every running group, then the tool with exit code `code`: for the
/// tool's own early exits (`std::process::exit` runs no destructor).
pub fn exit(code: i32) -> ! {
    end_all();
    std::process::exit(code)
}

/// Ends every running group.
pub fn end_all() {
    let running = running();
    for &id in running.iter() {
        kill_group_id(id);
    }
}

/// SIGKILL to the whole group whose first process is `child`.
fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    kill_group_id(child.id());
    #[cfg(not(unix))]
    let _ = child.kill();
}

#[cfg(unix)]
fn kill_group_id(id: u32) {
    use rustix::process::{Pid, Signal, kill_process_group};
    // Never 0 or 1: for those, kill(2) reaches far more than one group.
    let group = i32::try_from(id)
        .ok()
        .filter(|&id| id > 1)
        .and_then(Pid::from_raw);
    if let Some(group) = group {
        // Fails only when no process of the group is left: nothing to do.
        let _ = kill_process_group(group, Signal::KILL);
    }
}

#[cfg(not(unix))]
fn kill_group_id(_id: u32) {}

/// Once, before the first group starts: on SIGINT, SIGTERM or SIGHUP, end
/// every running group, then let the signal end the tool as it would have.
fn end_groups_on_signals() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            // Without the handler (it cannot fail on a sane system), the
            // signals keep their default: the tool ends, the tests may not.
            let Ok(mut signals) =
                signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    end_all();
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    exit(128 + signal);
                }
            });
        }
    });
}
