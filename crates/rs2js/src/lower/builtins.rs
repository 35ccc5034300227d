//! Methods of the standard types: numbers, `bool`, `char`, strings, `Vec`,
//! `Option`, `Result`, `Ordering`, and iterators. Iterator chains become
//! lazy JS generators (helpers `$map`, `$filter`, ...) so closures run in
//! Rust's order and stop where Rust stops (`any`, `find`, `take`, ...).

use proc_macro2::Span;
use syn::spanned::Spanned;

use super::{err, unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{IntTy, Ty, VarKind};

type R<T> = syn::Result<T>;

fn usize_t() -> Ty {
    Ty::Int(IntTy::Usize)
}

fn opt(t: Ty) -> Ty {
    Ty::Option(Box::new(t))
}

fn iter(t: Ty) -> Ty {
    Ty::Iter(Box::new(t))
}

/// Whether a JS value can be modified by assignment (`x = ..`).
fn assignable(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::Member(..) | Expr::Index(..))
}

/// Methods whose receiver must stay a place (they assign to it).
fn needs_place(t: &Ty, name: &str) -> bool {
    match t {
        Ty::Str => matches!(
            name,
            "push_str"
                | "push"
                | "insert"
                | "insert_str"
                | "clear"
                | "truncate"
                | "pop"
                | "remove"
                | "retain"
        ),
        Ty::Option(_) => matches!(
            name,
            "take" | "replace" | "insert" | "get_or_insert" | "get_or_insert_with"
        ),
        _ => false,
    }
}

impl Lowerer {
    /// Lowers argument `i` (evaluated after the receiver and the earlier
    /// arguments, which are spilled if needed).
    fn args(
        &mut self,
        args: &[syn::Expr],
        wants: &[Option<Ty>],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<Vec<(Expr, Ty)>> {
        if args.len() != wants.len() {
            return err(
                span,
                format!(
                    "rs2js: expected {} argument(s), found {}",
                    wants.len(),
                    args.len()
                ),
            );
        }
        let mut done: Vec<Expr> = Vec::new();
        let mut tys = Vec::new();
        for (a, w) in args.iter().zip(wants.iter()) {
            let mut pre = Vec::new();
            let (x, t) = match a {
                syn::Expr::Reference(r) if r.mutability.is_none() => {
                    self.operand(&r.expr, &mut pre, w.as_ref())?
                }
                a => self.expr(a, &mut pre, w.as_ref())?,
            };
            self.join(out, &mut done, pre);
            done.push(x);
            tys.push(t);
        }
        Ok(done.into_iter().zip(tys).collect())
    }

    fn arg1(
        &mut self,
        args: &[syn::Expr],
        want: Option<Ty>,
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        Ok(self.args(args, &[want], span, out)?.pop().unwrap())
    }

    /// An argument evaluated now even though the JS using it is lazy
    /// (`x ?? d` evaluates `d` only on `None`; Rust evaluates it always).
    fn eager(&mut self, x: Expr, out: &mut Vec<Stmt>) -> Expr {
        if x.is_simple() {
            x
        } else {
            self.spill_always(x, out)
        }
    }

    /// A closure argument taking `params`; returns the JS function and its
    /// result type.
    fn fn_arg(&mut self, a: &syn::Expr, params: Vec<Ty>, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        let ret = self.types.fresh(VarKind::Any);
        let want = Ty::Fn(params, Box::new(ret.clone()));
        let (f, _) = self.expr(a, out, Some(&want))?;
        Ok((f, ret))
    }

    fn no_args(&self, args: &[syn::Expr], span: Span) -> R<()> {
        if args.is_empty() {
            Ok(())
        } else {
            err(span, "rs2js: this method takes no arguments")
        }
    }

    fn elem_of(&mut self, t: &Ty) -> Ty {
        match self.types.shallow(t) {
            Ty::Vec(e) | Ty::Iter(e) | Ty::Range(e) | Ty::Option(e) => *e,
            _ => self.types.fresh(VarKind::Any),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn method_on(
        &mut self,
        rx: Expr,
        rt: Ty,
        method: &syn::Ident,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let name = method.to_string();
        // Errors point at the method name (a call's own span would start at
        // its receiver).
        let _ = span;
        let span = method.span();
        let mut t = self.types.shallow(&rt);
        if let Ty::Var(_) = t {
            // Numeric literal receivers (`2.pow(3)`, `1.5.sqrt()`).
            if self.types.var_kind(&t).is_some_and(|k| k != VarKind::Any) {
                t = self.settle(&t);
            }
        }
        if let Ty::Var(_) = t {
            if let Some(g) = self.guess_receiver(&t, &name) {
                self.types.unify(&t, &g);
                t = self.types.shallow(&t);
            }
        }
        let rx = if needs_place(&t, &name) {
            rx
        } else {
            self.spill(rx, out)
        };
        // Methods every type has.
        match name.as_str() {
            "to_string" | "to_owned" | "into" | "as_str" | "as_ref" | "borrow" | "as_slice"
            | "deref"
                if !matches!(t, Ty::Option(_) | Ty::Result(..)) || name == "to_string" =>
            {
                self.no_args(args, span)?;
                if name == "to_string" {
                    return Ok((self.display_string(rx, &t, span)?, Ty::Str));
                }
                if name == "into" {
                    if let Some(w) = expect {
                        let w = self.types.shallow(w);
                        if w != t && !(matches!(w, Ty::Var(_))) {
                            return match (&t, &w) {
                                (Ty::Int(_), Ty::Int(_))
                                | (Ty::Int(_), Ty::F64)
                                | (Ty::F32, Ty::F64) => Ok((rx, w)),
                                (Ty::Char, Ty::Str) => Ok((rx, w)),
                                (Ty::Char, Ty::Int(_)) => {
                                    Ok((Expr::method(rx, "codePointAt", vec![Expr::lit("0")]), w))
                                }
                                _ => unsupported(span, &format!("`into()` from `{t}` to `{w}`")),
                            };
                        }
                    }
                }
                return Ok((rx, t));
            }
            "cmp" | "partial_cmp" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                if let Ty::Named(n) = &t {
                    if self.enums.contains_key(n) || n == "Ordering" {
                        return unsupported(span, "ordering values of an enum");
                    }
                }
                if name == "cmp" {
                    return Ok((
                        self.call_helper("cmp", vec![rx, b]),
                        Ty::Named("Ordering".into()),
                    ));
                }
                return Ok((
                    self.call_helper("pcmp", vec![rx, b]),
                    opt(Ty::Named("Ordering".into())),
                ));
            }
            "eq" | "ne" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                let op = if name == "eq" {
                    super::ops::Op::Eq
                } else {
                    super::ops::Op::Ne
                };
                return Ok((self.compare(op, rx, b, &t), Ty::Bool));
            }
            _ => {}
        }
        match t.clone() {
            Ty::Int(it) => self.int_method(rx, it, &name, args, span, out),
            Ty::F64 | Ty::F32 => self.float_method(rx, &t, &name, args, span, out),
            Ty::Bool => match name.as_str() {
                "then" => {
                    let a = args.first().ok_or_else(|| syn::Error::new(span, "rs2js: `then` takes a closure"))?;
                    let (f, r) = self.fn_arg(a, vec![], out)?;
                    let ty = self.option_of(span, r)?;
                    Ok((Expr::cond(rx, Expr::call(f, vec![]), Expr::null()), ty))
                }
                "then_some" => {
                    let (v, vt) = self.arg1(args, None, span, out)?;
                    let v = self.eager(v, out);
                    let ty = self.option_of(span, vt)?;
                    Ok((Expr::cond(rx, v, Expr::null()), ty))
                }
                _ => unsupported(method.span(), &format!("the method `bool::{name}`")),
            },
            Ty::Char => self.char_method(rx, &name, args, span, out),
            Ty::Str => self.str_method(rx, &name, args, span, out, expect),
            Ty::Vec(e) => self.vec_method(rx, &rt, *e, &name, args, span, out, expect),
            Ty::Iter(e) | Ty::Range(e) => self.iter_method(rx, *e, &name, args, span, out, expect),
            Ty::Option(e) => self.option_method(rx, *e, &name, args, span, out, expect),
            Ty::Result(a, b) => self.result_method(rx, *a, *b, &name, args, span, out, expect),
            Ty::Named(n) if n == "Ordering" => self.ordering_method(rx, &name, args, span, out),
            Ty::Named(n) => unsupported(method.span(), &format!("calling the method `{name}` of your type `{n}` (only its fields can be used)")),
            Ty::Var(_) => err(
                method.span(),
                format!("rs2js cannot tell the type of the value `.{name}()` is called on; annotate it (for example `let v: Vec<i32> = ...`)"),
            ),
            other => unsupported(method.span(), &format!("the method `{name}` on `{other}`")),
        }
    }

    /// The type of a receiver whose type is unknown, guessed from the method
    /// name — only for a captured variable's value, whose type the macro
    /// then asserts (`let _: &Signal<Vec<_>> = &list;`), so a wrong guess is
    /// a Rust compile error. Methods both `Vec` and `String` have (`len`,
    /// `push`, ...) are taken as `Vec` methods; a closure parameter
    /// annotation (`|s: &String| s.len()`) picks `String`.
    fn guess_receiver(&mut self, t: &Ty, name: &str) -> Option<Ty> {
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

    /// `{:?}` for a panic message (`unwrap` on an `Err`): exact where the
    /// type is known, else a JSON rendering — only the message text of a
    /// panic can differ then, never whether it panics.
    fn panic_debug_fn(&mut self, t: &Ty, span: Span) -> Expr {
        match self.debug_fn(t, span) {
            Ok(f) => f,
            Err(_) => self.helper("dany"),
        }
    }

    /// `x.to_string()` / `{}` formatting of one value.
    pub(crate) fn display_string(&mut self, x: Expr, t: &Ty, span: Span) -> R<Expr> {
        let t = self.peek(t);
        Ok(match self.types.resolve(&t) {
            Ty::Str | Ty::Char => x,
            Ty::Int(_) | Ty::Bool => Expr::call(Expr::var("String"), vec![x]),
            Ty::F64 => self.call_helper("fstr", vec![x]),
            Ty::F32 => self.call_helper("f32str", vec![x]),
            Ty::Iter(e) if *e == Ty::Char => self.call_helper("collect_str", vec![x]),
            // Unknown here (a field of a struct rs2js was not shown): rustc
            // checked that it is `Display`; `$fmt` formats it by its runtime
            // value, told the type if it becomes known later (`finalize`).
            Ty::Var(v) => Expr::call(Expr::Helper(format!("fmt@{v}")), vec![x, Expr::undefined()]),
            Ty::Named(n) if n == "ParseError" => x,
            other => return err(
                span,
                format!(
                    "rs2js: `{other}` cannot be displayed with `{{}}`/`to_string()`; use `{{:?}}`"
                ),
            ),
        })
    }

    fn int_method(
        &mut self,
        rx: Expr,
        it: IntTy,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let t = Ty::Int(it);
        let n = it.name();
        let r = match name {
            "abs" => {
                self.no_args(args, span)?;
                if !it.signed() {
                    return err(span, "rs2js: unsigned integers have no `abs`");
                }
                (
                    Expr::cond(
                        Expr::bin("<", rx.clone(), Expr::lit("0")),
                        self.call_helper(&format!("neg_{n}"), vec![rx.clone()]),
                        rx,
                    ),
                    t,
                )
            }
            "pow" => {
                let (e, _) = self.arg1(args, Some(Ty::Int(IntTy::U32)), span, out)?;
                (self.call_helper(&format!("pow_{n}"), vec![rx, e]), t)
            }
            "min" | "max" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (self.minmax(name == "max", rx, b, &t), t)
            }
            "clamp" => {
                let v = self.args(args, &[Some(t.clone()), Some(t.clone())], span, out)?;
                (
                    self.call_helper("clamp", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    t,
                )
            }
            "signum" => (Expr::method(Expr::var("Math"), "sign", vec![rx]), t),
            "is_positive" => (Expr::bin(">", rx, Expr::lit("0")), Ty::Bool),
            "is_negative" => (Expr::bin("<", rx, Expr::lit("0")), Ty::Bool),
            "checked_add" | "checked_sub" | "checked_mul" | "checked_div" | "checked_rem"
            | "checked_pow" => {
                let op = &name[8..];
                let want = if op == "pow" {
                    Ty::Int(IntTy::U32)
                } else {
                    t.clone()
                };
                let (b, _) = self.arg1(args, Some(want), span, out)?;
                let f = self.helper(&format!("{op}_{n}"));
                (self.call_helper("checked", vec![f, rx, b]), opt(t))
            }
            "wrapping_add" | "wrapping_sub" | "wrapping_mul" | "wrapping_neg" => {
                let op = &name[9..];
                let b = if op == "neg" {
                    Expr::lit("0")
                } else {
                    self.arg1(args, Some(t.clone()), span, out)?.0
                };
                (
                    self.call_helper(&format!("wrap_{n}"), vec![Expr::Str(op.into()), rx, b]),
                    t,
                )
            }
            "saturating_add" | "saturating_sub" | "saturating_mul" => {
                let op = &name[11..];
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                if it.wide() {
                    return unsupported(span, "saturating arithmetic on 64-bit integers (the limits exceed what JavaScript numbers hold exactly)");
                }
                let (lo, hi) = it.min_max();
                (
                    self.call_helper(
                        "sat",
                        vec![Expr::Str(op.into()), rx, b, Expr::lit(lo), Expr::lit(hi)],
                    ),
                    t,
                )
            }
            "rem_euclid" | "div_euclid" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (
                    self.call_helper(
                        &format!(
                            "{}_{n}",
                            &name[..3].replace("rem", "reme").replace("div", "dive")
                        ),
                        vec![rx, b],
                    ),
                    t,
                )
            }
            "abs_diff" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                let ut = match it {
                    IntTy::I8 => IntTy::U8,
                    IntTy::I16 => IntTy::U16,
                    IntTy::I32 => IntTy::U32,
                    IntTy::I64 => IntTy::U64,
                    IntTy::Isize => IntTy::Usize,
                    u => u,
                };
                (
                    self.call_helper(
                        &format!("ck_{}", ut.name()),
                        vec![
                            Expr::method(Expr::var("Math"), "abs", vec![Expr::bin("-", rx, b)]),
                            Expr::Str("subtract".into()),
                        ],
                    ),
                    Ty::Int(ut),
                )
            }
            "count_ones" | "count_zeros" | "leading_zeros" | "trailing_zeros" => {
                self.no_args(args, span)?;
                if it.wide() {
                    return unsupported(span, &format!("`{name}` on 64-bit integers"));
                }
                (
                    self.call_helper(name, vec![rx, Expr::lit(it.bits().to_string())]),
                    Ty::Int(IntTy::U32),
                )
            }
            "is_power_of_two" => (self.call_helper("is_pow2", vec![rx]), Ty::Bool),
            _ => return unsupported(span, &format!("the method `{n}::{name}`")),
        };
        Ok(r)
    }

    fn float_method(
        &mut self,
        rx: Expr,
        t: &Ty,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let t = t.clone();
        let math = |f: &str, a: Vec<Expr>| Expr::method(Expr::var("Math"), f, a);
        let f32 = t == Ty::F32;
        let round32 = |x: Expr| {
            if f32 {
                Expr::method(Expr::var("Math"), "fround", vec![x])
            } else {
                x
            }
        };
        let r = match name {
            "abs" | "floor" | "ceil" | "trunc" | "sqrt" => {
                self.no_args(args, span)?;
                (round32(math(name, vec![rx])), t)
            }
            // Rust rounds halfway cases away from zero; JS rounds them up.
            "round" => (self.call_helper("round", vec![rx]), t),
            "fract" => (Expr::bin("-", rx.clone(), math("trunc", vec![rx])), t),
            "signum" => (self.call_helper("fsignum", vec![rx]), t),
            "is_nan" => (Expr::bin("!==", rx.clone(), rx), Ty::Bool),
            "is_finite" => (
                Expr::method(Expr::var("Number"), "isFinite", vec![rx]),
                Ty::Bool,
            ),
            "is_infinite" => (
                Expr::bin("===", math("abs", vec![rx]), Expr::lit("Infinity")),
                Ty::Bool,
            ),
            "is_sign_negative" => (self.call_helper("fneg", vec![rx]), Ty::Bool),
            "is_sign_positive" => (
                Expr::unary("!", self.call_helper("fneg", vec![rx])),
                Ty::Bool,
            ),
            "max" | "min" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (self.call_helper(&format!("f{name}"), vec![rx, b]), t)
            }
            "clamp" => {
                let v = self.args(args, &[Some(t.clone()), Some(t.clone())], span, out)?;
                (
                    self.call_helper("fclamp", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    t,
                )
            }
            "powi" => {
                let (b, _) = self.arg1(args, Some(Ty::Int(IntTy::I32)), span, out)?;
                (round32(self.call_helper("powi", vec![rx, b])), t)
            }
            "powf" => {
                let (b, _) = self.arg1(args, Some(t.clone()), span, out)?;
                (round32(self.call_helper("powf", vec![rx, b])), t)
            }
            "mul_add" => {
                return unsupported(span, "`mul_add` (JavaScript has no fused multiply-add)");
            }
            "to_degrees" => (
                round32(Expr::bin("*", rx, Expr::lit("57.29577951308232"))),
                t,
            ),
            "hypot" | "atan2" | "exp" | "ln" | "log10" | "log2" | "sin" | "cos" | "tan" => {
                return unsupported(
                    span,
                    &format!("`{name}` (JavaScript's Math library may differ from Rust's in the last digit, so rs2js does not translate it)"),
                );
            }
            _ => return unsupported(span, &format!("the method `{t}::{name}`")),
        };
        Ok(r)
    }

    fn char_method(
        &mut self,
        rx: Expr,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let test = |me: &mut Self, re: &str, rx: Expr| -> Expr {
            let _ = me;
            Expr::method(Expr::lit(re.to_string()), "test", vec![rx])
        };
        let r = match name {
            "is_alphabetic" => (test(self, "/^\\p{Alphabetic}$/u", rx), Ty::Bool),
            "is_numeric" => (test(self, "/^\\p{N}$/u", rx), Ty::Bool),
            "is_alphanumeric" => (test(self, "/^[\\p{Alphabetic}\\p{N}]$/u", rx), Ty::Bool),
            "is_whitespace" => (test(self, "/^\\p{White_Space}$/u", rx), Ty::Bool),
            "is_uppercase" => (test(self, "/^\\p{Uppercase}$/u", rx), Ty::Bool),
            "is_lowercase" => (test(self, "/^\\p{Lowercase}$/u", rx), Ty::Bool),
            "is_control" => (test(self, "/^\\p{Cc}$/u", rx), Ty::Bool),
            "is_ascii" => (
                Expr::bin(
                    "<",
                    Expr::method(rx, "codePointAt", vec![Expr::lit("0")]),
                    Expr::lit("128"),
                ),
                Ty::Bool,
            ),
            "is_ascii_digit" => (test(self, "/^[0-9]$/", rx), Ty::Bool),
            "is_ascii_hexdigit" => (test(self, "/^[0-9a-fA-F]$/", rx), Ty::Bool),
            "is_ascii_alphabetic" => (test(self, "/^[a-zA-Z]$/", rx), Ty::Bool),
            "is_ascii_alphanumeric" => (test(self, "/^[a-zA-Z0-9]$/", rx), Ty::Bool),
            "is_ascii_uppercase" => (test(self, "/^[A-Z]$/", rx), Ty::Bool),
            "is_ascii_lowercase" => (test(self, "/^[a-z]$/", rx), Ty::Bool),
            "is_ascii_whitespace" => (test(self, "/^[ \\t\\n\\f\\r]$/", rx), Ty::Bool),
            "is_ascii_punctuation" => (test(self, "/^[!-\\/:-@\\[-`{-~]$/", rx), Ty::Bool),
            "to_ascii_uppercase" => (self.call_helper("ascii_up", vec![rx]), Ty::Char),
            "to_ascii_lowercase" => (self.call_helper("ascii_low", vec![rx]), Ty::Char),
            "to_uppercase" => (Expr::method(rx, "toUpperCase", vec![]), iter(Ty::Char)),
            "to_lowercase" => (Expr::method(rx, "toLowerCase", vec![]), iter(Ty::Char)),
            "to_digit" => {
                let (r, _) = self.arg1(args, Some(Ty::Int(IntTy::U32)), span, out)?;
                (
                    self.call_helper("to_digit", vec![rx, r]),
                    opt(Ty::Int(IntTy::U32)),
                )
            }
            "len_utf8" => (self.call_helper("utf8len", vec![rx]), usize_t()),
            "is_digit" => {
                let (r, _) = self.arg1(args, Some(Ty::Int(IntTy::U32)), span, out)?;
                (
                    Expr::bin(
                        "!==",
                        self.call_helper("to_digit", vec![rx, r]),
                        Expr::null(),
                    ),
                    Ty::Bool,
                )
            }
            "eq_ignore_ascii_case" => {
                let (b, _) = self.arg1(args, Some(Ty::Char), span, out)?;
                let a = self.call_helper("ascii_low", vec![rx]);
                let b = self.call_helper("ascii_low", vec![b]);
                (Expr::bin("===", a, b), Ty::Bool)
            }
            _ => return unsupported(span, &format!("the method `char::{name}`")),
        };
        Ok(r)
    }

    /// A string or char pattern argument (`"ab"`, `'a'`) or a char
    /// predicate closure.
    fn pattern_arg(&mut self, a: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, bool)> {
        if let syn::Expr::Closure(_) = super::expr::strip(a) {
            let (f, _) = self.fn_arg(a, vec![Ty::Char], out)?;
            return Ok((f, true));
        }
        let (x, t) = match a {
            syn::Expr::Reference(r) => self.operand(&r.expr, out, None)?,
            a => self.expr(a, out, None)?,
        };
        match self.types.shallow(&t) {
            Ty::Str | Ty::Char => Ok((x, false)),
            Ty::Fn(..) => Ok((x, true)),
            other => err(
                a.span(),
                format!(
                    "rs2js: a string pattern must be a string, a char or a closure, not `{other}`"
                ),
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn str_method(
        &mut self,
        rx: Expr,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let place_ok = |rx: &Expr| -> R<()> {
            if assignable(rx) {
                Ok(())
            } else {
                err(span, format!("rs2js: `{name}` changes the string in place, so it must be called on a variable or field"))
            }
        };
        let one_pat = |me: &mut Self, out: &mut Vec<Stmt>| -> R<(Expr, bool)> {
            match args {
                [a] => me.pattern_arg(a, out),
                _ => err(span, "rs2js: expected one pattern argument"),
            }
        };
        let r = match name {
            "len" => (self.call_helper("utf8len", vec![rx]), usize_t()),
            "is_empty" => (
                Expr::bin("===", Expr::member(rx, "length"), Expr::lit("0")),
                Ty::Bool,
            ),
            "chars" => (rx, iter(Ty::Char)),
            "bytes" => (
                self.call_helper("bytes", vec![rx]),
                iter(Ty::Int(IntTy::U8)),
            ),
            "char_indices" => (
                self.call_helper("char_indices", vec![rx]),
                iter(Ty::Tuple(vec![usize_t(), Ty::Char])),
            ),
            "trim" | "trim_start" | "trim_end" => (self.call_helper(name, vec![rx]), Ty::Str),
            "to_uppercase" => (Expr::method(rx, "toUpperCase", vec![]), Ty::Str),
            "to_lowercase" => (Expr::method(rx, "toLowerCase", vec![]), Ty::Str),
            "to_ascii_uppercase" => (self.call_helper("ascii_up", vec![rx]), Ty::Str),
            "to_ascii_lowercase" => (self.call_helper("ascii_low", vec![rx]), Ty::Str),
            "contains" | "starts_with" | "ends_with" => {
                let (p, is_fn) = one_pat(self, out)?;
                if is_fn {
                    (
                        self.call_helper(&format!("{name}_fn"), vec![rx, p]),
                        Ty::Bool,
                    )
                } else {
                    let js = match name {
                        "contains" => "includes",
                        "starts_with" => "startsWith",
                        _ => "endsWith",
                    };
                    (Expr::method(rx, js, vec![p]), Ty::Bool)
                }
            }
            "find" | "rfind" => {
                let (p, is_fn) = one_pat(self, out)?;
                let h = if is_fn {
                    format!("s{name}_fn")
                } else {
                    format!("s{name}")
                };
                (self.call_helper(&h, vec![rx, p]), opt(usize_t()))
            }
            "replace" => {
                if args.len() != 2 {
                    return err(span, "rs2js: `replace` takes a pattern and a replacement");
                }
                let (p, is_fn) = self.pattern_arg(&args[0], out)?;
                if is_fn {
                    return unsupported(span, "`replace` with a closure pattern");
                }
                let mut pre = Vec::new();
                let (to, _) = match &args[1] {
                    syn::Expr::Reference(r) => self.operand(&r.expr, &mut pre, Some(&Ty::Str))?,
                    a => self.expr(a, &mut pre, Some(&Ty::Str))?,
                };
                let mut done = vec![p];
                self.join(out, &mut done, pre);
                let p = done.pop().unwrap();
                (self.call_helper("replace", vec![rx, p, to]), Ty::Str)
            }
            "split" => {
                let (p, is_fn) = one_pat(self, out)?;
                if is_fn {
                    return unsupported(span, "`split` with a closure pattern");
                }
                (self.call_helper("split", vec![rx, p]), iter(Ty::Str))
            }
            "splitn" => {
                let v = self.args(&args[..1.min(args.len())], &[Some(usize_t())], span, out)?;
                let (p, _) = match args.get(1) {
                    Some(a) => self.pattern_arg(a, out)?,
                    None => return err(span, "rs2js: `splitn` takes a count and a pattern"),
                };
                (
                    self.call_helper("splitn", vec![rx, v[0].0.clone(), p]),
                    iter(Ty::Str),
                )
            }
            "split_whitespace" => (self.call_helper("split_ws", vec![rx]), iter(Ty::Str)),
            "lines" => (self.call_helper("lines", vec![rx]), iter(Ty::Str)),
            "repeat" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (Expr::method(rx, "repeat", vec![n]), Ty::Str)
            }
            "strip_prefix" | "strip_suffix" => {
                let (p, is_fn) = one_pat(self, out)?;
                if is_fn {
                    return unsupported(span, &format!("`{name}` with a closure"));
                }
                (self.call_helper(name, vec![rx, p]), opt(Ty::Str))
            }
            "eq_ignore_ascii_case" => {
                let (b, _) = self.arg1(args, Some(Ty::Str), span, out)?;
                let a = self.call_helper("ascii_low", vec![rx]);
                let b = self.call_helper("ascii_low", vec![b]);
                (Expr::bin("===", a, b), Ty::Bool)
            }
            "parse" => {
                self.no_args(args, span)?;
                let target = match expect.map(|t| self.types.shallow(t)) {
                    Some(Ty::Result(t, _)) => self.types.shallow(&t),
                    _ => return err(span, "rs2js cannot tell what `parse` should produce; write `parse::<i32>()` or annotate the result"),
                };
                let h =
                    match &target {
                        Ty::Int(it) => format!("parse_{}", it.name()),
                        Ty::F64 | Ty::F32 => "parse_f64".to_string(),
                        Ty::Bool => "parse_bool".to_string(),
                        Ty::Char => "parse_char".to_string(),
                        Ty::Var(_) => return err(
                            span,
                            "rs2js cannot tell what `parse` should produce; write `parse::<i32>()`",
                        ),
                        other => return unsupported(span, &format!("`parse` into `{other}`")),
                    };
                let x = self.call_helper(&h, vec![rx]);
                let x = if target == Ty::F32 {
                    self.call_helper("res_f32", vec![x])
                } else {
                    x
                };
                (
                    x,
                    Ty::Result(Box::new(target), Box::new(Ty::Named("ParseError".into()))),
                )
            }
            "push_str" | "push" => {
                place_ok(&rx)?;
                let want = if name == "push" { Ty::Char } else { Ty::Str };
                let (s, _) = self.arg1(args, Some(want), span, out)?;
                out.push(Stmt::Expr(Expr::assign(rx.clone(), Expr::bin("+", rx, s))));
                (Expr::undefined(), Ty::Unit)
            }
            "clear" => {
                place_ok(&rx)?;
                out.push(Stmt::Expr(Expr::assign(rx, Expr::Str(String::new()))));
                (Expr::undefined(), Ty::Unit)
            }
            "pop" => {
                place_ok(&rx)?;
                // [rest, last] = $spop(s)
                let t = self.tmp();
                out.push(Stmt::Let(
                    t.clone(),
                    Some(self.call_helper("spop", vec![rx.clone()])),
                ));
                out.push(Stmt::Expr(Expr::assign(
                    rx,
                    Expr::index(Expr::var(t.clone()), Expr::lit("0")),
                )));
                (Expr::index(Expr::var(t), Expr::lit("1")), opt(Ty::Char))
            }
            "truncate" => {
                place_ok(&rx)?;
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                let v = self.call_helper("strunc", vec![rx.clone(), n]);
                out.push(Stmt::Expr(Expr::assign(rx, v)));
                (Expr::undefined(), Ty::Unit)
            }
            "insert" | "insert_str" => {
                place_ok(&rx)?;
                let want = if name == "insert" { Ty::Char } else { Ty::Str };
                let v = self.args(args, &[Some(usize_t()), Some(want)], span, out)?;
                let s =
                    self.call_helper("sinsert", vec![rx.clone(), v[0].0.clone(), v[1].0.clone()]);
                out.push(Stmt::Expr(Expr::assign(rx, s)));
                (Expr::undefined(), Ty::Unit)
            }
            "remove" => {
                place_ok(&rx)?;
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                let t = self.tmp();
                out.push(Stmt::Let(
                    t.clone(),
                    Some(self.call_helper("sremove", vec![rx.clone(), i])),
                ));
                out.push(Stmt::Expr(Expr::assign(
                    rx,
                    Expr::index(Expr::var(t.clone()), Expr::lit("0")),
                )));
                (Expr::index(Expr::var(t), Expr::lit("1")), Ty::Char)
            }
            "retain" => {
                place_ok(&rx)?;
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `retain` takes a closure"))?;
                let (f, _) = self.fn_arg(a, vec![Ty::Char], out)?;
                let filtered = self.call_helper("filter", vec![rx.clone(), f]);
                let v = self.call_helper("collect_str", vec![filtered]);
                out.push(Stmt::Expr(Expr::assign(rx, v)));
                (Expr::undefined(), Ty::Unit)
            }
            "get" => return unsupported(span, "`str::get` (byte-range access)"),
            _ => return unsupported(span, &format!("the string method `{name}`")),
        };
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn vec_method(
        &mut self,
        rx: Expr,
        vt: &Ty,
        e: Ty,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let vec_t = Ty::Vec(Box::new(e.clone()));
        let _ = vt;
        let r = match name {
            "len" => (Expr::member(rx, "length"), usize_t()),
            "is_empty" => (
                Expr::bin("===", Expr::member(rx, "length"), Expr::lit("0")),
                Ty::Bool,
            ),
            "push" => {
                let (x, _) = self.arg1(args, Some(e), span, out)?;
                (Expr::method(rx, "push", vec![x]), Ty::Unit).into_unit(out)
            }
            "pop" => {
                self.option_of(span, e.clone())?;
                (self.call_helper("pop", vec![rx]), opt(e))
            }
            "insert" => {
                let v = self.args(args, &[Some(usize_t()), Some(e)], span, out)?;
                (
                    self.call_helper("insert", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    Ty::Unit,
                )
                    .into_unit(out)
            }
            "remove" => {
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper("remove", vec![rx, i]), e)
            }
            "swap_remove" => {
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper("swap_remove", vec![rx, i]), e)
            }
            "swap" => {
                let v = self.args(args, &[Some(usize_t()), Some(usize_t())], span, out)?;
                (
                    self.call_helper("swap", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    Ty::Unit,
                )
                    .into_unit(out)
            }
            "clear" => {
                out.push(Stmt::Expr(Expr::assign(
                    Expr::member(rx, "length"),
                    Expr::lit("0"),
                )));
                (Expr::undefined(), Ty::Unit)
            }
            "truncate" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper("truncate", vec![rx, n]), Ty::Unit).into_unit(out)
            }
            "extend" | "extend_from_slice" | "append" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected one argument"))?;
                let (it, it_t) = if name == "append" {
                    match super::expr::strip(a) {
                        syn::Expr::Reference(r) => self.place(&r.expr, out)?,
                        _ => return err(a.span(), "rs2js: `append` takes `&mut other`"),
                    }
                } else {
                    self.iterable(a, out)?
                };
                let _ = it_t;
                if name == "append" {
                    (self.call_helper("append", vec![rx, it]), Ty::Unit).into_unit(out)
                } else {
                    let h = if self.types.resolve(&e).is_js_primitive() {
                        "extend"
                    } else {
                        "extendc"
                    };
                    (self.call_helper(h, vec![rx, it]), Ty::Unit).into_unit(out)
                }
            }
            "contains" => {
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                let prim = matches!(
                    self.types.resolve(&e),
                    Ty::Int(_) | Ty::Bool | Ty::Char | Ty::Str
                );
                if prim {
                    (Expr::method(rx, "includes", vec![x]), Ty::Bool)
                } else {
                    (self.call_helper("has", vec![rx, x]), Ty::Bool)
                }
            }
            "retain" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `retain` takes a closure"))?;
                let (f, _) = self.fn_arg(a, vec![e.clone()], out)?;
                (self.call_helper("retain", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "sort" | "sort_unstable" => {
                self.no_args(args, span)?;
                let et = self.settle(&e);
                self.check_ord(&et, span)?;
                let et = self.types.resolve(&et);
                if matches!(et, Ty::F64 | Ty::F32) {
                    return err(
                        span,
                        "rs2js: `f64` is not `Ord`, so it cannot be sorted with `sort`",
                    );
                }
                (self.call_helper("sort", vec![rx]), Ty::Unit).into_unit(out)
            }
            "sort_by_key" | "sort_unstable_by_key" | "sort_by_cached_key" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, kt) = self.fn_arg(a, vec![e.clone()], out)?;
                let kt = self.settle(&kt);
                self.check_ord(&kt, span)?;
                (self.call_helper("sort_by_key", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "sort_by" | "sort_unstable_by" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, rt) = self.fn_arg(a, vec![e.clone(), e.clone()], out)?;
                self.unify_at(
                    span,
                    &rt,
                    &Ty::Named("Ordering".into()),
                    "`sort_by` closure result",
                )?;
                (self.call_helper("sort_by", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "dedup" => (self.call_helper("dedup", vec![rx]), Ty::Unit).into_unit(out),
            "dedup_by_key" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: expected a closure"))?;
                let (f, _) = self.fn_arg(a, vec![e.clone()], out)?;
                (self.call_helper("dedup_by_key", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "reverse" => (Expr::method(rx, "reverse", vec![]), Ty::Unit).into_unit(out),
            "first" | "last" => {
                self.option_of(span, e.clone())?;
                (self.call_helper(name, vec![rx]), opt(e))
            }
            "get" => {
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                self.option_of(span, e.clone())?;
                (self.call_helper("get", vec![rx, i]), opt(e))
            }
            "iter" | "into_iter" => (rx, iter(e)),
            "to_vec" | "into_vec" => (self.call_helper("clone", vec![rx]), vec_t),
            "join" | "concat" => {
                let sep = if name == "join" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    Expr::Str(String::new())
                };
                match self.types.resolve(&e) {
                    Ty::Str => (Expr::method(rx, "join", vec![sep]), Ty::Str),
                    Ty::Vec(inner) if name == "concat" => {
                        (Expr::method(rx, "flat", vec![]), Ty::Vec(inner))
                    }
                    _ => return unsupported(span, &format!("`{name}` on this kind of vector")),
                }
            }
            "fill" => {
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                let h = if self.types.resolve(&e).is_js_primitive() {
                    "fill"
                } else {
                    "fillc"
                };
                (self.call_helper(h, vec![rx, x]), Ty::Unit).into_unit(out)
            }
            "resize" => {
                let v = self.args(args, &[Some(usize_t()), Some(e)], span, out)?;
                (
                    self.call_helper("resize", vec![rx, v[0].0.clone(), v[1].0.clone()]),
                    Ty::Unit,
                )
                    .into_unit(out)
            }
            "split_off" => {
                let (i, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper("split_off", vec![rx, i]), vec_t)
            }
            "drain" => {
                match args {
                    [syn::Expr::Range(r)] if r.start.is_none() && r.end.is_none() => {}
                    _ => return unsupported(span, "`drain` with a range other than `..`"),
                }
                (Expr::method(rx, "splice", vec![Expr::lit("0")]), iter(e))
            }
            "windows" | "chunks" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper(name, vec![rx, n]), iter(vec_t))
            }
            "starts_with" | "ends_with" => {
                let (x, _) = self.arg1(args, Some(vec_t.clone()), span, out)?;
                (self.call_helper(&format!("v{name}"), vec![rx, x]), Ty::Bool)
            }
            "binary_search" => return unsupported(span, "`binary_search`"),
            // Iterator methods called directly on a Vec (via deref to a
            // slice are not Rust; only `iter()`-style methods above are).
            _ => {
                let _ = expect;
                return unsupported(span, &format!("the `Vec` method `{name}`"));
            }
        };
        Ok(r)
    }

    /// Types rs2js can order at run time (enums' variant order is unknown).
    fn check_ord(&mut self, t: &Ty, span: Span) -> R<()> {
        match self.types.resolve(t) {
            Ty::Named(n) if self.enums.contains_key(&n) || !self.structs.contains_key(&n) => {
                unsupported(
                    span,
                    &format!("ordering values of `{n}` (rs2js orders structs it knows, not enums)"),
                )
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn iter_method(
        &mut self,
        rx: Expr,
        e: Ty,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let closure_arg = |me: &mut Self, params: Vec<Ty>, out: &mut Vec<Stmt>| -> R<(Expr, Ty)> {
            match args {
                [a] => me.fn_arg(a, params, out),
                _ => err(span, format!("rs2js: `{name}` takes one closure")),
            }
        };
        let r = match name {
            "iter" | "into_iter" | "by_ref" => (rx, iter(e)),
            "map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                (self.call_helper("map", vec![rx, f]), iter(rt))
            }
            "filter" => {
                let (f, rt) = closure_arg(self, vec![e.clone()], out)?;
                self.unify_at(span, &rt, &Ty::Bool, "`filter` closure result")?;
                (self.call_helper("filter", vec![rx, f]), iter(e))
            }
            "filter_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                let inner = self.types.fresh(VarKind::Any);
                self.unify_at(
                    span,
                    &rt,
                    &opt(inner.clone()),
                    "`filter_map` closure result",
                )?;
                (self.call_helper("filter_map", vec![rx, f]), iter(inner))
            }
            "flat_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                let is_opt = matches!(self.types.shallow(&rt), Ty::Option(_));
                let inner = match self.types.shallow(&rt) {
                    Ty::Str => Ty::Char,
                    _ => self.elem_of(&rt),
                };
                let h = if is_opt { "filter_map" } else { "flat_map" };
                (self.call_helper(h, vec![rx, f]), iter(inner))
            }
            "flatten" => {
                let inner = self.elem_of(&e);
                if let Ty::Option(_) = self.types.shallow(&e) {
                    (
                        self.call_helper(
                            "filter_map",
                            vec![rx, Expr::arrow(vec!["x".into()], Expr::var("x"))],
                        ),
                        iter(inner),
                    )
                } else {
                    (
                        self.call_helper(
                            "flat_map",
                            vec![rx, Expr::arrow(vec!["x".into()], Expr::var("x"))],
                        ),
                        iter(inner),
                    )
                }
            }
            "take_while" | "skip_while" | "inspect" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                (self.call_helper(name, vec![rx, f]), iter(e))
            }
            "enumerate" => (
                self.call_helper("enumerate", vec![rx]),
                iter(Ty::Tuple(vec![usize_t(), e])),
            ),
            "zip" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `zip` takes an iterable"))?;
                let (it, t2) = self.iterable(a, out)?;
                (
                    self.call_helper("zip", vec![rx, it]),
                    iter(Ty::Tuple(vec![e, t2])),
                )
            }
            "chain" => {
                let a = args
                    .first()
                    .ok_or_else(|| syn::Error::new(span, "rs2js: `chain` takes an iterable"))?;
                let (it, t2) = self.iterable(a, out)?;
                self.unify_at(span, &e, &t2, "`chain` item type")?;
                (self.call_helper("chain", vec![rx, it]), iter(e))
            }
            "rev" => (self.call_helper("rev", vec![rx]), iter(e)),
            "skip" | "take" | "step_by" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                (self.call_helper(name, vec![rx, n]), iter(e))
            }
            "cloned" | "copied" => {
                if self.types.resolve(&e).is_js_primitive() {
                    (rx, iter(e))
                } else {
                    let c = self.helper("clone");
                    (self.call_helper("map", vec![rx, c]), iter(e))
                }
            }
            "peekable" | "fuse" => (self.call_helper("iter", vec![rx]), iter(e)),
            "collect" => {
                let target = expect.map(|t| self.types.shallow(t));
                match target {
                    Some(Ty::Str) => (self.call_helper("collect_str", vec![rx]), Ty::Str),
                    Some(Ty::Vec(inner)) => {
                        self.unify_at(span, &inner, &e, "`collect` item type")?;
                        (self.call_helper("collect", vec![rx]), Ty::Vec(inner))
                    }
                    Some(Ty::Var(_)) | None => {
                        (self.call_helper("collect", vec![rx]), Ty::Vec(Box::new(e)))
                    }
                    Some(other) => return unsupported(span, &format!("`collect` into `{other}`")),
                }
            }
            "count" => (self.call_helper("count", vec![rx]), usize_t()),
            "sum" | "product" => {
                let t = match expect {
                    Some(w) => {
                        self.unify_at(span, w, &e, "`sum` type")?;
                        self.settle(w)
                    }
                    None => self.settle(&e),
                };
                let h = match &t {
                    Ty::Int(it) => format!("{}_{}", name, it.name()),
                    Ty::F64 | Ty::F32 => format!("f{name}"),
                    other => {
                        return err(
                            span,
                            format!("rs2js: cannot `{name}` values of type `{other}`"),
                        )
                    }
                };
                let x = self.call_helper(&h, vec![rx]);
                let x = if t == Ty::F32 {
                    Expr::method(Expr::var("Math"), "fround", vec![x])
                } else {
                    x
                };
                (x, t)
            }
            "any" | "all" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                self.unify_at(span, &rt, &Ty::Bool, "closure result")?;
                (self.call_helper(name, vec![rx, f]), Ty::Bool)
            }
            "find" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper("find", vec![rx, f]), ty)
            }
            "find_map" => {
                let (f, rt) = closure_arg(self, vec![e], out)?;
                (self.call_helper("find_map", vec![rx, f]), rt)
            }
            "position" => {
                let (f, _) = closure_arg(self, vec![e], out)?;
                (self.call_helper("position", vec![rx, f]), opt(usize_t()))
            }
            "max" | "min" => {
                let et = self.settle(&e);
                if matches!(self.types.resolve(&et), Ty::F64 | Ty::F32) {
                    return err(
                        span,
                        "rs2js: `f64` is not `Ord`; use `fold` with `f64::max`",
                    );
                }
                self.check_ord(&et, span)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(&format!("it{name}"), vec![rx]), ty)
            }
            "max_by_key" | "min_by_key" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(name, vec![rx, f]), ty)
            }
            "max_by" | "min_by" => {
                let (f, _) = closure_arg(self, vec![e.clone(), e.clone()], out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper(name, vec![rx, f]), ty)
            }
            "fold" => {
                let (init, it) = match args {
                    [i, _] => {
                        let mut pre = Vec::new();
                        let r = self.expr(i, &mut pre, None)?;
                        out.extend(pre);
                        r
                    }
                    _ => return err(span, "rs2js: `fold` takes an initial value and a closure"),
                };
                let (f, rt) = self.fn_arg(&args[1], vec![it.clone(), e], out)?;
                self.unify_at(span, &rt, &it, "`fold` closure result")?;
                (self.call_helper("fold", vec![rx, init, f]), it)
            }
            "for_each" => {
                let (f, _) = closure_arg(self, vec![e], out)?;
                (self.call_helper("for_each", vec![rx, f]), Ty::Unit).into_unit(out)
            }
            "last" => {
                let ty = self.option_of(span, e)?;
                (self.call_helper("last_it", vec![rx]), ty)
            }
            "nth" => {
                let (n, _) = self.arg1(args, Some(usize_t()), span, out)?;
                let ty = self.option_of(span, e)?;
                (self.call_helper("nth", vec![rx, n]), ty)
            }
            "next" => {
                let ty = self.option_of(span, e)?;
                (self.call_helper("next", vec![rx]), ty)
            }
            "partition" => {
                let (f, _) = closure_arg(self, vec![e.clone()], out)?;
                let v = Ty::Vec(Box::new(e));
                (
                    self.call_helper("partition", vec![rx, f]),
                    Ty::Tuple(vec![v.clone(), v]),
                )
            }
            "unzip" => {
                let (a, b) = match self.types.shallow(&e) {
                    Ty::Tuple(ts) if ts.len() == 2 => (ts[0].clone(), ts[1].clone()),
                    _ => return err(span, "rs2js: `unzip` needs pairs"),
                };
                (
                    self.call_helper("unzip", vec![rx]),
                    Ty::Tuple(vec![Ty::Vec(Box::new(a)), Ty::Vec(Box::new(b))]),
                )
            }
            "contains" => {
                // Ranges: `(a..b).contains(&x)`.
                let (x, _) = self.arg1(args, Some(e.clone()), span, out)?;
                (self.call_helper("it_has", vec![rx, x]), Ty::Bool)
            }
            "len" => (self.call_helper("count", vec![rx]), usize_t()),
            _ => return unsupported(span, &format!("the iterator method `{name}`")),
        };
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn option_method(
        &mut self,
        rx: Expr,
        e: Ty,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let ot = opt(e.clone());
        let is_none = Expr::bin("===", rx.clone(), Expr::null());
        let r = match name {
            "is_some" => (Expr::bin("!==", rx, Expr::null()), Ty::Bool),
            "is_none" => (is_none, Ty::Bool),
            "unwrap" => {
                self.no_args(args, span)?;
                (self.call_helper("unwrap", vec![rx]), e)
            }
            "expect" => {
                let (m, _) = self.arg1(args, Some(Ty::Str), span, out)?;
                (self.call_helper("expect", vec![rx, m]), e)
            }
            "unwrap_or" => {
                let (d, _) = self.arg1(args, Some(e.clone()), span, out)?;
                let d = self.eager(d, out);
                (Expr::cond(is_none, d, rx), e)
            }
            "unwrap_or_else" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (Expr::cond(is_none, Expr::call(f, vec![]), rx), e)
            }
            "unwrap_or_default" => {
                let d = self.default_value(&e, span)?;
                (Expr::cond(is_none, d, rx), e)
            }
            "map" | "and_then" => {
                let (f, rt) = match args {
                    [a] => self.fn_arg(a, vec![e], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                let ty = if name == "map" {
                    self.option_of(span, rt)?
                } else {
                    let inner = self.types.fresh(VarKind::Any);
                    self.unify_at(span, &rt, &opt(inner.clone()), "`and_then` closure result")?;
                    opt(inner)
                };
                (
                    Expr::cond(is_none, Expr::null(), Expr::call(f, vec![rx])),
                    ty,
                )
            }
            "map_or" => {
                let d = self
                    .args(&args[..1.min(args.len())], &[None], span, out)?
                    .pop()
                    .unwrap();
                let d0 = self.eager(d.0, out);
                let (f, rt) = match args.get(1) {
                    Some(a) => self.fn_arg(a, vec![e], out)?,
                    None => return err(span, "rs2js: `map_or` takes a default and a closure"),
                };
                self.unify_at(span, &rt, &d.1, "`map_or` result")?;
                (Expr::cond(is_none, d0, Expr::call(f, vec![rx])), rt)
            }
            "map_or_else" => {
                let (fd, dt) = self.fn_arg(
                    args.first()
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two closures"))?,
                    vec![],
                    out,
                )?;
                let (f, rt) = self.fn_arg(
                    args.get(1)
                        .ok_or_else(|| syn::Error::new(span, "rs2js: expected two closures"))?,
                    vec![e],
                    out,
                )?;
                self.unify_at(span, &rt, &dt, "`map_or_else` result")?;
                (
                    Expr::cond(is_none, Expr::call(fd, vec![]), Expr::call(f, vec![rx])),
                    rt,
                )
            }
            "is_some_and" | "is_none_or" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![e], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                if name == "is_some_and" {
                    (
                        Expr::bin(
                            "&&",
                            Expr::bin("!==", rx.clone(), Expr::null()),
                            Expr::call(f, vec![rx]),
                        ),
                        Ty::Bool,
                    )
                } else {
                    (Expr::bin("||", is_none, Expr::call(f, vec![rx])), Ty::Bool)
                }
            }
            "filter" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![e], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (
                    Expr::cond(
                        Expr::bin(
                            "&&",
                            Expr::bin("!==", rx.clone(), Expr::null()),
                            Expr::call(f, vec![rx.clone()]),
                        ),
                        rx,
                        Expr::null(),
                    ),
                    ot,
                )
            }
            "or" => {
                let (o, _) = self.arg1(args, Some(ot.clone()), span, out)?;
                let o = self.eager(o, out);
                (Expr::cond(is_none, o, rx), ot)
            }
            "or_else" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (Expr::cond(is_none, Expr::call(f, vec![]), rx), ot)
            }
            "xor" => {
                let (o, _) = self.arg1(args, Some(ot.clone()), span, out)?;
                let o = self.spill_always(o, out);
                let x = Expr::cond(
                    is_none,
                    o.clone(),
                    Expr::cond(Expr::bin("===", o, Expr::null()), rx, Expr::null()),
                );
                (x, ot)
            }
            "and" => {
                let (o, t2) = self.arg1(args, None, span, out)?;
                let o = self.eager(o, out);
                (Expr::cond(is_none, Expr::null(), o), t2)
            }
            "ok_or" => {
                let (x, et) = self.arg1(args, None, span, out)?;
                let x = self.eager(x, out);
                (
                    Expr::cond(
                        is_none,
                        Expr::Object(vec![("Err".into(), x)]),
                        Expr::Object(vec![("Ok".into(), rx)]),
                    ),
                    Ty::Result(Box::new(e), Box::new(et)),
                )
            }
            "ok_or_else" => {
                let (f, et) = match args {
                    [a] => self.fn_arg(a, vec![], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (
                    Expr::cond(
                        is_none,
                        Expr::Object(vec![("Err".into(), Expr::call(f, vec![]))]),
                        Expr::Object(vec![("Ok".into(), rx)]),
                    ),
                    Ty::Result(Box::new(e), Box::new(et)),
                )
            }
            "zip" => {
                let (o, t2) = self.arg1(args, None, span, out)?;
                let o = self.spill_always(o, out);
                let inner = self.elem_of(&t2);
                (
                    Expr::cond(
                        Expr::bin("||", is_none, Expr::bin("===", o.clone(), Expr::null())),
                        Expr::null(),
                        Expr::Array(vec![rx, o]),
                    ),
                    opt(Ty::Tuple(vec![e, inner])),
                )
            }
            "cloned" | "copied" => {
                if self.types.resolve(&e).is_js_primitive() {
                    (rx, ot)
                } else {
                    (self.call_helper("clone", vec![rx]), ot)
                }
            }
            "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "as_slice" => (rx, ot),
            "iter" | "into_iter" => (self.call_helper("opt_iter", vec![rx]), iter(e)),
            "take" => {
                if !assignable(&rx) {
                    return err(span, "rs2js: `take` must be called on a variable or field");
                }
                let t = self.tmp();
                out.push(Stmt::Let(t.clone(), Some(rx.clone())));
                out.push(Stmt::Expr(Expr::assign(rx, Expr::null())));
                (Expr::var(t), ot)
            }
            "replace" | "insert" | "get_or_insert" => {
                if !assignable(&rx) {
                    return err(
                        span,
                        format!("rs2js: `{name}` must be called on a variable or field"),
                    );
                }
                let (v, _) = self.arg1(args, Some(e.clone()), span, out)?;
                match name {
                    "replace" => {
                        let t = self.tmp();
                        out.push(Stmt::Let(t.clone(), Some(rx.clone())));
                        out.push(Stmt::Expr(Expr::assign(rx, v)));
                        (Expr::var(t), ot)
                    }
                    "insert" => {
                        out.push(Stmt::Expr(Expr::assign(rx.clone(), v)));
                        (rx, e)
                    }
                    _ => {
                        out.push(Stmt::If(
                            Expr::bin("===", rx.clone(), Expr::null()),
                            vec![Stmt::Expr(Expr::assign(rx.clone(), v))],
                            vec![],
                        ));
                        (rx, e)
                    }
                }
            }
            "unwrap_unchecked" => return unsupported(span, "`unwrap_unchecked`"),
            _ => {
                let _ = expect;
                return unsupported(span, &format!("the `Option` method `{name}`"));
            }
        };
        Ok(r)
    }

    #[allow(clippy::too_many_arguments)]
    fn result_method(
        &mut self,
        rx: Expr,
        ok: Ty,
        er: Ty,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
        expect: Option<&Ty>,
    ) -> R<(Expr, Ty)> {
        let rt = Ty::Result(Box::new(ok.clone()), Box::new(er.clone()));
        let is_ok = Expr::bin("in", Expr::Str("Ok".into()), rx.clone());
        let okv = Expr::member(rx.clone(), "Ok");
        let errv = Expr::member(rx.clone(), "Err");
        let r = match name {
            "is_ok" => (is_ok, Ty::Bool),
            "is_err" => (Expr::bin("in", Expr::Str("Err".into()), rx), Ty::Bool),
            "unwrap" | "expect" => {
                let d = self.panic_debug_fn(&er, span);
                let msg = if name == "expect" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    self.no_args(args, span)?;
                    Expr::Str("called `Result::unwrap()` on an `Err` value".into())
                };
                (self.call_helper("unwrap_r", vec![rx, msg, d]), ok)
            }
            "unwrap_err" | "expect_err" => {
                let d = self.panic_debug_fn(&ok, span);
                let msg = if name == "expect_err" {
                    self.arg1(args, Some(Ty::Str), span, out)?.0
                } else {
                    Expr::Str("called `Result::unwrap_err()` on an `Ok` value".into())
                };
                (self.call_helper("unwrap_e", vec![rx, msg, d]), er)
            }
            "unwrap_or" => {
                let (d, _) = self.arg1(args, Some(ok.clone()), span, out)?;
                let d = self.eager(d, out);
                (Expr::cond(is_ok, okv, d), ok)
            }
            "unwrap_or_else" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![er], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (Expr::cond(is_ok, okv, Expr::call(f, vec![errv])), ok)
            }
            "unwrap_or_default" => {
                let d = self.default_value(&ok, span)?;
                (Expr::cond(is_ok, okv, d), ok)
            }
            "ok" => {
                let ty = self.option_of(span, ok)?;
                (Expr::cond(is_ok, okv, Expr::null()), ty)
            }
            "err" => {
                let ty = self.option_of(span, er)?;
                (Expr::cond(is_ok, Expr::null(), errv), ty)
            }
            "map" => {
                let (f, t2) = match args {
                    [a] => self.fn_arg(a, vec![ok], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (
                    Expr::cond(
                        is_ok,
                        Expr::Object(vec![("Ok".into(), Expr::call(f, vec![okv]))]),
                        rx,
                    ),
                    Ty::Result(Box::new(t2), Box::new(er)),
                )
            }
            "map_err" => {
                let (f, t2) = match args {
                    [a] => self.fn_arg(a, vec![er], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (
                    Expr::cond(
                        is_ok,
                        rx,
                        Expr::Object(vec![("Err".into(), Expr::call(f, vec![errv]))]),
                    ),
                    Ty::Result(Box::new(ok), Box::new(t2)),
                )
            }
            "and_then" => {
                let (f, t2) = match args {
                    [a] => self.fn_arg(a, vec![ok], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                let inner = self.types.fresh(VarKind::Any);
                self.unify_at(
                    span,
                    &t2,
                    &Ty::Result(Box::new(inner.clone()), Box::new(er.clone())),
                    "`and_then` closure result",
                )?;
                (
                    Expr::cond(is_ok, Expr::call(f, vec![okv]), rx),
                    Ty::Result(Box::new(inner), Box::new(er)),
                )
            }
            "or_else" => {
                let (f, t2) = match args {
                    [a] => self.fn_arg(a, vec![er], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (Expr::cond(is_ok, rx, Expr::call(f, vec![errv])), t2)
            }
            "is_ok_and" | "is_err_and" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![if name == "is_ok_and" { ok } else { er }], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                if name == "is_ok_and" {
                    (Expr::bin("&&", is_ok, Expr::call(f, vec![okv])), Ty::Bool)
                } else {
                    (
                        Expr::bin("&&", Expr::unary("!", is_ok), Expr::call(f, vec![errv])),
                        Ty::Bool,
                    )
                }
            }
            "map_or" => {
                let d = self
                    .args(&args[..1.min(args.len())], &[None], span, out)?
                    .pop()
                    .unwrap();
                let d0 = self.eager(d.0, out);
                let (f, t2) = match args.get(1) {
                    Some(a) => self.fn_arg(a, vec![ok], out)?,
                    None => return err(span, "rs2js: `map_or` takes a default and a closure"),
                };
                self.unify_at(span, &t2, &d.1, "`map_or` result")?;
                (Expr::cond(is_ok, Expr::call(f, vec![okv]), d0), t2)
            }
            "as_ref" | "as_mut" | "as_deref" => (rx, rt),
            "iter" | "into_iter" => {
                let o = Expr::cond(is_ok, okv, Expr::null());
                (self.call_helper("opt_iter", vec![o]), iter(ok))
            }
            "cloned" | "copied" => (self.call_helper("clone", vec![rx]), rt),
            _ => {
                let _ = expect;
                return unsupported(span, &format!("the `Result` method `{name}`"));
            }
        };
        Ok(r)
    }

    fn ordering_method(
        &mut self,
        rx: Expr,
        name: &str,
        args: &[syn::Expr],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        let ord = Ty::Named("Ordering".into());
        let r = match name {
            "reverse" => (Expr::bin("-", Expr::lit("0"), rx), ord),
            "then" => {
                let (o, _) = self.arg1(args, Some(ord.clone()), span, out)?;
                let o = self.eager(o, out);
                (Expr::bin("||", rx, o), ord)
            }
            "then_with" => {
                let (f, _) = match args {
                    [a] => self.fn_arg(a, vec![], out)?,
                    _ => return err(span, "rs2js: expected a closure"),
                };
                (Expr::bin("||", rx, Expr::call(f, vec![])), ord)
            }
            "is_lt" => (Expr::bin("<", rx, Expr::lit("0")), Ty::Bool),
            "is_le" => (Expr::bin("<=", rx, Expr::lit("0")), Ty::Bool),
            "is_gt" => (Expr::bin(">", rx, Expr::lit("0")), Ty::Bool),
            "is_ge" => (Expr::bin(">=", rx, Expr::lit("0")), Ty::Bool),
            "is_eq" => (Expr::bin("===", rx, Expr::lit("0")), Ty::Bool),
            "is_ne" => (Expr::bin("!==", rx, Expr::lit("0")), Ty::Bool),
            _ => return unsupported(span, &format!("the `Ordering` method `{name}`")),
        };
        Ok(r)
    }
}

/// Methods returning `()` that are emitted as statements.
trait IntoUnit {
    fn into_unit(self, out: &mut Vec<Stmt>) -> (Expr, Ty);
}

impl IntoUnit for (Expr, Ty) {
    fn into_unit(self, out: &mut Vec<Stmt>) -> (Expr, Ty) {
        out.push(Stmt::Expr(self.0));
        (Expr::undefined(), Ty::Unit)
    }
}

/// Whether the (resolved) type mentions inference variable `v`.
fn mentions(t: &Ty, v: usize) -> bool {
    match t {
        Ty::Var(w) => *w == v,
        Ty::Vec(a) | Ty::Option(a) | Ty::Signal(a) | Ty::Range(a) | Ty::Iter(a) => mentions(a, v),
        Ty::Result(a, b) => mentions(a, v) || mentions(b, v),
        Ty::Tuple(ts) => ts.iter().any(|t| mentions(t, v)),
        Ty::Fn(ps, r) => ps.iter().any(|t| mentions(t, v)) || mentions(r, v),
        _ => false,
    }
}
