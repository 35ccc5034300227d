use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| unsafe { count.set(1) });
}
