//! Methods of `String` and `&str`. Lengths and offsets are UTF-8 byte
//! counts like Rust's; patterns may be a string, a char or a closure.

use syn::spanned::Spanned;

use super::{assignable, iter, opt, usize_t, MethodCall, R};
use crate::ir::{Expr, Stmt};
use crate::lower::{err, unsupported, Lowerer};
use crate::ty::{IntTy, Ty};

impl Lowerer {
    /// A string or char pattern argument (`"ab"`, `'a'`) or a char
    /// predicate closure.
    fn pattern_arg(&mut self, a: &syn::Expr, out: &mut Vec<Stmt>) -> R<(Expr, bool)> {
        if let syn::Expr::Closure(_) = crate::lower::expr::strip(a) {
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

    pub(super) fn str_method(&mut self, m: MethodCall) -> R<(Expr, Ty)> {
        let expect = m.expect;
        let (rx, name, args, span, out) = m.parts();
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
                let s = self.helper_method(
                    "sinsert",
                    rx.clone(),
                    args,
                    &[Some(usize_t()), Some(want)],
                    span,
                    out,
                )?;
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
}
