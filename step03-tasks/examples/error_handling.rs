//! Errors in async code: `?` in async functions, errors returned by tasks,
//! and stopping at the first error.
//! `cargo run -p step03-tasks --example error_handling`

use std::fmt;
use std::num::ParseIntError;
use std::time::Duration;

use async_std::task;
use futures::future::try_join_all;

// ANCHOR: error_type
/// Everything that can go wrong when reading a port from a config text.
#[derive(Debug)]
enum ConfigError {
    Missing(&'static str),
    BadNumber {
        key: &'static str,
        cause: ParseIntError,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing(key) => write!(f, "no `{key}` setting"),
            ConfigError::BadNumber { key, cause } => {
                write!(f, "`{key}` is not a port: {cause}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}
// ANCHOR_END: error_type

// ANCHOR: question_mark
/// Looks `key` up in a `key=value` text. The sleep stands for the I/O a
/// real lookup does (a file, a database): this is an async function.
async fn setting(config: &str, key: &'static str) -> Result<String, ConfigError> {
    task::sleep(Duration::from_millis(10)).await;
    config
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_string)
        .ok_or(ConfigError::Missing(key))
}

/// `?` works in an async fn exactly as in a normal one: on `Err` it returns
/// the error to the caller (converted with `From` if needed); on `Ok` it
/// unwraps the value. `.await?` awaits first, then checks.
async fn port(config: &str) -> Result<u16, ConfigError> {
    let text = setting(config, "port").await?;
    let port = text
        .parse()
        .map_err(|cause| ConfigError::BadNumber { key: "port", cause })?;
    Ok(port)
}
// ANCHOR_END: question_mark

// ANCHOR: tasks
/// One task per config; each task's output is its `Result`. Awaiting a
/// `JoinHandle` hands it over, so errors travel back like any other value.
async fn every_result(configs: &[&'static str]) {
    let handles: Vec<_> = configs
        .iter()
        .map(|config| task::spawn(port(config)))
        .collect();
    for (config, handle) in configs.iter().zip(handles) {
        match handle.await {
            Ok(port) => println!("  {config:<14} -> port {port}"),
            Err(error) => println!("  {config:<14} -> error: {error}"),
        }
    }
}

/// Stops at the first error: `try_join_all` resolves to `Err` as soon as
/// one task fails. The other tasks are NOT cancelled: dropping an
/// async-std `JoinHandle` detaches its task, which runs on.
async fn first_error(configs: &[&'static str]) -> Result<Vec<u16>, ConfigError> {
    let handles = configs.iter().map(|config| task::spawn(port(config)));
    try_join_all(handles).await
}
// ANCHOR_END: tasks

// ANCHOR: main
#[async_std::main]
async fn main() {
    let configs = ["port=8080", "port=eighty", "host=example", "port=99999"];

    println!("every task's result, in order:");
    every_result(&configs).await;

    println!(
        "try_join_all, all good: {:?}",
        first_error(&["port=80", "port=443"]).await
    );
    match first_error(&["port=80", "port=eighty", "port=443"]).await {
        Ok(ports) => println!("try_join_all: {ports:?}"),
        Err(error) => println!("try_join_all, first error: {error}"),
    }
}
// ANCHOR_END: main
