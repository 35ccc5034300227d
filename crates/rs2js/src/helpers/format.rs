//! Formatting helpers: Rust's `Display`/`Debug` for floats (shortest
//! round-trip digits), `{:.N}` with ties to even, padding, `{:x}`-style
//! radixes, `escape_debug`, and the `{:?}` printers of compound types.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        // Rust's `Display` for floats: shortest round-trip digits, never an
        // exponent, `inf`/`NaN`, `-0` for negative zero.
        // Shortest round-trip digits and exponent of a finite x > 0, as
        // Rust picks them: JS breaks an exact tie between two shortest
        // candidates towards the even digit, Rust towards the larger one.
        "fdig" => r#"x => {
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  let d = m[1] + (m[2] || ""), e = +m[3];
  const k = d.length, q = Math.min(100, k + 30);
  const em = /^(\d)\.(\d+)e([+-]\d+)$/.exec(x.toExponential(q - 1)), all = em[1] + em[2];
  if (+em[3] === e && all.slice(0, k) === d && /^50*$/.test(all.slice(k))) {
    let up = (BigInt(d) + 1n).toString(), ue = e;
    if (up.length > k) { up = up.slice(0, k); ue += 1; }
    if (+(up[0] + "." + up.slice(1) + "e" + ue) === x) { d = up; e = ue; }
  }
  d = d.replace(/(.)0+$/, "$1");
  return [d, e];
}"#,
        // Rust's `Display` for floats: shortest round-trip digits, never an
        // exponent, `inf`/`NaN`, `-0` for negative zero.
        "fstr" => r#"x => {
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return 1 / x < 0 ? "-0" : "0";
  const [d, e] = $fdig(Math.abs(x)), sign = x < 0 ? "-" : "";
  if (e < 0) return sign + "0." + "0".repeat(-e - 1) + d;
  return sign + (e >= d.length - 1 ? d + "0".repeat(e - d.length + 1) : d.slice(0, e + 1) + "." + d.slice(e + 1));
}"#,
        // f32 prints its own shortest digits (0.1f32 is "0.1"); zeros keep
        // their sign.
        "f32short" => "x => { if (x === 0 || x !== x) return x; for (let p = 1; p <= 9; p++) { const y = +x.toPrecision(p); if (Math.fround(y) === x) return y; } return x; }",
        "f32str" => "x => $fstr($f32short(x))",
        "f32dbg" => "x => $fdbg($f32short(x))",
        "fdbg" => "x => { if (x !== x) return \"NaN\"; const a = Math.abs(x); if (a !== Infinity && (a >= 1e16 || (a !== 0 && a < 1e-4))) return $fexp(x); const s = $fstr(x); return a === Infinity || s.includes(\".\") ? s : s + \".0\"; }",
        "fexp" => "x => { if (x !== x || x === Infinity || x === -Infinity) return $fstr(x); const neg = x < 0 || (x === 0 && 1 / x < 0); if (x === 0) return (neg ? \"-\" : \"\") + \"0e0\"; const [d, e] = $fdig(Math.abs(x)); return (neg ? \"-\" : \"\") + d[0] + (d.length > 1 ? \".\" + d.slice(1) : \"\") + \"e\" + e; }",
        // `{:.N}`: exact decimal rounding with ties to even, like Rust
        // (JS `toFixed` rounds exact ties up).
        "ffix" => r#"(x, p) => {
  if (x !== x) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const neg = x < 0 || (x === 0 && 1 / x < 0), a = Math.abs(x);
  let s;
  if (a >= 1e21) s = BigInt(a).toString() + (p > 0 ? "." + "0".repeat(p) : "");
  else {
    s = a.toFixed(p);
    const q = Math.min(100, p + 30), ex = a.toFixed(q), tail = ex.slice(ex.length - (q - p));
    if (/^50*$/.test(tail)) {
      const t = ex.slice(0, ex.length - (q - p) - (p === 0 ? 1 : 0));
      if (+t[t.length - 1] % 2 === 0) s = t;
    }
  }
  return (neg ? "-" : "") + s;
}"#,
        "take_chars" => "(s, n) => [...s].slice(0, n).join(\"\")",
        // `{}` of a value whose type rs2js does not know (a field of a struct
        // it was not shown). rustc checked the closure, so the value is a
        // `Display` type; in the browser it has its serde JSON form, and for
        // strings, chars, bools and numbers Rust's output follows from the
        // JS value alone. `k` is the type when it became known after the
        // call was lowered ("f32", "f64", "int", or undefined); `p` the
        // precision, `w`/`f`/`a` width, fill and alignment, `z` the `0`
        // flag, `plus` the `+` flag. Anything else (a struct or enum with its
        // own `Display`) cannot be reproduced and is an error.
        "fmt" => r#"(x, k, p, w, f, a, z, plus) => {
  const t = typeof x, num = t === "number";
  let s;
  if (t === "string" || t === "boolean") {
    s = String(x);
    if (p != null) s = $take_chars(s, p);
  } else if (num) {
    if (p == null || k === "int") s = $fstr(k === "f32" ? $f32short(x) : x);
    else if (k === "f32" || k === "f64") s = $ffix(x, p);
    else throw new Error("rs2js: `{:.N}` of a number whose type rs2js does not know (an integer ignores the precision, a float rounds); annotate its type");
  } else {
    throw new Error("rs2js: cannot display this value in the browser: " + (x === null ? "null (a NaN or infinite float reaches the browser as null)" : String(JSON.stringify(x)).slice(0, 80)));
  }
  if (plus && num) s = $plus(s);
  if (w != null) s = z && num ? $zpad(s, w) : $pad(s, w, f == null ? " " : f, a == null ? (num ? ">" : "<") : a);
  return s;
}"#,
        "radix" => "(x, r, bits, signed) => { let v = x; if (v < 0) v = bits === 64 ? BigInt.asUintN(64, BigInt(v)) : v + 2 ** bits; return v.toString(r); }",
        "plus" => "s => s[0] === \"-\" || s === \"NaN\" ? s : \"+\" + s",
        "zpad" => "(s, w) => { const n = [...s].length; if (n >= w) return s; let k = s[0] === \"-\" || s[0] === \"+\" ? 1 : 0; if (/^0[xob]/.test(s.slice(k))) k += 2; return s.slice(0, k) + \"0\".repeat(w - n) + s.slice(k); }",
        "pad" => "(s, w, f, a) => { const n = [...s].length; if (n >= w) return s; const d = w - n, l = a === \"<\" ? 0 : a === \">\" ? d : d >> 1; return f.repeat(l) + s + f.repeat(d - l); }",
        // Rust's escape_debug: quotes, backslash, \t \r \n \0, and
        // \u{..} for what Rust's printable table excludes — control,
        // format, surrogate, private-use, unassigned, line/paragraph
        // separators and spaces other than ' ' — and for grapheme extenders.
        "esc" => r#"(s, q) => {
  let out = "", first = true;
  for (const c of s) {
    const p = c.codePointAt(0);
    if (c === "\\") out += "\\\\";
    else if (c === q) out += "\\" + q;
    else if (c === "\t") out += "\\t";
    else if (c === "\r") out += "\\r";
    else if (c === "\n") out += "\\n";
    else if (p === 0) out += "\\0";
    else if ((c !== " " && /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u.test(c)) || /\p{Grapheme_Extend}/u.test(c)) out += "\\u{" + p.toString(16) + "}";
    else out += c;
    first = false;
  }
  return out;
}"#,
        "dstr" => "s => '\"' + $esc(s, '\"') + '\"'",
        "dchar" => "c => \"'\" + $esc(c, \"'\") + \"'\"",
        "dunit" => "() => \"()\"",
        "dany" => "v => JSON.stringify(v)",
        "dvec" => "f => v => \"[\" + v.map(x => f(x)).join(\", \") + \"]\"",
        "dopt" => "f => o => o === null ? \"None\" : \"Some(\" + f(o) + \")\"",
        "dres" => "(f, g) => r => \"Ok\" in r ? \"Ok(\" + f(r.Ok) + \")\" : \"Err(\" + g(r.Err) + \")\"",
        "dtup" => "fs => t => \"(\" + fs.map((f, i) => f(t[i])).join(\", \") + (fs.length === 1 ? \",)\" : \")\")",
        "dord" => "o => [\"Less\", \"Equal\", \"Greater\"][o + 1]",
        "dstruct" => "(n, fs) => v => n + \" { \" + fs.map(([k, f]) => k + \": \" + f(v[k])).join(\", \") + \" }\"",
        "dtstruct" => "(n, fs) => v => n + \"(\" + (fs.length === 1 ? fs[0][1](v) : fs.map(([k, f], i) => f(v[i])).join(\", \")) + \")\"",
        "denum" => "t => v => typeof v === \"string\" ? v : (k => t[k](v[k]))(Object.keys(v)[0])",
        _ => return None,
    })
}
