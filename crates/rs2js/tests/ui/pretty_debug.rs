use rs2js_testmacro::handler;

fn main() {
    let _ = handler!(move |_| { let s = format!("{:#?}", vec![1]); });
}
