use rs2js_testmacro::handler;

fn main() {
    // `dispatch` makes a server-function call; a value is not one.
    let _ = handler!(move |_| roll.dispatch(count.get() + 1));
}
