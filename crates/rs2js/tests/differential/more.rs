//! Less common methods: wrapping/checked/saturating families, bit
//! counting, more Vec, iterator and string methods, 64-bit integers.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn v() -> impl Strategy<Value = Vec<i32>> {
    proptest::collection::vec(-6i32..6, 0..8)
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (any::<i8>(), any::<i8>()),
            fn wrapping_i8(a: i8, b: i8) -> (i8, i8, i8, i8) {
                (
                    a.wrapping_add(b),
                    a.wrapping_sub(b),
                    a.wrapping_mul(b),
                    a.wrapping_neg(),
                )
            }
        ),
        case!(
            (any::<u16>(), any::<u16>()),
            fn wrapping_u16(a: u16, b: u16) -> (u16, u16, u16) {
                (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b))
            }
        ),
        case!(
            (any::<i32>(), any::<i32>()),
            fn wrapping_i32(a: i32, b: i32) -> (i32, i32, i32) {
                (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b))
            }
        ),
        case!(
            (
                any::<i32>(),
                prop_oneof![Just(0i32), Just(-1), any::<i32>()]
            ),
            fn checked_div_rem(a: i32, b: i32) -> (Option<i32>, Option<i32>, Option<i32>) {
                (a.checked_div(b), a.checked_rem(b), a.checked_mul(b))
            }
        ),
        case!(
            (any::<i16>(), any::<i16>()),
            fn saturating_i16(a: i16, b: i16) -> (i16, i16, i16) {
                (
                    a.saturating_add(b),
                    a.saturating_sub(b),
                    a.saturating_mul(b),
                )
            }
        ),
        case!(
            (any::<i32>(), prop_oneof![Just(0i32), -9i32..9]),
            fn euclid(a: i32, b: i32) -> (i32, i32) {
                (a.div_euclid(b), a.rem_euclid(b))
            }
        ),
        case!(
            (any::<u32>(),),
            fn bit_counts_u32(a: u32) -> (u32, u32, u32, u32) {
                (
                    a.count_ones(),
                    a.count_zeros(),
                    a.leading_zeros(),
                    a.trailing_zeros(),
                )
            }
        ),
        case!(
            (any::<i8>(),),
            fn bit_counts_i8(a: i8) -> (u32, u32, u32) {
                (a.count_ones(), a.leading_zeros(), a.trailing_zeros())
            }
        ),
        case!(
            (any::<u32>(),),
            fn pow2(a: u32) -> bool {
                a.is_power_of_two()
            }
        ),
        case!(
            (any::<i32>(), any::<i32>()),
            fn minmax_clamp(a: i32, b: i32) -> (i32, i32, i32, i32) {
                (a.min(b), a.max(b), a.clamp(-100, 100), std::cmp::max(a, b))
            }
        ),
        case!(
            (any::<i32>(),),
            fn signum_abs_diff(a: i32) -> (i32, u32, bool, bool) {
                (a.signum(), a.abs_diff(-5), a.is_positive(), a.is_negative())
            }
        ),
        case!(
            (-(1i64 << 40)..(1i64 << 40), -(1i64 << 12)..(1i64 << 12)),
            fn i64_ops(a: i64, b: i64) -> (i64, i64, i64, i64) {
                (a + b, a - b, a * b, a % (b | 1))
            }
        ),
        case!(
            (0u64..(1u64 << 50), 0u64..(1u64 << 50)),
            fn u64_ops(a: u64, b: u64) -> (u64, u64, bool) {
                (a + b, a / (b | 1), a < b)
            }
        ),
        case!(
            (0u64..(1u64 << 40), 0u64..(1u64 << 40)),
            fn u64_sub_overflow(a: u64, b: u64) -> u64 {
                a - b
            }
        ),
        case!(
            (-(1i64 << 40)..(1i64 << 40), -(1i64 << 40)..(1i64 << 40)),
            fn i64_bits(a: i64, b: i64) -> (i64, i64, i64, i64) {
                (a & b, a | b, a ^ b, !a)
            }
        ),
        case!(
            (any::<i32>(),),
            fn i32_to_i64_u64(a: i32) -> (i64, u16, i8) {
                (a as i64 * 3, a as u16, (a as i64) as i8)
            }
        ),
        case!(
            (v(),),
            fn v_dedup_by_key_swap_remove(v: Vec<i32>) -> (Vec<i32>, Option<i32>) {
                let mut a = v.clone();
                a.dedup_by_key(|x| *x / 2);
                let mut b = v;
                let r = if b.len() > 1 {
                    Some(b.swap_remove(0))
                } else {
                    None
                };
                (a, r.or(b.first().copied()))
            }
        ),
        case!(
            (v(), 0usize..10, -3i32..3),
            fn v_resize_fill(v: Vec<i32>, n: usize, x: i32) -> (Vec<i32>, Vec<i32>) {
                let mut a = v.clone();
                a.resize(n, x);
                let mut b = v;
                b.fill(x);
                (a, b)
            }
        ),
        case!(
            (v(),),
            fn v_sort_unstable_desc(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.sort_unstable();
                v.reverse();
                v
            }
        ),
        case!(
            (v(),),
            fn it_max_by_min_by(v: Vec<i32>) -> (Option<i32>, Option<i32>) {
                (
                    v.iter().copied().max_by(|a, b| (a % 3).cmp(&(b % 3))),
                    v.iter().copied().min_by(|a, b| a.abs().cmp(&b.abs())),
                )
            }
        ),
        case!(
            (v(),),
            fn it_chain_step_rev(v: Vec<i32>) -> Vec<i32> {
                v.iter()
                    .chain([7, 8].iter())
                    .rev()
                    .step_by(2)
                    .copied()
                    .collect()
            }
        ),
        case!(
            (v(),),
            fn it_find_map(v: Vec<i32>) -> Option<i32> {
                v.iter()
                    .find_map(|x| if *x > 2 { Some(x * 100) } else { None })
            }
        ),
        case!(
            ("[a-c ]{0,8}", 0usize..5),
            fn s_nth_char(s: String, n: usize) -> (Option<char>, Option<char>) {
                (s.chars().nth(n), s.chars().last())
            }
        ),
        case!(
            ("[a-c,]{0,8}", 1usize..4),
            fn s_splitn(s: String, n: usize) -> Vec<String> {
                s.splitn(n, ",").map(|x| x.to_string()).collect()
            }
        ),
        case!(
            ("[a-cé ]{0,8}",),
            fn s_insert_remove(s: String) -> String {
                let mut x = s.clone();
                x.insert(0, '>');
                if x.len() > 1 {
                    let c = x.remove(1);
                    x.push(c);
                }
                x.insert_str(0, "[]");
                x
            }
        ),
        case!(
            ("[a-cA-C]{0,8}", "[a-cA-C]{0,8}"),
            fn s_eq_ignore_case(a: String, b: String) -> bool {
                a.eq_ignore_ascii_case(&b)
            }
        ),
        case!(
            (proptest::option::of(-5i32..5),),
            fn o_map_or_else(o: Option<i32>) -> (i32, String) {
                (
                    o.map_or_else(|| -1, |x| x * 2),
                    o.map(|x| x.to_string()).unwrap_or_default(),
                )
            }
        ),
        case!(
            (prop_oneof![
                (-5i32..5).prop_map(Ok),
                "[a-z]{1,2}".prop_map(Err)
            ],),
            fn r_is_ok_and(r: Result<i32, String>) -> (bool, bool, i32) {
                (
                    r.clone().is_ok_and(|x| x > 0),
                    r.clone().is_err_and(|e| e.len() > 1),
                    r.map_or(0, |x| x + 1),
                )
            }
        ),
        case!(
            (-100.0f64..100.0, -4i32..4),
            fn powi_f(a: f64, n: i32) -> String {
                format!("{:?}", a.powi(n))
            }
        ),
        case!(
            (any::<u8>(), any::<u8>()),
            fn u8_char_math(a: u8, b: u8) -> String {
                let c = (b'a' + a % 26) as char;
                format!("{}{}", c, (b % 10) as char as u32)
            }
        ),
        case!(
            (-10i32..10,),
            fn ordering_values(a: i32) -> (bool, bool, i32) {
                let o = a.cmp(&0);
                (
                    o.is_lt(),
                    o.reverse().is_gt(),
                    match o {
                        std::cmp::Ordering::Less => -1,
                        std::cmp::Ordering::Equal => 0,
                        std::cmp::Ordering::Greater => 1,
                    },
                )
            }
        ),
        case!(
            (v(),),
            fn v_sort_by_then(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.sort_by(|a, b| (a % 2).cmp(&(b % 2)).then(b.cmp(a)));
                v
            }
        ),
    ]
}

#[test]
fn more() {
    run_group("more", "", cases(), 100);
}
