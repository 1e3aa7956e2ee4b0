//! Stage 5: stage 4's executor and a reactor, so that tasks can wait for
//! sockets; a TCP echo server and its clients run on it:
//! `cargo run -p step04-executor --example stage5_reactor`.
//!
//! Stage 4's modules, the very same files (`stages/`), and the reactor,
//! the library's own (`step04_executor::reactor`, in `src/reactor.rs`),
//! a dependency rather than a module of this program: it talks to
//! epoll/kqueue through the `polling` crate, so this stage runs on Unix
//! only. The executor does not change at all: the waker is the whole
//! interface between the two.

// The modules are the whole executor; this demo does not call all of it
// (`JoinHandle::cancel`, for one).
#![allow(dead_code)]

#[cfg(unix)]
use {
    crate::executor::{block_on, spawn},
    crate::timer::sleep,
    futures::future::{Either, select},
    std::io,
    std::net::{SocketAddr, TcpListener, TcpStream},
    std::time::Duration,
    step04_executor::reactor::Async,
};

// ANCHOR: echo
/// Serves `connections` clients, each in its own task, then stops.
#[cfg(unix)]
async fn serve(listener: Async<TcpListener>, connections: usize) -> io::Result<usize> {
    let mut handlers = Vec::new();
    for _ in 0..connections {
        let (stream, _peer) = listener.accept().await?;
        handlers.push(spawn(echo(stream)));
    }
    let mut bytes = 0;
    for handler in handlers {
        // A client that misbehaves ends its own handler, not the server.
        if let Ok(Ok(echoed)) = handler.await {
            bytes += echoed;
        }
    }
    Ok(bytes)
}

/// Sends back everything it reads until the client closes its side.
#[cfg(unix)]
async fn echo(stream: Async<TcpStream>) -> io::Result<usize> {
    let mut buffer = [0; 1024];
    let mut total = 0;
    loop {
        match stream.read(&mut buffer).await? {
            0 => return Ok(total),
            n => {
                stream.write_all(&buffer[..n]).await?;
                total += n;
            }
        }
    }
}
// ANCHOR_END: echo

// ANCHOR: client
#[cfg(unix)]
async fn client(address: SocketAddr, message: &'static str) -> io::Result<String> {
    let stream = Async::<TcpStream>::connect(address)?;
    stream.write_all(message.as_bytes()).await?;
    stream.shutdown_write()?; // "that is all": the server reads end of stream
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await?;
    Ok(String::from_utf8_lossy(&reply).into_owned())
}
// ANCHOR_END: client

// ANCHOR: main
#[cfg(unix)]
fn main() -> io::Result<()> {
    block_on(async {
        let listener = Async::<TcpListener>::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let server = spawn(serve(listener, 4));

        // One client connects and leaves without a word.
        drop(TcpStream::connect(address)?);
        let messages = ["hello", "from three", "clients at once"];
        let clients: Vec<_> = messages
            .into_iter()
            .map(|message| spawn(client(address, message)))
            .collect();
        for (message, handle) in messages.iter().zip(clients) {
            let reply = handle.await.expect("clients do not panic")?;
            println!("sent {message:?}, got back {reply:?}");
        }

        // Bounded in time too: a server that hangs is a bug, not a wait.
        let limit = std::pin::pin!(sleep(Duration::from_secs(10)));
        match select(server, limit).await {
            Either::Left((served, _)) => {
                let bytes = served.expect("the server does not panic")?;
                println!("the server echoed {bytes} bytes to 4 clients and stopped");
            }
            Either::Right(_) => println!("the server did not finish within 10 s"),
        }
        Ok(())
    })
}
// ANCHOR_END: main

#[cfg(not(unix))]
fn main() {
    println!("the stage 5 reactor uses epoll/kqueue and runs on Unix only");
}

// Stage 4's modules, the same files unchanged: paths, because each file
// is a module of two or three programs, and this stage's lesson is the
// reactor alone.
#[path = "stages/task.rs"] // stage 3's task, shared by stages 3 to 5
mod task;

#[path = "stages/stage4_executor.rs"] // stage 4's executor, shared with it
mod executor;

#[path = "stages/timer.rs"] // stage 4's timers, shared with it
mod timer;

// Stage 3's helper from the library (`lock`), which the task and the
// executor use.
use step04_executor::lock;

// The behaviour suite's socket promises (crate `step04-behaviour`): the
// reactor serves tasks on this stage's executor. The executor is stage
// 4's file, which stage 4 runs the rest of the suite on.
#[cfg(all(test, unix))]
mod behaviour {
    step04_behaviour::executor!(Stage5 {
        executor: crate::executor,
        task: crate::task,
        timer: crate::timer,
    });
    step04_behaviour::tests!(Stage5: sockets);
}
