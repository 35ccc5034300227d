//! Methods of `char` (a one-code-point JS string): classification,
//! case mapping, `to_digit`, `len_utf8`, ...

use super::{iter, opt, usize_t, MethodCall, R};
use crate::ir::Expr;
use crate::lower::{unsupported, Lowerer};
use crate::ty::{IntTy, Ty};

impl Lowerer {
    pub(super) fn char_method(&mut self, m: MethodCall) -> R<(Expr, Ty)> {
        let (rx, name, args, span, out) = m.parts();
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
}
