//! A fixed-count run of both renderers that ends in one plain table:
//! renders per second for Resuma and Leptos on the same page, and the ratio
//! (plus Resuma's body-only render, to show what the state script costs).
//!
//! The two renderers run in alternating rounds so that load from other
//! processes on the machine hits both alike; each side's figure is its
//! median round. `SSR_ROUNDS` and `SSR_RENDERS` (renders per round) change
//! the counts.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use resuma_bench_ssr::{resuma_page, ROWS};

fn env_count(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.parse().unwrap_or_else(|_| panic!("{name} must be a positive integer, got {v:?}")),
        Err(_) => default,
    }
}

/// Time `renders` calls of `f`; returns renders per second.
fn round(renders: usize, mut f: impl FnMut() -> String) -> f64 {
    let start = Instant::now();
    for _ in 0..renders {
        black_box(f());
    }
    renders as f64 / start.elapsed().as_secs_f64()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn main() {
    let rounds = env_count("SSR_ROUNDS", 21).max(1);
    let renders = env_count("SSR_RENDERS", 50).max(1);
    let setup = common::setup();
    let doc = resuma_page::document(&setup.core_url);
    let mut resuma = || resuma_page::render_document(black_box(&doc), black_box(&setup.rows));
    let mut leptos = || common::leptos_page::render_document(black_box(&setup.rows));
    let mut fragment = || resuma_page::render_fragment(black_box(&setup.rows));

    // Warm-up: caches, allocator pools and CPU frequency settle.
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_secs(1) {
        round(5, &mut resuma);
        round(5, &mut leptos);
        round(5, &mut fragment);
    }

    let (mut r, mut l, mut f) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        r.push(round(renders, &mut resuma));
        l.push(round(renders, &mut leptos));
        f.push(round(renders, &mut fragment));
    }
    let (r, l, f) = (median(r), median(l), median(f));
    let ratio = r / l;

    println!();
    println!(
        "SSR of one {ROWS}-row page, {} signals ({rounds} rounds x {renders} renders, median round)",
        3 * ROWS + 1
    );
    println!("+------------------------------------------------+-----------+-------------+--------+");
    println!("| renderer                                       | renders/s | ms / render |  bytes |");
    println!("+------------------------------------------------+-----------+-------------+--------+");
    let row = |name: &str, per_s: f64, bytes: String| {
        println!("| {name:<46} | {per_s:>9.0} | {:>11.3} | {bytes:>6} |", 1000.0 / per_s)
    };
    row("Resuma render_document (page + state + loader)", r, setup.resuma_bytes.to_string());
    row("Leptos 0.8 view.to_html() (page)", l, setup.leptos_bytes.to_string());
    row("Resuma render_to_string (body only, no state)", f, String::new());
    println!("+------------------------------------------------+-----------+-------------+--------+");
    println!(
        "ratio Resuma / Leptos (whole page): {ratio:.2}x  -- goal >= 1.5x: {}",
        if ratio >= 1.5 { "met" } else { "NOT met" }
    );
}
