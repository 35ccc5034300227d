use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let x: f64 = 1.0; let y = x.sin(); });
}
