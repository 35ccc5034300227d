//! Format strings (`format!`, `println!`, `panic!`, ... — the macros
//! themselves are dispatched in `macros.rs`). A format string is parsed at
//! compile time; each placeholder becomes a type-directed conversion (Rust's
//! `Display`/`Debug` output, width, fill, alignment, sign, zero padding,
//! precision, radix). `debug_fn` builds the `{:?}` printer of a type.

use proc_macro2::Span;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;

use super::{err, unsupported, Lowerer, VariantShape};
use crate::ir::{Expr, Stmt};
use crate::ty::Ty;

type R<T> = syn::Result<T>;

/// One parsed `{...}` placeholder.
#[derive(Debug, Clone, Default)]
struct Spec {
    arg: ArgRef,
    fill: Option<char>,
    align: Option<char>,
    plus: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
    kind: String,
}

#[derive(Debug, Clone, Default)]
enum ArgRef {
    #[default]
    Next,
    Index(usize),
    Name(String),
}

#[derive(Debug)]
enum Piece {
    Lit(String),
    Arg(Spec),
}

fn parse_format(s: &str, span: Span) -> R<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '{' if it.peek() == Some(&'{') => {
                it.next();
                lit.push('{');
            }
            '}' if it.peek() == Some(&'}') => {
                it.next();
                lit.push('}');
            }
            '}' => return err(span, "rs2js: unmatched `}` in format string"),
            '{' => {
                let mut inner = String::new();
                loop {
                    match it.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return err(span, "rs2js: unclosed `{` in format string"),
                    }
                }
                if !lit.is_empty() {
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                pieces.push(Piece::Arg(parse_spec(&inner, span)?));
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    Ok(pieces)
}

fn parse_spec(s: &str, span: Span) -> R<Spec> {
    let (arg, fmt) = match s.split_once(':') {
        Some((a, f)) => (a.trim(), f),
        None => (s.trim(), ""),
    };
    let mut spec = Spec {
        arg: if arg.is_empty() {
            ArgRef::Next
        } else if let Ok(n) = arg.parse::<usize>() {
            ArgRef::Index(n)
        } else {
            ArgRef::Name(arg.to_string())
        },
        ..Spec::default()
    };
    let cs: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let is_align = |c: char| c == '<' || c == '>' || c == '^';
    if cs.len() >= 2 && is_align(cs[1]) {
        spec.fill = Some(cs[0]);
        spec.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        spec.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && cs[i] == '+' {
        spec.plus = true;
        i += 1;
    } else if i < cs.len() && cs[i] == '-' {
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        spec.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        spec.zero = true;
        i += 1;
    }
    let mut num = String::new();
    while i < cs.len() && cs[i].is_ascii_digit() {
        num.push(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '$' {
        return unsupported(
            span,
            "a width taken from an argument (`{:1$}`) in a format string",
        );
    }
    if !num.is_empty() {
        spec.width = Some(
            num.parse()
                .map_err(|_| syn::Error::new(span, "rs2js: bad width"))?,
        );
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < cs.len() && cs[i].is_ascii_digit() {
            p.push(cs[i]);
            i += 1;
        }
        if i < cs.len() && (cs[i] == '*' || cs[i] == '$') {
            return unsupported(
                span,
                "a precision taken from an argument (`{:.*}`, `{:.1$}`) in a format string",
            );
        }
        let p: usize = p
            .parse()
            .map_err(|_| syn::Error::new(span, "rs2js: bad precision"))?;
        if p > 60 {
            return unsupported(span, "a precision above 60 digits");
        }
        spec.precision = Some(p);
    }
    spec.kind = cs[i..].iter().collect();
    if spec.alt && spec.kind == "?" {
        return unsupported(span, "pretty debug formatting `{:#?}`");
    }
    match spec.kind.as_str() {
        "" | "?" | "x" | "X" | "o" | "b" | "e" => Ok(spec),
        "#?" => unsupported(span, "pretty debug formatting `{:#?}`"),
        k => unsupported(span, &format!("the format type `{k}`")),
    }
}

impl Lowerer {
    /// `format!`-style arguments → a JS string expression.
    pub(super) fn format_args(
        &mut self,
        tokens: proc_macro2::TokenStream,
        _span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<Expr> {
        let args = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated.parse2(tokens)?;
        let mut it = args.iter();
        let fmt = match it.next() {
            Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            })) => s.clone(),
            Some(other) => {
                return err(
                    other.span(),
                    "rs2js: the first argument must be a string literal format string",
                )
            }
            None => return Ok(Expr::Str(String::new())),
        };
        let pieces = parse_format(&fmt.value(), fmt.span())?;
        // Evaluate the arguments once, in order, like Rust.
        let mut positional: Vec<(Expr, Ty)> = Vec::new();
        let mut named: Vec<(String, Expr, Ty)> = Vec::new();
        let mut done: Vec<Expr> = Vec::new();
        let mut kinds: Vec<(bool, usize)> = Vec::new();
        for a in it {
            let mut pre = Vec::new();
            let (name, e) = match a {
                syn::Expr::Assign(asg) => match &*asg.left {
                    syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                        (Some(p.path.get_ident().unwrap().to_string()), &*asg.right)
                    }
                    _ => return err(a.span(), "rs2js: bad named format argument"),
                },
                e => (None, e),
            };
            let (x, t) = self.operand(e, &mut pre, None)?;
            self.join(out, &mut done, pre);
            done.push(x);
            match name {
                Some(n) => {
                    kinds.push((true, named.len()));
                    named.push((n, Expr::undefined(), t));
                }
                None => {
                    kinds.push((false, positional.len()));
                    positional.push((Expr::undefined(), t));
                }
            }
        }
        for (x, (is_named, i)) in done.into_iter().zip(kinds) {
            if is_named {
                named[i].1 = x;
            } else {
                positional[i].0 = x;
            }
        }
        let mut next = 0;
        let mut parts: Vec<Expr> = Vec::new();
        for p in pieces {
            match p {
                Piece::Lit(s) => parts.push(Expr::Str(s)),
                Piece::Arg(spec) => {
                    let (x, t) = match &spec.arg {
                        ArgRef::Next => {
                            let r = positional.get(next).cloned();
                            next += 1;
                            r.ok_or_else(|| {
                                syn::Error::new(
                                    fmt.span(),
                                    "rs2js: more `{}` placeholders than arguments",
                                )
                            })?
                        }
                        ArgRef::Index(i) => positional.get(*i).cloned().ok_or_else(|| {
                            syn::Error::new(fmt.span(), format!("rs2js: no argument {i}"))
                        })?,
                        ArgRef::Name(n) => match named.iter().find(|(m, _, _)| m == n) {
                            Some((_, x, t)) => (x.clone(), t.clone()),
                            None => {
                                // An inline captured identifier `{name}`; anything
                                // else (`{[0]}`) is not Rust, so refuse it.
                                let id = syn::parse_str::<syn::Ident>(n)
                                    .map(|id| syn::Ident::new(&id.to_string(), fmt.span()))
                                    .map_err(|_| {
                                        syn::Error::new(
                                            fmt.span(),
                                            format!("rs2js: `{{{n}}}` in a format string names no argument: write `{{}}`, `{{0}}` or `{{name}}`"),
                                        )
                                    })?;
                                let path: syn::Expr = syn::Expr::Path(syn::ExprPath {
                                    attrs: vec![],
                                    qself: None,
                                    path: id.into(),
                                });
                                self.operand(&path, out, None)?
                            }
                        },
                    };
                    parts.push(self.format_one(x, &t, &spec, fmt.span())?);
                }
            }
        }
        Ok(concat(parts))
    }

    /// One placeholder.
    fn format_one(&mut self, x: Expr, t: &Ty, spec: &Spec, span: Span) -> R<Expr> {
        let t = self.peek(t);
        let t = self.types.resolve(&t);
        if let (Ty::Var(v), "") = (&t, spec.kind.as_str()) {
            return Ok(self.format_unknown(x, *v, spec));
        }
        let numeric = matches!(t, Ty::Int(_) | Ty::F64 | Ty::F32);
        let mut s = match spec.kind.as_str() {
            "" => match (&t, spec.precision) {
                (Ty::F64, Some(p)) => self.call_helper("ffix", vec![x, Expr::lit(p.to_string())]),
                (Ty::F32, Some(p)) => self.call_helper("ffix", vec![x, Expr::lit(p.to_string())]),
                (Ty::F32, None) => self.call_helper("f32str", vec![x]),
                (Ty::Str, Some(p)) => {
                    self.call_helper("take_chars", vec![x, Expr::lit(p.to_string())])
                }
                // Rust pads `bool` and `char` like a `str`: the precision
                // truncates (`{:.2}` of `true` is "tr").
                (Ty::Bool | Ty::Char, Some(p)) => {
                    let s = self.display_string(x, &t, span)?;
                    self.call_helper("take_chars", vec![s, Expr::lit(p.to_string())])
                }
                (Ty::Named(n), _) if n == "ParseError" => x,
                _ => self.display_string(x, &t, span)?,
            },
            "?" if (spec.width.is_some() || spec.precision.is_some() || spec.plus || spec.zero)
                && !matches!(t, Ty::Int(_) | Ty::F64 | Ty::F32 | Ty::Bool) =>
            {
                // Rust hands width and precision to each field of a derived
                // `Debug` (`{:3?}` of `[1, 2]` is `[  1,   2]`) and ignores
                // them for `str`/`char`.
                return unsupported(
                    span,
                    &format!("`{{:?}}` with a width, precision or sign flag for `{t}`"),
                );
            }
            "?" => match (&t, spec.precision) {
                (Ty::F64 | Ty::F32, Some(p)) => {
                    self.call_helper("ffix", vec![x, Expr::lit(p.to_string())])
                }
                _ => {
                    let f = self.debug_fn(&t, span)?;
                    Expr::call(f, vec![x])
                }
            },
            "x" | "X" | "o" | "b" => {
                let it = match t {
                    Ty::Int(it) => it,
                    _ => {
                        return err(
                            span,
                            format!("rs2js: `{{:{}}}` needs an integer, found `{t}`", spec.kind),
                        )
                    }
                };
                let radix = match spec.kind.as_str() {
                    "x" | "X" => 16,
                    "o" => 8,
                    _ => 2,
                };
                let mut r = self.call_helper(
                    "radix",
                    vec![
                        x,
                        Expr::lit(radix.to_string()),
                        Expr::lit(it.bits().to_string()),
                        Expr::lit(it.signed().to_string()),
                    ],
                );
                if spec.kind == "X" {
                    r = Expr::method(r, "toUpperCase", vec![]);
                }
                if spec.alt {
                    let prefix = match spec.kind.as_str() {
                        "x" | "X" => "0x",
                        "o" => "0o",
                        _ => "0b",
                    };
                    r = Expr::bin("+", Expr::Str(prefix.into()), r);
                }
                r
            }
            "e" => {
                if spec.precision.is_some() {
                    return unsupported(span, "`{:.N e}` (exponent format with a precision)");
                }
                match t {
                    Ty::F64 | Ty::F32 | Ty::Int(_) => self.call_helper("fexp", vec![x]),
                    _ => return err(span, format!("rs2js: `{{:e}}` needs a number, found `{t}`")),
                }
            }
            _ => unreachable!(),
        };
        if spec.plus && numeric {
            s = self.call_helper("plus", vec![s]);
        }
        if let Some(w) = spec.width {
            if spec.zero && numeric {
                s = self.call_helper("zpad", vec![s, Expr::lit(w.to_string())]);
            } else {
                let align = spec.align.unwrap_or(if numeric { '>' } else { '<' });
                let fill = spec.fill.unwrap_or(' ');
                s = self.call_helper(
                    "pad",
                    vec![
                        s,
                        Expr::lit(w.to_string()),
                        Expr::Str(fill.to_string()),
                        Expr::Str(align.to_string()),
                    ],
                );
            }
        }
        Ok(s)
    }

    /// `{}` of a value of unknown type (inference variable `v`): the
    /// runtime helper `$fmt` decides by the value, given the spec. Trailing
    /// unused arguments are left out; `finalize` fills in the type (second
    /// argument) if it became known.
    fn format_unknown(&mut self, x: Expr, v: usize, spec: &Spec) -> Expr {
        let null = || Expr::lit("null");
        let mut args = vec![
            x,
            Expr::undefined(),
            spec.precision
                .map_or_else(null, |p| Expr::lit(p.to_string())),
            spec.width.map_or_else(null, |w| Expr::lit(w.to_string())),
            spec.fill.map_or_else(null, |f| Expr::Str(f.to_string())),
            spec.align.map_or_else(null, |a| Expr::Str(a.to_string())),
            Expr::lit(if spec.zero { "true" } else { "false" }),
            Expr::lit(if spec.plus { "true" } else { "false" }),
        ];
        while args.len() > 2
            && matches!(args.last(), Some(Expr::Lit(l)) if l == "null" || l == "false")
        {
            args.pop();
        }
        Expr::call(Expr::Helper(format!("fmt@{v}")), args)
    }

    /// A JS function producing Rust's `{:?}` text for values of type `t`.
    pub(crate) fn debug_fn(&mut self, t: &Ty, span: Span) -> R<Expr> {
        let t = self.peek(t);
        let t = self.types.resolve(&t);
        Ok(match &t {
            Ty::Int(_) | Ty::Bool => Expr::var("String"),
            Ty::F64 => self.helper("fdbg"),
            Ty::F32 => self.helper("f32dbg"),
            Ty::Str => self.helper("dstr"),
            Ty::Char => self.helper("dchar"),
            Ty::Unit => self.helper("dunit"),
            Ty::Vec(e) => {
                let f = self.debug_fn(e, span)?;
                self.call_helper("dvec", vec![f])
            }
            Ty::Option(e) => {
                let f = self.debug_fn(e, span)?;
                self.call_helper("dopt", vec![f])
            }
            Ty::Result(a, b) => {
                let f = self.debug_fn(a, span)?;
                let g = self.debug_fn(b, span)?;
                self.call_helper("dres", vec![f, g])
            }
            Ty::Tuple(ts) => {
                let mut fs = Vec::new();
                for t in ts {
                    fs.push(self.debug_fn(t, span)?);
                }
                self.call_helper("dtup", vec![Expr::Array(fs)])
            }
            Ty::Named(n) if n == "Ordering" => self.helper("dord"),
            Ty::Named(n) if self.structs.contains_key(n) => {
                let fields = self.structs.get(n).cloned().unwrap();
                let tuple_like = fields.iter().all(|(f, _)| f.parse::<usize>().is_ok());
                let mut fs = Vec::new();
                for (f, ft) in &fields {
                    let ty = self.rust_type(ft)?;
                    let d = self.debug_fn(&ty, span)?;
                    fs.push(Expr::Array(vec![Expr::Str(f.clone()), d]));
                }
                if fields.is_empty() {
                    Expr::arrow(vec!["_".into()], Expr::Str(n.clone()))
                } else if tuple_like {
                    self.call_helper("dtstruct", vec![Expr::Str(n.clone()), Expr::Array(fs)])
                } else {
                    self.call_helper("dstruct", vec![Expr::Str(n.clone()), Expr::Array(fs)])
                }
            }
            Ty::Named(n) if self.enums.contains_key(n) => {
                let vars = self.enums.get(n).cloned().unwrap();
                let mut table = Vec::new();
                for (v, shape) in vars {
                    let entry = match shape {
                        VariantShape::Unit => Expr::lit("0"),
                        VariantShape::Tuple(ts) => {
                            let mut fs = Vec::new();
                            for (i, ft) in ts.iter().enumerate() {
                                let ty = self.rust_type(ft)?;
                                let d = self.debug_fn(&ty, span)?;
                                fs.push(Expr::Array(vec![Expr::Str(i.to_string()), d]));
                            }
                            self.call_helper(
                                "dtstruct",
                                vec![Expr::Str(v.clone()), Expr::Array(fs)],
                            )
                        }
                        VariantShape::Struct(fields) => {
                            let mut fs = Vec::new();
                            for (f, ft) in &fields {
                                let ty = self.rust_type(ft)?;
                                let d = self.debug_fn(&ty, span)?;
                                fs.push(Expr::Array(vec![Expr::Str(f.clone()), d]));
                            }
                            self.call_helper("dstruct", vec![Expr::Str(v.clone()), Expr::Array(fs)])
                        }
                    };
                    table.push((v, entry));
                }
                self.call_helper("denum", vec![Expr::Object(table)])
            }
            Ty::Var(_) => {
                return err(
                    span,
                    "rs2js cannot tell the type of this `{:?}` argument; annotate it",
                )
            }
            other => return unsupported(span, &format!("`{{:?}}` of `{other}`")),
        })
    }
}

/// `a + b + c` as JS string concatenation (the first part is a string, so
/// `+` concatenates).
pub(super) fn concat(mut parts: Vec<Expr>) -> Expr {
    parts.retain(|p| !matches!(p, Expr::Str(s) if s.is_empty()));
    match parts.len() {
        0 => Expr::Str(String::new()),
        1 => {
            let p = parts.pop().unwrap();
            match p {
                Expr::Str(_) => p,
                // Ensure a string even for helpers returning one anyway.
                p => p,
            }
        }
        _ => {
            let mut it = parts.into_iter();
            let first = it.next().unwrap();
            let first = match first {
                Expr::Str(_) => first,
                f => Expr::bin("+", Expr::Str(String::new()), f),
            };
            it.fold(first, |a, b| Expr::bin("+", a, b))
        }
    }
}
