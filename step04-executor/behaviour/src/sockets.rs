//! Sockets: the library's reactor (`step04_executor::reactor`) serves
//! tasks on any executor, because the waker is the whole interface
//! between the two: many clients at once, a client that vanishes, two
//! tasks waiting on one socket.
//!
//! Stage 5 runs these on its executor (stage 4's, unchanged), the library
//! on its own; the reactor is the same file, `src/reactor.rs`. Unix only,
//! like the reactor.

#![cfg(unix)]

use std::future::Future;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use futures::future::{Either, select};
use step04_executor::reactor::Async;
use step04_executor::yield_now;

use crate::Timers;

/// Echoes one connection until the client closes its side.
async fn echo(stream: Async<TcpStream>) -> io::Result<()> {
    let mut buffer = [0; 256];
    loop {
        match stream.read(&mut buffer).await? {
            0 => return Ok(()),
            n => stream.write_all(&buffer[..n]).await?,
        }
    }
}

async fn round_trip(address: SocketAddr, message: Vec<u8>) -> io::Result<Vec<u8>> {
    let stream = Async::<TcpStream>::connect(address)?;
    stream.write_all(&message).await?;
    stream.shutdown_write()?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await?;
    Ok(reply)
}

/// A listener on a free port of 127.0.0.1, and its address.
fn local_listener() -> (Async<TcpListener>, SocketAddr) {
    let listener = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}

/// Runs `future` with a generous limit: a hang detector, not a timer.
async fn within_30_s<E: Timers, T>(future: impl Future<Output = T>) -> T {
    let limit = std::pin::pin!(E::sleep(Duration::from_secs(30)));
    match select(std::pin::pin!(future), limit).await {
        Either::Left((output, _)) => output,
        Either::Right(_) => panic!("hung: no progress in 30 s"),
    }
}

pub fn many_clients_are_echoed_at_once<E: Timers>() {
    let replies = E::block_on(within_30_s::<E, _>(async {
        let (listener, address) = local_listener();
        let server = E::spawn(async move {
            let mut handlers = Vec::new();
            for _ in 0..50 {
                let (stream, _) = listener.accept().await.unwrap();
                handlers.push(E::spawn(echo(stream)));
            }
            for handler in handlers {
                handler.await.unwrap().unwrap();
            }
        });
        let clients: Vec<_> = (0..50u8)
            // Big enough (64 KiB) to fill socket buffers and make
            // writers wait for writability too.
            .map(|i| E::spawn(round_trip(address, vec![i; 64 * 1024])))
            .collect();
        let mut replies = Vec::new();
        for client in clients {
            replies.push(client.await.unwrap().unwrap());
        }
        server.await.unwrap();
        replies
    }));
    for (i, reply) in replies.iter().enumerate() {
        assert_eq!(reply, &vec![i as u8; 64 * 1024]);
    }
}

pub fn a_client_that_vanishes_does_not_stop_the_server<E: Timers>() {
    let reply = E::block_on(within_30_s::<E, _>(async {
        let (listener, address) = local_listener();
        let server = E::spawn(async move {
            for _ in 0..2 {
                let (stream, _) = listener.accept().await.unwrap();
                let _ = echo(stream).await; // an error ends only this one
            }
        });
        drop(TcpStream::connect(address).unwrap()); // connects, leaves
        let reply = round_trip(address, b"still here".to_vec()).await;
        server.await.unwrap();
        reply.unwrap()
    }));
    assert_eq!(reply, b"still here");
}

pub fn two_tasks_waiting_on_one_socket_are_both_woken<E: Timers>() {
    let bytes = E::block_on(within_30_s::<E, _>(async {
        let (listener, address) = local_listener();
        let mut peer = TcpStream::connect(address).unwrap();
        let (stream, _) = listener.accept().await.unwrap();
        let stream = Arc::new(stream);
        let reader = |stream: Arc<Async<TcpStream>>| {
            E::spawn(async move {
                let mut byte = [0];
                stream.read(&mut byte).await.unwrap();
                byte[0]
            })
        };
        let (first, second) = (reader(stream.clone()), reader(stream));
        yield_now().await; // both run, find nothing, and wait
        peer.write_all(&[1]).unwrap();
        // One reader gets it; the other must wait on, and get the next.
        let (got, other) = match select(first, second).await {
            Either::Left((got, other)) | Either::Right((got, other)) => (got, other),
        };
        peer.write_all(&[2]).unwrap();
        [got.unwrap(), other.await.unwrap()]
    }));
    assert_eq!(bytes, [1, 2]);
}
