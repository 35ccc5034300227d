//! The JS-level intermediate representation.
//!
//! Lowering resolves every Rust-specific question (types, overflow, pattern
//! matching, block expressions) and produces this small tree, which only
//! describes JavaScript. The emitter then prints it with correct precedence.

/// A JS expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A number, `null`, `true`, ... printed as is.
    Lit(String),
    /// A string literal (escaped by the emitter).
    Str(String),
    /// A local name (already unique and collision-free).
    Var(String),
    /// A runtime helper; the name is recorded so the chunk emits it once.
    Helper(String),
    /// `a OP b` with a JS binary operator.
    Bin(&'static str, Box<Expr>, Box<Expr>),
    /// `OP a` with a JS prefix operator (`!`, `-`, `~`, `typeof `, `await `).
    Unary(&'static str, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    /// `obj.name`
    Member(Box<Expr>, String),
    /// `obj[idx]`
    Index(Box<Expr>, Box<Expr>),
    Arrow(Box<Arrow>),
    Array(Vec<Expr>),
    /// `{key: value, ...}` (keys are printed as identifiers or strings).
    Object(Vec<(String, Expr)>),
    /// `c ? a : b`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `target = value` (target is a Var, Member or Index).
    Assign(Box<Expr>, Box<Expr>),
    /// Author-written JS text from `js!`, kept exactly; also the fixed
    /// expression of an event method (`resuma_protocol::EVENT_METHODS`).
    Raw(String),
}

/// An arrow function.
#[derive(Clone, Debug)]
pub struct Arrow {
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub is_async: bool,
}

/// An arrow function parameter.
#[derive(Clone, Debug)]
pub enum Param {
    Name(String),
    /// `[a, b]` array destructuring (the handler's captures).
    Array(Vec<String>),
}

/// A JS statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let name = init;` (or `let name;`)
    Let(String, Option<Expr>),
    Expr(Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `label: while (cond) { body }`
    While(Option<String>, Expr, Vec<Stmt>),
    /// `label: for (const name of iter) { body }`
    ForOf(Option<String>, String, Expr, Vec<Stmt>),
    /// `label: for (let name = start; name < end; name++) { body }` — used
    /// for integer ranges so no array is built. `inclusive` picks `<=`.
    ForRange {
        label: Option<String>,
        var: String,
        start: Expr,
        end: Expr,
        inclusive: bool,
        body: Vec<Stmt>,
    },
    /// `label: { body }`
    Block(Option<String>, Vec<Stmt>),
    Break(Option<String>),
    Continue(Option<String>),
    Return(Option<Expr>),
    /// Author-written statement text from `js!`, kept exactly.
    Raw(String),
}

impl Expr {
    pub fn var(s: impl Into<String>) -> Expr {
        Expr::Var(s.into())
    }
    pub fn lit(s: impl Into<String>) -> Expr {
        Expr::Lit(s.into())
    }
    pub fn bin(op: &'static str, a: Expr, b: Expr) -> Expr {
        Expr::Bin(op, Box::new(a), Box::new(b))
    }
    pub fn unary(op: &'static str, a: Expr) -> Expr {
        Expr::Unary(op, Box::new(a))
    }
    pub fn call(f: Expr, args: Vec<Expr>) -> Expr {
        Expr::Call(Box::new(f), args)
    }
    pub fn method(obj: Expr, name: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(
            Box::new(Expr::Member(Box::new(obj), name.to_string())),
            args,
        )
    }
    pub fn member(obj: Expr, name: &str) -> Expr {
        Expr::Member(Box::new(obj), name.to_string())
    }
    pub fn index(obj: Expr, idx: Expr) -> Expr {
        Expr::Index(Box::new(obj), Box::new(idx))
    }
    pub fn assign(t: Expr, v: Expr) -> Expr {
        Expr::Assign(Box::new(t), Box::new(v))
    }
    pub fn cond(c: Expr, a: Expr, b: Expr) -> Expr {
        Expr::Cond(Box::new(c), Box::new(a), Box::new(b))
    }
    pub fn null() -> Expr {
        Expr::Lit("null".into())
    }
    pub fn undefined() -> Expr {
        Expr::Lit("undefined".into())
    }
    /// A single-expression arrow `(params) => expr`.
    pub fn arrow(params: Vec<String>, body: Expr) -> Expr {
        Expr::Arrow(Box::new(Arrow {
            params: params.into_iter().map(Param::Name).collect(),
            body: vec![Stmt::Return(Some(body))],
            is_async: false,
        }))
    }

    /// Expressions that can be evaluated again (or later) without changing
    /// meaning: no side effects, and nothing they read can be changed by
    /// evaluating sibling operands in between (locals may be, so they are
    /// not included here — only literals and helpers).
    pub fn is_constant(&self) -> bool {
        matches!(self, Expr::Lit(_) | Expr::Str(_) | Expr::Helper(_))
    }

    /// Cheap to repeat and free of side effects (literals and plain names).
    pub fn is_simple(&self) -> bool {
        matches!(
            self,
            Expr::Lit(_) | Expr::Str(_) | Expr::Var(_) | Expr::Helper(_)
        )
    }
}
