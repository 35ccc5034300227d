//! Iterator chains: laziness, short-circuiting, adapters, consumers.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn v() -> impl Strategy<Value = Vec<i32>> {
    proptest::collection::vec(-10i32..10, 0..8)
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (v(),),
            fn it_map_filter(v: Vec<i32>) -> Vec<i32> {
                v.iter().map(|x| x * 2).filter(|x| *x > 0).collect()
            }
        ),
        case!(
            (v(),),
            fn it_sum_count(v: Vec<i32>) -> (i32, usize, i32) {
                (
                    v.iter().sum(),
                    v.iter().filter(|x| **x < 0).count(),
                    v.iter().product::<i32>(),
                )
            }
        ),
        case!(
            (v(),),
            fn it_any_all(v: Vec<i32>) -> (bool, bool) {
                (v.iter().any(|x| *x > 5), v.iter().all(|&x| x > -5))
            }
        ),
        case!(
            (v(),),
            fn it_find_position(v: Vec<i32>) -> (Option<i32>, Option<usize>) {
                (
                    v.iter().find(|x| **x % 3 == 0).copied(),
                    v.iter().position(|x| *x < 0),
                )
            }
        ),
        case!(
            (v(),),
            fn it_enumerate(v: Vec<i32>) -> Vec<(usize, i32)> {
                v.iter().enumerate().map(|(i, x)| (i, *x)).collect()
            }
        ),
        case!(
            (v(), v()),
            fn it_zip(a: Vec<i32>, b: Vec<i32>) -> Vec<i32> {
                a.iter().zip(b.iter()).map(|(x, y)| x * y).collect()
            }
        ),
        case!(
            (v(),),
            fn it_max_min(v: Vec<i32>) -> (Option<i32>, Option<i32>) {
                (v.iter().max().copied(), v.iter().min().copied())
            }
        ),
        case!(
            (v(),),
            fn it_max_by_key(v: Vec<i32>) -> (Option<(usize, i32)>, Option<(usize, i32)>) {
                let w: Vec<(usize, i32)> = v.iter().copied().enumerate().collect();
                (
                    w.iter().copied().max_by_key(|p| p.1.abs()),
                    w.iter().copied().min_by_key(|p| p.1.abs()),
                )
            }
        ),
        case!(
            (v(),),
            fn it_fold(v: Vec<i32>) -> i32 {
                v.iter().fold(1, |acc, x| acc * 3 + x)
            }
        ),
        case!(
            (v(),),
            fn it_skip_take(v: Vec<i32>) -> (Vec<i32>, Vec<i32>) {
                (
                    v.iter().skip(2).copied().collect(),
                    v.iter().take(3).copied().collect(),
                )
            }
        ),
        case!(
            (v(),),
            fn it_rev_chain(v: Vec<i32>) -> Vec<i32> {
                v.iter().rev().chain(v.iter()).copied().collect()
            }
        ),
        case!(
            (v(),),
            fn it_lazy_short_circuit(v: Vec<i32>) -> bool {
                v.iter().map(|x| 100 / x).any(|y| y > 30)
            }
        ),
        case!(
            (v(),),
            fn it_filter_map(v: Vec<i32>) -> Vec<i32> {
                v.iter()
                    .filter_map(|x| if *x > 0 { Some(x * x) } else { None })
                    .collect()
            }
        ),
        case!(
            (v(),),
            fn it_flat_map(v: Vec<i32>) -> Vec<i32> {
                v.iter().flat_map(|x| vec![*x, -x]).collect()
            }
        ),
        case!(
            (v(),),
            fn it_take_while_skip_while(v: Vec<i32>) -> (Vec<i32>, Vec<i32>) {
                (
                    v.iter().copied().take_while(|x| *x < 5).collect(),
                    v.iter().copied().skip_while(|x| *x < 5).collect(),
                )
            }
        ),
        case!(
            (0i32..20,),
            fn range_iter(n: i32) -> (i32, Vec<i32>) {
                (
                    (0..n).map(|x| x * x).sum(),
                    (1..=n).filter(|x| x % 4 == 0).collect(),
                )
            }
        ),
        case!(
            (v(),),
            fn it_partition(v: Vec<i32>) -> (Vec<i32>, Vec<i32>) {
                v.into_iter().partition(|x| *x >= 0)
            }
        ),
        case!(
            (v(),),
            fn it_last_nth(v: Vec<i32>) -> (Option<i32>, Option<i32>) {
                (v.iter().copied().last(), v.iter().copied().nth(2))
            }
        ),
        case!(
            ("[a-z ]{0,12}",),
            fn it_words(s: String) -> Vec<String> {
                s.split_whitespace()
                    .map(|w| w.chars().rev().collect::<String>())
                    .filter(|w| w.len() > 1)
                    .collect()
            }
        ),
        case!(
            (v(),),
            fn it_for_each(v: Vec<i32>) -> i32 {
                let mut total = 0;
                v.iter().for_each(|x| total += x);
                total
            }
        ),
        case!(
            (v(),),
            fn it_sum_overflow(v: Vec<i32>) -> i32 {
                v.iter().map(|x| x * 400_000_000).sum()
            }
        ),
        case!(
            (v(),),
            fn it_next(v: Vec<i32>) -> (Option<i32>, Option<i32>) {
                let mut it = v.iter();
                let a = it.next().copied();
                let b = it.next().copied();
                (a, b)
            }
        ),
        case!(
            (v(),),
            fn it_collect_string(v: Vec<i32>) -> String {
                v.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<String>>()
                    .join(",")
            }
        ),
    ]
}

#[test]
fn iters() {
    run_group("iters", "", cases(), 100);
}
