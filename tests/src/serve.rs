//! A folder served over HTTP on a loopback port, for the browser checks.
//!
//! Why not `file://`: Chromium keeps no Resource Timing entry for a file it
//! reads from disk, so a page opened from a `file://` URL reports that it
//! loaded nothing, and a check of what a page weighs would pass whatever the
//! page loads. Served over HTTP, the page loads its files as a reader's
//! browser does, and reports each one.
//!
//! The server answers `GET` for files below its folder and nothing else:
//! one thread per connection, one request per connection, a request read
//! for at most `READ_LIMIT` (10 s), paths that climb out of the folder refused.
//! It stops when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::percent;

/// How long a client may take to send its request.
const READ_LIMIT: Duration = Duration::from_secs(10);

/// The most a request's head may hold.
const MOST_HEAD_BYTES: u64 = 16 * 1024;

/// A folder served at `http://127.0.0.1:<port>/`.
#[derive(Debug)]
pub struct Server {
    root: PathBuf,
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    accepting: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root` on a free loopback port.
    pub fn start(root: &Path) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let folder = root.to_path_buf();
        let stop = Arc::clone(&stopping);
        let accepting = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Acquire) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let folder = folder.clone();
                std::thread::spawn(move || answer(stream, &folder));
            }
        });
        Ok(Server {
            root: root.to_path_buf(),
            address,
            stopping,
            accepting: Some(accepting),
        })
    }

    /// `http://127.0.0.1:<port>`, without a final `/`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The URL of `path`, a file below the served folder; `None` for a
    /// path elsewhere.
    pub fn url_of(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| percent::encode(&part.as_os_str().to_string_lossy()))
            .collect();
        Some(format!("{}/{}", self.origin(), parts.join("/")))
    }

    /// The file a URL of this server names; `None` for any other URL.
    pub fn path_of(&self, url: &str) -> Option<PathBuf> {
        let rest = url.strip_prefix(&self.origin())?;
        within(&self.root, rest)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::Release);
        // `accept` waits for a connection: give it one, so that it sees the flag.
        let _ = TcpStream::connect(self.address);
        if let Some(accepting) = self.accepting.take() {
            let _ = accepting.join();
        }
    }
}

/// Reads one request from `stream` and answers it from `root`.
fn answer(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(READ_LIMIT));
    let Some(target) = request_target(&stream) else {
        let _ = stream.write_all(&response(400, "text/plain", b"bad request\n"));
        return;
    };
    let reply = match within(root, &target).map(|path| read_page(&path)) {
        Some(Some((body, kind))) => response(200, kind, &body),
        _ => response(404, "text/plain", b"not found\n"),
    };
    let _ = stream.write_all(&reply);
    let _ = stream.shutdown(Shutdown::Write);
}

/// The target of a `GET` request (`/book/index.html?x=1`), or `None` for
/// anything else, a head too long, or a client that went silent.
fn request_target(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.take(MOST_HEAD_BYTES));
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    // The rest of the head is read and dropped, so that closing the
    // connection does not reset it before the client has read the answer.
    let mut line = String::new();
    while reader.read_line(&mut line).ok()? > 2 {
        line.clear();
    }
    let mut words = request_line.split_whitespace();
    match (words.next(), words.next()) {
        (Some("GET"), Some(target)) if target.starts_with('/') => {
            Some(target.to_string())
        }
        _ => None,
    }
}

/// The file below `root` that a URL path names (query and fragment
/// dropped, escapes such as `%20` decoded, a folder's `index.html`), or
/// `None` for a path that climbs out of `root`.
fn within(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent::decode(path.trim_start_matches('/'));
    let relative = Path::new(&decoded);
    if !relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)))
    {
        return None;
    }
    let file = root.join(relative);
    Some(if file.is_dir() {
        file.join("index.html")
    } else {
        file
    })
}

/// The bytes of a regular file and its media type, by its extension.
fn read_page(path: &Path) -> Option<(Vec<u8>, &'static str)> {
    if !path.is_file() {
        return None;
    }
    let kind = match path.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    };
    Some((std::fs::read(path).ok()?, kind))
}

fn response(status: u16, kind: &str, body: &[u8]) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        _ => "Not Found",
    };
    let mut bytes = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn get(server: &Server, request: &[u8]) -> String {
        let mut stream =
            TcpStream::connect(server.address).expect("the server listens");
        stream.write_all(request).expect("the request is sent");
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        reply
    }

    #[test]
    fn it_serves_files_below_its_folder_and_nothing_else() {
        let root =
            std::env::temp_dir().join(format!("serve-test-{}", std::process::id()));
        std::fs::create_dir_all(root.join("a b")).expect("temp is writable");
        std::fs::write(root.join("a b/page.html"), "<p>hi</p>").expect("writable");
        let server = Server::start(&root).expect("a loopback port");

        let url = server
            .url_of(&root.join("a b/page.html"))
            .expect("below the root");
        assert!(url.ends_with("/a%20b/page.html"), "{url}");
        assert_eq!(
            server.path_of(&format!("{url}?x=1")),
            Some(root.join("a b/page.html"))
        );
        let page = get(&server, b"GET /a%20b/page.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
        assert!(
            page.contains("text/html") && page.ends_with("<p>hi</p>"),
            "{page}"
        );

        let climbing = get(&server, b"GET /../etc/passwd HTTP/1.1\r\n\r\n");
        assert!(
            climbing.starts_with("HTTP/1.1 404"),
            "a path out of the folder: {climbing}"
        );
        let garbage = get(&server, b"\x00\xffnot http at all\r\n\r\n");
        assert!(garbage.starts_with("HTTP/1.1 400"), "garbage: {garbage}");
        // A client that connects and leaves without a word does no harm.
        drop(TcpStream::connect(server.address).expect("the server listens"));
        let again = get(&server, b"GET /a%20b/page.html HTTP/1.1\r\n\r\n");
        assert!(again.starts_with("HTTP/1.1 200"), "still serving: {again}");

        drop(server);
        let _ = std::fs::remove_dir_all(&root);
    }
}
