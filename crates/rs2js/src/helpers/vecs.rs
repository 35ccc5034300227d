//! `Vec` and slice helpers, with Rust's bounds-check panics.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        "vslice" => r#"(v, a, b) => {
  if (b === undefined) b = v.length;
  if (a > b) $panic("slice index starts at " + a + " but ends at " + b);
  if (b > v.length) $panic("range end index " + b + " out of range for slice of length " + v.length);
  return $clone(v.slice(a, b));
}"#,
        "pop" => "v => v.length ? v.pop() : null",
        "insert" => "(v, i, x) => { if (i > v.length) $panic(\"insertion index (is \" + i + \") should be <= len (is \" + v.length + \")\"); v.splice(i, 0, x); }",
        "remove" => "(v, i) => i < v.length ? v.splice(i, 1)[0] : $panic(\"removal index (is \" + i + \") should be < len (is \" + v.length + \")\")",
        "swap_remove" => "(v, i) => { if (i >= v.length) $panic(\"swap_remove index (is \" + i + \") should be < len (is \" + v.length + \")\"); const x = v[i]; v[i] = v[v.length - 1]; v.pop(); return x; }",
        "swap" => "(v, i, j) => { $ix(v, i); $ix(v, j); const t = v[i]; v[i] = v[j]; v[j] = t; }",
        "truncate" => "(v, n) => { if (n < v.length) v.length = n; }",
        "append" => "(v, o) => { for (const x of o) v.push(x); o.length = 0; }",
        "extend" => "(v, it) => { for (const x of it) v.push(x); }",
        "extendc" => "(v, it) => { for (const x of it) v.push($clone(x)); }",
        "has" => "(v, x) => v.some(y => $eq(y, x))",
        "retain" => "(v, f) => { let j = 0; for (let i = 0; i < v.length; i++) { const x = v[i]; if (f(x)) v[j++] = x; } v.length = j; }",
        "sort" => "v => { v.sort($cmp); }",
        "sort_by_key" => "(v, f) => { v.sort((a, b) => $cmp(f(a), f(b))); }",
        "sort_by" => "(v, f) => { v.sort(f); }",
        "dedup" => "v => { let j = 0; for (let i = 0; i < v.length; i++) if (j === 0 || !$eq(v[i], v[j - 1])) v[j++] = v[i]; v.length = j; }",
        "dedup_by_key" => "(v, f) => { let j = 0; for (let i = 0; i < v.length; i++) if (j === 0 || !$eq(f(v[i]), f(v[j - 1]))) v[j++] = v[i]; v.length = j; }",
        "first" => "v => v.length ? v[0] : null",
        "last" => "v => v.length ? v[v.length - 1] : null",
        "get" => "(v, i) => i < v.length ? v[i] : null",
        "fill" => "(v, x) => { v.fill(x); }",
        "fillc" => "(v, x) => { for (let i = 0; i < v.length; i++) v[i] = $clone(x); }",
        "resize" => "(v, n, x) => { if (n < v.length) v.length = n; else while (v.length < n) v.push($clone(x)); }",
        "split_off" => "(v, i) => i > v.length ? $panic(\"`at` split index (is \" + i + \") should be <= len (is \" + v.length + \")\") : v.splice(i)",
        "windows" => "function* (v, n) { if (n === 0) $panic(\"window size must be non-zero\"); for (let i = 0; i + n <= v.length; i++) yield v.slice(i, i + n); }",
        "chunks" => "function* (v, n) { if (n === 0) $panic(\"chunk size must be non-zero\"); for (let i = 0; i < v.length; i += n) yield v.slice(i, i + n); }",
        "vstarts_with" => "(v, p) => p.length <= v.length && p.every((x, i) => $eq(x, v[i]))",
        "vends_with" => "(v, p) => p.length <= v.length && p.every((x, i) => $eq(x, v[v.length - p.length + i]))",
        _ => return None,
    })
}
