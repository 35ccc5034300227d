//! Logging in without JavaScript, over real HTTP: the plain form post sets a
//! signed cookie and goes back to the login page, which sends the visitor on
//! to `next`; `/admin` then answers 200. Wrong passwords, forged cookies
//! and off-site `next` values are refused.

use resuma_test_support as support;
use support::{Response, Session};

/// What a browser sends when it submits a form of `referer` without
/// JavaScript.
async fn post_form(
    addr: std::net::SocketAddr,
    session: &Session,
    referer: &str,
    fields: &str,
) -> Response {
    let origin = format!("http://{addr}");
    let referer = format!("http://{addr}{referer}");
    let body = format!("_csrf={}&_form=log_in&{fields}", session.token);
    support::request(
        addr,
        "POST",
        "/_resuma/action/log_in",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &session.cookie),
            ("origin", &origin),
            ("referer", &referer),
            ("sec-fetch-mode", "navigate"),
            ("accept", "text/html"),
        ],
        body.as_bytes(),
    )
    .await
}

fn cookie_pair(response: &Response) -> String {
    response
        .header("set-cookie")
        .expect("a cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn no_js_login_marks_the_session_and_opens_admin() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/login?next=/admin", &[]).await;
    let session = Session::from_page(&page);

    let posted = post_form(
        addr,
        &session,
        "/login?next=/admin",
        "name=admin&password=admin",
    )
    .await;
    assert_eq!(posted.status, 303, "{}", posted.text());
    assert_eq!(posted.header("location"), Some("/login?next=/admin"));
    let set = posted.header("set-cookie").expect("the login cookie");
    assert!(set.starts_with("flow-user=admin."), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
    let cookies = format!("{}; {}", session.cookie, cookie_pair(&posted));

    // Back on the login page, logged in: on to `next`.
    let back = support::get(addr, "/login?next=/admin", &[("cookie", &cookies)]).await;
    assert_eq!(back.status, 303);
    assert_eq!(back.header("location"), Some("/admin"));

    let admin = support::get(addr, "/admin", &[("cookie", &cookies)]).await;
    assert_eq!(admin.status, 200);
    let html = admin.text();
    assert!(
        html.contains("<nav aria-label=\"Main\">") && html.contains("Logged in as admin."),
        "{html}"
    );
    assert_eq!(
        admin.header("cache-control"),
        Some("no-store"),
        "the page's CACHE_CONTROL"
    );

    // `next` must be a page of this site: anything else goes to `/`.
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\t/evil.example",
        "/\\evil.example",
    ] {
        let encoded: String = next.bytes().map(|b| format!("%{b:02X}")).collect();
        let page = support::get(
            addr,
            &format!("/login?next={encoded}"),
            &[("cookie", &cookies)],
        )
        .await;
        assert_eq!(page.status, 303, "{next}");
        assert_eq!(page.header("location"), Some("/"), "{next}");
    }

    // Someone else's session cannot use the cookie signed for another name.
    let renamed = cookie_pair(&posted).replacen("flow-user=", "other=", 1);
    let page = support::get(addr, "/admin", &[("cookie", &renamed)]).await;
    assert_eq!(page.status, 303);
}

#[tokio::test]
async fn a_wrong_password_renders_the_login_page_again_with_the_error() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/login?next=/admin", &[]).await;
    let session = Session::from_page(&page);
    let posted = post_form(
        addr,
        &session,
        "/login?next=/admin",
        "name=admin&password=nope",
    )
    .await;
    assert_eq!(posted.status, 422);
    assert!(posted.header("set-cookie").is_none(), "no login cookie");
    let html = posted.text();
    assert!(html.contains("Wrong name or password."), "{html}");
    assert!(
        html.contains("<nav aria-label=\"Main\">"),
        "inside the layout: {html}"
    );
    assert!(
        html.contains(r#"value="admin""#),
        "the name typed stays: {html}"
    );
}

#[tokio::test]
async fn a_fetch_login_answers_json_and_sets_the_cookie() {
    let addr = support::start(flow::app()).await;
    let page = support::get(addr, "/login", &[]).await;
    let session = Session::from_page(&page);
    let origin = format!("http://{addr}");
    let posted = support::request(
        addr,
        "POST",
        "/_resuma/action/log_in",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &session.cookie),
            ("x-resuma-csrf", &session.token),
            ("origin", &origin),
        ],
        b"name=admin&password=admin",
    )
    .await;
    assert_eq!(posted.status, 200, "{}", posted.text());
    assert_eq!(posted.text(), "\"Logged in as admin.\"");
    let cookies = format!("{}; {}", session.cookie, cookie_pair(&posted));
    assert_eq!(
        support::get(addr, "/admin", &[("cookie", &cookies)])
            .await
            .status,
        200
    );

    // Without the CSRF token the call is refused and sets nothing.
    let refused = support::request(
        addr,
        "POST",
        "/_resuma/action/log_in",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &session.cookie),
            ("origin", &origin),
        ],
        b"name=admin&password=admin",
    )
    .await;
    assert_eq!(refused.status, 403);
    assert!(refused.header("set-cookie").is_none());
}
