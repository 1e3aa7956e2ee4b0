//! TCP carries bytes, not messages: line framing and length-prefixed
//! framing over a real connection on 127.0.0.1, and why `(&stream).read`.
//! `cargo run -p step03-tasks --example framing`

use std::net::Shutdown;

use async_std::io::{
    self, BufRead, BufReadExt, BufReader, Read, ReadExt, Write, WriteExt,
};
use async_std::net::{TcpListener, TcpStream};
use async_std::prelude::*;
use async_std::task;

// ANCHOR: lines
/// Line framing: a `BufReader` over `&stream` cuts the bytes into lines,
/// while the same stream is written through another `&stream`.
async fn answer_lines(stream: TcpStream) -> io::Result<()> {
    let mut lines = BufReader::new(&stream).lines();
    let mut count = 0;
    while let Some(line) = lines.next().await {
        count += 1;
        let reply = format!("line {count} is {:?}\n", line?);
        (&stream).write_all(reply.as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: lines

// ANCHOR: capped
/// The longest line `read_capped_line` accepts, without its newline.
pub const MAX_LINE: u64 = 64;

/// The next line, without its newline; `None` at the end of the stream.
/// Unlike `lines()`, which keeps a line that never ends in memory without
/// limit, it refuses a line over `MAX_LINE` bytes: `take` stops the read.
/// The rest of that line is left unread, so the caller should hang up.
pub async fn read_capped_line(
    mut reader: impl BufRead + Unpin,
) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let limit = MAX_LINE + 1; // room for the newline
    let read = (&mut reader)
        .take(limit)
        .read_until(b'\n', &mut line)
        .await?;
    if read == 0 {
        return Ok(None);
    }
    if line.pop_if(|last| *last == b'\n').is_none() && read as u64 == limit {
        let problem = format!("a line longer than {MAX_LINE} bytes");
        return Err(io::Error::new(io::ErrorKind::InvalidData, problem));
    }
    let line = String::from_utf8(line)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(Some(line))
}

/// A short line, then one without end, read with the cap.
async fn show_capped_lines() {
    let mut input = b"a short line\n".to_vec();
    input.resize(100_000, b'x'); // no newline: `lines()` would keep it all
    let mut reader = &input[..];
    for _ in 0..2 {
        match read_capped_line(&mut reader).await {
            Ok(line) => println!("  {line:?}"),
            Err(error) => println!("  error: {error}"),
        }
    }
}
// ANCHOR_END: capped

// ANCHOR: frames
/// The most a frame may hold: a peer cannot make us allocate more.
pub const MAX_FRAME: u32 = 1 << 20;

/// Length-prefixed framing: the payload's length as a big-endian `u32`,
/// then the payload. Any bytes may be inside, newlines included.
pub async fn write_frame(
    mut writer: impl Write + Unpin,
    payload: &[u8],
) -> io::Result<()> {
    let length = u32::try_from(payload.len()).map_err(io::Error::other)?;
    writer.write_all(&length.to_be_bytes()).await?;
    writer.write_all(payload).await
}

/// The next frame; `None` at a clean end of the stream, between frames.
pub async fn read_frame(mut reader: impl Read + Unpin) -> io::Result<Option<Vec<u8>>> {
    let mut header = [0u8; 4];
    if reader.read(&mut header[..1]).await? == 0 {
        return Ok(None);
    }
    reader.read_exact(&mut header[1..]).await?;
    let length = u32::from_be_bytes(header);
    if length > MAX_FRAME {
        let problem =
            format!("a frame of {length} bytes is over the limit of {MAX_FRAME}");
        return Err(io::Error::new(io::ErrorKind::InvalidData, problem));
    }
    let mut payload = vec![0; length as usize];
    reader.read_exact(&mut payload).await?;
    Ok(Some(payload))
}
// ANCHOR_END: frames

// ANCHOR: answer_frames
/// Reads frames and answers each with a line; a bad frame ends the
/// connection with an error line, never the server.
async fn answer_frames(stream: TcpStream) -> io::Result<()> {
    let mut count = 0;
    loop {
        let reply = match read_frame(&stream).await {
            Ok(None) => return Ok(()),
            Ok(Some(payload)) => {
                count += 1;
                format!("frame {count} is {:?}\n", String::from_utf8_lossy(&payload))
            }
            Err(error) => format!("error: {error}\n"),
        };
        (&stream).write_all(reply.as_bytes()).await?;
        if reply.starts_with("error") {
            return Ok(());
        }
    }
}
// ANCHOR_END: answer_frames

// ANCHOR: exchange
/// Connects to a server running `answer`, writes `pieces` one by one,
/// closes the writing half, and returns the lines the server sent back.
async fn exchange<F>(
    answer: fn(TcpStream) -> F,
    pieces: &[&[u8]],
) -> io::Result<Vec<String>>
where
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let client = TcpStream::connect(listener.local_addr()?).await?;
    let (server_side, _) = listener.accept().await?;
    let server = task::spawn(answer(server_side));
    for piece in pieces {
        (&client).write_all(piece).await?;
    }
    client.shutdown(Shutdown::Write)?; // "that is all": the server reads the end
    let replies = BufReader::new(&client).lines().collect().await;
    server.await?;
    replies
}
// ANCHOR_END: exchange

// ANCHOR: main
#[async_std::main]
async fn main() -> io::Result<()> {
    let pieces: [&[u8]; 3] = [b"hel", b"lo\nwor", b"ld\n"];
    println!(
        "lines, sent in 3 pieces {:?}:",
        pieces.map(String::from_utf8_lossy)
    );
    show(exchange(answer_lines, &pieces).await?);

    println!("a message with a newline inside, sent as a line:");
    show(exchange(answer_lines, &[b"two\nlines\n"]).await?);

    println!("a short line, then one without end, with a cap of {MAX_LINE} bytes:");
    show_capped_lines().await;

    println!("the same message, then an empty one, as frames:");
    let mut framed = Vec::new();
    write_frame(&mut framed, b"two\nlines").await?;
    write_frame(&mut framed, b"").await?;
    show(exchange(answer_frames, &[&framed]).await?);

    println!("a header that announces {} bytes:", u32::MAX);
    show(exchange(answer_frames, &[&u32::MAX.to_be_bytes()]).await?);
    Ok(())
}

fn show(replies: Vec<String>) {
    for reply in replies {
        println!("  reply: {reply}");
    }
}
// ANCHOR_END: main

/// Length-prefixed frames survive any cutting of the byte stream, a clean
/// end is told apart from a cut one, and a hostile length is refused before
/// anything is allocated for it. The tests live here, beside the code they
/// check (`test = true` in Cargo.toml runs them with the crate's):
/// `cargo test -p step03-tasks --example framing`
#[cfg(test)]
mod tests {
    use std::io::ErrorKind;

    use async_std::io::{self, BufReader, Read};
    use futures::stream::{self, TryStreamExt};

    use super::{MAX_FRAME, MAX_LINE, read_capped_line, read_frame, write_frame};

    /// A reader that hands out `bytes` at most `step` bytes per read, as TCP
    /// may do: `step`-byte chunks, and a read never goes past the end of one.
    fn trickle(bytes: Vec<u8>, step: usize) -> impl Read + Unpin {
        let chunks: Vec<io::Result<Vec<u8>>> =
            bytes.chunks(step).map(|chunk| Ok(chunk.to_vec())).collect();
        stream::iter(chunks).into_async_read()
    }

    async fn framed(payloads: &[&[u8]]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for payload in payloads {
            write_frame(&mut bytes, payload).await.unwrap();
        }
        bytes
    }

    #[async_std::test]
    async fn frames_come_back_whole_however_the_bytes_are_cut() {
        let payloads: [&[u8]; 4] = [b"two\nlines", b"", &[0, 255, 10, 13], &[7; 1000]];
        let bytes = framed(&payloads).await;
        for step in [1, 2, 3, 5, 4096] {
            let mut reader = trickle(bytes.clone(), step);
            for payload in payloads {
                let frame = read_frame(&mut reader).await.unwrap();
                assert_eq!(
                    frame.as_deref(),
                    Some(payload),
                    "read {step} bytes at a time"
                );
            }
            assert_eq!(read_frame(&mut reader).await.unwrap(), None, "a clean end");
        }
    }

    #[async_std::test]
    async fn a_stream_cut_inside_a_frame_is_an_error_not_a_clean_end() {
        let bytes = framed(&[b"hello"]).await;
        for cut in 1..bytes.len() {
            let outcome = read_frame(&mut trickle(bytes[..cut].to_vec(), 1)).await;
            let error = outcome
                .expect_err("a frame cut short must not read as a frame or an end");
            assert_eq!(
                error.kind(),
                ErrorKind::UnexpectedEof,
                "cut after {cut} bytes"
            );
        }
    }

    #[async_std::test]
    async fn a_length_over_the_limit_is_refused() {
        for length in [MAX_FRAME + 1, u32::MAX] {
            let error = read_frame(&mut trickle(length.to_be_bytes().to_vec(), 4))
                .await
                .expect_err("an oversized frame must be refused");
            assert_eq!(error.kind(), ErrorKind::InvalidData);
            assert!(error.to_string().contains("over the limit"), "{error}");
        }
        // Exactly the limit is allowed (and here cut short, so UnexpectedEof).
        let error = read_frame(&mut trickle(MAX_FRAME.to_be_bytes().to_vec(), 4))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
    }

    #[async_std::test]
    async fn a_capped_line_reader_gives_lines_up_to_the_cap_however_the_bytes_are_cut()
    {
        let longest = "y".repeat(MAX_LINE as usize);
        let text = format!("first\n\n{longest}\nlast, with no newline");
        for step in [1, 3, 64, 4096] {
            let mut reader = BufReader::new(trickle(text.clone().into_bytes(), step));
            let mut lines = Vec::new();
            while let Some(line) = read_capped_line(&mut reader).await.unwrap() {
                lines.push(line);
            }
            assert_eq!(
                lines,
                ["first", "", &longest, "last, with no newline"],
                "read {step} bytes at a time"
            );
        }
    }

    #[async_std::test]
    async fn a_capped_line_reader_refuses_a_line_one_byte_over_the_cap() {
        let too_long = format!("{}\n", "y".repeat(MAX_LINE as usize + 1));
        let mut reader = BufReader::new(trickle(too_long.into_bytes(), 5));
        let error = read_capped_line(&mut reader)
            .await
            .expect_err("a line over the cap must be refused");
        assert_eq!(error.kind(), ErrorKind::InvalidData);
    }

    #[async_std::test]
    async fn a_capped_line_reader_stops_on_a_line_that_does_not_end() {
        // A megabyte without a newline, as a hostile peer would send:
        // `lines()` would read and keep all of it as one line.
        let endless = trickle(vec![b'x'; 1 << 20], 4096);
        let error = read_capped_line(BufReader::new(endless))
            .await
            .expect_err("a line over the cap must be refused, not buffered whole");
        assert!(error.to_string().contains("longer than"), "{error}");
    }
}
