//! User structs and enums (serde JSON forms), tuples, closures.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use crate::harness::{run_group, Case};

/// Defines the items in Rust and keeps their source for the translator.
macro_rules! items {
    ($($i:item)*) => {
        $($i)*
        pub const ITEMS: &str = stringify!($($i)*);
    };
}

items! {
    #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
    pub struct Point { pub x: i32, pub y: i32 }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Todo { pub id: u32, pub title: String, pub done: bool, pub tags: Vec<String> }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub enum Shape { Empty, Circle(f64), Rect(f64, f64), Poly { sides: u32, len: f64 } }

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    pub enum Dir { Up, Down, Left, Right }

    #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
    pub struct Meters(pub f64);
}

fn point() -> impl Strategy<Value = Point> {
    (-100i32..100, -100i32..100).prop_map(|(x, y)| Point { x, y })
}

fn todo() -> impl Strategy<Value = Todo> {
    (
        0u32..100,
        "[a-z ]{0,8}",
        any::<bool>(),
        proptest::collection::vec("[a-c]{1,3}", 0..3),
    )
        .prop_map(|(id, title, done, tags)| Todo {
            id,
            title,
            done,
            tags,
        })
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        Just(Shape::Empty),
        (0.0f64..10.0).prop_map(Shape::Circle),
        (0.0f64..10.0, 0.0f64..10.0).prop_map(|(a, b)| Shape::Rect(a, b)),
        (3u32..8, 0.0f64..5.0).prop_map(|(sides, len)| Shape::Poly { sides, len }),
    ]
}

fn dir() -> impl Strategy<Value = Dir> {
    prop_oneof![
        Just(Dir::Up),
        Just(Dir::Down),
        Just(Dir::Left),
        Just(Dir::Right)
    ]
}

pub fn cases() -> Vec<Case> {
    vec![
        case!(
            (point(), point()),
            fn struct_fields(a: Point, b: Point) -> Point {
                Point {
                    x: a.x + b.x,
                    y: a.y * b.y,
                }
            }
        ),
        case!(
            (point(),),
            fn struct_update_syntax(a: Point) -> (Point, Point) {
                let b = Point { x: 5, ..a };
                (a, b)
            }
        ),
        case!(
            (point(),),
            fn struct_copy_semantics(a: Point) -> (Point, Point) {
                let mut b = a;
                b.x += 1;
                (a, b)
            }
        ),
        case!(
            (point(),),
            fn struct_destructure(p: Point) -> i32 {
                let Point { x, y } = p;
                match p {
                    Point { x: 0, .. } => y,
                    Point { y: 0, x } => x * 100,
                    _ => x - y,
                }
            }
        ),
        case!(
            (point(), point()),
            fn struct_eq_cmp(a: Point, b: Point) -> (bool, bool) {
                (a == b, a < b)
            }
        ),
        case!(
            (todo(),),
            fn todo_toggle(t: Todo) -> Todo {
                let mut t = t;
                t.done = !t.done;
                t.tags.push(format!("#{}", t.id));
                t.title = t.title.trim().to_string();
                t
            }
        ),
        case!(
            (proptest::collection::vec(todo(), 0..5),),
            fn todo_list_ops(v: Vec<Todo>) -> (usize, Vec<u32>, Vec<Todo>) {
                let open = v.iter().filter(|t| !t.done).count();
                let ids = v.iter().map(|t| t.id).collect();
                let mut w = v.clone();
                w.retain(|t| t.title.len() > 2);
                (open, ids, w)
            }
        ),
        case!(
            (proptest::collection::vec(todo(), 0..5),),
            fn todo_sort(v: Vec<Todo>) -> Vec<u32> {
                let mut v = v;
                v.sort_by_key(|t| t.id);
                v.iter().map(|t| t.id).collect()
            }
        ),
        case!(
            (shape(),),
            fn enum_match_area(s: Shape) -> f64 {
                match s {
                    Shape::Empty => 0.0,
                    Shape::Circle(r) => r * r * 3.0,
                    Shape::Rect(w, h) => w * h,
                    Shape::Poly { sides, len } => sides as f64 * len,
                }
            }
        ),
        case!(
            (shape(),),
            fn enum_construct(s: Shape) -> Shape {
                match s {
                    Shape::Circle(r) => Shape::Rect(r, r),
                    Shape::Rect(w, _) => Shape::Poly { sides: 4, len: w },
                    Shape::Poly { .. } => Shape::Empty,
                    Shape::Empty => Shape::Circle(1.0),
                }
            }
        ),
        case!(
            (dir(),),
            fn unit_enum(d: Dir) -> (Dir, i32) {
                let o = match d {
                    Dir::Up => Dir::Down,
                    Dir::Down => Dir::Up,
                    Dir::Left => Dir::Right,
                    Dir::Right => Dir::Left,
                };
                (o, if d == Dir::Up { 1 } else { 0 })
            }
        ),
        case!(
            (dir(),),
            fn enum_if_let(d: Dir) -> bool {
                if let Dir::Left | Dir::Right = d {
                    true
                } else {
                    matches!(d, Dir::Up)
                }
            }
        ),
        case!(
            (0.0f64..100.0,),
            fn newtype_struct(m: f64) -> (Meters, f64) {
                let a = Meters(m);
                let Meters(inner) = a;
                (Meters(a.0 * 2.0), inner)
            }
        ),
        case!(
            (-50i32..50, -50i32..50),
            fn tuples(a: i32, b: i32) -> ((i32, i32), i32, (bool, (i32,))) {
                let t = (a, b);
                let (x, y) = t;
                let u = (t.0 + t.1, x * y);
                ((u.1, u.0), t.1, (x > y, (a,)))
            }
        ),
        case!(
            (-50i32..50,),
            fn closures_capture(a: i32) -> (i32, i32) {
                let add = |x: i32| x + a;
                let twice = |x: i32| add(add(x));
                (add(1), twice(2))
            }
        ),
        case!(
            (-50i32..50,),
            fn closure_mutating_capture(a: i32) -> i32 {
                let mut total = 0;
                let mut bump = |x: i32| total += x;
                bump(a);
                bump(3);
                total
            }
        ),
        case!(
            (proptest::collection::vec(point(), 0..5),),
            fn vec_of_structs_mutation(v: Vec<Point>) -> Vec<Point> {
                let mut v = v;
                for p in v.iter_mut() {
                    p.x *= 2;
                }
                if !v.is_empty() {
                    v[0].y = -1;
                }
                v
            }
        ),
        case!(
            (shape(), shape()),
            fn enum_eq(a: Shape, b: Shape) -> (bool, bool) {
                (a == b, a == a.clone())
            }
        ),
        case!(
            (point(),),
            fn struct_debug(p: Point) -> String {
                format!("{:?}", p)
            }
        ),
        case!(
            (shape(),),
            fn enum_debug(s: Shape) -> String {
                format!("{:?}", s)
            }
        ),
        case!(
            (dir(), todo()),
            fn more_debug(d: Dir, t: Todo) -> String {
                format!("{:?} {:?}", d, t)
            }
        ),
        case!(
            (-50i32..50,),
            fn move_closure_copies(a: i32) -> (i32, i32) {
                let mut x = a;
                let f = move || x * 2;
                x += 1;
                (f(), x)
            }
        ),
        case!(
            (-50i32..50,),
            fn move_closure_own_state(a: i32) -> (i32, i32, i32) {
                let mut count = a;
                let mut inc = move || {
                    count += 1;
                    count
                };
                let p = inc();
                let q = inc();
                (p, q, count)
            }
        ),
        case!(
            (-5i32..5, -5i32..5),
            fn struct_literal_order(a: i32, b: i32) -> (bool, bool, Point) {
                let p = Point { y: a, x: b };
                let q = Point { x: a, y: b };
                (p < q, p == q, p)
            }
        ),
        case!(
            (point(),),
            fn struct_in_option(p: Point) -> Option<i32> {
                let o = if p.x > 0 { Some(p) } else { None };
                o.map(|q| q.x + q.y)
            }
        ),
    ]
}

#[test]
fn types() {
    run_group("types", ITEMS, cases(), 100);
}
