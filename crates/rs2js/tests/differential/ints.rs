//! Integer arithmetic, overflow, division, casts, bit operations.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn i32e() -> impl Strategy<Value = i32> {
    prop_oneof![
        any::<i32>(),
        -5i32..5,
        Just(i32::MIN),
        Just(i32::MAX),
        Just(-1)
    ]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (i32e(), i32e()),
            fn add_i32(a: i32, b: i32) -> i32 {
                a + b
            }
        ),
        case!(
            (i32e(), i32e()),
            fn sub_i32(a: i32, b: i32) -> i32 {
                a - b
            }
        ),
        case!(
            (i32e(), i32e()),
            fn mul_i32(a: i32, b: i32) -> i32 {
                a * b
            }
        ),
        case!(
            (i32e(), i32e()),
            fn div_i32(a: i32, b: i32) -> i32 {
                a / b
            }
        ),
        case!(
            (i32e(), i32e()),
            fn rem_i32(a: i32, b: i32) -> i32 {
                a % b
            }
        ),
        case!(
            (i32e(),),
            fn neg_i32(a: i32) -> i32 {
                -a
            }
        ),
        case!(
            (any::<u8>(), any::<u8>()),
            fn add_u8(a: u8, b: u8) -> u8 {
                a + b
            }
        ),
        case!(
            (any::<u32>(), any::<u32>()),
            fn sub_u32(a: u32, b: u32) -> u32 {
                a - b
            }
        ),
        case!(
            (any::<u32>(), any::<u32>()),
            fn mul_u32(a: u32, b: u32) -> u32 {
                a.wrapping_mul(b)
            }
        ),
        case!(
            (any::<i16>(), any::<i16>()),
            fn mul_i16(a: i16, b: i16) -> i16 {
                a * b
            }
        ),
        case!(
            (i32e(),),
            fn cast_i32_u8(a: i32) -> u8 {
                a as u8
            }
        ),
        case!(
            (i32e(),),
            fn cast_i32_i8(a: i32) -> i8 {
                a as i8
            }
        ),
        case!(
            (i32e(),),
            fn cast_i32_u32(a: i32) -> u32 {
                a as u32
            }
        ),
        case!(
            (any::<u32>(),),
            fn cast_u32_i32(a: u32) -> i32 {
                a as i32
            }
        ),
        case!(
            (any::<f64>(),),
            fn cast_f64_i32(a: f64) -> i32 {
                a as i32
            }
        ),
        case!(
            (i32e(), i32e()),
            fn bit_ops(a: i32, b: i32) -> (i32, i32, i32, i32) {
                (a & b, a | b, a ^ b, !a)
            }
        ),
        case!(
            (i32e(), 0u32..40),
            fn shifts(a: i32, b: u32) -> (i32, i32) {
                (a << b, a >> b)
            }
        ),
        case!(
            (-2000i64..2000, -2000i64..2000),
            fn i64_math(a: i64, b: i64) -> i64 {
                a * b * 1000 + a / (b | 1)
            }
        ),
        case!(
            (i32e(), 0u32..12),
            fn pow_i32(a: i32, b: u32) -> i32 {
                a.pow(b)
            }
        ),
        case!(
            (i32e(), i32e()),
            fn checked(a: i32, b: i32) -> Option<i32> {
                a.checked_add(b)
            }
        ),
        case!(
            (i32e(), i32e()),
            fn rem_euclid(a: i32, b: i32) -> i32 {
                a.rem_euclid(b)
            }
        ),
        case!(
            (i32e(),),
            fn abs_i32(a: i32) -> i32 {
                a.abs()
            }
        ),
        case!(
            (any::<u8>(), any::<u8>()),
            fn saturating_u8(a: u8, b: u8) -> (u8, u8) {
                (a.saturating_add(b), a.saturating_sub(b))
            }
        ),
        case!(
            (i32e(), i32e()),
            fn compare(a: i32, b: i32) -> (bool, bool, bool, bool) {
                (a < b, a <= b, a == b, a != b)
            }
        ),
        case!(
            (any::<u8>(),),
            fn literal_typed_later(a: u8) -> u8 {
                let mut x = 200;
                x += a;
                let y: u8 = x;
                y
            }
        ),
        case!(
            (proptest::collection::vec(any::<u32>(), 0..5),),
            fn literal_u64_sum(v: Vec<u32>) -> u64 {
                let mut t = 0;
                for x in v.iter() {
                    t += *x as u64 * 1000;
                }
                t
            }
        ),
        case!(
            (any::<u16>(), 0u32..20),
            fn shift_literal_typed_later(a: u16, n: u32) -> u16 {
                let one = 1;
                let m = one << n;
                a ^ m
            }
        ),
        case!(
            (i32e(),),
            fn literal_default_i32(a: i32) -> i32 {
                let x = 2147483600;
                x + a
            }
        ),
    ]
}

#[test]
fn ints() {
    run_group("ints", "", cases(), 128);
}
