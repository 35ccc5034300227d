//! String and `char` helpers: UTF-8 byte lengths and offsets like Rust's,
//! Rust's White_Space for trimming and splitting, `parse`.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        "chr32" => "n => n > 0x10ffff || (n >= 0xd800 && n < 0xe000) ? null : String.fromCodePoint(n)",
        "from_digit" => "(n, r) => r > 36 ? $panic(\"from_digit: radix is too high (maximum 36)\") : n < r ? n.toString(r) : null",
        "sslice" => r#"(s, a, b) => {
  const u = new TextEncoder().encode(s);
  if (b === undefined) b = u.length;
  const bad = i => i < u.length && (u[i] & 0xc0) === 0x80;
  if (a > b) $panic("begin <= end (" + a + " <= " + b + ") when slicing `" + s + "`");
  if (b > u.length) $panic("byte index " + b + " is out of bounds of `" + s + "`");
  if (bad(a) || bad(b)) $panic("byte index " + (bad(a) ? a : b) + " is not a char boundary");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(u.subarray(a, b));
}"#,
        "ascii_up" => "s => s.replace(/[a-z]+/g, m => m.toUpperCase())",
        "ascii_low" => "s => s.replace(/[A-Z]+/g, m => m.toLowerCase())",
        "to_digit" => "(c, r) => { if (r > 36) $panic(\"to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive\"); const p = c.codePointAt(0); const v = p >= 48 && p <= 57 ? p - 48 : p >= 97 && p <= 122 ? p - 87 : p >= 65 && p <= 90 ? p - 55 : 99; return v < r ? v : null; }",
        // UTF-8 length, as Rust's `str::len` counts.
        "utf8len" => "s => { let n = 0; for (const c of s) { const p = c.codePointAt(0); n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4; } return n; }",
        "bytes" => "s => new TextEncoder().encode(s)",
        "char_indices" => "function* (s) { let i = 0; for (const c of s) { yield [i, c]; i += $utf8len(c); } }",
        // Rust's whitespace is Unicode White_Space (JS `trim` differs:
        // it strips U+FEFF and keeps U+0085).
        "trim" => "s => s.replace(/^[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+|[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+$/g, \"\")",
        "trim_start" => "s => s.replace(/^[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+/, \"\")",
        "trim_end" => "s => s.replace(/[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+$/, \"\")",
        "split_ws" => "s => s.split(/[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+/).filter(x => x !== \"\")",
        "lines" => "s => { if (s === \"\") return []; const a = s.split(\"\\n\"); if (a[a.length - 1] === \"\") a.pop(); return a.map(l => l.endsWith(\"\\r\") ? l.slice(0, -1) : l); }",
        "split" => "(s, p) => p === \"\" ? [\"\", ...s, \"\"] : s.split(p)",
        "splitn" => "(s, n, p) => { const out = []; if (n === 0) return out; let rest = s; while (out.length < n - 1) { const i = rest.indexOf(p); if (i < 0 || p === \"\") break; out.push(rest.slice(0, i)); rest = rest.slice(i + p.length); } out.push(rest); return out; }",
        "replace" => "(s, a, b) => a === \"\" ? [...s].map(c => b + c).join(\"\") + b : s.split(a).join(b)",
        "sfind" => "(s, p) => { const i = s.indexOf(p); return i < 0 ? null : $utf8len(s.slice(0, i)); }",
        "srfind" => "(s, p) => { const i = s.lastIndexOf(p); return i < 0 ? null : $utf8len(s.slice(0, i)); }",
        "sfind_fn" => "(s, f) => { let i = 0; for (const c of s) { if (f(c)) return i; i += $utf8len(c); } return null; }",
        "srfind_fn" => "(s, f) => { let i = 0, r = null; for (const c of s) { if (f(c)) r = i; i += $utf8len(c); } return r; }",
        "contains_fn" => "(s, f) => { for (const c of s) if (f(c)) return true; return false; }",
        "starts_with_fn" => "(s, f) => { for (const c of s) return !!f(c); return false; }",
        "ends_with_fn" => "(s, f) => { const a = [...s]; return a.length > 0 && !!f(a[a.length - 1]); }",
        "strip_prefix" => "(s, p) => s.startsWith(p) ? s.slice(p.length) : null",
        "strip_suffix" => "(s, p) => s.endsWith(p) ? s.slice(0, s.length - p.length) : null",
        "parse_int" => r#"(s, lo, hi, signed) => {
  if (s === "") return { Err: "cannot parse integer from empty string" };
  let i = 0, neg = false;
  if (s.length > 1 && (s[0] === "+" || (s[0] === "-" && signed))) { neg = s[0] === "-"; i = 1; }
  else if (s === "+" || s === "-") return { Err: "invalid digit found in string" };
  let v = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return { Err: "invalid digit found in string" };
    v = neg ? v * 10 - c : v * 10 + c;
    if (v > hi) return { Err: "number too large to fit in target type" };
    if (v < lo) return { Err: "number too small to fit in target type" };
  }
  return { Ok: v + 0 };
}"#,
        "parse_f64" => r#"s => {
  if (s === "") return { Err: "cannot parse float from empty string" };
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (m) return { Ok: m[2].toLowerCase() === "nan" ? NaN : m[1] === "-" ? -Infinity : Infinity };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { Err: "invalid float literal" };
  return { Ok: Number(s) };
}"#,
        "res_f32" => "r => \"Ok\" in r ? { Ok: Math.fround(r.Ok) } : r",
        "parse_bool" => "s => s === \"true\" ? { Ok: true } : s === \"false\" ? { Ok: false } : { Err: \"provided string was not `true` or `false`\" }",
        "parse_char" => "s => { const a = [...s]; return a.length === 1 ? { Ok: a[0] } : { Err: a.length ? \"too many characters in string\" : \"cannot parse char from empty string\" }; }",
        "spop" => "s => { if (s === \"\") return [s, null]; const a = [...s]; const c = a.pop(); return [s.slice(0, s.length - c.length), c]; }",
        "strunc" => "(s, n) => { const u = new TextEncoder().encode(s); if (n >= u.length) return s; if ((u[n] & 0xc0) === 0x80) $panic(\"assertion failed: self.is_char_boundary(new_len)\"); return new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(u.subarray(0, n)); }",
        "sinsert" => "(s, i, t) => { const u = new TextEncoder().encode(s), dec = x => new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(x); if (i > u.length || (i < u.length && (u[i] & 0xc0) === 0x80)) $panic(\"assertion failed: self.is_char_boundary(idx)\"); return dec(u.subarray(0, i)) + t + dec(u.subarray(i)); }",
        "sremove" => "(s, i) => { const u = new TextEncoder().encode(s), dec = x => new TextDecoder(\"utf-8\", { ignoreBOM: true }).decode(x); if (i >= u.length) $panic(\"cannot remove a char from the end of a string\"); if ((u[i] & 0xc0) === 0x80) $panic(\"byte index \" + i + \" is not a char boundary\"); const rest = dec(u.subarray(i)); const c = [...rest][0]; return [dec(u.subarray(0, i)) + rest.slice(c.length), c]; }",
        _ => return None,
    })
}
