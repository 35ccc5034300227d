//! The bodies of derived views, computeds and effects (protocol.md §14) as
//! the examples and the todo app write them: lengths in text, classes and
//! `aria-current` chosen by a condition, counts over a list, integer
//! division, a struct formatted and updated in place.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use crate::harness::{run_group, Case};

macro_rules! items {
    ($($i:item)*) => {
        $($i)*
        pub const ITEMS: &str = stringify!($($i)*);
    };
}

items! {
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct User { pub name: String, pub age: u32 }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Item { pub id: u32, pub title: String, pub done: bool }
}

fn user() -> impl Strategy<Value = User> {
    ("[A-Za-zé ]{0,8}", 0u32..200).prop_map(|(name, age)| User { name, age })
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    proptest::collection::vec(
        (0u32..1000, "[a-z<&\"]{0,6}", any::<bool>()).prop_map(|(id, title, done)| Item {
            id,
            title,
            done,
        }),
        0..6,
    )
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            ("[a-zé€😀 ]{0,12}",),
            fn length_text(q: String) -> String {
                format!("{} chars", q.len())
            }
        ),
        case!(
            ("[a-z]{0,12}",),
            fn size_class(q: String) -> &'static str {
                if q.len() > 5 {
                    "long"
                } else {
                    "short"
                }
            }
        ),
        case!(
            (0usize..100_000,),
            fn computed_of_computed(len: usize) -> usize {
                len * 2
            }
        ),
        case!(
            (-1000i32..1000,),
            fn integer_half(n: i32) -> i32 {
                n / 2
            }
        ),
        case!(
            (0u32..u32::MAX,),
            fn unsigned_half_and_rest(n: u32) -> (u32, u32) {
                (n / 2, n % 7)
            }
        ),
        case!(
            (prop_oneof![
                Just("all".to_string()),
                Just("active".to_string()),
                Just("done".to_string())
            ],),
            fn aria_current(filter: String) -> Option<&'static str> {
                if filter == "active" {
                    Some("page")
                } else {
                    None
                }
            }
        ),
        case!(
            (items(),),
            fn items_left(items: Vec<Item>) -> String {
                let n = items.iter().filter(|t| !t.done).count();
                format!("{} {} left", n, if n == 1 { "item" } else { "items" })
            }
        ),
        case!(
            (items(),),
            fn empty_list(items: Vec<Item>) -> bool {
                items.is_empty()
            }
        ),
        case!(
            (user(),),
            fn user_sentence(user: User) -> String {
                format!("{} is {}", user.name, user.age)
            }
        ),
        case!(
            (user(),),
            fn birthday_in_place(user: User) -> User {
                let mut u = user;
                u.age += 1;
                u
            }
        ),
        case!(
            (items(), 0u32..u32::MAX - 1),
            fn next_id_into_a_row(items: Vec<Item>, next: u32) -> (Vec<Item>, u32) {
                let mut items = items;
                let id = next;
                items.push(Item {
                    id,
                    title: "new".to_string(),
                    done: false,
                });
                (items, id + 1)
            }
        ),
    ]
}

#[test]
fn derived() {
    run_group("derived", ITEMS, cases(), 100);
}
