//! Criterion's detailed run: the same 1000-row page rendered by Resuma (whole
//! document with state and loader scripts, and the bare fragment) and by
//! Leptos (whole document with `to_html`).

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use resuma_bench_ssr::resuma_page;

fn ssr(c: &mut Criterion) {
    let setup = common::setup();
    let doc = resuma_page::document(&setup.core_url);
    let mut group = c.benchmark_group("ssr_1000_rows");
    // One element = one page render, so criterion also prints renders/s.
    group.throughput(Throughput::Elements(1));
    group.bench_function("resuma_document", |b| {
        b.iter(|| resuma_page::render_document(black_box(&doc), black_box(&setup.rows)))
    });
    group.bench_function("leptos_document", |b| {
        b.iter(|| common::leptos_page::render_document(black_box(&setup.rows)))
    });
    group.bench_function("resuma_fragment", |b| {
        b.iter(|| resuma_page::render_fragment(black_box(&setup.rows)))
    });
    group.finish();
}

criterion_group!(benches, ssr);
criterion_main!(benches);
