use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let o: Option<Option<i32>> = None; });
}
