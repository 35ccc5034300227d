use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { fn helper() -> i32 { 1 } });
}
