use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |e| { let t = e.timestamp(); });
}
