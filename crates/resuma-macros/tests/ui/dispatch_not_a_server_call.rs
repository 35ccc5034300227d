use resuma::prelude::*;

fn main() {
    let roll = use_action(0);
    // The browser can only run a call of a `#[server]` function, not Rust code.
    let _ = view! { <button onClick={move |_| roll.dispatch(async { Ok(4) })}>"Roll"</button> };
}
