//! Runtime helpers: small JS functions the translated code calls for
//! Rust semantics JS lacks (checked integer arithmetic, truncating
//! division, Rust's formatting, structural equality, ...).
//!
//! Every helper is a `const $name = ...;` declaration. Names start with `$`,
//! which Rust identifiers cannot contain, so they never collide with user
//! variables. A chunk emits each helper it uses exactly once, plus the
//! helpers those depend on. Helpers are only ever called, never run at
//! module load, so their order in the chunk does not matter (a chunk lists
//! them sorted by name).
//!
//! The bodies live in one table per concept: `actions.rs` (an action's
//! dispatch), `values.rs` (panics, copies,
//! equality, ordering), `int.rs` (checked integer arithmetic, generated
//! per type), `numbers.rs` (bit counts, floats), `strings.rs`, `iters.rs`,
//! `vecs.rs` and `format.rs`. A helper's dependencies are not listed
//! anywhere: they are the `$name` references in its body
//! ([`references`]), so adding a helper is one entry in a table.

mod actions;
mod format;
mod int;
mod iters;
mod numbers;
mod strings;
mod values;
mod vecs;

use std::collections::BTreeSet;

/// Adds a helper and everything it depends on to `set`.
pub fn require(set: &mut BTreeSet<String>, name: &str) {
    if set.contains(name) {
        return;
    }
    let body = body(name);
    set.insert(name.to_string());
    for d in references(&body) {
        require(set, d);
    }
}

/// The JS declaration of a helper.
pub fn source(name: &str) -> String {
    let body = body(name);
    format!("const ${name} = {body};\n")
}

/// The declaration without line breaks and indentation (every line of a
/// helper ends in `;`, `{`, `}` or `,`, so joining lines keeps its meaning;
/// the differential tests run both forms).
pub fn source_compact(name: &str) -> String {
    let body = body(name);
    let body: String = body.lines().map(str::trim).collect::<Vec<_>>().join("");
    format!("const ${name}={body};")
}

/// The JS body of a helper (what follows `const $name = `).
fn body(name: &str) -> String {
    const TABLES: &[fn(&str) -> Option<&'static str>] = &[
        actions::body,
        values::body,
        numbers::body,
        strings::body,
        iters::body,
        vecs::body,
        format::body,
    ];
    int::body(name)
        .or_else(|| {
            TABLES
                .iter()
                .find_map(|table| table(name))
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"))
}

/// The helpers a body calls: each `$` followed by a name. A `$` followed
/// by anything else (a regex's end anchor, `"$1"` in a replacement) is not
/// a reference, and neither is the body's own name (recursion).
fn references(body: &str) -> impl Iterator<Item = &str> {
    body.match_indices('$').filter_map(|(i, _)| {
        let rest = &body[i + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            .then_some(name)
    })
}
