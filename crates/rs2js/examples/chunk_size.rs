//! Chunk-size benchmark: prints the emitted JS size (raw, gzip, brotli) of
//! typical handlers, one chunk per handler and one chunk with all of them.
//!
//! `cargo run -p rs2js --example chunk_size`

use std::io::Write;

const HANDLERS: &[(&str, &str)] = &[
    ("counter +1", "move |_| count.set(count.get() + 1)"),
    ("counter update", "move |_| count.update(|n| *n += 1)"),
    ("counter * step", "move |_| count.set(count.get() * step)"),
    ("input value", "move |e| text.set(e.value())"),
    ("checkbox", "move |e| done.set(e.checked())"),
    ("enter adds todo", "move |e| if e.key() == \"Enter\" { let t = e.value(); if !t.trim().is_empty() { todos.update(|v| v.push(t.trim().to_string())); } }"),
    ("remove done", "move |_| todos.update(|v| v.retain(|t: &String| !t.starts_with(\"x \")))"),
    ("label format", "move |_| label.set(format!(\"{} item{} ({:.1}%)\", n.get(), if n.get() == 1 { \"\" } else { \"s\" }, pct.get() * 100.0))"),
    ("server search", "move |e| { let q = e.value(); match search(q).await { Ok(r) => results.set(r), Err(_) => results.set(Vec::new()) } }"),
    ("sum of list", "move |_| total.set(items.with(|v| v.iter().filter(|x| **x > 0).sum::<i32>()))"),
];

fn gzip(b: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(b).unwrap();
    e.finish().unwrap().len()
}

fn brotli(b: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &b[..], &mut out, &params).unwrap();
    out.len()
}

fn main() {
    println!(
        "{:<18} {:>6} {:>6} {:>6} | compact {:>6} {:>6} {:>6}",
        "handler", "raw", "gzip", "br", "raw", "gzip", "br"
    );
    let mut all = rs2js::Chunk::new();
    for (name, src) in HANDLERS {
        let c: syn::ExprClosure = syn::parse_str(src).expect("closure");
        let h = rs2js::translate_handler(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut one = rs2js::Chunk::new();
        one.add(h.clone());
        all.add(h);
        row(name, &one);
    }
    row("all in one chunk", &all);
}

/// One line: sizes of the readable and the compact module.
fn row(name: &str, chunk: &rs2js::Chunk) {
    let js = chunk.module_source();
    let min = chunk.module_source_compact();
    rs2js::check_js(&js).expect("valid JS");
    rs2js::check_js(&min).expect("valid JS");
    let b = |s: &str| (s.len(), gzip(s.as_bytes()), brotli(s.as_bytes()));
    let (r, g, br) = b(&js);
    let (mr, mg, mbr) = b(&min);
    println!("{name:<18} {r:>6} {g:>6} {br:>6} |         {mr:>6} {mg:>6} {mbr:>6}");
}
