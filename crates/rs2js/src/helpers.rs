//! Runtime helpers: small JS functions the translated code calls for
//! Rust semantics JS lacks (checked integer arithmetic, truncating
//! division, Rust's formatting, structural equality, ...).
//!
//! Every helper is a `const $name = ...;` declaration. Names start with `$`,
//! which Rust identifiers cannot contain, so they never collide with user
//! variables. A chunk emits each helper it uses exactly once, plus the
//! helpers those depend on. Helpers are only ever called, never run at
//! module load, so their order in the chunk does not matter.

use std::collections::BTreeSet;

use crate::ty::IntTy;

/// Adds a helper and everything it depends on to `set`.
pub fn require(set: &mut BTreeSet<String>, name: &str) {
    if set.contains(name) {
        return;
    }
    let (_, deps) =
        definition(name).unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"));
    set.insert(name.to_string());
    for d in deps {
        require(set, &d);
    }
}

/// The JS declaration of a helper.
pub fn source(name: &str) -> String {
    let (body, _) =
        definition(name).unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"));
    format!("const ${name} = {body};\n")
}

/// The declaration without line breaks and indentation (every line of a
/// helper ends in `;`, `{`, `}` or `,`, so joining lines keeps its meaning;
/// the differential tests run both forms).
pub fn source_compact(name: &str) -> String {
    let (body, _) =
        definition(name).unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"));
    let body: String = body.lines().map(str::trim).collect::<Vec<_>>().join("");
    format!("const ${name}={body};")
}

const MAX_SAFE: &str = "9007199254740991";

/// Bounds a helper checks integer results against: the type's range, cut
/// to the JS safe-integer range for 64-bit types.
fn bounds(t: IntTy) -> (String, String) {
    if t.wide() {
        let lo = if t.signed() {
            format!("-{MAX_SAFE}")
        } else {
            "0".into()
        };
        (lo, MAX_SAFE.into())
    } else {
        let (lo, hi) = t.min_max();
        (lo.into(), hi.into())
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

fn d(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// The body and dependencies of a helper, or `None` if unknown.
fn definition(name: &str) -> Option<(String, Vec<String>)> {
    // Integer helpers are named `OP_TYPE`.
    if let Some((op, ty)) = name.rsplit_once('_') {
        if let Some(t) = IntTy::from_name(ty) {
            return int_helper(op, t);
        }
    }
    let (body, deps): (String, Vec<String>) = match name {
        "panic" => (s("m => { throw new Error(m); }"), vec![]),
        "big" => (
            s("t => $panic(\"integer result outside the range JavaScript numbers hold exactly (magnitude below 2^53), which rs2js supports for \" + t)"),
            d(&["panic"]),
        ),
        "clone" => (
            s("v => typeof v === \"object\" && v !== null ? structuredClone(v) : v"),
            vec![],
        ),
        "eq" => (
            s(r#"(a, b) => {
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
}"#),
            vec![],
        ),
        // Rust ordering: numbers (NaN when unordered), strings by code
        // point, None before Some, sequences and structs lexicographically,
        // Ok before Err. Returns -1, 0, 1 or NaN.
        "cmp" => (
            s(r#"(a, b) => {
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
}"#),
            vec![],
        ),
        "omax" => (s("(a, b) => $cmp(a, b) > 0 ? a : b"), d(&["cmp"])),
        "omin" => (s("(a, b) => $cmp(a, b) <= 0 ? a : b"), d(&["cmp"])),
        "ix" => (
            s("(v, i) => i < v.length ? i : $panic(\"index out of bounds: the len is \" + v.length + \" but the index is \" + i)"),
            d(&["panic"]),
        ),
        "tag" => (s("(v, k) => typeof v === \"object\" && v !== null && k in v"), vec![]),
        "with_fields" => (s("(b, f) => Object.assign($clone(b), f)"), d(&["clone"])),
        "repeat" => (s("(x, n) => new Array(n).fill(x)"), vec![]),
        "repeatc" => (s("(x, n) => Array.from({ length: n }, () => $clone(x))"), d(&["clone"])),
        "range" => (s("function* (a, b) { for (let i = a; i < b; i++) yield i; }"), vec![]),
        "opt_iter" => (s("function* (o) { if (o !== null) yield o; }"), vec![]),
        "chr32" => (
            s("n => n > 0x10ffff || (n >= 0xd800 && n < 0xe000) ? null : String.fromCodePoint(n)"),
            vec![],
        ),
        "from_digit" => (
            s("(n, r) => r > 36 ? $panic(\"from_digit: radix is too high (maximum 36)\") : n < r ? n.toString(r) : null"),
            d(&["panic"]),
        ),
        "sslice" => (
            s(r#"(s, a, b) => {
  const u = new TextEncoder().encode(s);
  if (b === undefined) b = u.length;
  const bad = i => i < u.length && (u[i] & 0xc0) === 0x80;
  if (a > b) $panic("begin <= end (" + a + " <= " + b + ") when slicing `" + s + "`");
  if (b > u.length) $panic("byte index " + b + " is out of bounds of `" + s + "`");
  if (bad(a) || bad(b)) $panic("byte index " + (bad(a) ? a : b) + " is not a char boundary");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(u.subarray(a, b));
}"#),
            d(&["panic"]),
        ),
        "vslice" => (
            s(r#"(v, a, b) => {
  if (b === undefined) b = v.length;
  if (a > b) $panic("slice index starts at " + a + " but ends at " + b);
  if (b > v.length) $panic("range end index " + b + " out of range for slice of length " + v.length);
  return $clone(v.slice(a, b));
}"#),
            d(&["panic", "clone"]),
        ),

        "pcmp" => (s("(a, b) => { const c = $cmp(a, b); return c === c ? c : null; }"), d(&["cmp"])),
        "clamp" => (s("(x, lo, hi) => lo > hi ? $panic(\"assertion failed: min <= max\") : x < lo ? lo : x > hi ? hi : x"), d(&["panic"])),
        "checked" => (s("(f, a, b) => { try { return f(a, b); } catch (x) { return null; } }"), vec![]),
        "sat" => (
            s("(o, a, b, lo, hi) => { const r = o === \"add\" ? a + b : o === \"sub\" ? a - b : a * b; return r < lo ? lo : r > hi ? hi : r + 0; }"),
            vec![],
        ),
        "count_ones" => (
            s("(x, bits) => { let n = 0; x = bits === 32 ? x >>> 0 : x & ((1 << bits) - 1); while (x) { n += x & 1; x >>>= 1; } return n; }"),
            vec![],
        ),
        "count_zeros" => (s("(x, bits) => bits - $count_ones(x, bits)"), d(&["count_ones"])),
        "leading_zeros" => (s("(x, bits) => Math.clz32(bits === 32 ? x : x & ((1 << bits) - 1)) - (32 - bits)"), vec![]),
        "trailing_zeros" => (
            s("(x, bits) => { x = bits === 32 ? x | 0 : x & ((1 << bits) - 1); return x === 0 ? bits : 31 - Math.clz32(x & -x); }"),
            vec![],
        ),
        "is_pow2" => (s("x => x > 0 && Number.isInteger(Math.log2(x))"), vec![]),
        // Rust rounds halfway cases away from zero.
        "round" => (s("x => x < 0 ? -Math.round(-x) : Math.round(x)"), vec![]),
        "fsignum" => (s("x => x !== x ? NaN : x > 0 || (x === 0 && 1 / x > 0) ? 1 : -1"), vec![]),
        "fneg" => (s("x => x < 0 || (x === 0 && 1 / x < 0)"), vec![]),
        "fmax" => (s("(a, b) => a !== a ? b : b !== b ? a : Math.max(a, b)"), vec![]),
        "fmin" => (s("(a, b) => a !== a ? b : b !== b ? a : Math.min(a, b)"), vec![]),
        "fclamp" => (
            s("(x, lo, hi) => !(lo <= hi) ? $panic(\"min > max, or either was NaN. min = \" + $fdbg(lo) + \", max = \" + $fdbg(hi)) : x < lo ? lo : x > hi ? hi : x"),
            d(&["panic", "fdbg"]),
        ),
        // The same square-and-multiply loop as compiler-rt's __powidf2,
        // which Rust's `powi` calls, so results match bit for bit.
        "powi" => (
            s("(a, b) => { const recip = b < 0; let r = 1; for (;;) { if (b & 1) r *= a; b = (b / 2) | 0; if (b === 0) break; a *= a; } return recip ? 1 / r : r; }"),
            vec![],
        ),
        "powf" => (s("(a, b) => Math.pow(a, b)"), vec![]),
        "ascii_up" => (s("s => s.replace(/[a-z]+/g, m => m.toUpperCase())"), vec![]),
        "ascii_low" => (s("s => s.replace(/[A-Z]+/g, m => m.toLowerCase())"), vec![]),
        "to_digit" => (
            s("(c, r) => { if (r > 36) $panic(\"to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive\"); const p = c.codePointAt(0); const v = p >= 48 && p <= 57 ? p - 48 : p >= 97 && p <= 122 ? p - 87 : p >= 65 && p <= 90 ? p - 55 : 99; return v < r ? v : null; }"),
            d(&["panic"]),
        ),
        // UTF-8 length, as Rust's `str::len` counts.
        "utf8len" => (
            s("s => { let n = 0; for (const c of s) { const p = c.codePointAt(0); n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4; } return n; }"),
            vec![],
        ),
        "bytes" => (s("s => new TextEncoder().encode(s)"), vec![]),
        "char_indices" => (s("function* (s) { let i = 0; for (const c of s) { yield [i, c]; i += $utf8len(c); } }"), d(&["utf8len"])),
        // Rust's whitespace is Unicode White_Space (JS `trim` differs:
        // it strips U+FEFF and keeps U+0085).
        "trim" => (s("s => s.replace(/^[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+|[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+$/g, \"\")"), vec![]),
        "trim_start" => (s("s => s.replace(/^[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+/, \"\")"), vec![]),
        "trim_end" => (s("s => s.replace(/[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+$/, \"\")"), vec![]),
        "split_ws" => (s("s => s.split(/[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+/).filter(x => x !== \"\")"), vec![]),
        "lines" => (
            s("s => { if (s === \"\") return []; const a = s.split(\"\\n\"); if (a[a.length - 1] === \"\") a.pop(); return a.map(l => l.endsWith(\"\\r\") ? l.slice(0, -1) : l); }"),
            vec![],
        ),
        "split" => (s("(s, p) => p === \"\" ? [\"\", ...s, \"\"] : s.split(p)"), vec![]),
        "splitn" => (
            s("(s, n, p) => { const out = []; if (n === 0) return out; let rest = s; while (out.length < n - 1) { const i = rest.indexOf(p); if (i < 0 || p === \"\") break; out.push(rest.slice(0, i)); rest = rest.slice(i + p.length); } out.push(rest); return out; }"),
            vec![],
        ),
        "replace" => (s("(s, a, b) => a === \"\" ? [...s].map(c => b + c).join(\"\") + b : s.split(a).join(b)"), vec![]),
        "sfind" => (s("(s, p) => { const i = s.indexOf(p); return i < 0 ? null : $utf8len(s.slice(0, i)); }"), d(&["utf8len"])),
        "srfind" => (s("(s, p) => { const i = s.lastIndexOf(p); return i < 0 ? null : $utf8len(s.slice(0, i)); }"), d(&["utf8len"])),
        "sfind_fn" => (s("(s, f) => { let i = 0; for (const c of s) { if (f(c)) return i; i += $utf8len(c); } return null; }"), d(&["utf8len"])),
        "srfind_fn" => (
            s("(s, f) => { let i = 0, r = null; for (const c of s) { if (f(c)) r = i; i += $utf8len(c); } return r; }"),
            d(&["utf8len"]),
        ),
        "contains_fn" => (s("(s, f) => { for (const c of s) if (f(c)) return true; return false; }"), vec![]),
        "starts_with_fn" => (s("(s, f) => { for (const c of s) return !!f(c); return false; }"), vec![]),
        "ends_with_fn" => (s("(s, f) => { const a = [...s]; return a.length > 0 && !!f(a[a.length - 1]); }"), vec![]),
        "strip_prefix" => (s("(s, p) => s.startsWith(p) ? s.slice(p.length) : null"), vec![]),
        "strip_suffix" => (s("(s, p) => s.endsWith(p) ? s.slice(0, s.length - p.length) : null"), vec![]),
        "parse_int" => (
            s(r#"(s, lo, hi, signed) => {
  if (s === "") return { Err: "cannot parse integer from empty string" };
  let i = 0, neg = false;
  if (s.length > 1 && (s[0] === "+" || (s[0] === "-" && signed))) { neg = s[0] === "-"; i = 1; }
  else if (s === "+" || s === "-") return { Err: "invalid digit found in string" };
  let v = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return { Err: "invalid digit found in string" };
    v = neg ? v * 10 - c : v * 10 + c;
    if (v > hi) return { Err: "number too large to fit in target type" };
    if (v < lo) return { Err: "number too small to fit in target type" };
  }
  return { Ok: v + 0 };
}"#),
            vec![],
        ),
        "parse_f64" => (
            s(r#"s => {
  if (s === "") return { Err: "cannot parse float from empty string" };
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (m) return { Ok: m[2].toLowerCase() === "nan" ? NaN : m[1] === "-" ? -Infinity : Infinity };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { Err: "invalid float literal" };
  return { Ok: Number(s) };
}"#),
            vec![],
        ),
        "res_f32" => (s("r => \"Ok\" in r ? { Ok: Math.fround(r.Ok) } : r"), vec![]),
        "parse_bool" => (
            s("s => s === \"true\" ? { Ok: true } : s === \"false\" ? { Ok: false } : { Err: \"provided string was not `true` or `false`\" }"),
            vec![],
        ),
        "parse_char" => (
            s("s => { const a = [...s]; return a.length === 1 ? { Ok: a[0] } : { Err: a.length ? \"too many characters in string\" : \"cannot parse char from empty string\" }; }"),
            vec![],
        ),
        "spop" => (s("s => { if (s === \"\") return [s, null]; const a = [...s]; const c = a.pop(); return [s.slice(0, s.length - c.length), c]; }"), vec![]),
        "strunc" => (
            s("(s, n) => { const u = new TextEncoder().encode(s); if (n >= u.length) return s; if ((u[n] & 0xc0) === 0x80) $panic(\"assertion failed: self.is_char_boundary(new_len)\"); return new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(u.subarray(0, n)); }"),
            d(&["panic"]),
        ),
        "sinsert" => (
            s("(s, i, t) => { const u = new TextEncoder().encode(s), dec = x => new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(x); if (i > u.length || (i < u.length && (u[i] & 0xc0) === 0x80)) $panic(\"assertion failed: self.is_char_boundary(idx)\"); return dec(u.subarray(0, i)) + t + dec(u.subarray(i)); }"),
            d(&["panic"]),
        ),
        "sremove" => (
            s("(s, i) => { const u = new TextEncoder().encode(s), dec = x => new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(x); if (i >= u.length) $panic(\"cannot remove a char from the end of a string\"); if ((u[i] & 0xc0) === 0x80) $panic(\"byte index \" + i + \" is not a char boundary\"); const rest = dec(u.subarray(i)); const c = [...rest][0]; return [dec(u.subarray(0, i)) + rest.slice(c.length), c]; }"),
            d(&["panic"]),
        ),
        "collect" => (s("it => [...it]"), vec![]),
        "collect_str" => (s("it => [...it].join(\"\")"), vec![]),
        "iter" => (s("it => it[Symbol.iterator]()"), vec![]),
        "next" => (
            s("it => { const i = typeof it.next === \"function\" ? it : it[Symbol.iterator](); const r = i.next(); return r.done ? null : r.value; }"),
            vec![],
        ),
        "map" => (s("function* (it, f) { for (const x of it) yield f(x); }"), vec![]),
        "filter" => (s("function* (it, f) { for (const x of it) if (f(x)) yield x; }"), vec![]),
        "filter_map" => (s("function* (it, f) { for (const x of it) { const y = f(x); if (y !== null) yield y; } }"), vec![]),
        "flat_map" => (s("function* (it, f) { for (const x of it) yield* f(x); }"), vec![]),
        "take_while" => (s("function* (it, f) { for (const x of it) { if (!f(x)) return; yield x; } }"), vec![]),
        "skip_while" => (s("function* (it, f) { let s = true; for (const x of it) { if (s && f(x)) continue; s = false; yield x; } }"), vec![]),
        "inspect" => (s("function* (it, f) { for (const x of it) { f(x); yield x; } }"), vec![]),
        "enumerate" => (s("function* (it) { let i = 0; for (const x of it) yield [i++, x]; }"), vec![]),
        "zip" => (
            s("function* (a, b) { const ib = b[Symbol.iterator](); for (const x of a) { const r = ib.next(); if (r.done) return; yield [x, r.value]; } }"),
            vec![],
        ),
        "chain" => (s("function* (a, b) { yield* a; yield* b; }"), vec![]),
        "rev" => (s("it => [...it].reverse()"), vec![]),
        "skip" => (s("function* (it, n) { let i = 0; for (const x of it) if (i++ >= n) yield x; }"), vec![]),
        "take" => (s("function* (it, n) { if (n <= 0) return; let i = 0; for (const x of it) { yield x; if (++i >= n) return; } }"), vec![]),
        "step_by" => (
            s("function* (it, n) { if (n === 0) $panic(\"assertion failed: step != 0\"); let i = 0; for (const x of it) if (i++ % n === 0) yield x; }"),
            d(&["panic"]),
        ),
        "count" => (s("it => { let n = 0; for (const _ of it) n++; return n; }"), vec![]),
        // Since Rust 1.83 a float sum starts from -0.0.
        "fsum" => (s("it => { let s = -0; for (const x of it) s += x; return s; }"), vec![]),
        "fproduct" => (s("it => { let s = 1; for (const x of it) s *= x; return s; }"), vec![]),
        "any" => (s("(it, f) => { for (const x of it) if (f(x)) return true; return false; }"), vec![]),
        "all" => (s("(it, f) => { for (const x of it) if (!f(x)) return false; return true; }"), vec![]),
        "find" => (s("(it, f) => { for (const x of it) if (f(x)) return x; return null; }"), vec![]),
        "find_map" => (s("(it, f) => { for (const x of it) { const y = f(x); if (y !== null) return y; } return null; }"), vec![]),
        "position" => (s("(it, f) => { let i = 0; for (const x of it) { if (f(x)) return i; i++; } return null; }"), vec![]),
        "itmax" => (s("it => { let m = null, n = true; for (const x of it) { if (n || $cmp(x, m) >= 0) m = x; n = false; } return m; }"), d(&["cmp"])),
        "itmin" => (s("it => { let m = null, n = true; for (const x of it) { if (n || $cmp(x, m) < 0) m = x; n = false; } return m; }"), d(&["cmp"])),
        "max_by_key" => (
            s("(it, f) => { let m = null, mk, n = true; for (const x of it) { const k = f(x); if (n || $cmp(k, mk) >= 0) { m = x; mk = k; } n = false; } return m; }"),
            d(&["cmp"]),
        ),
        "min_by_key" => (
            s("(it, f) => { let m = null, mk, n = true; for (const x of it) { const k = f(x); if (n || $cmp(k, mk) < 0) { m = x; mk = k; } n = false; } return m; }"),
            d(&["cmp"]),
        ),
        "max_by" => (s("(it, f) => { let m = null, n = true; for (const x of it) { if (n || f(m, x) <= 0) m = x; n = false; } return m; }"), vec![]),
        "min_by" => (s("(it, f) => { let m = null, n = true; for (const x of it) { if (n || f(m, x) > 0) m = x; n = false; } return m; }"), vec![]),
        "fold" => (s("(it, a, f) => { for (const x of it) a = f(a, x); return a; }"), vec![]),
        "for_each" => (s("(it, f) => { for (const x of it) f(x); }"), vec![]),
        "last_it" => (s("it => { let l = null; for (const x of it) l = x; return l; }"), vec![]),
        "nth" => (s("(it, n) => { for (const x of it) if (n-- === 0) return x; return null; }"), vec![]),
        "partition" => (s("(it, f) => { const a = [], b = []; for (const x of it) (f(x) ? a : b).push(x); return [a, b]; }"), vec![]),
        "unzip" => (s("it => { const a = [], b = []; for (const [x, y] of it) { a.push(x); b.push(y); } return [a, b]; }"), vec![]),
        "it_has" => (s("(it, v) => { for (const x of it) if (x === v) return true; return false; }"), vec![]),
        "pop" => (s("v => v.length ? v.pop() : null"), vec![]),
        "insert" => (
            s("(v, i, x) => { if (i > v.length) $panic(\"insertion index (is \" + i + \") should be <= len (is \" + v.length + \")\"); v.splice(i, 0, x); }"),
            d(&["panic"]),
        ),
        "remove" => (
            s("(v, i) => i < v.length ? v.splice(i, 1)[0] : $panic(\"removal index (is \" + i + \") should be < len (is \" + v.length + \")\")"),
            d(&["panic"]),
        ),
        "swap_remove" => (
            s("(v, i) => { if (i >= v.length) $panic(\"swap_remove index (is \" + i + \") should be < len (is \" + v.length + \")\"); const x = v[i]; v[i] = v[v.length - 1]; v.pop(); return x; }"),
            d(&["panic"]),
        ),
        "swap" => (s("(v, i, j) => { $ix(v, i); $ix(v, j); const t = v[i]; v[i] = v[j]; v[j] = t; }"), d(&["ix"])),
        "truncate" => (s("(v, n) => { if (n < v.length) v.length = n; }"), vec![]),
        "append" => (s("(v, o) => { for (const x of o) v.push(x); o.length = 0; }"), vec![]),
        "extend" => (s("(v, it) => { for (const x of it) v.push(x); }"), vec![]),
        "extendc" => (s("(v, it) => { for (const x of it) v.push($clone(x)); }"), d(&["clone"])),
        "has" => (s("(v, x) => v.some(y => $eq(y, x))"), d(&["eq"])),
        "retain" => (s("(v, f) => { let j = 0; for (let i = 0; i < v.length; i++) { const x = v[i]; if (f(x)) v[j++] = x; } v.length = j; }"), vec![]),
        "sort" => (s("v => { v.sort($cmp); }"), d(&["cmp"])),
        "sort_by_key" => (s("(v, f) => { v.sort((a, b) => $cmp(f(a), f(b))); }"), d(&["cmp"])),
        "sort_by" => (s("(v, f) => { v.sort(f); }"), vec![]),
        "dedup" => (s("v => { let j = 0; for (let i = 0; i < v.length; i++) if (j === 0 || !$eq(v[i], v[j - 1])) v[j++] = v[i]; v.length = j; }"), d(&["eq"])),
        "dedup_by_key" => (
            s("(v, f) => { let j = 0; for (let i = 0; i < v.length; i++) if (j === 0 || !$eq(f(v[i]), f(v[j - 1]))) v[j++] = v[i]; v.length = j; }"),
            d(&["eq"]),
        ),
        "first" => (s("v => v.length ? v[0] : null"), vec![]),
        "last" => (s("v => v.length ? v[v.length - 1] : null"), vec![]),
        "get" => (s("(v, i) => i < v.length ? v[i] : null"), vec![]),
        "fill" => (s("(v, x) => { v.fill(x); }"), vec![]),
        "fillc" => (s("(v, x) => { for (let i = 0; i < v.length; i++) v[i] = $clone(x); }"), d(&["clone"])),
        "resize" => (s("(v, n, x) => { if (n < v.length) v.length = n; else while (v.length < n) v.push($clone(x)); }"), d(&["clone"])),
        "split_off" => (
            s("(v, i) => i > v.length ? $panic(\"`at` split index (is \" + i + \") should be <= len (is \" + v.length + \")\") : v.splice(i)"),
            d(&["panic"]),
        ),
        "windows" => (
            s("function* (v, n) { if (n === 0) $panic(\"window size must be non-zero\"); for (let i = 0; i + n <= v.length; i++) yield v.slice(i, i + n); }"),
            d(&["panic"]),
        ),
        "chunks" => (
            s("function* (v, n) { if (n === 0) $panic(\"chunk size must be non-zero\"); for (let i = 0; i < v.length; i += n) yield v.slice(i, i + n); }"),
            d(&["panic"]),
        ),
        "vstarts_with" => (s("(v, p) => p.length <= v.length && p.every((x, i) => $eq(x, v[i]))"), d(&["eq"])),
        "vends_with" => (s("(v, p) => p.length <= v.length && p.every((x, i) => $eq(x, v[v.length - p.length + i]))"), d(&["eq"])),
        "unwrap" => (s("o => o === null ? $panic(\"called `Option::unwrap()` on a `None` value\") : o"), d(&["panic"])),
        "expect" => (s("(o, m) => o === null ? $panic(m) : o"), d(&["panic"])),
        "unwrap_r" => (s("(r, m, d) => \"Ok\" in r ? r.Ok : $panic(m + \": \" + d(r.Err))"), d(&["panic"])),
        "unwrap_e" => (s("(r, m, d) => \"Err\" in r ? r.Err : $panic(m + \": \" + d(r.Ok))"), d(&["panic"])),
        // Rust's `Display` for floats: shortest round-trip digits, never an
        // exponent, `inf`/`NaN`, `-0` for negative zero.
        // Shortest round-trip digits and exponent of a finite x > 0, as
        // Rust picks them: JS breaks an exact tie between two shortest
        // candidates towards the even digit, Rust towards the larger one.
        "fdig" => (
            s(r#"x => {
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  let d = m[1] + (m[2] || ""), e = +m[3];
  const k = d.length, q = Math.min(100, k + 30);
  const em = /^(\d)\.(\d+)e([+-]\d+)$/.exec(x.toExponential(q - 1)), all = em[1] + em[2];
  if (+em[3] === e && all.slice(0, k) === d && /^50*$/.test(all.slice(k))) {
    let up = (BigInt(d) + 1n).toString(), ue = e;
    if (up.length > k) { up = up.slice(0, k); ue += 1; }
    if (+(up[0] + "." + up.slice(1) + "e" + ue) === x) { d = up; e = ue; }
  }
  d = d.replace(/(.)0+$/, "$1");
  return [d, e];
}"#),
            vec![],
        ),
        // Rust's `Display` for floats: shortest round-trip digits, never an
        // exponent, `inf`/`NaN`, `-0` for negative zero.
        "fstr" => (
            s(r#"x => {
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return 1 / x < 0 ? "-0" : "0";
  const [d, e] = $fdig(Math.abs(x)), sign = x < 0 ? "-" : "";
  if (e < 0) return sign + "0." + "0".repeat(-e - 1) + d;
  return sign + (e >= d.length - 1 ? d + "0".repeat(e - d.length + 1) : d.slice(0, e + 1) + "." + d.slice(e + 1));
}"#),
            d(&["fdig"]),
        ),
        // f32 prints its own shortest digits (0.1f32 is "0.1"); zeros keep
        // their sign.
        "f32short" => (s("x => { if (x === 0 || x !== x) return x; for (let p = 1; p <= 9; p++) { const y = +x.toPrecision(p); if (Math.fround(y) === x) return y; } return x; }"), vec![]),
        "f32str" => (s("x => $fstr($f32short(x))"), d(&["fstr", "f32short"])),
        "f32dbg" => (s("x => $fdbg($f32short(x))"), d(&["fdbg", "f32short"])),
        "fdbg" => (
            s("x => { if (x !== x) return \"NaN\"; const a = Math.abs(x); if (a !== Infinity && (a >= 1e16 || (a !== 0 && a < 1e-4))) return $fexp(x); const s = $fstr(x); return a === Infinity || s.includes(\".\") ? s : s + \".0\"; }"),
            d(&["fstr", "fexp"]),
        ),
        "fexp" => (
            s("x => { if (x !== x || x === Infinity || x === -Infinity) return $fstr(x); const neg = x < 0 || (x === 0 && 1 / x < 0); if (x === 0) return (neg ? \"-\" : \"\") + \"0e0\"; const [d, e] = $fdig(Math.abs(x)); return (neg ? \"-\" : \"\") + d[0] + (d.length > 1 ? \".\" + d.slice(1) : \"\") + \"e\" + e; }"),
            d(&["fstr", "fdig"]),
        ),
        // `{:.N}`: exact decimal rounding with ties to even, like Rust
        // (JS `toFixed` rounds exact ties up).
        "ffix" => (
            s(r#"(x, p) => {
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0 || (x === 0 && 1 / x < 0), a = Math.abs(x);
  let s;
  if (a >= 1e21) s = BigInt(a).toString() + (p > 0 ? "." + "0".repeat(p) : "");
  else {
    s = a.toFixed(p);
    const q = Math.min(100, p + 30), ex = a.toFixed(q), tail = ex.slice(ex.length - (q - p));
    if (/^50*$/.test(tail)) {
      const t = ex.slice(0, ex.length - (q - p) - (p === 0 ? 1 : 0));
      if (+t[t.length - 1] % 2 === 0) s = t;
    }
  }
  return (neg ? "-" : "") + s;
}"#),
            vec![],
        ),
        "take_chars" => (s("(s, n) => [...s].slice(0, n).join(\"\")"), vec![]),
        // `{}` of a value whose type rs2js does not know (a field of a struct
        // it was not shown). rustc checked the closure, so the value is a
        // `Display` type; in the browser it has its serde JSON form, and for
        // strings, chars, bools and numbers Rust's output follows from the
        // JS value alone. `k` is the type when it became known after the
        // call was lowered ("f32", "f64", "int", or undefined); `p` the
        // precision, `w`/`f`/`a` width, fill and alignment, `z` the `0`
        // flag, `plus` the `+` flag. Anything else (a struct or enum with its
        // own `Display`) cannot be reproduced and is an error.
        "fmt" => (
            s(r#"(x, k, p, w, f, a, z, plus) => {
  const t = typeof x, num = t === "number";
  let s;
  if (t === "string" || t === "boolean") {
    s = String(x);
    if (p != null) s = $take_chars(s, p);
  } else if (num) {
    if (p == null || k === "int") s = $fstr(k === "f32" ? $f32short(x) : x);
    else if (k === "f32" || k === "f64") s = $ffix(x, p);
    else throw new Error("rs2js: `{:.N}` of a number whose type rs2js does not know (an integer ignores the precision, a float rounds); annotate its type");
  } else {
    throw new Error("rs2js: cannot display this value in the browser: " + (x === null ? "null (a NaN or infinite float reaches the browser as null)" : String(JSON.stringify(x)).slice(0, 80)));
  }
  if (plus && num) s = $plus(s);
  if (w != null) s = z && num ? $zpad(s, w) : $pad(s, w, f == null ? " " : f, a == null ? (num ? ">" : "<") : a);
  return s;
}"#),
            d(&["take_chars", "fstr", "f32short", "ffix", "plus", "zpad", "pad"]),
        ),
        // `!` on a value whose type rs2js does not know: a bool is negated;
        // an integer's bitwise not depends on its width, which is unknown.
        "not" => (
            s(r#"x => {
  if (typeof x === "boolean") return !x;
  throw new Error("rs2js: `!` on an integer whose type rs2js does not know (bitwise not depends on the width); annotate its type");
}"#),
            vec![],
        ),
        "radix" => (
            s("(x, r, bits, signed) => { let v = x; if (v < 0) v = bits === 64 ? BigInt.asUintN(64, BigInt(v)) : v + 2 ** bits; return v.toString(r); }"),
            vec![],
        ),
        "plus" => (s("s => s[0] === \"-\" || s === \"NaN\" ? s : \"+\" + s"), vec![]),
        "zpad" => (
            s("(s, w) => { const n = [...s].length; if (n >= w) return s; let k = s[0] === \"-\" || s[0] === \"+\" ? 1 : 0; if (/^0[xob]/.test(s.slice(k))) k += 2; return s.slice(0, k) + \"0\".repeat(w - n) + s.slice(k); }"),
            vec![],
        ),
        "pad" => (
            s("(s, w, f, a) => { const n = [...s].length; if (n >= w) return s; const d = w - n, l = a === \"<\" ? 0 : a === \">\" ? d : d >> 1; return f.repeat(l) + s + f.repeat(d - l); }"),
            vec![],
        ),
        // Rust's escape_debug: quotes, backslash, \t \r \n \0, and
        // \u{..} for what Rust's printable table excludes — control,
        // format, surrogate, private-use, unassigned, line/paragraph
        // separators and spaces other than ' ' — and for grapheme extenders.
        "esc" => (
            s(r#"(s, q) => {
  let out = "", first = true;
  for (const c of s) {
    const p = c.codePointAt(0);
    if (c === "\\") out += "\\\\";
    else if (c === q) out += "\\" + q;
    else if (c === "\t") out += "\\t";
    else if (c === "\r") out += "\\r";
    else if (c === "\n") out += "\\n";
    else if (p === 0) out += "\\0";
    else if ((c !== " " && /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u.test(c)) || /\p{Grapheme_Extend}/u.test(c)) out += "\\u{" + p.toString(16) + "}";
    else out += c;
    first = false;
  }
  return out;
}"#),
            vec![],
        ),
        "dstr" => (s("s => '\"' + $esc(s, '\"') + '\"'"), d(&["esc"])),
        "dchar" => (s("c => \"'\" + $esc(c, \"'\") + \"'\""), d(&["esc"])),
        "dunit" => (s("() => \"()\""), vec![]),
        "dany" => (s("v => JSON.stringify(v)"), vec![]),
        "dvec" => (s("f => v => \"[\" + v.map(x => f(x)).join(\", \") + \"]\""), vec![]),
        "dopt" => (s("f => o => o === null ? \"None\" : \"Some(\" + f(o) + \")\""), vec![]),
        "dres" => (s("(f, g) => r => \"Ok\" in r ? \"Ok(\" + f(r.Ok) + \")\" : \"Err(\" + g(r.Err) + \")\""), vec![]),
        "dtup" => (s("fs => t => \"(\" + fs.map((f, i) => f(t[i])).join(\", \") + (fs.length === 1 ? \",)\" : \")\")"), vec![]),
        "dord" => (s("o => [\"Less\", \"Equal\", \"Greater\"][o + 1]"), vec![]),
        "dstruct" => (s("(n, fs) => v => n + \" { \" + fs.map(([k, f]) => k + \": \" + f(v[k])).join(\", \") + \" }\""), vec![]),
        "dtstruct" => (
            s("(n, fs) => v => n + \"(\" + (fs.length === 1 ? fs[0][1](v) : fs.map(([k, f], i) => f(v[i])).join(\", \")) + \")\""),
            vec![],
        ),
        "denum" => (s("t => v => typeof v === \"string\" ? v : (k => t[k](v[k]))(Object.keys(v)[0])"), vec![]),
        _ => return None,
    };
    Some((body, deps))
}

/// Integer helpers: checked arithmetic per type.
fn int_helper(op: &str, t: IntTy) -> Option<(String, Vec<String>)> {
    let n = t.name();
    let (lo, hi) = bounds(t);
    let ck = format!("ck_{n}");
    let bits = t.bits();
    let r = match op {
        "ck" => {
            if t.wide() {
                if t.signed() {
                    (format!("(v, o) => v < {lo} || v > {hi} ? $big(\"{n}\") : v"), d(&["big"]))
                } else {
                    (
                        format!("(v, o) => v < 0 ? $panic(\"attempt to \" + o + \" with overflow\") : v > {hi} ? $big(\"{n}\") : v"),
                        d(&["panic", "big"]),
                    )
                }
            } else {
                (format!("(v, o) => v < {lo} || v > {hi} ? $panic(\"attempt to \" + o + \" with overflow\") : v"), d(&["panic"]))
            }
        }
        "add" => (format!("(a, b) => ${ck}(a + b, \"add\")"), vec![ck]),
        "sub" => (format!("(a, b) => ${ck}(a - b, \"subtract\")"), vec![ck]),
        // `+ 0` turns JS's -0 into 0 (integers have no negative zero).
        "mul" => (format!("(a, b) => ${ck}(a * b + 0, \"multiply\")"), vec![ck]),
        "div" => (
            format!("(a, b) => b === 0 ? $panic(\"attempt to divide by zero\") : ${ck}(Math.trunc(a / b) + 0, \"divide\")"),
            vec![ck, s("panic")],
        ),
        "rem" => {
            let ovf = if t.signed() && !t.wide() {
                format!(" : a === {lo} && b === -1 ? $panic(\"attempt to calculate the remainder with overflow\")")
            } else {
                String::new()
            };
            (
                format!("(a, b) => b === 0 ? $panic(\"attempt to calculate the remainder with a divisor of zero\"){ovf} : a % b + 0"),
                d(&["panic"]),
            )
        }
        "neg" => (format!("a => ${ck}(0 - a, \"negate\")"), vec![ck]),
        "shl" => {
            let wrapped = if t.wide() {
                let f = if t.signed() { "asIntN" } else { "asUintN" };
                format!("${ck}(Number(BigInt.{f}(64, BigInt(a) << BigInt(b))), \"shift left\")")
            } else {
                match t {
                    IntTy::I32 => s("a << b"),
                    IntTy::U32 => s("(a << b) >>> 0"),
                    IntTy::I16 => s("a << b << 16 >> 16"),
                    IntTy::I8 => s("a << b << 24 >> 24"),
                    IntTy::U16 => s("(a << b) & 65535"),
                    _ => s("(a << b) & 255"),
                }
            };
            (
                format!("(a, b) => b < 0 || b >= {bits} ? $panic(\"attempt to shift left with overflow\") : {wrapped}"),
                vec![s("panic"), ck],
            )
        }
        "shr" => {
            let v = if t.wide() {
                s("Math.floor(a / 2 ** b)")
            } else if t.signed() {
                s("a >> b")
            } else {
                s("a >>> b")
            };
            (format!("(a, b) => b < 0 || b >= {bits} ? $panic(\"attempt to shift right with overflow\") : {v}"), d(&["panic"]))
        }
        "band" | "bor" | "bxor" if !t.wide() => {
            let o = match op {
                "band" => "&",
                "bor" => "|",
                _ => "^",
            };
            let tail = if t == IntTy::U32 { " >>> 0" } else { "" };
            (format!("(a, b) => (a {o} b){tail}"), vec![])
        }
        "band" | "bor" | "bxor" => {
            let f = format!("{op}64_{n}");
            (format!("(a, b) => ${f}(a, b)"), vec![f])
        }
        "band64" | "bor64" | "bxor64" => {
            let o = match op {
                "band64" => "&",
                "bor64" => "|",
                _ => "^",
            };
            let f = if t.signed() { "asIntN" } else { "asUintN" };
            (format!("(a, b) => ${ck}(Number(BigInt.{f}(64, BigInt(a) {o} BigInt(b))), \"combine bits\")"), vec![ck])
        }
        "not" => {
            if t.signed() {
                (format!("a => ${ck}(-a - 1, \"invert bits\")"), vec![ck])
            } else {
                (format!("a => $big(\"{n}\")"), d(&["big"]))
            }
        }
        // `as` into a 64-bit type from a signed type: negative values of an
        // unsigned target are beyond 2^53.
        "as" => {
            if t.signed() {
                (s("a => a"), vec![])
            } else {
                (format!("a => a < 0 ? $big(\"{n}\") : a"), d(&["big"]))
            }
        }
        // Float to integer `as`: saturating, NaN to 0, like Rust.
        "f2i" => {
            if t.wide() {
                (
                    format!("v => v !== v ? 0 : (v = Math.trunc(v) + 0, v < {lo} ? ({lo} === 0 ? 0 : $big(\"{n}\")) : v > {hi} ? $big(\"{n}\") : v)"),
                    d(&["big"]),
                )
            } else {
                (format!("v => v !== v ? 0 : v <= {lo} ? {lo} : v >= {hi} ? {hi} : Math.trunc(v) + 0"), vec![])
            }
        }
        "parse" => {
            let (lo, hi) = bounds(t);
            (format!("s => $parse_int(s, {lo}, {hi}, {})", t.signed()), d(&["parse_int"]))
        }
        "sum" => (format!("it => {{ let s = 0; for (const x of it) s = $add_{n}(s, x); return s; }}"), vec![format!("add_{n}")]),
        "product" => (format!("it => {{ let s = 1; for (const x of it) s = $mul_{n}(s, x); return s; }}"), vec![format!("mul_{n}")]),
        "reme" => (
            format!("(a, b) => {{ const r = $rem_{n}(a, b); return r < 0 ? (b < 0 ? r - b : r + b) : r; }}"),
            vec![format!("rem_{n}")],
        ),
        "dive" => (
            format!("(a, b) => {{ const q = $div_{n}(a, b), r = a % b; return r < 0 ? ${ck}(b > 0 ? q - 1 : q + 1, \"divide\") : q; }}"),
            vec![format!("div_{n}"), ck],
        ),
        "wrap" => {
            let body = if t.wide() {
                let f = if t.signed() { "asIntN" } else { "asUintN" };
                format!("(o, a, b) => ${ck}(Number(BigInt.{f}(64, o === \"add\" ? BigInt(a) + BigInt(b) : o === \"sub\" ? BigInt(a) - BigInt(b) : o === \"neg\" ? -BigInt(a) : BigInt(a) * BigInt(b))), \"wrap\")")
            } else {
                let mul = if bits == 32 { "Math.imul(a, b)" } else { "a * b" };
                let wrap = match t {
                    IntTy::I32 => "v | 0",
                    IntTy::U32 => "v >>> 0",
                    IntTy::I16 => "v << 16 >> 16",
                    IntTy::I8 => "v << 24 >> 24",
                    IntTy::U16 => "v & 65535",
                    _ => "v & 255",
                };
                format!("(o, a, b) => {{ const v = o === \"add\" ? a + b : o === \"sub\" ? a - b : o === \"neg\" ? -a : {mul}; return ({wrap}) + 0; }}")
            };
            (body, vec![ck])
        }
        "pow" => (
            format!(
                "(a, e) => {{ if (a === 0 || a === 1) return e === 0 ? 1 : a; if (a === -1) return e % 2 ? -1 : 1; let r = 1; for (let i = 0; i < e; i++) r = $mul_{n}(r, a); return r; }}"
            ),
            vec![format!("mul_{n}")],
        ),
        _ => return None,
    };
    Some(r)
}
