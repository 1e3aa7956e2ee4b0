//! A request line, parsed, and the answer a well-formed request gets. No
//! I/O here: the protocol's rules alone, tested without a socket.

use std::future::Future;
use std::time::Duration;

use super::stats::Counters;
use super::{MAX_DELAY_MS, MAX_NAME};

/// One request, parsed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    pub(super) name: String,
    pub(super) delay: Option<Duration>,
}

/// The reply to a well-formed request.
pub(super) fn answer(name: &str) -> String {
    if name.starts_with("missing") {
        format!("ERR not found: {name}\n")
    } else {
        format!("OK contents of {name}\n")
    }
}

// ANCHOR: reply_to
/// The reply to one request line, on any runtime: a malformed line is
/// answered at once; a well-formed one after its delay (the server's
/// `default_delay` unless it names one), which `sleep`, the runtime's
/// timer, waits out while the request counts as in flight. The smol and
/// tokio twins of the server's core answer with it.
pub async fn reply_to<F: Future>(
    line: &[u8],
    default_delay: Duration,
    counters: &Counters,
    sleep: impl FnOnce(Duration) -> F,
) -> String {
    match parse_request(line) {
        Err(problem) => {
            Counters::add(&counters.errors);
            format!("ERR {problem}\n")
        }
        Ok(request) => {
            let _in_flight = counters.start_request();
            sleep(request.delay.unwrap_or(default_delay)).await;
            Counters::add(&counters.served);
            answer(&request.name)
        }
    }
}
// ANCHOR_END: reply_to

/// The request a line holds, or what is wrong with it (sent back as `ERR`).
pub(super) fn parse_request(line: &[u8]) -> Result<Request, String> {
    let text =
        std::str::from_utf8(line).map_err(|_| "request is not UTF-8".to_string())?;
    let mut words = text.trim_end_matches(['\r', '\n']).split(' ');
    match words.next() {
        Some("GET") => {}
        Some("") | None => return Err("empty request".into()),
        Some(_) => {
            return Err("unknown command, expected: GET <name> [delay_ms]".into());
        }
    }
    let name = words.next().unwrap_or_default();
    let valid_name = (1..=MAX_NAME).contains(&name.len())
        && name.bytes().all(|byte| byte.is_ascii_graphic());
    if !valid_name {
        return Err("bad name: 1 to 64 visible ASCII characters".into());
    }
    let delay = match words.next() {
        None => None,
        Some(millis) => match millis.parse::<u64>() {
            Ok(millis) if millis <= MAX_DELAY_MS => Some(Duration::from_millis(millis)),
            _ => return Err(format!("bad delay: 0 to {MAX_DELAY_MS} milliseconds")),
        },
    };
    if words.next().is_some() {
        return Err("too many words, expected: GET <name> [delay_ms]".into());
    }
    Ok(Request {
        name: name.to_string(),
        delay,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse() {
        let request = parse_request(b"GET index\n").unwrap();
        assert_eq!(request.name, "index");
        assert_eq!(request.delay, None);
        let request = parse_request(b"GET a 250\r\n").unwrap();
        assert_eq!(request.delay, Some(Duration::from_millis(250)));
    }

    #[test]
    fn bad_requests_are_explained() {
        for bad in [
            &b"\n"[..],
            b"PUT x\n",
            b"GET\n",
            b"GET two words here\n",
            b"GET x soon\n",
            b"GET x 99999999\n",
            b"GET \xff\n",
        ] {
            assert!(parse_request(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn missing_names_are_not_found() {
        assert_eq!(answer("a"), "OK contents of a\n");
        assert_eq!(answer("missing-page"), "ERR not found: missing-page\n");
    }
}
