use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(|_| count.set(count.get() + 1));
}
