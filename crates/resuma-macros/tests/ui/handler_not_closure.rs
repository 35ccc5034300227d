use resuma::prelude::*;
fn main() {
    let f = |_: Event| {};
    let _ = view! { <button onClick={f}>"x"</button> };
}
