//! Wraps every page: the main navigation and the `<main>` landmark.

use resuma::prelude::*;

pub fn view(children: Children) -> impl IntoView {
    view! {
        <header>
            <nav aria-label="Main">
                <ul>
                    <li><a href="/">"Notes"</a></li>
                    <li><a href="/slow">"Slow page"</a></li>
                    <li><a href="/admin">"Admin"</a></li>
                    <li><a href="/login">"Log in"</a></li>
                </ul>
            </nav>
        </header>
        <main>{children}</main>
    }
}
