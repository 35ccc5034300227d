//! Content-Security-Policy: a fresh nonce per page response.

/// A new random nonce: 16 bytes from the OS, hex-encoded.
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source is unavailable");
    resuma_protocol::hex(&bytes)
}

/// The page policy (protocol.md §9): only scripts carrying the nonce, and
/// what they load, may run (no `unsafe-inline`, no `unsafe-eval` for
/// scripts); everything else (connections, images, fonts, frames) comes
/// from this origin; forms post only to this origin; no plugins, no
/// `<base>`. Styles may be inline (`<style>` in `App::head`, the islands'
/// `display:contents` wrapper): markup is always escaped, so no one but the
/// app writes them.
///
/// ```
/// let csp = resuma::csp::page_policy("abc");
/// assert!(csp.starts_with("script-src 'nonce-abc' 'strict-dynamic';"));
/// assert!(csp.contains("default-src 'self'") && csp.contains("form-action 'self'"));
/// let scripts = csp.split(';').next().unwrap();
/// assert!(!scripts.contains("unsafe"));
/// ```
pub fn page_policy(nonce: &str) -> String {
    policy(nonce, "")
}

/// The policy of a page that renders an island (protocol.md §9, §10): the
/// page policy plus `'wasm-unsafe-eval'`, which lets the island's module
/// compile WebAssembly and nothing else.
///
/// ```
/// let csp = resuma::csp::page_policy_with_wasm("abc");
/// assert!(csp.starts_with("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
/// assert!(!csp.contains("'unsafe-eval'"));
/// ```
pub fn page_policy_with_wasm(nonce: &str) -> String {
    policy(nonce, " 'wasm-unsafe-eval'")
}

fn policy(nonce: &str, wasm: &str) -> String {
    format!(
        "script-src 'nonce-{nonce}' 'strict-dynamic'{wasm}; default-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
    )
}
