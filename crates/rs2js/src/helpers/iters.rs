//! Iterator helpers: lazy generators (`$map`, `$filter`, `$take`, ...) so
//! closures run in Rust's order, and the consumers (`$fold`, `$any`, ...).

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        "collect" => "it => [...it]",
        "collect_str" => "it => [...it].join(\"\")",
        "iter" => "it => it[Symbol.iterator]()",
        "next" => "it => { const i = typeof it.next === \"function\" ? it : it[Symbol.iterator](); const r = i.next(); return r.done ? null : r.value; }",
        "map" => "function* (it, f) { for (const x of it) yield f(x); }",
        "filter" => "function* (it, f) { for (const x of it) if (f(x)) yield x; }",
        "filter_map" => "function* (it, f) { for (const x of it) { const y = f(x); if (y !== null) yield y; } }",
        "flat_map" => "function* (it, f) { for (const x of it) yield* f(x); }",
        "take_while" => "function* (it, f) { for (const x of it) { if (!f(x)) return; yield x; } }",
        "skip_while" => "function* (it, f) { let s = true; for (const x of it) { if (s && f(x)) continue; s = false; yield x; } }",
        "inspect" => "function* (it, f) { for (const x of it) { f(x); yield x; } }",
        "enumerate" => "function* (it) { let i = 0; for (const x of it) yield [i++, x]; }",
        "zip" => "function* (a, b) { const ib = b[Symbol.iterator](); for (const x of a) { const r = ib.next(); if (r.done) return; yield [x, r.value]; } }",
        "chain" => "function* (a, b) { yield* a; yield* b; }",
        "rev" => "it => [...it].reverse()",
        "skip" => "function* (it, n) { let i = 0; for (const x of it) if (i++ >= n) yield x; }",
        "take" => "function* (it, n) { if (n <= 0) return; let i = 0; for (const x of it) { yield x; if (++i >= n) return; } }",
        "step_by" => "function* (it, n) { if (n === 0) $panic(\"assertion failed: step != 0\"); let i = 0; for (const x of it) if (i++ % n === 0) yield x; }",
        "count" => "it => { let n = 0; for (const _ of it) n++; return n; }",
        // Since Rust 1.83 a float sum starts from -0.0.
        "fsum" => "it => { let s = -0; for (const x of it) s += x; return s; }",
        "fproduct" => "it => { let s = 1; for (const x of it) s *= x; return s; }",
        "any" => "(it, f) => { for (const x of it) if (f(x)) return true; return false; }",
        "all" => "(it, f) => { for (const x of it) if (!f(x)) return false; return true; }",
        "find" => "(it, f) => { for (const x of it) if (f(x)) return x; return null; }",
        "find_map" => "(it, f) => { for (const x of it) { const y = f(x); if (y !== null) return y; } return null; }",
        "position" => "(it, f) => { let i = 0; for (const x of it) { if (f(x)) return i; i++; } return null; }",
        "itmax" => "it => { let m = null, n = true; for (const x of it) { if (n || $cmp(x, m) >= 0) m = x; n = false; } return m; }",
        "itmin" => "it => { let m = null, n = true; for (const x of it) { if (n || $cmp(x, m) < 0) m = x; n = false; } return m; }",
        "max_by_key" => "(it, f) => { let m = null, mk, n = true; for (const x of it) { const k = f(x); if (n || $cmp(k, mk) >= 0) { m = x; mk = k; } n = false; } return m; }",
        "min_by_key" => "(it, f) => { let m = null, mk, n = true; for (const x of it) { const k = f(x); if (n || $cmp(k, mk) < 0) { m = x; mk = k; } n = false; } return m; }",
        "max_by" => "(it, f) => { let m = null, n = true; for (const x of it) { if (n || f(m, x) <= 0) m = x; n = false; } return m; }",
        "min_by" => "(it, f) => { let m = null, n = true; for (const x of it) { if (n || f(m, x) > 0) m = x; n = false; } return m; }",
        "fold" => "(it, a, f) => { for (const x of it) a = f(a, x); return a; }",
        "for_each" => "(it, f) => { for (const x of it) f(x); }",
        "last_it" => "it => { let l = null; for (const x of it) l = x; return l; }",
        "nth" => "(it, n) => { for (const x of it) if (n-- === 0) return x; return null; }",
        "partition" => "(it, f) => { const a = [], b = []; for (const x of it) (f(x) ? a : b).push(x); return [a, b]; }",
        "unzip" => "it => { const a = [], b = []; for (const [x, y] of it) { a.push(x); b.push(y); } return [a, b]; }",
        "it_has" => "(it, v) => { for (const x of it) if (x === v) return true; return false; }",
        _ => return None,
    })
}
