use rs2js_testmacro::handler;

fn main() {
    // rs2js assumes `i32` for `step` (unsuffixed `1`); it is a `u8`.
    let step: u8 = 2;
    let _ = handler!(move |_| { let x = step + 1; let _ = x; });
}
