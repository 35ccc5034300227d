//! Helpers for values of any type: panics, copies (`$clone`), Rust's
//! structural equality and ordering (`$eq`, `$cmp`), indexing checks,
//! `unwrap`/`expect`, and the operations on values of unknown type.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        "panic" => "m => { throw new Error(m); }",
        "big" => "t => $panic(\"integer result outside the range JavaScript numbers hold exactly (magnitude below 2^53), which rs2js supports for \" + t)",
        "clone" => "v => typeof v === \"object\" && v !== null ? structuredClone(v) : v",
        "eq" => r#"(a, b) => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!$eq(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!(k in b) || !$eq(a[k], b[k])) return false;
  return true;
}"#,
        // Rust ordering: numbers (NaN when unordered), strings by code
        // point, None before Some, sequences and structs lexicographically,
        // Ok before Err. Returns -1, 0, 1 or NaN.
        "cmp" => r#"(a, b) => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const t = typeof a;
  if (t === "number" || t === "boolean") return a < b ? -1 : a > b ? 1 : a == b ? 0 : NaN;
  if (t === "string") {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      let x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        x = x >= 0xd800 && x < 0xe000 ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
        y = y >= 0xd800 && y < 0xe000 ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
        return x < y ? -1 : 1;
      }
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if (Array.isArray(a)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) { const c = $cmp(a[i], b[i]); if (c !== 0) return c; }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  if ("Ok" in a || "Err" in a) {
    if ("Ok" in a !== "Ok" in b) return "Ok" in a ? -1 : 1;
    return "Ok" in a ? $cmp(a.Ok, b.Ok) : $cmp(a.Err, b.Err);
  }
  for (const k of Object.keys(a)) { const c = $cmp(a[k], b[k]); if (c !== 0) return c; }
  return 0;
}"#,
        "omax" => "(a, b) => $cmp(a, b) > 0 ? a : b",
        "omin" => "(a, b) => $cmp(a, b) <= 0 ? a : b",
        "ix" => "(v, i) => i < v.length ? i : $panic(\"index out of bounds: the len is \" + v.length + \" but the index is \" + i)",
        "tag" => "(v, k) => typeof v === \"object\" && v !== null && k in v",
        "with_fields" => "(b, f) => Object.assign($clone(b), f)",
        "repeat" => "(x, n) => new Array(n).fill(x)",
        "repeatc" => "(x, n) => Array.from({ length: n }, () => $clone(x))",
        "range" => "function* (a, b) { for (let i = a; i < b; i++) yield i; }",
        "opt_iter" => "function* (o) { if (o !== null) yield o; }",
        "pcmp" => "(a, b) => { const c = $cmp(a, b); return c === c ? c : null; }",
        "clamp" => "(x, lo, hi) => lo > hi ? $panic(\"assertion failed: min <= max\") : x < lo ? lo : x > hi ? hi : x",
        "checked" => "(f, a, b) => { try { return f(a, b); } catch (x) { return null; } }",
        "sat" => "(o, a, b, lo, hi) => { const r = o === \"add\" ? a + b : o === \"sub\" ? a - b : a * b; return r < lo ? lo : r > hi ? hi : r + 0; }",
        // `!` on a value whose type rs2js does not know: a bool is negated;
        // an integer's bitwise not depends on its width, which is unknown.
        "not" => r#"x => {
  if (typeof x === "boolean") return !x;
  throw new Error("rs2js: `!` on an integer whose type rs2js does not know (bitwise not depends on the width); annotate its type");
}"#,
        "unwrap" => "o => o === null ? $panic(\"called `Option::unwrap()` on a `None` value\") : o",
        "expect" => "(o, m) => o === null ? $panic(m) : o",
        "unwrap_r" => "(r, m, d) => \"Ok\" in r ? r.Ok : $panic(m + \": \" + d(r.Err))",
        "unwrap_e" => "(r, m, d) => \"Err\" in r ? r.Err : $panic(m + \": \" + d(r.Ok))",
        _ => return None,
    })
}
