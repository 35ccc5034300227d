//! `handler!(closure)` translates the closure with rs2js at compile time.
//! On success it expands to a `&'static str` of the JS; on failure to the
//! translator's error, at the span it names. rs2js's trybuild tests use it
//! to check the wording and position of every "cannot translate" error.

use proc_macro::TokenStream;

/// Translates a handler closure; expands to a block running the captures'
/// compile-time checks and evaluating to the JS source as a string.
#[proc_macro]
pub fn handler(input: TokenStream) -> TokenStream {
    let closure = syn::parse_macro_input!(input as syn::ExprClosure);
    match rs2js::translate_handler(&closure) {
        Ok(h) => {
            let js = h.js;
            let checks = h.captures.iter().map(|c| c.checks());
            quote::quote!({ #(#checks)* #js }).into()
        }
        Err(e) => e.to_compile_error().into(),
    }
}

/// `random_programs!(COUNT, SEED)` expands to `COUNT` generated functions
/// `fn gen_N(a: i32, b: i32, s: String) -> i32` built from a grammar of the subset
/// rs2js supports (arithmetic, bit operations, shifts, casts, `if`,
/// `match` with ranges and guards, blocks, loops, methods, vectors, strings,
/// `Option`, tuples), plus
/// `pub const GENERATED: &[(&str, &str, fn(i32, i32, String) -> i32)]` listing each
/// one's name, source text and pointer. The differential tests compile them
/// as Rust and translate the same text, so random combinations are checked
/// too, not only hand-written cases. Generation is deterministic (own PRNG);
/// `RS2JS_GEN_DUMP=/tmp/gen.rs` writes the generated source to a file.
#[proc_macro]
pub fn random_programs(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input with syn::punctuated::Punctuated::<syn::LitInt, syn::Token![,]>::parse_terminated);
    let v: Vec<u64> = args
        .iter()
        .map(|l| l.base10_parse::<u64>().unwrap_or(1))
        .collect();
    let (count, seed) = (
        v.first().copied().unwrap_or(50),
        v.get(1).copied().unwrap_or(1),
    );
    let mut g = Gen {
        state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        vars: Vec::new(),
        next_var: 0,
    };
    let mut items = String::new();
    let mut table =
        String::from("pub const GENERATED: &[(&str, &str, fn(i32, i32, String) -> i32)] = &[\n");
    for i in 0..count {
        g.vars.clear();
        g.next_var = 0;
        let body = g.expr(5);
        let src = format!("fn gen_{i}(a: i32, b: i32, s: String) -> i32 {{ {body} }}");
        items.push_str("#[allow(unused, arithmetic_overflow, unconditional_panic, clippy::all)]\n");
        items.push_str(&src);
        items.push('\n');
        table.push_str(&format!("(\"gen_{i}\", {src:?}, gen_{i}),\n"));
    }
    table.push_str("];\n");
    items.push_str(&table);
    if let Ok(p) = std::env::var("RS2JS_GEN_DUMP") {
        let _ = std::fs::write(p, &items);
    }
    items
        .parse()
        .expect("generated programs are valid Rust tokens")
}

/// A small deterministic generator of i32-valued Rust expressions.
struct Gen {
    state: u64,
    /// Local variables in scope (`t0`, `t1`, ...).
    vars: Vec<String>,
    next_var: usize,
}

impl Gen {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn lit(&mut self) -> String {
        match self.pick(6) {
            0 => "2147483647".into(),
            1 => "(-2147483647 - 1)".into(),
            2 => format!("{}", self.pick(5)),
            _ => format!("{}", self.pick(200) as i64 - 100),
        }
    }

    fn leaf(&mut self) -> String {
        let k = self.pick(4 + self.vars.len() as u64);
        match k {
            0 => "a".into(),
            1 => "b".into(),
            2 | 3 => self.lit(),
            k => self.vars[(k - 4) as usize].clone(),
        }
    }

    fn cond(&mut self, depth: u32) -> String {
        let ops = ["<", "<=", "==", "!=", ">", ">="];
        let op = ops[self.pick(6) as usize];
        let (x, y) = (self.expr(depth), self.expr(depth));
        match self.pick(4) {
            0 => format!("({x} {op} {y} && {} != 0)", self.expr(depth)),
            1 => format!("!({x} {op} {y})"),
            _ => format!("{x} {op} {y}"),
        }
    }

    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 || self.pick(5) == 0 {
            return self.leaf();
        }
        let d = depth - 1;
        match self.pick(30) {
            22 => {
                let x = self.expr(d);
                match self.pick(10) {
                    0 => "(s.len() as i32)".to_string(),
                    1 => "(s.chars().count() as i32)".to_string(),
                    2 => "(s.trim().len() as i32)".to_string(),
                    3 => "(s.split(',').count() as i32)".to_string(),
                    4 => "(s.to_uppercase().len() as i32)".to_string(),
                    5 => format!("s.find('a').map(|p| p as i32).unwrap_or({x})"),
                    6 => format!("s.trim().parse::<i32>().unwrap_or({x})"),
                    7 => format!("(s.replace(\"a\", &(({x}) as i32).to_string()).len() as i32)"),
                    8 => "s.chars().filter(|c| c.is_ascii_digit()).map(|c| c.to_digit(10).unwrap() as i32).sum::<i32>()".to_string(),
                    _ => format!("(format!(\"{{}}|{{:?}}\", s, {x}).chars().count() as i32)"),
                }
            }
            23 => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("Some({x}).filter(|v| v % 2 == 0).map(|v| v / 2).unwrap_or({y})")
            }
            24 => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("(if let Some(v) = (({x}) as i32).checked_mul({y}) {{ v }} else {{ -1 }})")
            }
            25 => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("{{ let (p, q): (i32, i32) = ({x}, {y}); p.wrapping_sub(q) }}")
            }
            26 => {
                let x = self.expr(d);
                format!("{{ let mut n = ({x}) & 15; let mut c = 0; while n > 0 {{ n /= 2; c += 1; }} c }}")
            }
            27 => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("{{ let r: Result<i32, String> = if {x} > 0 {{ Ok({y}) }} else {{ Err(s.clone()) }}; match r {{ Ok(v) => v, Err(e) => e.len() as i32 }} }}")
            }
            28 => {
                let x = self.expr(d);
                format!("{{ let mut v: Vec<i32> = s.bytes().map(|c| c as i32).collect(); v.sort(); v.dedup(); v.iter().take(3).sum::<i32>() + {x} }}")
            }
            29 => {
                let (x, y) = (self.expr(d), self.expr(d));
                {
                    let l = self.next_var;
                    self.next_var += 1;
                    format!("('o{l}: loop {{ for i in 0..4 {{ if i * 7 > ({x}) {{ break 'o{l} i; }} }} break {y}; }})")
                }
            }
            0..=5 => {
                let ops = ["+", "-", "*", "/", "%", "&", "|", "^", "+", "-"];
                let op = ops[self.pick(ops.len() as u64) as usize];
                format!("({} {op} {})", self.expr(d), self.expr(d))
            }
            6 => format!("({} << ({} & 31))", self.expr(d), self.expr(d)),
            7 => format!("({} >> {})", self.expr(d), self.expr(d)),
            8 => format!("(-{})", self.expr(d)),
            9 => format!("(!{})", self.expr(d)),
            10 => format!(
                "(if {} {{ {} }} else {{ {} }})",
                self.cond(d),
                self.expr(d),
                self.expr(d)
            ),
            11 => {
                let (s, x, y, z) = (self.expr(d), self.expr(d), self.expr(d), self.expr(d));
                let lo = self.pick(20) as i64 - 10;
                let hi = lo + self.pick(20) as i64;
                format!("(match {s} {{ 0 => {x}, {lo}..={hi} => {y}, n if n < 0 => n / 2 + {z}, _ => 1 }})")
            }
            12 => {
                let v = format!("t{}", self.next_var);
                self.next_var += 1;
                let init = self.expr(d);
                self.vars.push(v.clone());
                let body = self.expr(d);
                self.vars.pop();
                format!("{{ let {v} = {init}; {body} }}")
            }
            13 => {
                // `(x as i32)`: a method on a bare literal is ambiguous in Rust.
                let (x, y) = (format!("(({}) as i32)", self.expr(d)), self.expr(d));
                match self.pick(8) {
                    0 => format!("{x}.abs()"),
                    1 => format!("{x}.pow(({y} & 3) as u32)"),
                    2 => format!("{x}.wrapping_mul({y})"),
                    3 => format!("{x}.checked_div({y}).unwrap_or(7)"),
                    4 => format!("{x}.min({y})"),
                    5 => format!("{x}.max({y})"),
                    6 => format!("{x}.rem_euclid({y})"),
                    _ => format!("{x}.saturating_add({y})"),
                }
            }
            // `(x as i32)` first: rustc types a bare literal by the cast.
            14 => format!("(((({}) as i32) as u8) as i32)", self.expr(d)),
            15 => format!("(((({}) as i32) as i16) as i32)", self.expr(d)),
            16 => format!("((((({}) as i32) as f64) / 3.0) as i32)", self.expr(d)),
            17 => {
                let v = format!("t{}", self.next_var);
                self.next_var += 1;
                let n = self.expr(d);
                self.vars.push(v.clone());
                let step = self.expr(d);
                self.vars.pop();
                format!("{{ let mut acc = 0i32; for {v} in 0..({n} & 7) {{ acc = acc.wrapping_add({step}); }} acc }}")
            }
            18 => format!(
                "(vec![{}, {}, {}].iter().sum::<i32>())",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            19 => format!(
                "([{}, {}].iter().copied().max().unwrap_or(0))",
                self.expr(d),
                self.expr(d)
            ),
            20 => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("{{ let mut v = vec![{x}]; v.push({y}); v.retain(|e| *e % 2 == 0); v.len() as i32 }}")
            }
            _ => {
                let (x, y) = (self.expr(d), self.expr(d));
                format!("(format!(\"{{}}{{:>3}}\", {x}, {y}).len() as i32)")
            }
        }
    }
}
