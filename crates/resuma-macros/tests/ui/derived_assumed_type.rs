use resuma::prelude::*;

#[component]
fn Half() -> impl IntoView {
    // An unsuffixed literal declares no type: rs2js assumes `i32` for the
    // derived value and rustc, which sees `u64` below, refuses the guess.
    let n = use_signal(0);
    view! {
        <p>{move || n.get() / 2}</p>
        <button onClick={move |_| n.set(n.get() + 5u64)}>"+5"</button>
    }
}

fn main() {
    let _ = resuma::render_to_string(|| view! { <Half /> });
}
