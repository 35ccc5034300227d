use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(async move |_| count.set(1));
}
