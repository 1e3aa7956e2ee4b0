//! The lesson server: what it counts, and that no client can break it.
//!
//! Every test is bounded in time: waits go through `within`, which fails the
//! test instead of hanging it.

use std::future::Future;
use std::net::Shutdown;
use std::time::Duration;

use async_std::io::prelude::BufReadExt;
use async_std::io::{BufReader, ReadExt, WriteExt};
use async_std::net::TcpStream;
use futures::future::join_all;
use step03_tasks::client::{FetchError, fetch, fetch_slow};
use step03_tasks::server::{Config, MAX_LINE, Server};

/// Runs `work`, failing the test if it takes longer than ten seconds.
async fn within<F: Future>(work: F) -> F::Output {
    async_std::future::timeout(Duration::from_secs(10), work)
        .await
        .expect("the test took too long")
}

/// Sends `bytes` on a fresh connection and reads what comes back until the
/// server closes the connection or `reply_lines` lines have arrived.
async fn exchange(server: &Server, bytes: &[u8], reply_lines: usize) -> String {
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    let mut reply = Vec::new();
    let mut chunk = [0u8; 256];
    while reply.iter().filter(|&&byte| byte == b'\n').count() < reply_lines {
        match within(stream.read(&mut chunk)).await {
            Ok(0) | Err(_) => break,
            Ok(read) => reply.extend_from_slice(&chunk[..read]),
        }
    }
    String::from_utf8_lossy(&reply).into_owned()
}

#[async_std::test]
async fn a_request_gets_its_contents_and_is_counted() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let contents = within(fetch(server.addr(), "index")).await.unwrap();
    assert_eq!(contents, "contents of index");
    let stats = server.stats();
    assert_eq!(
        (stats.connections, stats.served, stats.in_flight),
        (1, 1, 0)
    );
    assert_eq!(stats.max_in_flight, 1);
}

#[async_std::test]
async fn several_requests_share_one_connection() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let reply = exchange(&server, b"GET a\nGET b 20\nGET missing-c\n", 3).await;
    assert_eq!(
        reply,
        "OK contents of a\nOK contents of b\nERR not found: missing-c\n"
    );
    assert_eq!(server.stats().served, 3);
}

#[async_std::test]
async fn garbage_gets_an_error_line_and_the_connection_goes_on() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let reply = exchange(
        &server,
        b"\x00\xff\xfe\nPUT x\n\nGET\nGET a b c\nGET ok\n",
        6,
    )
    .await;
    let lines: Vec<&str> = reply.lines().collect();
    assert_eq!(lines.len(), 6, "{reply}");
    assert!(
        lines[..5].iter().all(|line| line.starts_with("ERR ")),
        "{reply}"
    );
    assert_eq!(lines[5], "OK contents of ok");
    let stats = server.stats();
    assert_eq!((stats.errors, stats.served), (5, 1));
}

#[async_std::test]
async fn a_line_just_over_the_limit_is_refused_even_when_it_arrives_whole() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    // One write: the whole line, newline included, reaches the server at once.
    let request = format!("GET {}\n", "a".repeat(MAX_LINE));
    let reply = exchange(&server, request.as_bytes(), 2).await;
    assert_eq!(
        reply,
        "ERR line too long\n",
        "a {}-byte line",
        request.len() - 1
    );
}

#[async_std::test]
async fn an_endless_line_is_refused_and_the_connection_closed() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let flood = vec![b'x'; MAX_LINE * 8];
    // Asking for more lines than come back: the read ends because the server closes.
    let reply = exchange(&server, &flood, 2).await;
    assert_eq!(reply, "ERR line too long\n");
    assert_eq!(
        within(fetch(server.addr(), "after")).await.unwrap(),
        "contents of after"
    );
}

/// Waits until the server is working on the one request `stream` has sent
/// (five seconds at most), hangs up, and checks that the server counts the
/// request as abandoned rather than served.
async fn hang_up_mid_request(server: &Server, stream: TcpStream) {
    let stats = server
        .wait_until(Duration::from_secs(5), |s| s.in_flight == 1)
        .await;
    assert_eq!(
        stats.in_flight, 1,
        "the server never started on the request: {stats:?}"
    );
    drop(stream);

    let stats = server
        .wait_until(Duration::from_secs(5), |s| s.abandoned == 1)
        .await;
    assert_eq!(
        (stats.abandoned, stats.in_flight, stats.served),
        (1, 0, 0),
        "the server should count the request abandoned, no longer in flight \
         and not served: {stats:?}"
    );
}

#[async_std::test]
async fn a_client_that_hangs_up_mid_request_is_noticed() {
    let server = Server::start(Duration::from_secs(60)).await.unwrap();
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(b"GET slow\n").await.unwrap();
    hang_up_mid_request(&server, stream).await;
    // The server is unharmed.
    let contents = within(fetch_slow(server.addr(), "next", Duration::ZERO)).await;
    assert_eq!(contents.unwrap(), "contents of next");
}

#[async_std::test]
async fn a_client_that_shuts_its_sending_side_still_gets_every_answer() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    // What `printf 'GET a\nGET b 20' | nc -N` does: the end of the input
    // also ends the last line, which has no newline.
    stream.write_all(b"GET a\nGET b 20").await.unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let mut reply = String::new();
    // The server closes the connection once it has answered both.
    within(stream.read_to_string(&mut reply)).await.unwrap();
    assert_eq!(reply, "OK contents of a\nOK contents of b\n");
    let stats = server.stats();
    assert_eq!((stats.served, stats.abandoned), (2, 0));
}

#[async_std::test]
async fn a_half_closed_client_that_then_hangs_up_is_noticed() {
    let server = Server::start(Duration::from_secs(20)).await.unwrap();
    let stream = TcpStream::connect(server.addr()).await.unwrap();
    (&stream).write_all(b"GET slow\n").await.unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    hang_up_mid_request(&server, stream).await;
}

#[async_std::test]
async fn a_silent_connection_is_closed_after_the_idle_timeout() {
    let server = Server::start_with(Config {
        idle_timeout: Duration::from_millis(100),
        ..Config::default()
    })
    .await
    .unwrap();
    let reply = exchange(&server, b"GET no-newline", 1).await;
    assert_eq!(reply, "", "the server closes without a reply");
    let stats = server.stats();
    assert_eq!((stats.connections, stats.served), (1, 0));
}

#[async_std::test]
async fn many_connections_at_once_are_served_or_turned_away_not_crashed() {
    let server = Server::start_with(Config {
        delay: Duration::from_millis(200),
        max_connections: 16,
        ..Config::default()
    })
    .await
    .unwrap();
    let names: Vec<String> = (0..100).map(|number| format!("n{number}")).collect();
    let results = within(join_all(
        names.iter().map(|name| fetch(server.addr(), name)),
    ))
    .await;

    let served = results.iter().filter(|result| result.is_ok()).count();
    let busy = results
        .iter()
        .filter(|result| matches!(result, Err(FetchError::Server(message)) if message == "busy"))
        .count();
    assert_eq!(
        served + busy,
        100,
        "every client got an answer: {results:?}"
    );
    assert!(served >= 16, "at least the first 16 were served");
    let stats = server.stats();
    assert_eq!(stats.served as usize, served);
    assert_eq!(stats.rejected as usize, busy);
    assert!(stats.max_in_flight <= 16, "{stats:?}");

    // Once the crowd has gone, a new client is served as usual.
    server
        .wait_until(Duration::from_secs(5), |s| s.in_flight == 0)
        .await;
    assert!(within(fetch(server.addr(), "later")).await.is_ok());
}

/// Sends one request on `stream` and returns the reply line ("" if the
/// connection closed without one).
async fn ask(stream: TcpStream, name: String) -> String {
    (&stream)
        .write_all(format!("GET {name}\n").as_bytes())
        .await
        .unwrap();
    let mut reply = String::new();
    let _ = BufReader::new(stream).read_line(&mut reply).await;
    reply
}

#[async_std::test]
async fn a_burst_beyond_the_limit_gets_busy_not_silence() {
    const LIMIT: usize = 100;
    // More than the 128 connections that std's listen backlog would queue.
    const BURST: usize = LIMIT + 50;
    let server = Server::start_with(Config {
        delay: Duration::from_millis(10),
        max_connections: LIMIT as u64,
        // No connection of the burst may idle out before it asks, however
        // slow the machine.
        idle_timeout: Duration::from_secs(20),
    })
    .await
    .unwrap();
    // Everyone connects before anyone asks, so the first LIMIT hold every
    // slot and exactly the excess is turned away.
    let connected = within(join_all(
        (0..BURST).map(|_| TcpStream::connect(server.addr())),
    ))
    .await;
    let streams: Vec<TcpStream> = connected
        .into_iter()
        .map(|stream| stream.expect("the system queues the connection"))
        .collect();
    let stats = server
        .wait_until(Duration::from_secs(10), |s| {
            (s.connections + s.rejected) as usize == BURST
        })
        .await;
    assert_eq!(
        (stats.connections + stats.rejected) as usize,
        BURST,
        "the server took every connection of the burst: {stats:?}"
    );

    let replies = within(join_all(
        streams
            .into_iter()
            .enumerate()
            .map(|(number, stream)| ask(stream, format!("c{number}"))),
    ))
    .await;
    let served = replies.iter().filter(|r| r.starts_with("OK ")).count();
    let busy = replies.iter().filter(|r| *r == "ERR busy\n").count();
    assert_eq!(
        (served, busy),
        (LIMIT, BURST - LIMIT),
        "every client gets its answer or ERR busy, never silence: {replies:?}"
    );
}

#[async_std::test]
async fn shutdown_stops_the_server_and_ends_open_requests() {
    let server = Server::start(Duration::from_secs(60)).await.unwrap();
    let addr = server.addr();
    let pending = async_std::task::spawn(fetch(addr, "never"));
    server
        .wait_until(Duration::from_secs(5), |s| s.in_flight == 1)
        .await;

    within(server.shutdown()).await;
    assert!(
        matches!(within(pending).await, Err(FetchError::Io(_))),
        "the open request ends with a closed connection"
    );
    assert!(
        within(fetch(addr, "after")).await.is_err(),
        "nobody listens any more"
    );
}

#[async_std::test]
async fn dropping_the_server_shuts_it_down() {
    let server = Server::start(Duration::from_millis(10)).await.unwrap();
    let addr = server.addr();
    drop(server);
    // The accept loop ends on its own a moment later.
    let mut refused = false;
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        async_std::task::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused, "the dropped server still accepts connections");
}
