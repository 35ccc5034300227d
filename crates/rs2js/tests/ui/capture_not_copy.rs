use rs2js_testmacro::handler;

fn main() {
    let names = vec![String::from("a")];
    let _ = handler!(move |_| { let n = names.len(); let _ = n; });
}
