//! `cargo exercises`: the student's tool for the classroom exercises, and
//! the teacher's grade sheet. See the crate's documentation for the layout.

use std::process::ExitCode;

use exercises_tool::cli::{self, Command, USAGE};
use exercises_tool::student::{Asking, Tool};
use exercises_tool::{Workspace, grade, watch};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    if command == Command::Help {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    if command == Command::GradeHelp {
        println!("{}", cli::GRADE_USAGE);
        return Ok(ExitCode::SUCCESS);
    }
    let tool = Tool {
        workspace: Workspace::locate()?,
    };
    match command {
        Command::Help | Command::GradeHelp => unreachable!("answered above"),
        Command::List => tool.list(),
        Command::Watch { time_limit } => watch::watch(&tool, time_limit),
        Command::Start(id) => tool.start(&tool.find(&id)?),
        Command::Check { id, time_limit } => tool.check(&tool.find(&id)?, time_limit),
        Command::CheckAll { time_limit } => tool.check_all(time_limit),
        Command::Hint(id) => tool.hint(&tool.find(&id)?),
        Command::Reset(id) => tool.reset(&tool.find(&id)?),
        Command::Solution(id) => tool.solution(&tool.find(&id)?, Asking::Commands),
        Command::Grade(request) => grade::grade(&tool.workspace, &request),
    }
}
