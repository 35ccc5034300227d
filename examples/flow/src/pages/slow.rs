//! `/slow`: the layout and a fallback arrive at once; the slow block about
//! a second later in the same response, placed by a nonce'd script. Its
//! button works like any other (its signal and handler resume).

use std::time::Duration;

use resuma::flow::{deferred, Head};
use resuma::prelude::*;

/// How long the slow data takes.
pub const DELAY: Duration = Duration::from_millis(1000);

async fn slow_data() -> Vec<&'static str> {
    resuma::tokio::time::sleep(DELAY).await;
    vec!["alpha", "beta", "gamma"]
}

pub fn head() -> Head {
    Head::title("Slow page")
}

pub fn view() -> impl IntoView {
    view! {
        <h1>"A slow page"</h1>
        <p>"This paragraph arrives at once."</p>
        {deferred(
            view! { <p class="fallback">"Loading the slow data…"</p> },
            slow_data(),
            |items: Vec<&'static str>| view! { <SlowBlock items={items} /> },
        )}
    }
}

#[component]
fn SlowBlock(items: Vec<&'static str>) -> impl IntoView {
    let likes = use_signal(0);
    view! {
        <section aria-label="Slow data">
            <p>"slow data loaded: " {items.join(", ")}</p>
            <button onClick={move |_| likes.set(likes.get() + 1)}>"Likes: " {likes}</button>
        </section>
    }
}
