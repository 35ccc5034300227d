//! Wraps every page: the navigation and the `<main>` landmark.

use resuma::prelude::*;

pub fn view(children: Children) -> impl IntoView {
    view! {
        <header>
            <nav aria-label="Main"><a href="/">"Home"</a> " " <a href="/about">"About"</a></nav>
        </header>
        <main>{children}</main>
    }
}
