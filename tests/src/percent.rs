//! Percent-encoding, both ways, as JavaScript's `encodeURIComponent` and
//! `decodeURIComponent` do it: for the URLs the book is served at
//! (`serve.rs`), the query strings the browser checks pass to a page, and
//! the reports the check script sends back through `--dump-dom`.

/// `text` with every byte but ASCII letters, digits and `-._~` written as
/// `%XX`: safe as a URL path segment or a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Undoes [`encode`] (and a URL path's escapes); a `%` not followed by two
/// hex digits stays as it is.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod unit_tests {
    use super::{decode, encode};

    #[test]
    fn decoding_undoes_encode_uri_component() {
        assert_eq!(
            decode("a%20b%E2%86%94c%25"),
            "a b↔c%",
            "escapes, multi-byte characters included"
        );
        assert_eq!(decode("100%"), "100%", "a lone % stays");
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters_and_decodes_back() {
        let text = "a b/\"c\"?x=1&y=↔~";
        let encoded = encode(text);
        assert_eq!(encoded, "a%20b%2F%22c%22%3Fx%3D1%26y%3D%E2%86%94~");
        assert_eq!(decode(&encoded), text, "decode undoes encode");
    }
}
