//! Renders the Resuma page in a loop, for a profiler:
//! `valgrind --tool=callgrind target/.../examples/profile_resuma 200`.

use std::hint::black_box;

use resuma_bench_ssr::{resuma_page, rows};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rows = rows();
    let doc = resuma_page::document("/_resuma/core-000000000000.js");
    let mut bytes = 0;
    for _ in 0..n {
        bytes += black_box(resuma_page::render_document(black_box(&doc), black_box(&rows))).len();
    }
    println!("{n} renders, {bytes} bytes");
}
