//! Number helpers beyond the per-type integer arithmetic of `int.rs`:
//! bit counting and the `f32`/`f64` methods JS's `Math` gets wrong.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        "count_ones" => "(x, bits) => { let n = 0; x = bits === 32 ? x >>> 0 : x & ((1 << bits) - 1); while (x) { n += x & 1; x >>>= 1; } return n; }",
        "count_zeros" => "(x, bits) => bits - $count_ones(x, bits)",
        "leading_zeros" => "(x, bits) => Math.clz32(bits === 32 ? x : x & ((1 << bits) - 1)) - (32 - bits)",
        "trailing_zeros" => "(x, bits) => { x = bits === 32 ? x | 0 : x & ((1 << bits) - 1); return x === 0 ? bits : 31 - Math.clz32(x & -x); }",
        "is_pow2" => "x => x > 0 && Number.isInteger(Math.log2(x))",
        // Rust rounds halfway cases away from zero.
        "round" => "x => x < 0 ? -Math.round(-x) : Math.round(x)",
        "fsignum" => "x => x !== x ? NaN : x > 0 || (x === 0 && 1 / x > 0) ? 1 : -1",
        "fneg" => "x => x < 0 || (x === 0 && 1 / x < 0)",
        "fmax" => "(a, b) => a !== a ? b : b !== b ? a : Math.max(a, b)",
        "fmin" => "(a, b) => a !== a ? b : b !== b ? a : Math.min(a, b)",
        "fclamp" => "(x, lo, hi) => !(lo <= hi) ? $panic(\"min > max, or either was NaN. min = \" + $fdbg(lo) + \", max = \" + $fdbg(hi)) : x < lo ? lo : x > hi ? hi : x",
        // The same square-and-multiply loop as compiler-rt's __powidf2,
        // which Rust's `powi` calls, so results match bit for bit.
        "powi" => "(a, b) => { const recip = b < 0; let r = 1; for (;;) { if (b & 1) r *= a; b = (b / 2) | 0; if (b === 0) break; a *= a; } return recip ? 1 / r : r; }",
        "powf" => "(a, b) => Math.pow(a, b)",
        _ => return None,
    })
}
