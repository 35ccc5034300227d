//! Integer helpers, one set per type and named `OP_TYPE` (`$add_i32`,
//! `$ck_u64`, ...): checked arithmetic that panics on overflow like a Rust
//! debug build, truncating division, shifts, wrapping and saturating
//! operations. 64-bit types are checked against the JS safe-integer range.

use crate::ty::IntTy;

/// The JS body of the integer helper `name` (`OP_TYPE`), or `None` if
/// `name` is not one.
pub(super) fn body(name: &str) -> Option<String> {
    let (op, ty) = name.rsplit_once('_')?;
    int_helper(op, IntTy::from_name(ty)?)
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

/// Integer helpers: checked arithmetic per type.
fn int_helper(op: &str, t: IntTy) -> Option<String> {
    let n = t.name();
    let (lo, hi) = bounds(t);
    let ck = format!("ck_{n}");
    let bits = t.bits();
    let r = match op {
        "ck" => {
            if t.wide() {
                if t.signed() {
                    format!("(v, o) => v < {lo} || v > {hi} ? $big(\"{n}\") : v")
                } else {
                    format!("(v, o) => v < 0 ? $panic(\"attempt to \" + o + \" with overflow\") : v > {hi} ? $big(\"{n}\") : v")
                }
            } else {
                format!("(v, o) => v < {lo} || v > {hi} ? $panic(\"attempt to \" + o + \" with overflow\") : v")
            }
        }
        "add" => format!("(a, b) => ${ck}(a + b, \"add\")"),
        "sub" => format!("(a, b) => ${ck}(a - b, \"subtract\")"),
        // `+ 0` turns JS's -0 into 0 (integers have no negative zero).
        "mul" => format!("(a, b) => ${ck}(a * b + 0, \"multiply\")"),
        "div" =>
            format!("(a, b) => b === 0 ? $panic(\"attempt to divide by zero\") : ${ck}(Math.trunc(a / b) + 0, \"divide\")"),
        "rem" => {
            let ovf = if t.signed() && !t.wide() {
                format!(" : a === {lo} && b === -1 ? $panic(\"attempt to calculate the remainder with overflow\")")
            } else {
                String::new()
            };
                format!("(a, b) => b === 0 ? $panic(\"attempt to calculate the remainder with a divisor of zero\"){ovf} : a % b + 0")
        }
        "neg" => format!("a => ${ck}(0 - a, \"negate\")"),
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
                format!("(a, b) => b < 0 || b >= {bits} ? $panic(\"attempt to shift left with overflow\") : {wrapped}")
        }
        "shr" => {
            let v = if t.wide() {
                s("Math.floor(a / 2 ** b)")
            } else if t.signed() {
                s("a >> b")
            } else {
                s("a >>> b")
            };
            format!("(a, b) => b < 0 || b >= {bits} ? $panic(\"attempt to shift right with overflow\") : {v}")
        }
        "band" | "bor" | "bxor" if !t.wide() => {
            let o = match op {
                "band" => "&",
                "bor" => "|",
                _ => "^",
            };
            let tail = if t == IntTy::U32 { " >>> 0" } else { "" };
            format!("(a, b) => (a {o} b){tail}")
        }
        "band" | "bor" | "bxor" => {
            let f = format!("{op}64_{n}");
            format!("(a, b) => ${f}(a, b)")
        }
        "band64" | "bor64" | "bxor64" => {
            let o = match op {
                "band64" => "&",
                "bor64" => "|",
                _ => "^",
            };
            let f = if t.signed() { "asIntN" } else { "asUintN" };
            format!("(a, b) => ${ck}(Number(BigInt.{f}(64, BigInt(a) {o} BigInt(b))), \"combine bits\")")
        }
        "not" => {
            if t.signed() {
                format!("a => ${ck}(-a - 1, \"invert bits\")")
            } else {
                format!("a => $big(\"{n}\")")
            }
        }
        // `as` into a 64-bit type from a signed type: negative values of an
        // unsigned target are beyond 2^53.
        "as" => {
            if t.signed() {
                s("a => a")
            } else {
                format!("a => a < 0 ? $big(\"{n}\") : a")
            }
        }
        // Float to integer `as`: saturating, NaN to 0, like Rust.
        "f2i" => {
            if t.wide() {
                format!("v => v !== v ? 0 : (v = Math.trunc(v) + 0, v < {lo} ? ({lo} === 0 ? 0 : $big(\"{n}\")) : v > {hi} ? $big(\"{n}\") : v)")
            } else {
                format!("v => v !== v ? 0 : v <= {lo} ? {lo} : v >= {hi} ? {hi} : Math.trunc(v) + 0")
            }
        }
        "parse" => {
            let (lo, hi) = bounds(t);
            format!("s => $parse_int(s, {lo}, {hi}, {})", t.signed())
        }
        "sum" => format!("it => {{ let s = 0; for (const x of it) s = $add_{n}(s, x); return s; }}"),
        "product" => format!("it => {{ let s = 1; for (const x of it) s = $mul_{n}(s, x); return s; }}"),
        "reme" =>
            format!("(a, b) => {{ const r = $rem_{n}(a, b); return r < 0 ? (b < 0 ? r - b : r + b) : r; }}"),
        "dive" =>
            format!("(a, b) => {{ const q = $div_{n}(a, b), r = a % b; return r < 0 ? ${ck}(b > 0 ? q - 1 : q + 1, \"divide\") : q; }}"),
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
            body
        }
        "pow" =>
            format!(
                "(a, e) => {{ if (a === 0 || a === 1) return e === 0 ? 1 : a; if (a === -1) return e % 2 ? -1 : 1; let r = 1; for (let i = 0; i < e; i++) r = $mul_{n}(r, a); return r; }}"
            ),
        _ => return None,
    };
    Some(r)
}
