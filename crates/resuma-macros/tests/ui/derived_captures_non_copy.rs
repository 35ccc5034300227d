use resuma::prelude::*;

#[component]
fn Greeting() -> impl IntoView {
    let name = String::from("Ada");
    let count = use_signal(0u32);
    view! { <p>{move || format!("{} clicked {} times", name, count.get())}</p> }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Greeting /> });
}
