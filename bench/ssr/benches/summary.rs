//! A fixed-count run of both renderers that ends in one plain table:
//! renders per second for Resuma and Leptos on the same page, and the ratio
//! (plus Resuma's body-only render, to show what the state script costs),
//! and both pages' sizes raw, gzip'd and brotli'd, against issue 17's goals.
//!
//! The two renderers run in alternating rounds so that load from other
//! processes on the machine hits both alike; each side's figure is its
//! median round. `SSR_ROUNDS` and `SSR_RENDERS` (renders per round) change
//! the counts.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::WireSize;
use resuma_bench_ssr::{resuma_page, ROWS};

fn env_count(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a positive integer, got {v:?}")),
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
    let mut resuma_live =
        || resuma_page::render_live_document(black_box(&doc), black_box(&setup.rows));
    let mut leptos_live = || common::leptos_page::render_live_document(black_box(&setup.rows));

    // Warm-up: caches, allocator pools and CPU frequency settle.
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_secs(1) {
        round(5, &mut resuma);
        round(5, &mut leptos);
        round(5, &mut fragment);
        round(5, &mut resuma_live);
        round(5, &mut leptos_live);
    }

    let mut times: [Vec<f64>; 5] = Default::default();
    for _ in 0..rounds {
        times[0].push(round(renders, &mut resuma));
        times[1].push(round(renders, &mut leptos));
        times[2].push(round(renders, &mut fragment));
        times[3].push(round(renders, &mut resuma_live));
        times[4].push(round(renders, &mut leptos_live));
    }
    let [r, l, f, rl, ll] = times.map(median);
    let ratio = r / l;

    let (rs, ls) = (setup.shown.resuma, setup.shown.leptos);
    println!();
    println!(
        "SSR of one {ROWS}-row page, {} signals ({rounds} rounds x {renders} renders, median round)",
        3 * ROWS + 1
    );
    let line = "+------------------------------------------------+-----------+-------------+---------+--------+--------+";
    println!("{line}");
    println!(
        "| {:<46} | renders/s | ms / render |     raw |   gzip | brotli |",
        "renderer (rows that only show their signals)"
    );
    println!("{line}");
    let row = |name: &str, per_s: f64, size: Option<WireSize>| {
        let [raw, gzip, brotli] = size.map_or([String::new(), String::new(), String::new()], |s| {
            [s.raw.to_string(), s.gzip.to_string(), s.brotli.to_string()]
        });
        println!(
            "| {name:<46} | {per_s:>9.0} | {:>11.3} | {raw:>7} | {gzip:>6} | {brotli:>6} |",
            1000.0 / per_s
        )
    };
    row(
        "Resuma render_document (page + state + loader)",
        r,
        Some(rs),
    );
    row("Leptos 0.8 view.to_html() (page)", l, Some(ls));
    row("Resuma render_to_string (body, all markers)", f, None);
    println!("{line}");
    println!(
        "| {:<46} | {:9} | {:11} | {:7} | {:6} | {:6} |",
        "the same rows, each with a click handler", "", "", "", "", ""
    );
    println!("{line}");
    row("Resuma render_document", rl, Some(setup.live.resuma));
    row("Leptos 0.8 view.to_html()", ll, Some(setup.live.leptos));
    println!("{line}");
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    // Issue 17, goal 4: at least 3x Leptos's renders/s, no heavier than
    // Leptos on the wire (brotli) and at most 1.3x its raw bytes.
    println!(
        "ratio Resuma / Leptos (whole page): {ratio:.2}x  -- goal >= 3x: {}",
        met(ratio >= 3.0)
    );
    let brotli = rs.brotli as f64 / ls.brotli as f64;
    println!(
        "brotli bytes Resuma / Leptos: {brotli:.2}  -- goal <= 1: {}",
        met(brotli <= 1.0)
    );
    let raw = rs.raw as f64 / ls.raw as f64;
    println!(
        "raw bytes Resuma / Leptos: {raw:.2}  -- goal <= 1.3: {}",
        met(raw <= 1.3)
    );
    // What every row's markers and handler cost when the rows are live (no
    // goal of its own: Leptos's markup carries no handlers, its client
    // attaches them again after running the components in Wasm).
    let (lr, ll_size) = (setup.live.resuma, setup.live.leptos);
    println!(
        "with a handler in every row: {:.2}x renders/s, brotli {:.2}, raw {:.2} (Resuma / Leptos)",
        rl / ll,
        lr.brotli as f64 / ll_size.brotli as f64,
        lr.raw as f64 / ll_size.raw as f64
    );
}
