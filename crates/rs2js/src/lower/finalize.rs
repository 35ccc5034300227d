//! The finalize pass, run once the whole body is lowered: operations that
//! were lowered while a type was still unknown (an unsuffixed literal, a
//! field of an unknown struct) are rewritten to the operation for the type
//! finally inferred, and orderings of still-unknown types are refused.

use super::{err, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::Ty;

impl Lowerer {
    /// Refuses an ordering whose operands' type is still unknown once the
    /// whole body is seen: at runtime a JSON string may be a `String`
    /// (ordered by code point) or a unit enum variant (ordered by
    /// declaration), and an object an enum (ordered by variant), so JS
    /// cannot reproduce Rust. Equality needs no type (`$eq` is exact).
    pub fn check_unknown_order(&mut self) -> syn::Result<()> {
        for (v, span) in std::mem::take(&mut self.unknown_order) {
            let t = self.types.default_numeric(&Ty::Var(v));
            if let Ty::Var(_) = t {
                return err(
                    span,
                    "rs2js cannot tell the type of the values this compares (Rust orders strings by code point but enums by variant); annotate one of them, for example `let a: &str = &x.title;`",
                );
            }
        }
        Ok(())
    }

    /// Settles a `$fmt`/`!` call lowered while its operand's type was
    /// unknown (`fmt@7`, `not@7`): with the type known now, `!` becomes the
    /// bool or integer operation and `$fmt` is told the numeric type; still
    /// unknown, the runtime helpers decide by the value.
    fn fin_unknown(&mut self, e: &mut Expr) -> Option<Expr> {
        let Expr::Call(f, args) = e else { return None };
        let Expr::Helper(n) = &**f else { return None };
        let (op, v) = n.split_once('@')?;
        let v: usize = v
            .parse()
            .expect("rs2js internal: deferred unknown-type call");
        let op = op.to_string();
        let mut args = std::mem::take(args);
        for a in args.iter_mut() {
            self.fin_expr(a);
        }
        let t = self.types.default_numeric(&Ty::Var(v));
        let t = self.types.resolve(&t);
        Some(match op.as_str() {
            "not" => {
                let x = args.pop().expect("rs2js internal: `!` operand");
                match t {
                    Ty::Bool => Expr::unary("!", x),
                    Ty::Int(it) => self.int_not(x, it),
                    _ => self.call_helper("not", vec![x]),
                }
            }
            _ => {
                let kind = match t {
                    Ty::F32 => Some("f32"),
                    Ty::F64 => Some("f64"),
                    Ty::Int(_) => Some("int"),
                    _ => None,
                };
                match kind {
                    Some(k) => args[1] = Expr::Str(k.into()),
                    None if args.len() == 2 => {
                        args.pop();
                    }
                    None => {}
                }
                self.call_helper("fmt", args)
            }
        })
    }

    /// Picks the helpers of integer operations whose type was still open
    /// when they were lowered (`add_#7` → `add_u32`), defaulting literals
    /// that nothing constrained to `i32` like rustc.
    pub fn finalize(&mut self, stmts: &mut [Stmt]) {
        for s in stmts {
            self.fin_stmt(s);
        }
    }

    fn fin_stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Let(_, Some(e)) | Stmt::Expr(e) | Stmt::Return(Some(e)) => self.fin_expr(e),
            Stmt::If(c, a, b) => {
                self.fin_expr(c);
                self.finalize(a);
                self.finalize(b);
            }
            Stmt::While(_, c, b) => {
                self.fin_expr(c);
                self.finalize(b);
            }
            Stmt::ForOf(_, _, it, b) => {
                self.fin_expr(it);
                self.finalize(b);
            }
            Stmt::ForRange {
                start, end, body, ..
            } => {
                self.fin_expr(start);
                self.fin_expr(end);
                self.finalize(body);
            }
            Stmt::Block(_, b) => self.finalize(b),
            _ => {}
        }
    }

    fn fin_expr(&mut self, e: &mut Expr) {
        if let Some(new) = self.fin_unknown(e) {
            *e = new;
            return;
        }
        match e {
            Expr::Helper(n) if n.contains("_#") => {
                let (op, v) = n.split_once("_#").unwrap();
                let v: usize = v.parse().expect("rs2js internal: deferred helper");
                let it = match self.types.default_numeric(&Ty::Var(v)) {
                    Ty::Int(it) => it,
                    _ => crate::ty::IntTy::I32,
                };
                let name = format!("{op}_{}", it.name());
                crate::helpers::require(&mut self.helpers, &name);
                *n = format!("${name}");
            }
            Expr::Bin(_, a, b) | Expr::Index(a, b) | Expr::Assign(a, b) => {
                self.fin_expr(a);
                self.fin_expr(b);
            }
            Expr::Unary(_, a) | Expr::Member(a, _) => self.fin_expr(a),
            Expr::Call(f, args) => {
                self.fin_expr(f);
                for a in args {
                    self.fin_expr(a);
                }
            }
            Expr::Arrow(a) => self.finalize(&mut a.body),
            Expr::Array(xs) => {
                for x in xs {
                    self.fin_expr(x);
                }
            }
            Expr::Object(fs) => {
                for (_, x) in fs {
                    self.fin_expr(x);
                }
            }
            Expr::Cond(a, b, c) => {
                self.fin_expr(a);
                self.fin_expr(b);
                self.fin_expr(c);
            }
            _ => {}
        }
    }
}
