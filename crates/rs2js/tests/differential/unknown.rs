//! Values whose types the translator does not know: the structs below are
//! compiled as Rust but their definitions are *not* given to the
//! translator, so every field read has an unknown type. rustc has checked
//! the functions, and `{}`, `to_string()`, `!` and `==` must still
//! agree with Rust on every value that reaches the browser (serde JSON
//! forms of strings, chars, bools and numbers).

use proptest::prelude::*;
use serde::Serialize;

use crate::harness::{run_group, Case};

/// A row of primitive fields (like a todo item the `view!` macro cannot
/// see the definition of).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub s: String,
    pub i: i32,
    pub n: i64,
    pub u: u8,
    pub f: f64,
    /// Only read where its type becomes known: an `f32` of unknown type
    /// displays right only if its JSON has the shortest `f32` digits
    /// (`serde_json::to_string` writes them; `to_value`, used by this
    /// harness for inputs, widens to `f64` digits).
    pub g: f32,
    pub b: bool,
    pub c: char,
    pub v: Vec<i32>,
}

/// Floats whose Rust `Display` is easy to get wrong in JS: exponent
/// thresholds (1e21, 1e-7), inexact sums, negative zero, integral values.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(1e21),
        Just(-1e21),
        Just(1e22),
        Just(1e-7),
        Just(5e-324),
        Just(0.1 + 0.2),
        Just(-0.0),
        Just(0.0),
        Just(2.0),
        Just(1e16),
        Just(123456789012345680000.0),
        Just(f64::MAX),
        -1e6f64..1e6,
        any::<f64>().prop_filter("finite (NaN and infinities reach JS as null)", |x| x
            .is_finite()),
    ]
}

fn float32() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(0.1f32),
        Just(16777217.0f32),
        Just(-0.0f32),
        Just(1e-7f32),
        Just(f32::MAX),
        any::<f32>().prop_filter("finite", |x| x.is_finite()),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        "[a-zé漢😀 \u{301}]{0,7}",
        any::<i32>(),
        -9007199254740991i64..=9007199254740991,
        any::<u8>(),
        float(),
        float32(),
        any::<bool>(),
        prop_oneof![Just('😀'), Just('é'), Just(' '), any::<char>()],
        proptest::collection::vec(-3i32..3, 0..3),
    )
        .prop_map(|(s, i, n, u, f, g, b, c, v)| Row {
            s,
            i,
            n,
            u,
            f,
            g,
            b,
            c,
            v,
        })
}

/// Two rows that often share fields, so equal values are compared too.
fn two_rows() -> impl Strategy<Value = (Row, Row)> {
    (row(), row(), any::<u8>()).prop_map(|(a, mut b, mask)| {
        if mask & 1 != 0 {
            b.s = a.s.clone();
        }
        if mask & 2 != 0 {
            b.i = a.i;
        }
        if mask & 4 != 0 {
            b.f = -a.f;
        }
        if mask & 8 != 0 {
            b.b = a.b;
        }
        if mask & 16 != 0 {
            b.c = a.c;
        }
        if mask & 32 != 0 {
            b.v = a.v.clone();
        }
        (a, b)
    })
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (row(),),
            fn unknown_display_each(r: Row) -> String {
                format!("{}|{}|{}|{}|{}|{}|{}", r.s, r.i, r.n, r.u, r.f, r.b, r.c)
            }
        ),
        case!(
            (row(),),
            fn unknown_to_string(r: Row) -> Vec<String> {
                vec![
                    r.s.to_string(),
                    r.i.to_string(),
                    r.n.to_string(),
                    r.f.to_string(),
                    r.b.to_string(),
                    r.c.to_string(),
                ]
            }
        ),
        case!(
            (row(),),
            fn unknown_width_fill_align(r: Row) -> String {
                format!(
                    "[{:>8}][{:<6}][{:^7}][{:*^9}][{:8}][{:6}][{:+}][{:08}][{:+012}][{:<5}][{:-^11}]",
                    r.s, r.i, r.b, r.c, r.i, r.s, r.i, r.i, r.f, r.f, r.n
                )
            }
        ),
        case!(
            (row(),),
            fn unknown_precision_on_text(r: Row) -> String {
                format!(
                    "[{:.3}][{:.2}][{:.0}][{:8.2}][{:>6.1}][{:.0}]",
                    r.s, r.b, r.c, r.s, r.c, r.s
                )
            }
        ),
        case!(
            (any::<bool>(), any::<char>()),
            fn known_bool_char_precision(b: bool, c: char) -> String {
                format!("[{:.2}][{:.0}][{:>5.1}][{:.1}][{:<3.0}]", b, b, b, c, c)
            }
        ),
        case!(
            (row(),),
            fn unknown_precision_known_later(r: Row) -> String {
                // The type is only fixed after the `format!`: the helper is
                // told it when lowering ends.
                let f = r.f;
                let i = r.i;
                let g = r.g;
                let s = format!("{:.3}|{:.2}|{:.1}|{}", f, i, g, g);
                let _x: f64 = f;
                let _y: i32 = i;
                let _z: f32 = g;
                s
            }
        ),
        case!(
            (row(),),
            fn unknown_not_bool(r: Row) -> (bool, bool, i32) {
                let k = if !r.b { 1 } else { 2 };
                (!r.b, !!r.b, k)
            }
        ),
        case!(
            (row(),),
            fn unknown_not_int_known_later(r: Row) -> (i32, u8) {
                let a = r.i;
                let b = r.u;
                let x = !a;
                let y = !b;
                let _p: i32 = a;
                let _q: u8 = b;
                (x, y)
            }
        ),
        case!(
            (two_rows(),),
            fn unknown_equality(p: (Row, Row)) -> Vec<bool> {
                let (a, b) = p;
                vec![
                    a.s == b.s,
                    a.s != b.s,
                    a.i == b.i,
                    a.f == b.f,
                    a.f != b.f,
                    a.b == b.b,
                    a.c == b.c,
                    a.v == b.v,
                    a.v != b.v,
                ]
            }
        ),
        case!(
            (two_rows(),),
            fn unknown_order_annotated(p: (Row, Row)) -> Vec<bool> {
                // Ordering needs the type (an unknown one is refused): one
                // annotation settles both operands.
                let (a, b) = p;
                let (s, i, f, x, c, v): (String, i32, f64, bool, char, Vec<i32>) =
                    (a.s, a.i, a.f, a.b, a.c, a.v);
                vec![
                    s < b.s,
                    s >= b.s,
                    i < b.i,
                    f <= b.f,
                    f > b.f,
                    x < b.b,
                    c > b.c,
                    v < b.v,
                ]
            }
        ),
    ]
}

#[test]
fn unknown() {
    run_group("unknown", "", cases(), 64);
}
