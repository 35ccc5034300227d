//! `format!`: Display and Debug per type, width, fill, alignment, sign,
//! zero padding, precision, radix.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

#[allow(clippy::excessive_precision)]
fn fl() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        -1.0f64..1.0,
        Just(0.5),
        // An exact tie between two shortest digit strings (Rust takes the larger).
        Just(232078167391984.125),
        Just(-5e-324),
        Just(2.5),
        Just(-2.5),
        Just(0.125),
        Just(1e21),
        Just(1e-7),
        Just(123456789012345680.0),
        Just(-0.0),
        Just(1e16),
        Just(0.0001),
        Just(0.00001)
    ]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (any::<i32>(),),
            fn fmt_int(a: i32) -> String {
                format!(
                    "[{}] [{:5}] [{:<5}] [{:^5}] [{:>5}] [{:05}] [{:+}]",
                    a, a, a, a, a, a, a
                )
            }
        ),
        case!(
            (any::<i32>(),),
            fn fmt_int_fill(a: i32) -> String {
                format!("[{:*^9}] [{:->8}] [{:_<7}]", a % 1000, a % 100, a % 10)
            }
        ),
        case!(
            (any::<i32>(), any::<u8>()),
            fn fmt_radix(a: i32, b: u8) -> String {
                format!(
                    "{:x} {:X} {:o} {:b} {:#x} {:#010b} {:08X}",
                    a, a, b, b, b, b, a
                )
            }
        ),
        case!(
            (fl(),),
            fn fmt_float_display(a: f64) -> String {
                format!("{} {}", a, -a)
            }
        ),
        case!(
            (fl(),),
            fn fmt_float_debug(a: f64) -> String {
                format!("{:?}", a)
            }
        ),
        case!(
            (fl(),),
            fn fmt_float_precision(a: f64) -> String {
                format!(
                    "{:.0} {:.1} {:.2} {:.3} {:8.2} {:+.1} {:08.3}",
                    a, a, a, a, a, a, a
                )
            }
        ),
        case!(
            (fl(),),
            fn fmt_float_exp(a: f64) -> String {
                format!("{:e}", a)
            }
        ),
        case!(
            (-1000.0f32..1000.0,),
            fn fmt_f32(a: f32) -> String {
                format!("{} {:?} {:.2}", a, a, a)
            }
        ),
        case!(
            ("\\PC{0,6}",),
            fn fmt_str(s: String) -> String {
                format!(
                    "[{}] [{:6}] [{:>6}] [{:^6}] [{:.2}] [{:?}]",
                    s, s, s, s, s, s
                )
            }
        ),
        case!(
            (any::<char>(), any::<bool>()),
            fn fmt_char_bool(c: char, b: bool) -> String {
                format!("{} {:?} {} {:?} {:>6}", c, c, b, b, b)
            }
        ),
        case!(
            (
                proptest::collection::vec(-5i32..5, 0..4),
                proptest::option::of(-3i32..3)
            ),
            fn fmt_debug_compound(v: Vec<i32>, o: Option<i32>) -> String {
                format!("{:?} {:?} {:?}", v, o, (v.len(), o, "x"))
            }
        ),
        case!(
            (proptest::collection::vec("[a\"\\\\\n]{0,3}", 0..3),),
            fn fmt_debug_strings(v: Vec<String>) -> String {
                format!("{:?}", v)
            }
        ),
        case!(
            (any::<i32>(), "[a-z]{0,4}"),
            fn fmt_named_inline(a: i32, s: String) -> String {
                let width = 3;
                let _ = width;
                format!("{a}-{s}-{x}-{0}-{0:?}", s, x = a * 2)
            }
        ),
        case!(
            (any::<i32>(),),
            fn fmt_escapes(a: i32) -> String {
                format!("{{{}}} {{}}", a)
            }
        ),
        case!(
            (proptest::option::of(-3i32..3),),
            fn fmt_result_debug(o: Option<i32>) -> String {
                let r: Result<i32, String> = o.ok_or("no".to_string());
                format!("{:?}", r)
            }
        ),
        case!(
            (-3.0f64..3.0,),
            fn fmt_zero_pad_non_finite(a: f64) -> String {
                let z = a - a;
                format!(
                    "[{:06}] [{:06.1}] [{:+07}] [{:07?}] [{:06}] [{:+06}]",
                    a / z,
                    -1.0 / z,
                    1.0 / z,
                    a,
                    z / z,
                    z / z
                )
            }
        ),
        case!(
            (any::<i32>(), any::<bool>(), -1e3f64..1e3),
            fn fmt_debug_width_primitives(a: i32, b: bool, f: f64) -> String {
                format!("[{:6?}] [{:<7?}] [{:9.2?}] [{:+?}]", a, b, f, a)
            }
        ),
        case!(
            (any::<i32>(),),
            fn to_string_parse_roundtrip(a: i32) -> bool {
                a.to_string().parse::<i32>() == Ok(a)
            }
        ),
        case!(
            (fl(),),
            fn float_to_string(a: f64) -> String {
                a.to_string()
            }
        ),
        case!(
            (any::<u32>(),),
            fn fmt_width_unicode(a: u32) -> String {
                format!("[{:é>6}] [{:😀<4}]", a % 100, "ab")
            }
        ),
        case!(
            (any::<i32>(),),
            fn panics_with_format(a: i32) -> i32 {
                if a % 3 == 0 {
                    panic!("bad value {}", a);
                }
                a / 3
            }
        ),
        case!(
            (any::<i32>(),),
            fn assert_macros(a: i32) -> i32 {
                assert!(a != 7);
                assert_eq!(a % 11 != 0, true, "multiple of 11");
                assert_ne!(a, 13);
                a
            }
        ),
    ]
}

#[test]
fn fmt() {
    run_group("fmt", "", cases(), 100);
}
