//! Flow route tables over real HTTP: layouts nest (outer first) and may
//! load their own data; loader errors and panics render the error page
//! inside the layouts with the right status; middleware runs outer first;
//! cache headers; a page without a route table keeps working beside one;
//! streamed parts arrive out of order with ids that never collide.

use std::time::Duration;

use resuma::axum::extract::Path;
use resuma::axum::http::{HeaderMap, StatusCode};
use resuma::flow::{deferred, Head, Layout, Middleware, Page, PageError, Routes};
use resuma::prelude::*;
use resuma_test_support as support;

async fn user(headers: HeaderMap) -> Result<String, PageError> {
    match headers.get("x-user").and_then(|v| v.to_str().ok()) {
        Some("boom") => Err(PageError::internal("the user service is down")),
        Some(name) => Ok(name.to_owned()),
        None => Ok("nobody".to_owned()),
    }
}

async fn failing() -> Result<u32, PageError> {
    Err(PageError::internal("database password wrong: hunter2"))
}

async fn panicking() -> Result<u32, PageError> {
    panic!("the loader fell over")
}

async fn teapot() -> Result<u32, PageError> {
    Err(PageError::new(StatusCode::IM_A_TEAPOT, "Short and stout"))
}

async fn rest(Path(path): Path<String>) -> Result<String, PageError> {
    Ok(path)
}

async fn to_login() -> Result<(), PageError> {
    Err(PageError::redirect("/login"))
}

async fn to_elsewhere() -> Result<(), PageError> {
    Err(PageError::redirect("/elsewhere"))
}

fn routes() -> Routes {
    Routes::new()
        .lang("fr")
        .layout(
            "/",
            Layout::new(|children: Children| view! { <div class="outer">{children}</div> }),
        )
        .layout(
            "/team",
            Layout::with_load(user, |name: String, children: Children| {
                view! { <div class="inner" data-user={name}>{children}</div> }
            }),
        )
        .page(
            "/team/page",
            Page::new(|| view! { <p>"team page"</p> }).title("Team"),
        )
        .page(
            "/failing",
            Page::with_load(failing, |n: u32| view! { <p>{n}</p> }),
        )
        .page(
            "/panicking",
            Page::with_load(panicking, |n: u32| view! { <p>{n}</p> }),
        )
        .page(
            "/teapot",
            Page::with_load(teapot, |n: u32| view! { <p>{n}</p> }),
        )
        .page(
            "/render-panics",
            Page::new(|| -> AnyViewish { panic!("the view fell over") }),
        )
        .page(
            "/public",
            Page::new(|| view! { <p>"public?"</p> }).cache_control("public, max-age=600"),
        )
        .page(
            "/private",
            Page::new(|| view! { <p>"mine"</p> }).cache_control("private, max-age=60"),
        )
        .page(
            "/files/{*path}",
            Page::with_load(rest, |path: String| view! { <p class="path">{path}</p> }),
        )
        .middleware("/gated/inner", Middleware::new(to_elsewhere))
        .middleware("/gated", Middleware::new(to_login))
        .page("/gated/inner/page", Page::new(|| view! { <p>"never"</p> }))
        .error(|e: &PageError| {
            let message = e.message().to_owned();
            view! { <h1 class="error">{message}</h1> }
        })
        .not_found(|_: &PageError| view! { <h1>"Nothing here"</h1> })
}

/// The type of a view that only panics.
type AnyViewish = resuma::AnyView;

fn app() -> App {
    App::new()
        .page("/classic", "Classic", || view! { <p>"App::page"</p> })
        .flow(routes())
}

#[tokio::test]
async fn layouts_nest_outer_first_and_load_their_own_data() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/team/page", &[("x-user", "ada")]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"fr\">"),
        "{html}"
    );
    assert!(
        html.contains(r#"<body><div class="outer"><div class="inner" data-user="ada"><p>team page</p></div></div>"#),
        "{html}"
    );
    assert!(html.contains("<title>Team</title>"));
    // Beside the table, App::page still serves.
    let classic = support::get(addr, "/classic", &[]).await;
    assert_eq!(classic.status, 200);
    assert!(classic.text().contains("<p>App::page</p>"));
}

#[tokio::test]
async fn loader_errors_and_panics_are_500_pages_inside_the_layouts() {
    let addr = support::start(app()).await;
    for path in ["/failing", "/panicking"] {
        let page = support::get(addr, path, &[]).await;
        assert_eq!(page.status, 500, "{path}");
        let html = page.text();
        assert!(
            html.contains(
                r#"<div class="outer"><h1 class="error">Something went wrong</h1></div>"#
            ),
            "{path}: {html}"
        );
        assert!(
            !html.contains("hunter2") && !html.contains("fell over"),
            "causes stay in the log"
        );
    }
    let page = support::get(addr, "/teapot", &[]).await;
    assert_eq!(page.status, 418);
    assert!(page
        .text()
        .contains("<h1 class=\"error\">Short and stout</h1>"));
    // The server keeps serving after a panic.
    assert_eq!(support::get(addr, "/team/page", &[]).await.status, 200);
}

#[tokio::test]
async fn a_render_panic_is_a_plain_500_page_and_a_failing_layout_is_left_out() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/render-panics", &[]).await;
    assert_eq!(page.status, 500);
    let html = page.text();
    assert!(
        html.contains("<h1>Something went wrong</h1>") && !html.contains("outer"),
        "{html}"
    );
    // The page and its layout's loader fail: the error page, without the layout.
    let page = support::get(addr, "/team/nope", &[("x-user", "boom")]).await;
    assert_eq!(page.status, 404);
    let html = page.text();
    assert!(
        html.contains("<div class=\"outer\"><h1>Nothing here</h1></div>"),
        "{html}"
    );
    assert!(!html.contains("inner"), "{html}");
}

#[tokio::test]
async fn a_wildcard_takes_the_rest_of_the_path() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/files/docs/a%20b.txt", &[]).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains(r#"<p class="path">docs/a b.txt</p>"#),
        "{}",
        page.text()
    );
}

#[tokio::test]
async fn middleware_runs_outer_first() {
    let addr = support::start(app()).await;
    let page = support::get(addr, "/gated/inner/page", &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/login"));
}

#[tokio::test]
async fn pages_that_carry_a_token_are_never_kept_by_shared_caches() {
    let addr = support::start(app()).await;
    let public = support::get(addr, "/public", &[]).await;
    assert_eq!(public.header("cache-control"), Some("private, no-cache"));
    assert!(public.header("vary").unwrap().contains("cookie"));
    let private = support::get(addr, "/private", &[]).await;
    assert_eq!(private.header("cache-control"), Some("private, max-age=60"));
}

#[test]
fn a_path_used_twice_is_a_start_up_error() {
    let app = App::new()
        .page("/a", "A", || view! { <p>"a"</p> })
        .flow(Routes::new().page("/a", Page::new(|| view! { <p>"b"</p> })));
    let Err(err) = app.try_into_router() else {
        panic!("two pages on one path must be refused")
    };
    let err = err.to_string();
    assert!(err.contains("two pages are registered at `/a`"), "{err}");
}

#[component]
fn Counted(label: &'static str) -> impl IntoView {
    let n = use_signal(label.len() as i32);
    // The markup shows `n`, so the browser reads it from there; the step is
    // only captured, so the part's state entry holds it (protocol.md §5).
    let step = 1;
    view! { <button onClick={move |_| n.set(n.get() + step)}>{label} ": " {n}</button> }
}

async fn after(ms: u64, label: &'static str) -> &'static str {
    resuma::tokio::time::sleep(Duration::from_millis(ms)).await;
    label
}

fn streamed_page() -> impl IntoView {
    let shell = use_signal(7u32);
    view! {
        <p>{shell}</p>
        {deferred(view! { <p>"slow…"</p> }, after(300, "slow"), |label: &'static str| view! { <Counted label={label} /> })}
        {deferred(view! { <p>"fast…"</p> }, after(50, "fast"), |label: &'static str| view! {
            <Counted label={label} />
            {deferred(view! { <p>"nested…"</p> }, after(50, "nested"), |l: &'static str| view! { <Counted label={l} /> })}
        })}
        {deferred(view! { <p>"broken…"</p> }, after(10, "broken"), |_: &'static str| -> resuma::AnyView { panic!("part failed") })}
    }
}

#[tokio::test]
async fn streamed_parts_arrive_out_of_order_with_ids_after_the_shell() {
    let routes = Routes::new().page(
        "/s",
        Page::new(streamed_page).head(|_: &()| Head::title("Streamed")),
    );
    let addr = support::start(App::new().flow(routes)).await;
    let page = support::get(addr, "/s", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {html}"))
    };
    // Parts: 0 slow, 1 fast, 2 broken, 3 nested (met while rendering 1).
    let (broken, fast, nested, slow) = (
        at("<div id=\"r-c2\"><p role=\"alert\">"),
        at("<div id=\"r-c1\"><button"),
        at("<div id=\"r-c3\"><button"),
        at("<div id=\"r-c0\"><button"),
    );
    assert!(
        broken < fast && fast < nested && nested < slow,
        "in the order the data came: {html}"
    );
    // The shell's signal is 0; each part's signal and step come after all
    // before them.
    assert!(html.contains("fast: <!--r:1n-->"), "{html}");
    assert!(html.contains("nested: <!--r:3n-->"), "{html}");
    assert!(html.contains("slow: <!--r:5n-->"), "{html}");
    assert!(
        html.contains(r#"<script type="resuma/state">{"s":{"2":1,"4":1,"6":1}}</script>"#),
        "{html}"
    );
    assert_eq!(html.matches("data-r-ev=\"click\"").count(), 1, "one loader");
    assert!(html.ends_with("</script></body></html>"));
}
