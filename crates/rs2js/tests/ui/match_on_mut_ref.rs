use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let mut o = Some(1); match &mut o { Some(v) => *v += 1, None => {} } });
}
