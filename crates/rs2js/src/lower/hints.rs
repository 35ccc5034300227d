//! What one lowering pass learned about types, carried to the next pass
//! (`lib.rs` runs up to three), and the type assumptions reported for
//! captures.

use std::collections::HashMap;

use super::Lowerer;
use crate::ty::{Ty, VarKind};

/// Types learned in one pass, fed to the next so that early uses see types
/// fixed by later ones (rustc infers over the whole body; one forward walk
/// cannot).
#[derive(Clone, Debug, Default)]
pub(crate) struct Hints {
    pub captures: HashMap<String, Ty>,
    pub locals: HashMap<usize, Ty>,
}

/// Marks an unknown part in a hint (variables do not carry across passes).
const HOLE: usize = usize::MAX;

fn erase(t: &Ty) -> Ty {
    match t {
        Ty::Var(_) => Ty::Var(HOLE),
        Ty::Vec(a) => Ty::Vec(Box::new(erase(a))),
        Ty::Option(a) => Ty::Option(Box::new(erase(a))),
        Ty::Result(a, b) => Ty::Result(Box::new(erase(a)), Box::new(erase(b))),
        Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(erase).collect()),
        Ty::Signal(a) => Ty::Signal(Box::new(erase(a))),
        Ty::Action(a) => Ty::Action(Box::new(erase(a))),
        Ty::Range(a) => Ty::Range(Box::new(erase(a))),
        Ty::Iter(a) => Ty::Iter(Box::new(erase(a))),
        Ty::Fn(ps, r) => Ty::Fn(ps.iter().map(erase).collect(), Box::new(erase(r))),
        t => t.clone(),
    }
}

/// Whether two passes learned the same types.
pub(crate) fn same_hints(a: &Hints, b: &Hints) -> bool {
    a.captures == b.captures && a.locals == b.locals
}

/// The text of a type assumption the macro can assert with
/// `let _: &TYPE = &name;`, or `None` when nothing useful is known or the
/// type cannot be written (strings may be `&str` or `String`). An action is
/// always asserted, with `_` for what is not known.
pub(crate) fn assumable(t: &Ty, signal: bool) -> Option<String> {
    fn ok(t: &Ty, allow_str: bool) -> bool {
        match t {
            Ty::Fn(..) | Ty::Iter(_) | Ty::Range(_) | Ty::Never | Ty::Event => false,
            Ty::Str => allow_str,
            Ty::Vec(a) | Ty::Option(a) | Ty::Signal(a) => ok(a, allow_str),
            Ty::Result(a, b) => ok(a, allow_str) && ok(b, allow_str),
            Ty::Tuple(ts) => ts.iter().all(|t| ok(t, allow_str)),
            _ => true,
        }
    }
    if let Ty::Action(value) = t {
        // Always asserted: the translation of `dispatch` relies on it.
        return Some(if ok(value, true) {
            t.to_string()
        } else {
            Ty::Action(Box::new(Ty::Var(0))).to_string()
        });
    }
    let inner = match t {
        Ty::Signal(i) => &**i,
        t => t,
    };
    if matches!(inner, Ty::Var(_)) || !ok(t, signal) {
        return None;
    }
    Some(t.to_string())
}

impl Lowerer {
    /// The types this pass settled, for the next pass.
    pub fn learned_hints(&mut self) -> Hints {
        let mut h = Hints::default();
        for c in &self.captures {
            h.captures
                .insert(c.ident.to_string(), erase(&self.types.resolve(&c.ty)));
        }
        let locals: Vec<(usize, Ty)> = self
            .learned
            .locals
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        for (k, v) in locals {
            h.locals.insert(k, erase(&self.types.resolve(&v)));
        }
        h
    }

    /// Turns the holes of a hint into fresh variables.
    pub(crate) fn instantiate(&mut self, t: &Ty) -> Ty {
        match t {
            Ty::Var(_) => self.types.fresh(VarKind::Any),
            Ty::Vec(a) => Ty::Vec(Box::new(self.instantiate(a))),
            Ty::Option(a) => Ty::Option(Box::new(self.instantiate(a))),
            Ty::Result(a, b) => {
                Ty::Result(Box::new(self.instantiate(a)), Box::new(self.instantiate(b)))
            }
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.instantiate(t)).collect()),
            Ty::Signal(a) => Ty::Signal(Box::new(self.instantiate(a))),
            Ty::Action(a) => Ty::Action(Box::new(self.instantiate(a))),
            Ty::Range(a) => Ty::Range(Box::new(self.instantiate(a))),
            Ty::Iter(a) => Ty::Iter(Box::new(self.instantiate(a))),
            Ty::Fn(ps, r) => Ty::Fn(
                ps.iter().map(|t| self.instantiate(t)).collect(),
                Box::new(self.instantiate(r)),
            ),
            t => t.clone(),
        }
    }
}
