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
    let (_, deps) = definition(name).unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"));
    set.insert(name.to_string());
    for d in deps {
        require(set, &d);
    }
}

/// The JS declaration of a helper.
pub fn source(name: &str) -> String {
    let (body, _) = definition(name).unwrap_or_else(|| panic!("rs2js internal error: unknown helper `{name}`"));
    format!("const ${name} = {body};\n")
}

const MAX_SAFE: &str = "9007199254740991";

/// Bounds a helper checks integer results against: the type's range, cut
/// to the JS safe-integer range for 64-bit types.
fn bounds(t: IntTy) -> (String, String) {
    if t.wide() {
        let lo = if t.signed() { format!("-{MAX_SAFE}") } else { "0".into() };
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
        "char_from_u32" => (
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
  return new TextDecoder().decode(u.subarray(a, b));
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
