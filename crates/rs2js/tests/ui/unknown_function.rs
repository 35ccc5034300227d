use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| count.set(compute(3)));
}
