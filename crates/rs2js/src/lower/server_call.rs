//! Server function calls, the only `.await` rs2js translates:
//! `search(q).await` becomes `await r.call("search", [q])` — `r` is the
//! handler's runtime parameter, the arguments are passed positionally (the
//! translator only sees the call site, not the parameter names), and the
//! result is a `Result<_, ServerFnError>` in its serde form. Awaiting makes
//! the handler's arrow `async`.
//!
//! `action.dispatch(search(q))` on a captured `resuma::Action` becomes
//! `$dispatch(r, action, "search", [q])` (awaited when the Rust awaits it):
//! the chunk helper makes the same call and writes the action's signals
//! (protocol.md §8). The capture is a value holding the ids of those
//! signals; `dispatch` is what marks it as an action, and the type
//! assertion the macro emits (`let _: &::resuma::Action<_> = &action;`)
//! makes rustc confirm it.

use syn::spanned::Spanned;

use super::expr::strip;
use super::path_names;
use super::{err, unsupported, LocalKind, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

type R<T> = syn::Result<T>;

/// The sentence every refused `dispatch` ends with.
const DISPATCH_FORM: &str = "write `action.dispatch(server_fn(args))`, with `action` from `use_action` captured by name and the call of a `#[server]` function not awaited (`dispatch` makes the call)";

fn server_fn_type(ok: Ty) -> Ty {
    Ty::Result(Box::new(ok), Box::new(Ty::Named("ServerFnError".into())))
}

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
                if !matches!(strip(&c.func), syn::Expr::Path(p) if p.qself.is_none()) {
                    return unsupported(c.func.span(), "awaiting this call (only `#[server]` functions called by name can be awaited)");
                }
                if !self.has_runtime {
                    return unsupported(a.span(), "a server function call outside a handler");
                }
                let (name, args) = self.server_call_parts(c, out)?;
                self.calls_server = true;
                let call = Expr::method(Expr::var("r"), "call", vec![Expr::Str(name), args]);
                let res_ty = server_fn_type(self.types.fresh(VarKind::Any));
                Ok((Expr::unary("await ", call), res_ty))
            }
            syn::Expr::MethodCall(m) if m.method == "dispatch" => {
                let (call, res_ty) = self.dispatch(m, out)?;
                Ok((Expr::unary("await ", call), res_ty))
            }
            other => unsupported(
                other.span(),
                "awaiting this expression (only `#[server]` function calls can be awaited)",
            ),
        }
    }

    /// A server function's name (its last path segment) and its arguments
    /// as a JS array, lowered in order.
    fn server_call_parts(&mut self, c: &syn::ExprCall, out: &mut Vec<Stmt>) -> R<(String, Expr)> {
        let name = match strip(&c.func) {
            syn::Expr::Path(p) => path_names(&p.path).pop().unwrap_or_default(),
            other => {
                return err(
                    other.span(),
                    "rs2js: expected the name of a `#[server]` function",
                )
            }
        };
        let mut done = Vec::new();
        for arg in &c.args {
            let mut pre = Vec::new();
            let (x, _) = self.expr(arg, &mut pre, None)?;
            self.join(out, &mut done, pre);
            done.push(x);
        }
        Ok((name, Expr::Array(done)))
    }

    /// `action.dispatch(f(args))`: the helper call (a promise of the
    /// result) and the type of the awaited result,
    /// `Result<T, ServerFnError>` for an `Action<T>`.
    pub(crate) fn dispatch(
        &mut self,
        m: &syn::ExprMethodCall,
        out: &mut Vec<Stmt>,
    ) -> R<(Expr, Ty)> {
        if !self.has_runtime {
            return unsupported(m.span(), "`dispatch` outside a handler");
        }
        self.calls_server = true;
        let action = match strip(&m.receiver) {
            syn::Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                p.path.get_ident().unwrap()
            }
            other => {
                return err(
                    other.span(),
                    format!(
                        "rs2js: `dispatch` is called on an action by its name; {DISPATCH_FORM}"
                    ),
                )
            }
        };
        let local = self.capture(action)?;
        let index = match local.kind {
            LocalKind::Capture(i) if !self.captures[i].signal => i,
            LocalKind::Capture(_) => {
                return err(
                    action.span(),
                    format!("rs2js: `{action}` is used as a signal elsewhere in this handler, so it cannot be an action; {DISPATCH_FORM}"),
                )
            }
            _ => {
                return err(
                    action.span(),
                    format!("rs2js: `{action}` is a variable of this handler; `dispatch` works on an action the handler captures; {DISPATCH_FORM}"),
                )
            }
        };
        let value = self.types.fresh(VarKind::Any);
        let want = Ty::Action(Box::new(value.clone()));
        let ty = self.captures[index].ty.clone();
        if !self.types.unify(&ty, &want) {
            let found = match self.types.resolve(&ty) {
                Ty::Var(_) => "a number".to_string(),
                t => format!("`{t}`"),
            };
            return err(
                action.span(),
                format!("rs2js: `{action}` is used as {found} elsewhere in this handler, and as a `resuma::Action` here; {DISPATCH_FORM}"),
            );
        }
        let call = match m.args.iter().collect::<Vec<_>>().as_slice() {
            [arg] => match strip(arg) {
                syn::Expr::Call(c) => Some(c),
                syn::Expr::Await(a) => {
                    return err(
                        a.span(),
                        format!("rs2js: `dispatch` makes the call itself, so pass it without `.await`; {DISPATCH_FORM}"),
                    )
                }
                _ => None,
            },
            _ => None,
        };
        let Some(call) = call.filter(|c| self.is_server_fn_name(&c.func)) else {
            let span = m.args.first().map_or(m.span(), |a| a.span());
            return err(
                span,
                format!(
                    "rs2js: `dispatch` takes a call of a `#[server]` function; {DISPATCH_FORM}"
                ),
            );
        };
        let (name, args) = self.server_call_parts(call, out)?;
        let js = self.call_helper(
            "dispatch",
            vec![Expr::var("r"), Expr::Var(local.js), Expr::Str(name), args],
        );
        Ok((js, server_fn_type(value)))
    }

    /// `roll.pending.set(..)` on a captured action: refused with the way
    /// to write it. (The chunk could find the signal through `r.signal`,
    /// but closures that are not event handlers, such as a `<Show when>`,
    /// get no runtime.) Only an action has signal fields among the values
    /// a handler can capture.
    pub(crate) fn refuse_action_field_signal(&mut self, m: &syn::ExprMethodCall) -> R<()> {
        let syn::Expr::Field(f) = strip(&m.receiver) else {
            return Ok(());
        };
        let (syn::Expr::Path(p), syn::Member::Named(field)) = (strip(&f.base), &f.member) else {
            return Ok(());
        };
        let Some(action) = p.path.get_ident() else {
            return Ok(());
        };
        let signal_method = matches!(
            m.method.to_string().as_str(),
            "get" | "set" | "update" | "with" | "get_untracked" | "set_untracked"
        );
        let local = matches!(self.lookup(&action.to_string()), Some(l) if !matches!(l.kind, LocalKind::Capture(_)));
        if !signal_method
            || local
            || !matches!(field.to_string().as_str(), "pending" | "value" | "error")
        {
            return Ok(());
        }
        err(
            f.span(),
            format!(
                "rs2js cannot reach the signal `{action}.{field}` from the browser; destructure the action outside the handler (`let Action {{ {field}, .. }} = {action};`) and use `{field}` inside, or let `{action}.dispatch(..)` set it"
            ),
        )
    }

    /// Whether `func` can name a `#[server]` function: a plain path that is
    /// neither a variable nor a closure of the handler, nor a constructor
    /// (`Some`, `Ok`, a tuple struct or enum variant: capitalised).
    fn is_server_fn_name(&self, func: &syn::Expr) -> bool {
        let syn::Expr::Path(p) = strip(func) else {
            return false;
        };
        let Some(last) = p.path.segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        let local = p.path.segments.len() == 1
            && (self.lookup(&name).is_some() || self.local_fns.contains_key(&name));
        p.qself.is_none() && !local && !name.starts_with(|c: char| c.is_uppercase())
    }
}
