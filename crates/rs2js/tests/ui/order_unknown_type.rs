use rs2js_testmacro::handler;

fn main() {
    // `title` may be a `String` or a unit enum (both JSON strings), which
    // Rust orders differently.
    let _ = handler!(move |_| { let first = a.title < b.title; });
}
