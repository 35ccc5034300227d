use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let v = vec![1, 2]; let s = format!("{:3?}", v); });
}
