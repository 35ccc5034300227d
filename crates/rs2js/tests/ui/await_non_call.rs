use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let x = 5; let y = x.await; });
}
