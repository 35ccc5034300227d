//! f64/f32 arithmetic and methods.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn f() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        -10.0f64..10.0,
        Just(0.0),
        Just(-0.0),
        Just(0.5),
        Just(-2.5),
        Just(1e300),
        (-100i32..100).prop_map(|x| x as f64 / 4.0)
    ]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (f(), f()),
            fn f_arith(a: f64, b: f64) -> (f64, f64, f64, f64) {
                (a + b, a - b, a * b, a / b)
            }
        ),
        case!(
            (f(), f()),
            fn f_rem(a: f64, b: f64) -> String {
                format!("{}", a % b)
            }
        ),
        case!(
            (f(),),
            fn f_div_zero(a: f64) -> String {
                format!("{} {}", a / 0.0, -a / 0.0)
            }
        ),
        case!(
            (f(),),
            fn f_round(a: f64) -> (f64, f64, f64, f64) {
                (a.round(), a.floor(), a.ceil(), a.trunc())
            }
        ),
        case!(
            (f(),),
            fn f_sqrt_abs(a: f64) -> String {
                format!("{} {}", a.abs().sqrt(), a.abs())
            }
        ),
        case!(
            (f(), f()),
            fn f_minmax(a: f64, b: f64) -> (f64, f64) {
                (a.max(b), a.min(b))
            }
        ),
        case!(
            (f(),),
            fn f_signum(a: f64) -> String {
                format!("{}", a.signum())
            }
        ),
        case!(
            (f(), -6i32..6),
            fn f_powi(a: f64, n: i32) -> String {
                format!("{}", a.powi(n))
            }
        ),
        case!(
            (f(),),
            fn f_cast_int(a: f64) -> (i32, u8, i16, u64) {
                (a as i32, a as u8, a as i16, (a / 1e290) as u64)
            }
        ),
        case!(
            (any::<i32>(),),
            fn int_to_float(a: i32) -> f64 {
                a as f64 / 2.0
            }
        ),
        case!(
            (f(), f()),
            fn f_compare(a: f64, b: f64) -> (bool, bool, bool) {
                (a < b, a == b, a >= b)
            }
        ),
        case!(
            (f(),),
            fn f_nan_checks(a: f64) -> (bool, bool, bool) {
                let n = a / 0.0 - a / 0.0;
                (n.is_nan(), a.is_finite(), (a * 1e308 * 10.0).is_infinite())
            }
        ),
        case!(
            (-1000.0f32..1000.0, -1000.0f32..1000.0),
            fn f32_arith(a: f32, b: f32) -> String {
                format!("{} {} {}", a + b, a * b, a / b)
            }
        ),
        case!(
            (f(), 0.0f64..10.0, 10.0f64..20.0),
            fn f_clamp(a: f64, lo: f64, hi: f64) -> f64 {
                a.clamp(lo, hi)
            }
        ),
        case!(
            (f(),),
            fn f_fract(a: f64) -> String {
                format!("{:.6}", a.fract())
            }
        ),
        case!(
            (proptest::collection::vec(f(), 0..6),),
            fn f_sum(v: Vec<f64>) -> String {
                let s: f64 = v.iter().sum();
                format!("{}", s)
            }
        ),
    ]
}

#[test]
fn floats() {
    run_group("floats", "", cases(), 128);
}
