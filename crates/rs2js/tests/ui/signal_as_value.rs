use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let c = count; c.set(1); count.get(); });
}
