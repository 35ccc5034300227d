use resuma::prelude::*;

pub async fn load() -> String {
    "home".to_owned()
}

pub fn view(name: String) -> impl IntoView {
    view! { <h1>{name}</h1> }
}
