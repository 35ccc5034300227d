//! What the client templates of rows, branches and components in rows
//! translate (protocol.md §11–12): expressions of a row item and of a
//! component's several value props, a nested `<Show>`'s condition on the
//! row item, derived values of page signals shown in rows, and the
//! handlers of examples/reactivity's rows page.

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
    pub struct Task { pub id: u32, pub name: String, pub done: bool }
}

fn tasks() -> impl Strategy<Value = Vec<Task>> {
    proptest::collection::vec(
        (0u32..8, "[a-z<&\" ]{0,6}", any::<bool>()).prop_map(|(id, name, done)| Task {
            id,
            name,
            done,
        }),
        0..6,
    )
}

fn task() -> impl Strategy<Value = Task> {
    (0u32..u32::MAX, "[a-zé<&]{0,6}", any::<bool>()).prop_map(|(id, name, done)| Task {
        id,
        name,
        done,
    })
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (task(),),
            fn row_detail(task: Task) -> String {
                format!("task #{}", task.id)
            }
        ),
        case!(
            (task(),),
            fn nested_show_condition(task: Task) -> bool {
                task.done
            }
        ),
        case!(
            (task(),),
            fn chip_label_prop(task: Task) -> String {
                task.name.clone()
            }
        ),
        case!(
            ("[a-z]{0,6}", 0u32..1000, any::<bool>()),
            fn component_value_props(label: String, size: u32, strong: bool) -> String {
                if strong {
                    format!("{}!", label.to_uppercase())
                } else {
                    format!("{} ({})", label, size / 3)
                }
            }
        ),
        case!(
            (0u32..u32::MAX,),
            fn derived_in_a_row(clicks: u32) -> u32 {
                clicks * 10
            }
        ),
        case!(
            (tasks(), 0u32..8),
            fn toggle_the_row(tasks: Vec<Task>, id: u32) -> Vec<Task> {
                let mut v = tasks;
                for t in v.iter_mut() {
                    if t.id == id {
                        t.done = !t.done;
                    }
                }
                v
            }
        ),
        case!(
            (proptest::collection::vec(0u32..100, 0..6),),
            fn add_a_mark(marks: Vec<u32>) -> Vec<u32> {
                let mut v = marks;
                let n = v.len() as u32 + 1;
                v.push(n);
                v
            }
        ),
    ]
}

#[test]
fn rows() {
    run_group("rows", ITEMS, cases(), 100);
}
