use resuma::prelude::*;

pub fn view() -> impl IntoView {
    view! { <h1>"Home"</h1> }
}
