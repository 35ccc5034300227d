//! Server function calls, the only `.await` rs2js translates:
//! `search(q).await` becomes `await r.call("search", [q])` — `r` is the
//! handler's runtime parameter, the arguments are passed positionally (the
//! translator only sees the call site, not the parameter names), and the
//! result is a `Result<_, ServerFnError>` in its serde form. Awaiting makes
//! the handler's arrow `async`.

use syn::spanned::Spanned;

use super::expr::strip;
use super::path_names;
use super::{unsupported, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

impl Lowerer {
    pub(crate) fn await_expr(&mut self, a: &syn::ExprAwait, out: &mut Vec<Stmt>) -> R<(Expr, Ty)> {
        if let Some(f) = self.fns.last_mut() {
            f.is_async = true;
        }
        if self.fns.len() > 1 {
            return unsupported(
                a.span(),
                "`.await` inside a nested closure (only the handler itself may await)",
            );
        }
        match strip(&a.base) {
            syn::Expr::Call(c) => {
                let name = match strip(&c.func) {
                    syn::Expr::Path(p) if p.qself.is_none() => {
                        path_names(&p.path).join("::")
                    }
                    _ => return unsupported(c.func.span(), "awaiting this call (only `#[server]` functions called by name can be awaited)"),
                };
                if !self.has_runtime {
                    return unsupported(a.span(), "a server function call outside a handler");
                }
                let short = name.rsplit("::").next().unwrap().to_string();
                let mut done = Vec::new();
                for arg in &c.args {
                    let mut pre = Vec::new();
                    let (x, _) = self.expr(arg, &mut pre, None)?;
                    self.join(out, &mut done, pre);
                    done.push(x);
                }
                let call = Expr::method(
                    Expr::var("r"),
                    "call",
                    vec![Expr::Str(short), Expr::Array(done)],
                );
                let res_ty = Ty::Result(
                    Box::new(self.types.fresh(VarKind::Any)),
                    Box::new(Ty::Named("ServerFnError".into())),
                );
                Ok((Expr::unary("await ", call), res_ty))
            }
            other => unsupported(
                other.span(),
                "awaiting this expression (only `#[server]` function calls can be awaited)",
            ),
        }
    }
}
