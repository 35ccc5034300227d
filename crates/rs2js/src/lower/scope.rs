//! Scopes and names: each Rust binding gets a JS name unique within the
//! output (never a JS keyword, a global the output uses, or the handler's
//! `e`/`r`), and a free name becomes a capture on first use.

use std::collections::HashMap;

use super::{err, CaptureInfo, Local, LocalKind, Lowerer};
use crate::ir::{Expr, Stmt};
use crate::ty::{Ty, VarKind};

/// JS names that user variables must never take.
pub(super) const RESERVED: &[&str] = &[
    "e",
    "r",
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "undefined",
    "NaN",
    "Infinity",
    "Object",
    "Array",
    "Math",
    "String",
    "Number",
    "Boolean",
    "JSON",
    "Error",
    "BigInt",
    "Symbol",
    "console",
    "globalThis",
    "window",
    "document",
    "structuredClone",
    "Promise",
    "Map",
    "Set",
    "Date",
    "RegExp",
    "parseInt",
    "parseFloat",
    "isNaN",
    "isFinite",
    "TextEncoder",
    "Reflect",
    "Proxy",
    "of",
    "async",
    "get",
    "set",
];

impl Lowerer {
    pub fn scopes_len(&self) -> usize {
        self.scopes.len()
    }

    pub fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// A fresh JS name based on `base`, unique within the output.
    pub fn fresh_name(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "v" } else { base };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut i = 1;
        loop {
            let n = format!("{base}{i}");
            if self.used.insert(n.clone()) {
                return n;
            }
            i += 1;
        }
    }

    /// A fresh temporary name.
    pub fn tmp(&mut self) -> String {
        loop {
            let n = format!("t{}", self.tmp_count);
            self.tmp_count += 1;
            if self.used.insert(n.clone()) {
                return n;
            }
        }
    }

    /// Declares a local binding and returns its JS name. The type may be
    /// refined by the hints of an earlier pass.
    pub fn bind(&mut self, name: &str, ty: Ty) -> String {
        let key = self.binding_count;
        self.binding_count += 1;
        if let Some(h) = self.hints.locals.get(&key).cloned() {
            let h = self.instantiate(&h);
            let _ = self.types.unify(&ty, &h);
        }
        self.learned.locals.insert(key, ty.clone());
        let js = self.fresh_name(name);
        self.scopes.last_mut().unwrap().insert(
            name.to_string(),
            Local {
                js: js.clone(),
                ty,
                kind: LocalKind::Plain,
            },
        );
        js
    }

    /// Declares a name with an explicit kind and JS name.
    pub fn bind_special(&mut self, name: &str, js: &str, ty: Ty, kind: LocalKind) {
        if !js.is_empty() {
            self.used.insert(js.to_string());
        }
        self.scopes.last_mut().unwrap().insert(
            name.to_string(),
            Local {
                js: js.to_string(),
                ty,
                kind,
            },
        );
    }

    pub fn lookup(&self, name: &str) -> Option<&Local> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    /// Notes that a plain local was read, for the closures it is outer to.
    pub fn note_use(&mut self, name: &str) {
        let depth = match self.scopes.iter().rposition(|s| s.contains_key(name)) {
            Some(d) => d,
            None => return,
        };
        let js = match self.scopes[depth].get(name) {
            Some(Local {
                js,
                kind: LocalKind::Plain,
                ..
            }) => js.clone(),
            _ => return,
        };
        for (start, set) in self.closure_frames.iter_mut() {
            if depth < *start {
                set.insert(js.clone());
            }
        }
    }

    /// The statements that read each captured value from its read-only
    /// client signal, to place first in the handler's body: `let row1 =
    /// row.get();` for a capture `row`, whose uses are then `row1`.
    pub fn value_reads(&self) -> Vec<Stmt> {
        self.captures
            .iter()
            .filter_map(|c| {
                let value = c.value.clone()?;
                Some(Stmt::Let(
                    value,
                    Some(Expr::method(Expr::Var(c.js.clone()), "get", vec![])),
                ))
            })
            .collect()
    }

    /// Looks a free name up as a capture, creating it on first use.
    pub fn capture(&mut self, ident: &syn::Ident) -> syn::Result<Local> {
        let name = ident.to_string();
        if let Some(l) = self.lookup(&name) {
            return Ok(l.clone());
        }
        if !self.allow_captures {
            return err(
                ident.span(),
                format!("`{name}` is not defined here; a translated function can only use its parameters and its own variables"),
            );
        }
        let signal = self.signal_names.contains(&name);
        let inner = self.types.fresh(VarKind::Any);
        let ty = if signal {
            Ty::Signal(Box::new(inner))
        } else {
            inner
        };
        if let Some(declared) = self.declared.get(&name).cloned() {
            // A signal used through its methods takes the declared signal
            // type; a value, its declared type. A declaration that does not
            // fit how the body uses the name is left to rustc, which checks
            // the closure itself.
            if let Ok(t) = self.rust_type(&declared) {
                if matches!(t, Ty::Signal(_)) == signal {
                    let _ = self.types.unify(&ty, &t);
                }
            }
        }
        if let Some(h) = self.hints.captures.get(&name).cloned() {
            let h = self.instantiate(&h);
            let _ = self.types.unify(&ty, &h);
        }
        let js = self.fresh_name(&name);
        let idx = self.captures.len();
        self.captures.push(CaptureInfo {
            ident: ident.clone(),
            js: js.clone(),
            signal,
            ty: ty.clone(),
            value: None,
        });
        let local = Local {
            js,
            ty,
            kind: LocalKind::Capture(idx),
        };
        // Captures live in the outermost scope so later uses find them.
        self.scopes[0].insert(name, local.clone());
        Ok(local)
    }
}
