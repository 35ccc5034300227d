use resuma::prelude::*;
fn main() {
    let _ = view! { <div><br></br></div> };
}
