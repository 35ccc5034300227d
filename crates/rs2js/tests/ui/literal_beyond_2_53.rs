use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| count.set(count.get() + 9007199254740993));
}
