use resuma::prelude::*;
fn main() {
    let color = "red";
    let _ = view! { <style>"p { color: " {color} " }"</style> };
}
