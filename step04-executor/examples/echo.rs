//! Stage 5: a TCP echo server and its clients, all on the step04 executor
//! and its reactor: `cargo run -p step04-executor --example echo`.

// The reactor uses epoll/kqueue, so this program is for Unix.
#[cfg(unix)]
use {
    futures::future::{Either, select},
    std::io,
    std::net::{SocketAddr, TcpListener, TcpStream},
    std::time::Duration,
    step04_executor::reactor::Async,
    step04_executor::{block_on, sleep, spawn},
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

#[cfg(unix)]
async fn client(address: SocketAddr, message: &'static str) -> io::Result<String> {
    let stream = Async::<TcpStream>::connect(address)?;
    stream.write_all(message.as_bytes()).await?;
    stream.shutdown_write()?; // "that is all": the server reads end of stream
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await?;
    Ok(String::from_utf8_lossy(&reply).into_owned())
}
// ANCHOR_END: echo

// ANCHOR: main
#[cfg(unix)]
fn main() -> io::Result<()> {
    step04_executor::reject_arguments();
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
    println!("the step04 reactor uses epoll/kqueue and runs on Unix only");
}
