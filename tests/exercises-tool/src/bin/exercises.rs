//! `cargo exercises`: the student's tool for the classroom exercises, and
//! the teacher's grade sheet. See the crate's documentation for the layout.
//!
//! Exit codes: 0 done, 1 not done (or the work could not be read or
//! written), 2 bad input (an unknown command, option or exercise id), and
//! 141 when whoever reads the output stops reading (`cargo exercises list |
//! head -1`): on Unix the tool then ends as `SIGPIPE` ends other programs,
//! quietly, which a shell reports as 141.

use std::process::ExitCode;

use exercises_tool::cli::{self, Command, USAGE};
use exercises_tool::messages::Teller;
use exercises_tool::student::{Asking, Tool};
use exercises_tool::{Workspace, grade, process_group, watch};

fn main() -> ExitCode {
    end_quietly_when_the_output_is_closed();
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8.
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.into_string())
        .collect();
    let args = match args {
        Ok(args) => args,
        Err(bytes) => {
            let shown = bytes.to_string_lossy();
            eprintln!("error: argument `{shown}` is not UTF-8 text\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if command == Command::Help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if command == Command::GradeHelp {
        println!("{}", cli::GRADE_USAGE);
        return ExitCode::SUCCESS;
    }
    let tool = match Workspace::locate() {
        Ok(workspace) => Tool { workspace },
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(Err(message)) = command.exercise_id().map(|id| tool.find(id)) {
        // A mistyped id is bad input, like a mistyped command: one line.
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    match run(&tool, command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; what it did is said by a [`Teller`], which picks the
/// exit code (`watch` and `grade` speak for themselves).
fn run(tool: &Tool, command: Command) -> Result<ExitCode, String> {
    let mut teller = Teller::default();
    let mut tell = |said| teller.tell(said);
    match command {
        Command::Help | Command::GradeHelp => unreachable!("answered in main"),
        Command::Watch { time_limit } => return watch::watch(tool, time_limit),
        Command::Grade(request) => return grade::grade(&tool.workspace, &request),
        Command::List => tool.list(&mut tell)?,
        Command::Start(id) => tool.start(&tool.find(&id)?, &mut tell)?,
        Command::Check { id, time_limit } => {
            tool.check(&tool.find(&id)?, time_limit, Asking::Commands, &mut tell)?;
        }
        Command::CheckAll { time_limit } => tool.check_all(time_limit, &mut tell)?,
        Command::Hint(id) => {
            tool.hint(&tool.find(&id)?, Asking::Commands, &mut tell)?
        }
        Command::Reset(id) => tool.reset(&tool.find(&id)?, &mut tell)?,
        Command::Solution(id) => {
            tool.solution(&tool.find(&id)?, Asking::Commands, &mut tell)?
        }
    }
    Ok(teller.exit_code())
}

/// `println!` panics when its reader has gone (`| head` closed the pipe),
/// with a backtrace for the student. The tool ends instead, quietly: on
/// Unix as `SIGPIPE`'s default would end it (Rust ignores `SIGPIPE`), and
/// elsewhere with exit code 141, the code a shell gives for that. Never 0:
/// a script must not read "all passed" from a run whose output was cut.
/// Any test run is ended first.
fn end_quietly_when_the_output_is_closed() {
    let report_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        let message = panic
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && is_broken_pipe(message) {
            process_group::end_all();
            #[cfg(unix)]
            {
                let _ = signal_hook::low_level::emulate_default_handler(
                    signal_hook::consts::SIGPIPE,
                );
            }
            process_group::exit(141);
        }
        report_panic(panic);
    }));
}

/// Whether std's "failed printing to stdout: <error> (os error <n>)" is
/// for a closed pipe.
fn is_broken_pipe(message: &str) -> bool {
    message
        .rsplit_once("(os error ")
        .and_then(|(_, code)| code.strip_suffix(')')?.parse().ok())
        .is_some_and(|code| {
            std::io::Error::from_raw_os_error(code).kind()
                == std::io::ErrorKind::BrokenPipe
        })
}
