//! The small type model the translator infers while lowering.
//!
//! rs2js runs inside a proc macro and cannot ask rustc for types, yet Rust's
//! meaning depends on them (`7 / 2` is `3` for integers and `3.5` for
//! floats; `i32` overflows at 2^31). So the lowering infers types from
//! literals, annotations, casts, parameter types and method results, with
//! inference variables for what is not yet known (unsuffixed literals and
//! captured variables). Whatever cannot be settled is defaulted the way rustc
//! would (`i32` for integer literals, `f64` for float literals) or reported.

use std::fmt;

/// Rust integer types. `i128`/`u128` are rejected at lowering time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntTy {
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
}

impl IntTy {
    /// Parses a Rust integer type name.
    pub fn from_name(s: &str) -> Option<IntTy> {
        Some(match s {
            "i8" => IntTy::I8,
            "i16" => IntTy::I16,
            "i32" => IntTy::I32,
            "i64" => IntTy::I64,
            "isize" => IntTy::Isize,
            "u8" => IntTy::U8,
            "u16" => IntTy::U16,
            "u32" => IntTy::U32,
            "u64" => IntTy::U64,
            "usize" => IntTy::Usize,
            _ => return None,
        })
    }

    /// The Rust spelling.
    pub fn name(self) -> &'static str {
        match self {
            IntTy::I8 => "i8",
            IntTy::I16 => "i16",
            IntTy::I32 => "i32",
            IntTy::I64 => "i64",
            IntTy::Isize => "isize",
            IntTy::U8 => "u8",
            IntTy::U16 => "u16",
            IntTy::U32 => "u32",
            IntTy::U64 => "u64",
            IntTy::Usize => "usize",
        }
    }

    pub fn signed(self) -> bool {
        matches!(
            self,
            IntTy::I8 | IntTy::I16 | IntTy::I32 | IntTy::I64 | IntTy::Isize
        )
    }

    /// Bit width (64 for the pointer-sized types, as on the server).
    pub fn bits(self) -> u32 {
        match self {
            IntTy::I8 | IntTy::U8 => 8,
            IntTy::I16 | IntTy::U16 => 16,
            IntTy::I32 | IntTy::U32 => 32,
            _ => 64,
        }
    }

    /// True for the 64-bit types, which the browser can only hold exactly up
    /// to 2^53 - 1 in magnitude (see the crate docs).
    pub fn wide(self) -> bool {
        self.bits() == 64
    }

    /// Rust's `MIN` and `MAX` as JS literals (for 64-bit types the real Rust
    /// values, which JS cannot hold exactly; used only by `MIN`/`MAX` paths).
    pub fn min_max(self) -> (&'static str, &'static str) {
        match self {
            IntTy::I8 => ("-128", "127"),
            IntTy::I16 => ("-32768", "32767"),
            IntTy::I32 => ("-2147483648", "2147483647"),
            IntTy::U8 => ("0", "255"),
            IntTy::U16 => ("0", "65535"),
            IntTy::U32 => ("0", "4294967295"),
            IntTy::I64 | IntTy::Isize => ("-9007199254740991", "9007199254740991"),
            IntTy::U64 | IntTy::Usize => ("0", "9007199254740991"),
        }
    }
}

/// A type as far as the translator knows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Int(IntTy),
    /// `f64` (`f32` values are rounded with `Math.fround`).
    F64,
    F32,
    Bool,
    Char,
    /// `String` or `&str` (the browser has one string type).
    Str,
    Unit,
    Vec(Box<Ty>),
    Option(Box<Ty>),
    Result(Box<Ty>, Box<Ty>),
    Tuple(Vec<Ty>),
    /// A client signal holding a value of the inner type.
    Signal(Box<Ty>),
    /// A `resuma::Action` of the inner type (a value capture holding the
    /// ids of its three signals; see `lower/server_call.rs`).
    Action(Box<Ty>),
    /// The DOM event parameter.
    Event,
    /// A user struct or enum (by last path segment).
    Named(String),
    /// A closure or local function: parameter types and result type.
    Fn(Vec<Ty>, Box<Ty>),
    /// `a..b` / `a..=b` ranges over integers.
    Range(Box<Ty>),
    /// A lazy iterator yielding the inner type (lowered to JS arrays).
    Iter(Box<Ty>),
    /// The never type (`return`, `break`, `panic!`): unifies with anything.
    Never,
    /// An inference variable (index into the table in `Types`).
    Var(usize),
}

impl Ty {
    /// Values JS holds by value (so copying never aliases).
    pub fn is_js_primitive(&self) -> bool {
        matches!(
            self,
            Ty::Int(_) | Ty::F64 | Ty::F32 | Ty::Bool | Ty::Char | Ty::Str | Ty::Unit | Ty::Never
        )
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int(i) => write!(f, "{}", i.name()),
            Ty::F64 => write!(f, "f64"),
            Ty::F32 => write!(f, "f32"),
            Ty::Bool => write!(f, "bool"),
            Ty::Char => write!(f, "char"),
            Ty::Str => write!(f, "String"),
            Ty::Unit => write!(f, "()"),
            Ty::Vec(t) => write!(f, "Vec<{t}>"),
            Ty::Option(t) => write!(f, "Option<{t}>"),
            Ty::Result(a, b) => write!(f, "Result<{a}, {b}>"),
            Ty::Tuple(ts) => {
                write!(f, "(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{t}")?;
                }
                if ts.len() == 1 {
                    write!(f, ",")?;
                }
                write!(f, ")")
            }
            Ty::Signal(t) => write!(f, "::resuma::Signal<{t}>"),
            Ty::Action(t) => write!(f, "::resuma::Action<{t}>"),
            Ty::Event => write!(f, "::resuma::Event"),
            Ty::Named(n) => write!(f, "{n}"),
            Ty::Fn(..) => write!(f, "closure"),
            Ty::Range(t) => write!(f, "Range<{t}>"),
            Ty::Iter(t) => write!(f, "iterator of {t}"),
            Ty::Never => write!(f, "!"),
            Ty::Var(_) => write!(f, "_"),
        }
    }
}

/// What an inference variable may become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// Anything (a captured variable, an empty `Vec::new()` element, ...).
    Any,
    /// An unsuffixed integer literal: some integer type, default `i32`.
    Int,
    /// An unsuffixed float literal: `f32` or `f64`, default `f64`.
    Float,
}

#[derive(Clone, Debug)]
struct VarState {
    kind: VarKind,
    bound: Option<Ty>,
}

/// The inference table: variables, their kinds and bindings.
#[derive(Clone, Debug, Default)]
pub struct Types {
    vars: Vec<VarState>,
}

impl Types {
    pub fn fresh(&mut self, kind: VarKind) -> Ty {
        self.vars.push(VarState { kind, bound: None });
        Ty::Var(self.vars.len() - 1)
    }

    /// Follows bound variables at the top level only.
    pub fn shallow(&self, t: &Ty) -> Ty {
        let mut t = t.clone();
        while let Ty::Var(v) = t {
            match &self.vars[v].bound {
                Some(b) => t = b.clone(),
                None => return Ty::Var(v),
            }
        }
        t
    }

    /// Fully substitutes bound variables.
    pub fn resolve(&self, t: &Ty) -> Ty {
        match self.shallow(t) {
            Ty::Vec(a) => Ty::Vec(Box::new(self.resolve(&a))),
            Ty::Option(a) => Ty::Option(Box::new(self.resolve(&a))),
            Ty::Result(a, b) => Ty::Result(Box::new(self.resolve(&a)), Box::new(self.resolve(&b))),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.resolve(t)).collect()),
            Ty::Signal(a) => Ty::Signal(Box::new(self.resolve(&a))),
            Ty::Action(a) => Ty::Action(Box::new(self.resolve(&a))),
            Ty::Range(a) => Ty::Range(Box::new(self.resolve(&a))),
            Ty::Iter(a) => Ty::Iter(Box::new(self.resolve(&a))),
            Ty::Fn(ps, r) => Ty::Fn(
                ps.iter().map(|t| self.resolve(t)).collect(),
                Box::new(self.resolve(&r)),
            ),
            t => t,
        }
    }

    pub fn var_kind(&self, t: &Ty) -> Option<VarKind> {
        match self.shallow(t) {
            Ty::Var(v) => Some(self.vars[v].kind),
            _ => None,
        }
    }

    fn occurs(&self, v: usize, t: &Ty) -> bool {
        match self.shallow(t) {
            Ty::Var(w) => v == w,
            Ty::Vec(a)
            | Ty::Option(a)
            | Ty::Signal(a)
            | Ty::Action(a)
            | Ty::Range(a)
            | Ty::Iter(a) => self.occurs(v, &a),
            Ty::Result(a, b) => self.occurs(v, &a) || self.occurs(v, &b),
            Ty::Tuple(ts) => ts.iter().any(|t| self.occurs(v, t)),
            Ty::Fn(ps, r) => ps.iter().any(|t| self.occurs(v, t)) || self.occurs(v, &r),
            _ => false,
        }
    }

    /// Makes two types equal. Returns false on a mismatch (the caller
    /// reports it with a span).
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> bool {
        let a = self.shallow(a);
        let b = self.shallow(b);
        match (&a, &b) {
            (Ty::Never, _) | (_, Ty::Never) => true,
            (Ty::Var(x), Ty::Var(y)) if x == y => true,
            (Ty::Var(x), Ty::Var(y)) => {
                let (kx, ky) = (self.vars[*x].kind, self.vars[*y].kind);
                let merged = match (kx, ky) {
                    (VarKind::Any, k) | (k, VarKind::Any) => k,
                    (k1, k2) if k1 == k2 => k1,
                    _ => return false,
                };
                self.vars[*y].kind = merged;
                self.vars[*x].bound = Some(Ty::Var(*y));
                true
            }
            (Ty::Var(x), t) | (t, Ty::Var(x)) => {
                let ok = match self.vars[*x].kind {
                    VarKind::Any => !self.occurs(*x, t),
                    VarKind::Int => matches!(t, Ty::Int(_)),
                    VarKind::Float => matches!(t, Ty::F64 | Ty::F32),
                };
                if ok {
                    self.vars[*x].bound = Some(t.clone());
                }
                ok
            }
            (Ty::Vec(x), Ty::Vec(y))
            | (Ty::Option(x), Ty::Option(y))
            | (Ty::Signal(x), Ty::Signal(y))
            | (Ty::Action(x), Ty::Action(y))
            | (Ty::Range(x), Ty::Range(y))
            | (Ty::Iter(x), Ty::Iter(y)) => self.unify(x, y),
            (Ty::Result(a1, b1), Ty::Result(a2, b2)) => self.unify(a1, a2) && self.unify(b1, b2),
            (Ty::Tuple(xs), Ty::Tuple(ys)) => {
                xs.len() == ys.len() && xs.iter().zip(ys.iter()).all(|(x, y)| self.unify(x, y))
            }
            (Ty::Fn(p1, r1), Ty::Fn(p2, r2)) => {
                p1.len() == p2.len()
                    && p1.iter().zip(p2.iter()).all(|(x, y)| self.unify(x, y))
                    && self.unify(r1, r2)
            }
            (x, y) => x == y,
        }
    }

    /// Settles a numeric literal variable to rustc's default (`i32`/`f64`)
    /// and returns the resulting type. Other types are returned unchanged.
    pub fn default_numeric(&mut self, t: &Ty) -> Ty {
        let s = self.shallow(t);
        if let Ty::Var(v) = s {
            match self.vars[v].kind {
                VarKind::Int => {
                    self.vars[v].bound = Some(Ty::Int(IntTy::I32));
                    return Ty::Int(IntTy::I32);
                }
                VarKind::Float => {
                    self.vars[v].bound = Some(Ty::F64);
                    return Ty::F64;
                }
                VarKind::Any => {}
            }
        }
        s
    }
}
