//! Option, Result and the `?` operator.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn oi() -> impl Strategy<Value = Option<i32>> {
    proptest::option::of(-10i32..10)
}

fn ri() -> impl Strategy<Value = Result<i32, String>> {
    prop_oneof![(-10i32..10).prop_map(Ok), "[a-z]{1,3}".prop_map(Err)]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (oi(),),
            fn o_basic(o: Option<i32>) -> (bool, bool, i32, i32) {
                (
                    o.is_some(),
                    o.is_none(),
                    o.unwrap_or(7),
                    o.unwrap_or_default(),
                )
            }
        ),
        case!(
            (oi(),),
            fn o_map(o: Option<i32>) -> (Option<i32>, Option<String>) {
                (o.map(|x| x * 2), o.map(|x| format!("<{}>", x)))
            }
        ),
        case!(
            (oi(),),
            fn o_and_then(o: Option<i32>) -> Option<i32> {
                o.and_then(|x| if x > 0 { Some(x - 1) } else { None })
            }
        ),
        case!(
            (oi(),),
            fn o_filter_or(o: Option<i32>) -> (Option<i32>, Option<i32>) {
                (o.filter(|x| *x % 2 == 0), o.or(Some(99)))
            }
        ),
        case!(
            (oi(),),
            fn o_unwrap(o: Option<i32>) -> i32 {
                o.unwrap() + 1
            }
        ),
        case!(
            (oi(),),
            fn o_expect(o: Option<i32>) -> i32 {
                o.expect("need a value")
            }
        ),
        case!(
            (oi(), oi()),
            fn o_zip_xor(a: Option<i32>, b: Option<i32>) -> (Option<(i32, i32)>, Option<i32>) {
                (a.zip(b), a.xor(b))
            }
        ),
        case!(
            (oi(),),
            fn o_ok_or(o: Option<i32>) -> Result<i32, String> {
                o.ok_or("none".to_string())
            }
        ),
        case!(
            (oi(),),
            fn o_map_or(o: Option<i32>) -> (i32, bool, bool) {
                (
                    o.map_or(-1, |x| x * 3),
                    o.is_some_and(|x| x > 2),
                    o.is_none_or(|x| x < 0),
                )
            }
        ),
        case!(
            (oi(),),
            fn o_take(o: Option<i32>) -> (Option<i32>, Option<i32>) {
                let mut a = o;
                let b = a.take();
                (a, b)
            }
        ),
        case!(
            (oi(),),
            fn o_if_let(o: Option<i32>) -> i32 {
                if let Some(x) = o {
                    x * x
                } else {
                    -1
                }
            }
        ),
        case!(
            (oi(),),
            fn o_match(o: Option<i32>) -> &'static str {
                match o {
                    Some(0) => "zero",
                    Some(x) if x < 0 => "neg",
                    Some(_) => "pos",
                    None => "none",
                }
            }
        ),
        case!(
            (oi(), oi()),
            fn o_question(a: Option<i32>, b: Option<i32>) -> Option<i32> {
                let x = a?;
                let y = b?;
                Some(x + y)
            }
        ),
        case!(
            (oi(),),
            fn o_eq(o: Option<i32>) -> (bool, bool) {
                (o == Some(3), o != None)
            }
        ),
        case!(
            (ri(),),
            fn r_basic(r: Result<i32, String>) -> (bool, bool, i32, Option<i32>, Option<String>) {
                (
                    r.is_ok(),
                    r.is_err(),
                    r.clone().unwrap_or(5),
                    r.clone().ok(),
                    r.err(),
                )
            }
        ),
        case!(
            (ri(),),
            fn r_map(r: Result<i32, String>) -> (Result<i32, String>, Result<i32, usize>) {
                (r.clone().map(|x| x + 1), r.map_err(|e| e.len()))
            }
        ),
        case!(
            (ri(),),
            fn r_and_then(r: Result<i32, String>) -> Result<i32, String> {
                r.and_then(|x| {
                    if x >= 0 {
                        Ok(x)
                    } else {
                        Err("negative".to_string())
                    }
                })
            }
        ),
        case!(
            (ri(),),
            fn r_unwrap(r: Result<i32, String>) -> i32 {
                r.unwrap()
            }
        ),
        case!(
            (ri(),),
            fn r_unwrap_or_else(r: Result<i32, String>) -> i32 {
                r.unwrap_or_else(|e| e.len() as i32 * 100)
            }
        ),
        case!(
            (ri(), ri()),
            fn r_question(a: Result<i32, String>, b: Result<i32, String>) -> Result<i32, String> {
                let x = a?;
                let y = b?;
                Ok(x * y)
            }
        ),
        case!(
            (ri(),),
            fn r_match(r: Result<i32, String>) -> String {
                match r {
                    Ok(0) => "zero".to_string(),
                    Ok(n) => format!("n={}", n),
                    Err(e) => format!("e={}", e),
                }
            }
        ),
        case!(
            ("[0-9x]{0,3}",),
            fn parse_question(s: String) -> Result<i32, String> {
                let n = s.parse::<i32>().map_err(|e| e.to_string())?;
                Ok(n * 2)
            }
        ),
        case!(
            (oi(),),
            fn o_unwrap_or_else(o: Option<i32>) -> i32 {
                let mut calls = 0;
                let v = o.unwrap_or_else(|| {
                    calls += 1;
                    10
                });
                v + calls
            }
        ),
        case!(
            (oi(),),
            fn o_iter(o: Option<i32>) -> i32 {
                let mut s = 0;
                for x in o {
                    s += x;
                }
                s + o.iter().count() as i32
            }
        ),
    ]
}

#[test]
fn options() {
    run_group("options", "", cases(), 100);
}
