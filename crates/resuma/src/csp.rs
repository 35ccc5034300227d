//! Content-Security-Policy: a fresh nonce per page response.

/// A new random nonce: 16 bytes from the OS, hex-encoded.
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source is unavailable");
    resuma_protocol::hex(&bytes)
}

/// The page policy (protocol.md §9): only scripts carrying the nonce, and what
/// they load, may run; no `unsafe-inline`, no `unsafe-eval`.
///
/// ```
/// let csp = resuma::csp::page_policy("abc");
/// assert!(csp.starts_with("script-src 'nonce-abc' 'strict-dynamic'"));
/// assert!(!csp.contains("unsafe"));
/// ```
pub fn page_policy(nonce: &str) -> String {
    format!("script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'")
}

/// The policy of a page that renders an island (protocol.md §9, §10): the
/// page policy plus `'wasm-unsafe-eval'`, which lets the island's module
/// compile WebAssembly and nothing else.
///
/// ```
/// let csp = resuma::csp::page_policy_with_wasm("abc");
/// assert!(csp.starts_with("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
/// assert!(!csp.contains("'unsafe-eval'") && !csp.contains("unsafe-inline"));
/// ```
pub fn page_policy_with_wasm(nonce: &str) -> String {
    format!("script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'")
}
