use resuma::prelude::*;
fn main() {
    let _ = resuma::render_to_string(|| {
        let name = use_signal(String::from("Ada"));
        view! { <textarea>{move || name.get().to_uppercase()}</textarea> }
    });
}
