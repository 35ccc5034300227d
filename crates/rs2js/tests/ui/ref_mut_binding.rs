use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let mut o = Some(1); if let Some(ref mut v) = o { *v += 1; } });
}
