use resuma::prelude::*;

#[component]
fn Half() -> impl IntoView {
    // An unsuffixed literal declares no type: rs2js assumes `i32` for the
    // derived value, and rustc, which infers `u64` from the line below,
    // refuses the assumption at `n`. `use_signal(0u64)` declares it.
    let n = use_signal(0);
    let _wide: u64 = n.get();
    view! { <p>{move || n.get() / 2}</p> }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Half /> });
}
