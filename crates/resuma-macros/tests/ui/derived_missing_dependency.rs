use resuma::prelude::*;

#[component]
fn Total() -> impl IntoView {
    let a = use_signal(1u32);
    let b = use_signal(2u32);
    // `b` is read but not listed: the browser would never recompute on it.
    let sum = computed!([a], move || a.get() + b.get());
    view! { <p>{sum}</p> }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Total /> });
}
