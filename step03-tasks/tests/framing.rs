//! Framing (book: "AsyncRead, AsyncWrite and framing"): the example's
//! length-prefixed frames survive any cutting of the byte stream, a clean
//! end is told apart from a cut one, and a hostile length is refused before
//! anything is allocated for it.
//! `cargo test -p step03-tasks --test framing`

#[path = "../examples/framing.rs"]
#[allow(dead_code)] // its main and servers are the example's, not the test's
mod framing;

use std::io::ErrorKind;

use async_std::io::{self, BufReader, Read};
use framing::{MAX_FRAME, MAX_LINE, read_capped_line, read_frame, write_frame};
use futures::stream::{self, TryStreamExt};

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
        let error =
            outcome.expect_err("a frame cut short must not read as a frame or an end");
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
async fn a_capped_line_reader_gives_lines_up_to_the_cap_however_the_bytes_are_cut() {
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
