//! Strings and chars: UTF-8 lengths, searching, splitting, case, parse.

use proptest::prelude::*;

use crate::harness::{run_group, Case};

fn s() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-c ,]{0,8}",
        "[a-zA-Z0-9 ]{0,10}",
        "\\PC{0,6}",
        Just(" \u{85}x\u{feff} ".to_string()),
        Just("é€😀a".to_string())
    ]
}

fn num() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+]?[0-9]{0,12}",
        "[0-9a ]{0,4}",
        Just("2147483648".to_string()),
        Just("-2147483649".to_string()),
        Just("+".to_string()),
        Just("".to_string()),
        "[-+]?[0-9]{0,3}\\.?[0-9]{0,3}(e[-+]?[0-9])?",
        Just("inf".to_string()),
        Just("NaN".to_string()),
        Just("-infinity".to_string()),
        Just(" 1".to_string())
    ]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (s(),),
            fn s_len(a: String) -> (usize, usize, bool) {
                (a.len(), a.chars().count(), a.is_empty())
            }
        ),
        case!(
            (s(),),
            fn s_trim(a: String) -> (String, String, String) {
                (
                    a.trim().to_string(),
                    a.trim_start().to_string(),
                    a.trim_end().to_string(),
                )
            }
        ),
        case!(
            (s(),),
            fn s_case(a: String) -> (String, String) {
                (a.to_uppercase(), a.to_lowercase())
            }
        ),
        case!(
            (s(),),
            fn s_ascii_case(a: String) -> (String, String) {
                (a.to_ascii_uppercase(), a.to_ascii_lowercase())
            }
        ),
        case!(
            (s(), "[a-c,]{0,2}"),
            fn s_contains(a: String, p: String) -> (bool, bool, bool) {
                (a.contains(&p), a.starts_with(&p), a.ends_with(p.as_str()))
            }
        ),
        case!(
            (s(),),
            fn s_contains_char(a: String) -> (bool, bool) {
                (a.contains('a'), a.contains(|c: char| c.is_uppercase()))
            }
        ),
        case!(
            (s(), "[a-c,]{0,2}"),
            fn s_split(a: String, p: String) -> Vec<String> {
                a.split(p.as_str()).map(|x| x.to_string()).collect()
            }
        ),
        case!(
            (s(),),
            fn s_split_char(a: String) -> Vec<String> {
                a.split(',').map(|x| x.to_string()).collect()
            }
        ),
        case!(
            (s(),),
            fn s_split_ws(a: String) -> Vec<String> {
                a.split_whitespace().map(|x| x.to_string()).collect()
            }
        ),
        case!(
            (s(), "[a-c]{0,2}", "[xy]{0,2}"),
            fn s_replace(a: String, from: String, to: String) -> String {
                a.replace(&from, &to)
            }
        ),
        case!(
            (s(), "[a-c]{1,2}"),
            fn s_find(a: String, p: String) -> (Option<usize>, Option<usize>) {
                (a.find(&p), a.rfind(p.as_str()))
            }
        ),
        case!(
            (num(),),
            fn parse_i32(a: String) -> Result<i32, String> {
                a.parse::<i32>().map_err(|e| e.to_string())
            }
        ),
        case!(
            (num(),),
            fn parse_u8(a: String) -> Result<u8, String> {
                a.parse::<u8>().map_err(|e| e.to_string())
            }
        ),
        case!(
            (num(),),
            fn parse_f64(a: String) -> String {
                match a.parse::<f64>() {
                    Ok(v) => format!("ok {}", v),
                    Err(e) => format!("err {}", e),
                }
            }
        ),
        case!(
            ("(true|false|x|)",),
            fn parse_bool(a: String) -> Result<bool, String> {
                a.parse::<bool>().map_err(|e| e.to_string())
            }
        ),
        case!(
            (s(),),
            fn s_rev(a: String) -> String {
                a.chars().rev().collect::<String>()
            }
        ),
        case!(
            (s(), 0usize..4),
            fn s_repeat(a: String, n: usize) -> String {
                a.repeat(n)
            }
        ),
        case!(
            (s(), s()),
            fn s_concat(a: String, b: String) -> String {
                let mut x = a.clone();
                x.push_str(&b);
                x.push('!');
                x + &a
            }
        ),
        case!(
            (s(),),
            fn s_lines(a: String) -> Vec<String> {
                let t = a.replace(",", "\n");
                t.lines().map(|l| l.to_string()).collect()
            }
        ),
        case!(
            (s(),),
            fn s_strip(a: String) -> (Option<String>, Option<String>) {
                (
                    a.strip_prefix("a").map(|x| x.to_string()),
                    a.strip_suffix("c").map(|x| x.to_string()),
                )
            }
        ),
        case!(
            (s(),),
            fn s_pop(a: String) -> (String, Option<char>) {
                let mut x = a;
                let c = x.pop();
                (x, c)
            }
        ),
        case!(
            (s(),),
            fn s_char_indices(a: String) -> Vec<(usize, char)> {
                a.char_indices().collect()
            }
        ),
        case!(
            (s(), 0usize..6),
            fn s_truncate(a: String, n: usize) -> String {
                let mut x = a;
                x.truncate(n);
                x
            }
        ),
        case!(
            (s(), 0usize..6, 0usize..8),
            fn s_slice(a: String, i: usize, j: usize) -> String {
                a[i..j].to_string()
            }
        ),
        case!(
            (s(), s()),
            fn s_cmp(a: String, b: String) -> (bool, bool, bool) {
                (a < b, a == b, a.as_str() >= b.as_str())
            }
        ),
        case!(
            (s(),),
            fn s_bytes(a: String) -> Vec<u8> {
                a.bytes().collect()
            }
        ),
    ]
}

pub fn char_cases() -> Vec<Case> {
    vec![
        case!(
            (any::<char>(),),
            fn c_debug(c: char) -> String {
                format!("{:?}", c)
            }
        ),
        case!(
            (proptest::collection::vec(any::<char>(), 0..6),),
            fn s_debug_any(v: Vec<char>) -> String {
                let s: String = v.iter().collect();
                format!("{:?}", s)
            }
        ),
        case!(
            (any::<char>(),),
            fn c_classes(c: char) -> (bool, bool, bool, bool, bool, bool) {
                (
                    c.is_alphabetic(),
                    c.is_numeric(),
                    c.is_alphanumeric(),
                    c.is_whitespace(),
                    c.is_uppercase(),
                    c.is_lowercase(),
                )
            }
        ),
        case!(
            (any::<char>(),),
            fn c_ascii(c: char) -> (bool, bool, bool, char, char) {
                (
                    c.is_ascii_digit(),
                    c.is_ascii_alphabetic(),
                    c.is_ascii_punctuation(),
                    c.to_ascii_uppercase(),
                    c.to_ascii_lowercase(),
                )
            }
        ),
        case!(
            (any::<char>(),),
            fn c_to_u32(c: char) -> (u32, u8, usize) {
                (c as u32, c as u8, c.len_utf8())
            }
        ),
        case!(
            (any::<u8>(),),
            fn c_from_u8(b: u8) -> char {
                b as char
            }
        ),
        case!(
            (any::<char>(), 2u32..37),
            fn c_to_digit(c: char, r: u32) -> Option<u32> {
                c.to_digit(r)
            }
        ),
        case!(
            (any::<char>(),),
            fn c_upper_str(c: char) -> String {
                c.to_uppercase().to_string()
            }
        ),
        case!(
            (any::<char>(), any::<char>()),
            fn c_compare(a: char, b: char) -> (bool, bool) {
                (a < b, a == b)
            }
        ),
        case!(
            (0u32..0x11_0000,),
            fn c_from_u32(n: u32) -> Option<char> {
                char::from_u32(n)
            }
        ),
    ]
}

#[test]
fn strings() {
    run_group("strings", "", cases(), 128);
}

#[test]
fn chars() {
    run_group("chars", "", char_cases(), 128);
}
