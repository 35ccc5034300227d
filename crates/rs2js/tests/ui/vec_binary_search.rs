use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let v = vec![1, 2]; let n = v.binary_search(&2); });
}
