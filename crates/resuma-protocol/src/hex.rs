//! Lowercase hexadecimal, the form of every nonce, token and content hash.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes` as lowercase hex digits, two per byte.
///
/// ```
/// assert_eq!(resuma_protocol::hex(&[0, 15, 255]), "000fff");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    hex_into(&mut out, bytes);
    out
}

/// Append `bytes` to `out` as lowercase hex digits.
///
/// ```
/// let mut out = String::from("h");
/// resuma_protocol::hex_into(&mut out, &[0xc8, 0xe9]);
/// assert_eq!(out, "hc8e9");
/// ```
pub fn hex_into(out: &mut String, bytes: &[u8]) {
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
}
