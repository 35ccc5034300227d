//! Every route of the Flow example over real HTTP: status, the layout's
//! navigation, the title from the loader's data, the 404 page inside the
//! layout, the middleware's redirect, the cache headers.

use resuma_test_support as support;

const NAV: &str = "<nav aria-label=\"Main\">";

fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a <title>") + "<title>".len();
    &html[start..start + html[start..].find("</title>").unwrap()]
}

#[tokio::test]
async fn home_lists_the_notes_inside_the_layout() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains(NAV), "{html}");
    assert!(html.contains("<main><h1>Notes</h1>"), "{html}");
    assert_eq!(title(&html), "Notes");
    assert!(
        html.contains(r#"<meta name="description" content="3 notes">"#),
        "{html}"
    );
    for id in 1..=3 {
        assert!(
            html.contains(&format!("href=\"/notes/{id}\"")),
            "link to note {id}: {html}"
        );
    }
    assert_eq!(page.header("cache-control"), Some("private, no-cache"));
    assert!(page.header("vary").unwrap().contains("cookie"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'nonce-"));
}

#[tokio::test]
async fn a_note_has_its_title_and_unknown_ids_are_404_inside_the_layout() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/notes/1", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert_eq!(title(&html), "Groceries");
    assert!(
        html.contains(NAV) && html.contains("Milk, eggs &amp; bread."),
        "{html}"
    );
    // The title is text: escaped.
    let page = support::get(addr, "/notes/3", &[]).await;
    assert_eq!(title(&page.text()), "Reading &lt;list&gt;");

    // No such note, an id that is not a number, a path no route has, a
    // parameter out of range for u32: the 404 page, in the layout.
    for path in [
        "/notes/99",
        "/notes/abc",
        "/notes/-1",
        "/notes/99999999999",
        "/no/such/page",
    ] {
        let page = support::get(addr, path, &[]).await;
        assert_eq!(page.status, 404, "{path}");
        let html = page.text();
        assert!(html.contains(NAV), "{path}: layout: {html}");
        assert!(html.contains("<h1>Not found</h1>"), "{path}: {html}");
        assert_eq!(title(&html), "Not found", "{path}");
        assert_eq!(
            page.header("content-type"),
            Some("text/html; charset=utf-8")
        );
    }
}

#[tokio::test]
async fn admin_redirects_to_the_login_page_without_a_login() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/admin", &[]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/login?next=/admin"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    // A forged login cookie (right name, wrong signature) is no login.
    let forged = format!("flow-user=admin.{}", "0".repeat(64));
    let page = support::get(addr, "/admin", &[("cookie", &forged)]).await;
    assert_eq!(page.status, 303);
    let unsigned = support::get(addr, "/admin", &[("cookie", "flow-user=admin")]).await;
    assert_eq!(unsigned.status, 303);
}

#[tokio::test]
async fn the_login_page_states_the_demo_account_and_has_a_plain_form() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/login?next=/admin", &[]).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert_eq!(title(&html), "Log in");
    assert!(html.contains(NAV));
    assert!(
        html.contains("Demo account: name <code>admin</code>, password <code>admin</code>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<form method="post" action="/_resuma/action/log_in""#),
        "{html}"
    );
    assert!(html.contains(r#"name="name""#) && html.contains(r#"name="password""#));
    assert!(
        html.contains(r#"<input type="hidden" name="_csrf" value=""#),
        "{html}"
    );
}

#[tokio::test]
async fn a_bad_query_string_is_a_400_page_inside_the_layout() {
    let addr = support::start(flow::app()).await;
    // `next` is one string; a repeated key does not deserialise.
    let page = support::get(addr, "/login?next=a&next=b", &[]).await;
    assert_eq!(page.status, 400);
    assert!(page.text().contains(NAV));
}
