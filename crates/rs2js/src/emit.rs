//! Prints the IR as JavaScript text, adding parentheses only where JS
//! precedence needs them. Output is indented and readable; a minifier can
//! shrink it further in release builds.

use std::cell::Cell;

use crate::ir::{Arrow, Expr, Param, Stmt};

thread_local! {
    /// Compact output: no indentation, newlines or optional spaces.
    static COMPACT: Cell<bool> = const { Cell::new(false) };
}

fn compact() -> bool {
    COMPACT.with(|c| c.get())
}

/// `pretty` normally, `min` in compact mode.
fn tok(pretty: &'static str, min: &'static str) -> &'static str {
    if compact() {
        min
    } else {
        pretty
    }
}

/// Emits an expression without optional whitespace (for release chunks).
/// `js!` text is still copied exactly.
pub fn expr_compact(e: &Expr) -> String {
    COMPACT.with(|c| c.set(true));
    let s = expr(e);
    COMPACT.with(|c| c.set(false));
    s
}

/// Binding strength of an expression, following the ECMAScript grammar.
fn prec(e: &Expr) -> u8 {
    match e {
        Expr::Assign(..) | Expr::Arrow(_) => 2,
        Expr::Cond(..) => 3,
        Expr::Bin(op, ..) => bin_prec(op),
        Expr::Unary(..) => 16,
        Expr::Lit(s) if s.starts_with('-') => 16,
        Expr::Call(..) | Expr::Member(..) | Expr::Index(..) => 18,
        Expr::Raw(_) => 0,
        _ => 20,
    }
}

fn bin_prec(op: &str) -> u8 {
    match op {
        "??" => 4,
        "||" => 5,
        "&&" => 6,
        "|" => 7,
        "^" => 8,
        "&" => 9,
        "==" | "!=" | "===" | "!==" => 10,
        "<" | ">" | "<=" | ">=" | "in" | "instanceof" => 11,
        "<<" | ">>" | ">>>" => 12,
        "+" | "-" => 13,
        "*" | "/" | "%" => 14,
        "**" => 15,
        _ => panic!("rs2js internal: unknown operator {op}"),
    }
}

/// Emits an expression.
pub fn expr(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, 0);
    s
}

fn write_sub(out: &mut String, e: &Expr, min: u8, depth: usize) {
    write_parens_if(out, prec(e) < min, e, depth);
}

/// Writes `e`, in parentheses if `parens`.
fn write_parens_if(out: &mut String, parens: bool, e: &Expr, depth: usize) {
    if parens {
        out.push('(');
        write_expr_d(out, e, depth);
        out.push(')');
    } else {
        write_expr_d(out, e, depth);
    }
}

fn write_expr(out: &mut String, e: &Expr, depth: usize) {
    write_expr_d(out, e, depth)
}

fn write_expr_d(out: &mut String, e: &Expr, depth: usize) {
    match e {
        Expr::Lit(s) | Expr::Var(s) | Expr::Helper(s) => out.push_str(s),
        Expr::Raw(s) => {
            // The newline ends a trailing `//` comment in the author's text.
            out.push('(');
            out.push_str(s);
            if s.contains("//") {
                out.push('\n');
            }
            out.push(')');
        }
        Expr::Str(s) => out.push_str(&js_string(s)),
        Expr::Bin(op, a, b) => {
            let p = bin_prec(op);
            // `??` may not be mixed with `||`/`&&` without parentheses.
            let (lmin, rmin) = match *op {
                "**" => (17, 15),
                "??" => (7, 7),
                _ => (p, p + 1),
            };
            write_sub(out, a, lmin, depth);
            let word = op.chars().all(|c| c.is_ascii_alphabetic());
            if !compact() || word {
                out.push(' ');
                out.push_str(op);
                out.push(' ');
                write_sub(out, b, rmin, depth);
            } else {
                out.push_str(op);
                // `a - -b` and `a + +b` must not become `--`/`++`.
                let mut rhs = String::new();
                write_sub(&mut rhs, b, rmin, depth);
                if rhs.starts_with(op.chars().last().unwrap())
                    && (op.ends_with('+') || op.ends_with('-'))
                {
                    out.push(' ');
                }
                out.push_str(&rhs);
            }
        }
        Expr::Unary(op, a) => {
            out.push_str(op);
            let needs_paren = prec(a) < 16
                || (op.ends_with('-') && expr(a).starts_with('-'))
                || (op.ends_with('+') && expr(a).starts_with('+'));
            write_parens_if(out, needs_paren, a, depth);
        }
        Expr::Call(f, args) => {
            write_callee(out, f, depth);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(tok(", ", ","));
                }
                write_sub(out, a, 2, depth);
            }
            out.push(')');
        }
        Expr::Member(o, name) => {
            write_callee(out, o, depth);
            out.push('.');
            out.push_str(name);
        }
        Expr::Index(o, i) => {
            write_callee(out, o, depth);
            out.push('[');
            write_expr_d(out, i, depth);
            out.push(']');
        }
        Expr::Arrow(a) => write_arrow(out, a, depth),
        Expr::Array(items) => {
            out.push('[');
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(tok(", ", ","));
                }
                write_sub(out, a, 2, depth);
            }
            out.push(']');
        }
        Expr::Object(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(tok(", ", ","));
                }
                if is_ident(k) {
                    out.push_str(k);
                } else {
                    out.push_str(&js_string(k));
                }
                out.push_str(tok(": ", ":"));
                write_sub(out, v, 2, depth);
            }
            out.push('}');
        }
        Expr::Cond(c, a, b) => {
            write_sub(out, c, 4, depth);
            out.push_str(tok(" ? ", "?"));
            write_sub(out, a, 2, depth);
            out.push_str(tok(" : ", ":"));
            write_sub(out, b, 2, depth);
        }
        Expr::Assign(t, v) => {
            write_sub(out, t, 18, depth);
            out.push_str(tok(" = ", "="));
            write_sub(out, v, 2, depth);
        }
    }
}

/// Callee and member-object position: numbers and anything looser than a
/// call need parentheses (`(1).toString()`, `(a + b).x`).
fn write_callee(out: &mut String, e: &Expr, depth: usize) {
    let numeric = matches!(e, Expr::Lit(s) if s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.'));
    let loose = matches!(e, Expr::Arrow(_) | Expr::Object(_));
    write_parens_if(out, numeric || loose || prec(e) < 18, e, depth);
}

fn write_arrow(out: &mut String, a: &Arrow, depth: usize) {
    if a.is_async {
        out.push_str("async ");
    }
    out.push('(');
    for (i, p) in a.params.iter().enumerate() {
        if i > 0 {
            out.push_str(tok(", ", ","));
        }
        match p {
            Param::Name(n) => out.push_str(n),
            Param::Array(ns) => {
                out.push('[');
                out.push_str(&ns.join(", "));
                out.push(']');
            }
        }
    }
    out.push_str(tok(") => ", ")=>"));
    // A single `return e` becomes a concise body.
    if let [Stmt::Return(Some(e))] = a.body.as_slice() {
        if !matches!(e, Expr::Raw(_)) {
            write_parens_if(out, matches!(e, Expr::Object(_)) || prec(e) < 2, e, depth);
            return;
        }
    }
    out.push_str(tok("{\n", "{"));
    for st in &a.body {
        write_stmt(out, st, depth + 1);
    }
    indent(out, depth);
    out.push('}');
}

fn indent(out: &mut String, depth: usize) {
    if compact() {
        return;
    }
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write_block(out: &mut String, body: &[Stmt], depth: usize) {
    out.push_str(tok("{\n", "{"));
    for st in body {
        write_stmt(out, st, depth + 1);
    }
    indent(out, depth);
    out.push('}');
}

fn newline(out: &mut String) {
    if !compact() {
        out.push('\n');
    }
}

fn write_label(out: &mut String, label: &Option<String>) {
    if let Some(l) = label {
        out.push_str(l);
        out.push_str(tok(": ", ":"));
    }
}

fn write_stmt(out: &mut String, st: &Stmt, depth: usize) {
    indent(out, depth);
    match st {
        Stmt::Let(n, init) => {
            out.push_str("let ");
            out.push_str(n);
            if let Some(e) = init {
                out.push_str(tok(" = ", "="));
                write_sub(out, e, 2, depth);
            }
            out.push_str(tok(";\n", ";"));
        }
        Stmt::Expr(e) => {
            // An expression statement may not start with `{` or `function`.
            write_parens_if(out, matches!(e, Expr::Object(_)), e, depth);
            out.push_str(tok(";\n", ";"));
        }
        Stmt::If(c, a, b) => {
            out.push_str(tok("if (", "if("));
            write_expr_d(out, c, depth);
            out.push_str(tok(") ", ")"));
            write_block(out, a, depth);
            let mut rest = b;
            loop {
                if rest.is_empty() {
                    break;
                }
                if let [Stmt::If(c2, a2, b2)] = rest.as_slice() {
                    out.push_str(tok(" else if (", "else if("));
                    write_expr_d(out, c2, depth);
                    out.push_str(tok(") ", ")"));
                    write_block(out, a2, depth);
                    rest = b2;
                    continue;
                }
                out.push_str(tok(" else ", "else"));
                write_block(out, rest, depth);
                break;
            }
            newline(out);
        }
        Stmt::While(label, c, body) => {
            write_label(out, label);
            out.push_str(tok("while (", "while("));
            write_expr_d(out, c, depth);
            out.push_str(tok(") ", ")"));
            write_block(out, body, depth);
            newline(out);
        }
        Stmt::ForOf(label, var, it, body) => {
            write_label(out, label);
            out.push_str(tok("for (const ", "for(const "));
            out.push_str(var);
            out.push_str(" of ");
            write_sub(out, it, 2, depth);
            out.push_str(tok(") ", ")"));
            write_block(out, body, depth);
            newline(out);
        }
        Stmt::ForRange {
            label,
            var,
            start,
            end,
            inclusive,
            body,
        } => {
            write_label(out, label);
            out.push_str(tok("for (let ", "for(let "));
            out.push_str(var);
            out.push_str(tok(" = ", "="));
            write_sub(out, start, 2, depth);
            out.push_str(tok("; ", ";"));
            out.push_str(var);
            out.push_str(if *inclusive {
                tok(" <= ", "<=")
            } else {
                tok(" < ", "<")
            });
            write_sub(out, end, 12, depth);
            out.push_str(tok("; ", ";"));
            out.push_str(var);
            out.push_str("++) ");
            write_block(out, body, depth);
            newline(out);
        }
        Stmt::Block(label, body) => {
            write_label(out, label);
            write_block(out, body, depth);
            newline(out);
        }
        Stmt::Break(l) | Stmt::Continue(l) => {
            out.push_str(if matches!(st, Stmt::Break(_)) {
                "break"
            } else {
                "continue"
            });
            if let Some(l) = l {
                out.push(' ');
                out.push_str(l);
            }
            out.push_str(tok(";\n", ";"));
        }
        Stmt::Return(e) => {
            out.push_str("return");
            if let Some(e) = e {
                out.push(' ');
                write_expr_d(out, e, depth);
            }
            out.push_str(tok(";\n", ";"));
        }
        Stmt::Raw(s) => {
            // Always a newline: the author's text may end in a `//` comment.
            out.push_str(s);
            out.push('\n');
        }
    }
}

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A JS double-quoted string literal. Non-ASCII is escaped so chunks are
/// pure ASCII (no charset surprises), and `</script` can never appear.
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\x3c"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
        }
    }
    out.push('"');
    out
}
