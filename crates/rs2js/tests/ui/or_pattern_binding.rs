use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let n = 3; let m = match n { 1 | x => x }; });
}
