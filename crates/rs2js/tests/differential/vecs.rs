//! Vec methods, indexing, in-place mutation, aliasing.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn v() -> impl Strategy<Value = Vec<i32>> {
    proptest::collection::vec(-10i32..10, 0..8)
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (proptest::collection::vec("\\PC{0,3}", 0..6),),
            fn v_sort_strings(v: Vec<String>) -> Vec<String> {
                let mut v = v;
                v.sort();
                v
            }
        ),
        case!(
            (proptest::collection::vec((-3i32..3, "[ab]{0,2}"), 0..6),),
            fn v_sort_tuples(v: Vec<(i32, String)>) -> Vec<(i32, String)> {
                let mut v = v;
                v.sort();
                v.dedup();
                v
            }
        ),
        case!(
            (v(),),
            fn while_let_next(v: Vec<i32>) -> i32 {
                let mut it = v.iter();
                let mut s = 0;
                while let Some(x) = it.next() {
                    s = s * 3 + x;
                }
                s
            }
        ),
        case!(
            (v(),),
            fn rev_enumerate(v: Vec<i32>) -> Vec<(usize, i32)> {
                v.iter().rev().enumerate().map(|(i, x)| (i, *x)).collect()
            }
        ),
        case!(
            (v(), -10i32..10),
            fn v_push_pop(v: Vec<i32>, x: i32) -> (Vec<i32>, Option<i32>, usize) {
                let mut v = v;
                v.push(x);
                let p = v.pop();
                let q = v.pop();
                (v.clone(), p.or(q), v.len())
            }
        ),
        case!(
            (v(), 0usize..10, any::<i32>()),
            fn v_insert(v: Vec<i32>, i: usize, x: i32) -> Vec<i32> {
                let mut v = v;
                v.insert(i, x);
                v
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_remove(v: Vec<i32>, i: usize) -> (Vec<i32>, i32) {
                let mut v = v;
                let r = v.remove(i);
                (v, r)
            }
        ),
        case!(
            (v(),),
            fn v_retain(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.retain(|x| *x % 2 == 0);
                v
            }
        ),
        case!(
            (v(),),
            fn v_sort_dedup(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.sort();
                v.dedup();
                v
            }
        ),
        case!(
            (v(),),
            fn v_sort_by_key(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.sort_by_key(|x| x.abs());
                v
            }
        ),
        case!(
            (v(),),
            fn v_sort_by(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.sort_by(|a, b| b.cmp(a));
                v
            }
        ),
        case!(
            (v(), -10i32..10),
            fn v_contains(v: Vec<i32>, x: i32) -> (bool, bool) {
                (v.contains(&x), v.is_empty())
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_index(v: Vec<i32>, i: usize) -> i32 {
                v[i] * 2
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_index_assign(v: Vec<i32>, i: usize) -> Vec<i32> {
                let mut v = v;
                v[i] += 100;
                v[i] = v[i] * 2;
                v
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_get(v: Vec<i32>, i: usize) -> (Option<i32>, Option<i32>, Option<i32>) {
                (v.get(i).copied(), v.first().copied(), v.last().copied())
            }
        ),
        case!(
            (v(),),
            fn v_iter_mut(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                for x in v.iter_mut() {
                    *x = *x * 3 + 1;
                }
                for x in &mut v {
                    *x -= 1;
                }
                v
            }
        ),
        case!(
            (v(),),
            fn v_clone_independent(v: Vec<i32>) -> (Vec<i32>, Vec<i32>) {
                let a = v.clone();
                let mut b = a.clone();
                b.push(1);
                (a, b)
            }
        ),
        case!(
            (v(),),
            fn v_nested_alias(v: Vec<i32>) -> Vec<Vec<i32>> {
                let mut outer = vec![v.clone(), v];
                let first = outer[0].clone();
                outer[1].push(7);
                outer.push(first);
                outer
            }
        ),
        case!(
            (v(), 0usize..10, 0usize..10),
            fn v_slice(v: Vec<i32>, a: usize, b: usize) -> Vec<i32> {
                v[a..b].to_vec()
            }
        ),
        case!(
            (v(), v()),
            fn v_extend(a: Vec<i32>, b: Vec<i32>) -> Vec<i32> {
                let mut a = a;
                a.extend(b.iter().map(|x| x * 10));
                a
            }
        ),
        case!(
            (v(),),
            fn v_reverse_swap(v: Vec<i32>) -> Vec<i32> {
                let mut v = v;
                v.reverse();
                if v.len() > 1 {
                    v.swap(0, 1);
                }
                v
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_truncate_clear(v: Vec<i32>, n: usize) -> (Vec<i32>, usize) {
                let mut a = v.clone();
                a.truncate(n);
                let mut b = v;
                b.clear();
                (a, b.len())
            }
        ),
        case!(
            (0usize..6, -3i32..3),
            fn v_repeat(n: usize, x: i32) -> Vec<Vec<i32>> {
                let mut m = vec![vec![x; n]; 2];
                if n > 0 {
                    m[0][0] = 9;
                }
                m
            }
        ),
        case!(
            (v(),),
            fn v_equality(v: Vec<i32>) -> (bool, bool) {
                let w = v.clone();
                (v == w, v == vec![1, 2])
            }
        ),
        case!(
            (v(), v()),
            fn v_compare(a: Vec<i32>, b: Vec<i32>) -> (bool, bool) {
                (a < b, a >= b)
            }
        ),
        case!(
            (proptest::collection::vec("[ab]{0,2}", 0..5),),
            fn v_join(v: Vec<String>) -> (String, String) {
                (v.join("-"), v.concat())
            }
        ),
        case!(
            (v(),),
            fn v_windows_chunks(v: Vec<i32>) -> (Vec<i32>, Vec<usize>) {
                (
                    v.windows(2).map(|w| w[0] + w[1]).collect(),
                    v.chunks(3).map(|c| c.len()).collect(),
                )
            }
        ),
        case!(
            (v(),),
            fn v_slice_patterns(v: Vec<i32>) -> i32 {
                match v.as_slice() {
                    [] => 0,
                    [x] => *x,
                    [first, .., last] => first * 10 + last,
                }
            }
        ),
        case!(
            (v(), 0usize..10),
            fn v_split_off(v: Vec<i32>, i: usize) -> (Vec<i32>, Vec<i32>) {
                let mut a = v;
                let b = a.split_off(i);
                (a, b)
            }
        ),
    ]
}

#[test]
fn vecs() {
    run_group("vecs", "", cases(), 100);
}
