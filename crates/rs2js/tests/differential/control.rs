//! Control flow: blocks, if/else, if let, match, loops, labels, return.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn small() -> impl Strategy<Value = i32> {
    -20i32..20
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (small(),),
            fn block_expr(a: i32) -> i32 {
                let b = {
                    let c = a * 2;
                    c + 1
                };
                b * 3
            }
        ),
        case!(
            (small(),),
            fn if_else_chain(a: i32) -> &'static str {
                if a < -5 {
                    "low"
                } else if a < 5 {
                    "mid"
                } else {
                    "high"
                }
            }
        ),
        case!(
            (small(),),
            fn if_value_in_call(a: i32) -> i32 {
                let v = vec![1, 2];
                v.len() as i32 + if a > 0 { a } else { -a }
            }
        ),
        case!(
            (small(),),
            fn match_literals(a: i32) -> i32 {
                match a {
                    0 => 100,
                    1 | 2 | 3 => 200,
                    -5..=-1 => 300,
                    x if x > 10 => x * 2,
                    _ => -1,
                }
            }
        ),
        case!(
            (any::<char>(),),
            fn match_char_ranges(c: char) -> u8 {
                match c {
                    'a'..='z' => 1,
                    'A'..='Z' => 2,
                    '0'..='9' => 3,
                    _ => 0,
                }
            }
        ),
        case!(
            (small(), small()),
            fn match_tuple(a: i32, b: i32) -> i32 {
                match (a > 0, b > 0) {
                    (true, true) => 1,
                    (true, false) => 2,
                    (false, true) => 3,
                    (false, false) => 4,
                }
            }
        ),
        case!(
            (small(),),
            fn match_binding_guard(a: i32) -> String {
                match a {
                    n @ 0..=9 => format!("digit {}", n),
                    n if n % 2 == 0 => format!("even {}", n),
                    n => format!("other {}", n),
                }
            }
        ),
        case!(
            (0i32..50,),
            fn while_loop(n: i32) -> i32 {
                let mut i = 0;
                let mut s = 0;
                while i < n {
                    s += i;
                    i += 1;
                }
                s
            }
        ),
        case!(
            (0i32..50,),
            fn loop_break_value(n: i32) -> i32 {
                let mut i = 0;
                let r = loop {
                    i += 3;
                    if i > n {
                        break i * 2;
                    }
                };
                r
            }
        ),
        case!(
            (0i32..10, 0i32..10),
            fn labeled_break(a: i32, b: i32) -> i32 {
                let mut c = 0;
                'outer: for i in 0..10 {
                    for j in 0..10 {
                        if i == a && j == b {
                            break 'outer;
                        }
                        if j > i {
                            continue 'outer;
                        }
                        c += 1;
                    }
                }
                c
            }
        ),
        case!(
            (0i32..30,),
            fn for_range_inclusive(n: i32) -> i32 {
                let mut s = 0;
                for i in 1..=n {
                    s += i * i;
                }
                s
            }
        ),
        case!(
            (0i32..30,),
            fn for_rev_step(n: i32) -> Vec<i32> {
                let mut v = Vec::new();
                for i in (0..n).rev().step_by(3) {
                    v.push(i);
                }
                v
            }
        ),
        case!(
            (small(),),
            fn early_return(a: i32) -> i32 {
                if a < 0 {
                    return -1;
                }
                let b = a * 2;
                if b > 20 {
                    return 20;
                }
                b
            }
        ),
        case!(
            (0i32..100,),
            fn labeled_block(a: i32) -> i32 {
                let r = 'b: {
                    if a % 2 == 0 {
                        break 'b 1;
                    }
                    if a % 3 == 0 {
                        break 'b 2;
                    }
                    3
                };
                r
            }
        ),
        case!(
            (small(),),
            fn shadowing(a: i32) -> i32 {
                let x = a;
                let x = x * 2;
                {
                    let x = x + 1;
                    let _ = x;
                }
                let x = x - 1;
                x
            }
        ),
        case!(
            (0u32..20,),
            fn nested_loops_continue(n: u32) -> u32 {
                let mut count = 0;
                for i in 0..n {
                    if i % 2 == 0 {
                        continue;
                    }
                    let mut j = 0;
                    while j < i {
                        j += 1;
                        if j == 3 {
                            break;
                        }
                        count += 1;
                    }
                }
                count
            }
        ),
        case!(
            (small(),),
            fn mut_in_branches(a: i32) -> i32 {
                let mut x = 0;
                if a > 0 {
                    x += a;
                } else if a < 0 {
                    x -= a;
                } else {
                    x = 42;
                }
                x
            }
        ),
        case!(
            (0i32..200,),
            fn collatz(n: i32) -> u32 {
                let mut n = n.max(1);
                let mut steps = 0;
                while n != 1 {
                    n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
                    steps += 1;
                }
                steps
            }
        ),
        case!(
            (small(),),
            fn let_else(a: i32) -> i32 {
                let v = if a > 0 { Some(a) } else { None };
                let Some(x) = v else {
                    return 0;
                };
                x * 10
            }
        ),
        case!(
            (small(),),
            fn while_let_pop(a: i32) -> i32 {
                let mut v = vec![1, 2, 3, a];
                let mut s = 0;
                while let Some(x) = v.pop() {
                    s = s * 2 + x;
                }
                s
            }
        ),
        case!(
            (small(), small()),
            fn and_or_short_circuit(a: i32, b: i32) -> bool {
                let v = vec![a];
                (a > 0 && v[0] > 1) || (b != 0 && a / b > 1)
            }
        ),
        case!(
            (small(),),
            fn loop_in_expression(a: i32) -> i32 {
                1 + loop {
                    if a > 0 {
                        break a;
                    }
                    break 0;
                }
            }
        ),
        case!(
            (small(),),
            fn match_in_match(a: i32) -> i32 {
                match a % 3 {
                    0 => match a % 2 {
                        0 => 6,
                        _ => 3,
                    },
                    1 => {
                        let b = a * 2;
                        b
                    }
                    _ => -1,
                }
            }
        ),
        case!(
            (small(),),
            fn unit_if_statement(a: i32) -> i32 {
                let mut v = Vec::new();
                if a > 0 {
                    v.push(a);
                }
                v.len() as i32
            }
        ),
    ]
}

#[test]
fn control() {
    run_group("control", "", cases(), 100);
}
