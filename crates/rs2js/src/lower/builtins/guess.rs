//! Guessing the type of a receiver whose type is unknown from the name of
//! the method called on it (only for captured values, whose guessed type
//! the macro then asserts at compile time).

use crate::lower::Lowerer;
use crate::ty::{Ty, VarKind};

impl Lowerer {
    /// The type of a receiver whose type is unknown, guessed from the method
    /// name — only for a captured variable's value, whose type the macro
    /// then asserts (`let _: &Signal<Vec<_>> = &list;`), so a wrong guess is
    /// a Rust compile error. Methods both `Vec` and `String` have (`len`,
    /// `push`, ...) are taken as `Vec` methods; a closure parameter
    /// annotation (`|s: &String| s.len()`) picks `String`.
    pub(super) fn guess_receiver(&mut self, t: &Ty, name: &str) -> Option<Ty> {
        let v = match self.types.shallow(t) {
            Ty::Var(v) if self.types.var_kind(t) == Some(VarKind::Any) => v,
            _ => return None,
        };
        let in_capture = self.captures.iter().any(|c| {
            let ct = self.types.resolve(&c.ty);
            mentions(&ct, v)
        });
        if !in_capture {
            return None;
        }
        const VEC: &[&str] = &[
            "push",
            "pop",
            "insert",
            "remove",
            "len",
            "is_empty",
            "clear",
            "truncate",
            "retain",
            "sort",
            "sort_by",
            "sort_by_key",
            "sort_unstable",
            "dedup",
            "iter",
            "iter_mut",
            "into_iter",
            "contains",
            "first",
            "last",
            "get",
            "swap",
            "reverse",
            "extend",
            "join",
            "windows",
            "chunks",
            "to_vec",
            "swap_remove",
            "dedup_by_key",
            "resize",
            "fill",
            "split_off",
        ];
        const STR: &[&str] = &[
            "trim",
            "trim_start",
            "trim_end",
            "chars",
            "to_uppercase",
            "to_lowercase",
            "split",
            "split_whitespace",
            "lines",
            "starts_with",
            "ends_with",
            "push_str",
            "parse",
            "bytes",
            "char_indices",
            "find",
            "replace",
            "strip_prefix",
            "strip_suffix",
            "repeat",
            "to_ascii_uppercase",
            "to_ascii_lowercase",
        ];
        if VEC.contains(&name) {
            Some(Ty::Vec(Box::new(self.types.fresh(VarKind::Any))))
        } else if STR.contains(&name) {
            Some(Ty::Str)
        } else {
            None
        }
    }
}

/// Whether the (resolved) type mentions inference variable `v`.
fn mentions(t: &Ty, v: usize) -> bool {
    match t {
        Ty::Var(w) => *w == v,
        Ty::Vec(a) | Ty::Option(a) | Ty::Signal(a) | Ty::Action(a) | Ty::Range(a) | Ty::Iter(a) => {
            mentions(a, v)
        }
        Ty::Result(a, b) => mentions(a, v) || mentions(b, v),
        Ty::Tuple(ts) => ts.iter().any(|t| mentions(t, v)),
        Ty::Fn(ps, r) => ps.iter().any(|t| mentions(t, v)) || mentions(r, v),
        _ => false,
    }
}
