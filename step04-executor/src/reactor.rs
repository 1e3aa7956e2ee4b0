//! Stage 5: a reactor, so that tasks can wait for sockets. Stage 5's
//! program (`examples/stage5_reactor.rs`) uses this very module, as a
//! dependency: the reactor is the same at stage 5 and in the library.
//!
//! One thread waits in `epoll` (through the `polling` crate, the same
//! wrapper async-io uses) for every socket a task is waiting on, and calls
//! the waker each task left. The executor does not change at all: the
//! waker is the whole interface between the two.

use std::collections::HashMap;
use std::future::Future;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::os::fd::{AsFd, AsRawFd};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::thread;

use polling::{Event, Events, Poller};

use crate::lock::lock;

// ANCHOR: reactor
/// The epoll instance, and the wakers of every registered socket by key.
struct Reactor {
    poller: Poller,
    sources: Mutex<HashMap<usize, Arc<Source>>>,
    next_key: AtomicUsize,
}

/// What the reactor knows about one socket: who waits to read, to write.
#[derive(Default)]
struct Source {
    wakers: Mutex<Wakers>,
}

/// Every task waiting on the socket, by ticket. Not one slot per
/// direction: `read` takes `&self`, so two tasks may share a socket and
/// wait on it at once, and a second waker in one slot would silently
/// replace the first (async-io keeps a list for the same reason).
#[derive(Default)]
struct Wakers {
    readers: HashMap<u64, Waker>,
    writers: HashMap<u64, Waker>,
    next_ticket: u64,
}

impl Wakers {
    /// The waiters of one direction.
    fn waiting(&mut self, writing: bool) -> &mut HashMap<u64, Waker> {
        if writing {
            &mut self.writers
        } else {
            &mut self.readers
        }
    }
}

// ANCHOR_END: reactor

// ANCHOR: reactor_start
/// The one reactor, started with its thread on first use.
fn reactor() -> &'static Reactor {
    static REACTOR: OnceLock<Reactor> = OnceLock::new();
    REACTOR.get_or_init(|| {
        // The poller first: if it cannot be made, no thread is left
        // behind waiting for a reactor that does not exist.
        let poller = Poller::new().expect("the OS offers epoll or kqueue");
        thread::Builder::new()
            .name("step04-reactor".into())
            .spawn(|| reactor().run())
            .expect("the reactor thread starts");
        Reactor {
            poller,
            sources: Mutex::new(HashMap::new()),
            next_key: AtomicUsize::new(0),
        }
    })
}
// ANCHOR_END: reactor_start

// ANCHOR: reactor_run
impl Reactor {
    /// Waits for readiness events for ever, and wakes whoever waits.
    fn run(&self) {
        let mut events = Events::new();
        loop {
            events.clear();
            // `polling` itself retries a wait that a signal interrupted,
            // so an error here would come back at once: looping on it
            // would spin a core for ever.
            if let Err(error) = self.poller.wait(&mut events, None) {
                panic!("the reactor cannot wait for events: {error}");
            }
            for event in events.iter() {
                let source = lock(&self.sources).get(&event.key).cloned();
                if let Some(source) = source {
                    // Interest is one-shot: on epoll this event disarmed
                    // both directions (kqueue, only the one that fired), so
                    // wake every waiter. One whose socket is not ready yet
                    // retries, finds `WouldBlock` and registers again: a
                    // spurious wake, harmless.
                    let mut wakers = lock(&source.wakers);
                    let readers = std::mem::take(&mut wakers.readers);
                    let writers = std::mem::take(&mut wakers.writers);
                    drop(wakers);
                    readers
                        .into_values()
                        .chain(writers.into_values())
                        .for_each(Waker::wake);
                }
            }
        }
    }
}
// ANCHOR_END: reactor_run

// ANCHOR: async_io
/// A non-blocking socket registered with the reactor (async-io calls its
/// twin `Async<T>` too).
pub struct Async<T: AsFd + AsRawFd> {
    io: T,
    key: usize,
    source: Arc<Source>,
}

impl<T: AsFd + AsRawFd> Async<T> {
    /// Registers `io` (already in non-blocking mode) with the reactor.
    fn new(io: T) -> io::Result<Self> {
        let reactor = reactor();
        let key = reactor.next_key.fetch_add(1, Ordering::Relaxed);
        let source = Arc::new(Source::default());
        // SAFETY: `polling` requires the socket to be deleted from the
        // poller before it is closed. `Drop for Async` deletes it, and it
        // runs before the fields are dropped, so before `io` closes the
        // socket (tested by `a_dropped_socket_leaves_the_reactor`).
        #[allow(unsafe_code)]
        unsafe {
            reactor.poller.add(&io, Event::none(key))?;
        }
        lock(&reactor.sources).insert(key, source.clone());
        Ok(Async { io, key, source })
    }
    // ANCHOR_END: async_io

    // ANCHOR: retry
    /// Runs `operation` until it does not say `WouldBlock`; in between,
    /// waits until the reactor reports the socket ready.
    async fn retry<R>(
        &self,
        writing: bool,
        mut operation: impl FnMut(&T) -> io::Result<R>,
    ) -> io::Result<R> {
        loop {
            match operation(&self.io) {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    self.ready(writing).await?;
                }
                result => return result,
            }
        }
    }
    // ANCHOR_END: retry

    // ANCHOR: ready
    /// Waits until the reactor reports the socket ready (or anything
    /// else wakes the task: the operation is retried either way).
    fn ready(&self, writing: bool) -> Ready<'_, T> {
        Ready {
            socket: self,
            writing,
            ticket: None,
        }
    }
}

/// The future returned by `ready`.
struct Ready<'a, T: AsFd + AsRawFd> {
    socket: &'a Async<T>,
    writing: bool,
    /// Its place among the socket's waiters, once it has left its waker.
    ticket: Option<u64>,
}
// ANCHOR_END: ready

// ANCHOR: ready_poll
impl<T: AsFd + AsRawFd> Future for Ready<'_, T> {
    type Output = io::Result<()>;

    /// Pending once, after leaving the waker and arming interest; ready on
    /// the next poll, whatever woke it.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.ticket.is_some() {
            return Poll::Ready(Ok(()));
        }
        let socket = self.socket;
        let mut wakers = lock(&socket.source.wakers);
        let ticket = wakers.next_ticket;
        wakers.next_ticket += 1;
        wakers
            .waiting(self.writing)
            .insert(ticket, cx.waker().clone());
        let (read, write) = (!wakers.readers.is_empty(), !wakers.writers.is_empty());
        // Arming re-checks the socket now, so data that arrived since
        // the `WouldBlock` is reported at once, not lost.
        let interest = Event::new(socket.key, read, write);
        reactor().poller.modify(&socket.io, interest)?;
        self.ticket = Some(ticket);
        Poll::Pending
    }
}

impl<T: AsFd + AsRawFd> Drop for Ready<'_, T> {
    /// Takes its waker back if it is still there (the wait was abandoned,
    /// or something else woke the task), so that wakers do not pile up.
    fn drop(&mut self) {
        if let Some(ticket) = self.ticket {
            let mut wakers = lock(&self.socket.source.wakers);
            wakers.waiting(self.writing).remove(&ticket);
        }
    }
}
// ANCHOR_END: ready_poll

// ANCHOR: async_drop
impl<T: AsFd + AsRawFd> Drop for Async<T> {
    fn drop(&mut self) {
        let reactor = reactor();
        let _ = reactor.poller.delete(&self.io);
        lock(&reactor.sources).remove(&self.key);
    }
}
// ANCHOR_END: async_drop

// ANCHOR: tcp
impl Async<TcpListener> {
    /// Binds a listening socket (asyncio: `asyncio.start_server`).
    pub fn bind(address: impl ToSocketAddrs) -> io::Result<Self> {
        let listener = TcpListener::bind(address)?;
        listener.set_nonblocking(true)?;
        Async::new(listener)
    }

    /// Waits for the next connection.
    pub async fn accept(&self) -> io::Result<(Async<TcpStream>, SocketAddr)> {
        let (stream, peer) = self.retry(false, |listener| listener.accept()).await?;
        stream.set_nonblocking(true)?;
        Ok((Async::new(stream)?, peer))
    }

    /// The address the listener is bound to (the port, when bound to 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }
}
// ANCHOR_END: tcp

// ANCHOR: tcp_stream
impl Async<TcpStream> {
    /// Connects. (A blocking connect, which is immediate on loopback; a
    /// runtime starts a non-blocking one and waits until it is writable.)
    pub fn connect(address: SocketAddr) -> io::Result<Self> {
        let stream = TcpStream::connect(address)?;
        stream.set_nonblocking(true)?;
        Async::new(stream)
    }

    /// Reads what has arrived, waiting if nothing has; 0 means end of stream.
    pub async fn read(&self, buffer: &mut [u8]) -> io::Result<usize> {
        self.retry(false, |mut stream| stream.read(buffer)).await
    }

    /// Writes all of `bytes`, waiting whenever the send buffer is full.
    pub async fn write_all(&self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            let written = self.retry(true, |mut stream| stream.write(bytes)).await?;
            if written == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            bytes = &bytes[written..];
        }
        Ok(())
    }
    // ANCHOR_END: tcp_stream

    /// Reads until the peer closes its side.
    pub async fn read_to_end(&self, into: &mut Vec<u8>) -> io::Result<usize> {
        let mut buffer = [0; 1024];
        let before = into.len();
        loop {
            match self.read(&mut buffer).await? {
                0 => return Ok(into.len() - before),
                n => into.extend_from_slice(&buffer[..n]),
            }
        }
    }

    /// Closes our sending side: the peer reads end of stream.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.io.shutdown(Shutdown::Write)
    }
}

impl<T: AsFd + AsRawFd> std::fmt::Debug for Async<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Async {{ key: {} }}", self.key)
    }
}

// What the reactor does for tasks (echo many clients, survive one that
// vanishes, wake two tasks waiting on one socket) is a promise of the
// behaviour suite (`step04-behaviour`, its `sockets` module), run on this
// library's executor and on stage 5's. What is left here needs the
// reactor's insides.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_socket_leaves_the_reactor() {
        let listener = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
        let key = listener.key;
        assert!(lock(&reactor().sources).contains_key(&key));
        drop(listener);
        assert!(!lock(&reactor().sources).contains_key(&key));
        // The socket is closed and deregistered: a new one may reuse its
        // file descriptor and is registered afresh.
        let again = Async::<TcpListener>::bind("127.0.0.1:0").unwrap();
        assert_ne!(again.key, key);
    }
}
