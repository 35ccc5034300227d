use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let p = Point { x: 1, y: 2 }; let n = p.norm(); });
}
