//! Every page of the Flow example passes the Nu HTML checker: the list, a
//! note, the 404 page, the login page (also rendered again after a wrong
//! password), the admin page and the streamed page as it ends up.
//!
//! Needs Java and the `vnu-jar` npm package (`npm ci` at the repository
//! root; `./scripts/test-all` does both).

use resuma_test_support as support;

#[tokio::test]
async fn pages_pass_the_nu_html_checker() {
    let addr = support::start(flow::app()).await;
    let mut pages = Vec::new();
    for (path, name, status) in [
        ("/", "home.html", 200),
        ("/notes/1", "note.html", 200),
        ("/notes/99", "not-found.html", 404),
        ("/login?next=/admin", "login.html", 200),
        ("/slow", "slow.html", 200),
    ] {
        let page = support::get(addr, path, &[]).await;
        assert_eq!(page.status, status, "{path}");
        pages.push((name, page.body));
    }

    let login = support::get(addr, "/login", &[]).await;
    let session = support::Session::from_page(&login);
    let origin = format!("http://{addr}");
    let referer = format!("http://{addr}/login");
    let post = |password: &'static str| {
        let body = format!(
            "_csrf={}&_form=log_in&name=admin&password={password}",
            session.token
        );
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", session.cookie.as_str()),
            ("origin", origin.as_str()),
            ("referer", referer.as_str()),
            ("sec-fetch-mode", "navigate"),
        ];
        async move {
            support::request(
                addr,
                "POST",
                "/_resuma/action/log_in",
                &headers,
                body.as_bytes(),
            )
            .await
        }
    };
    let refused = post("wrong").await;
    assert_eq!(refused.status, 422);
    pages.push(("login-refused.html", refused.body));
    let logged_in = post("admin").await;
    assert_eq!(logged_in.status, 303);
    let cookie = logged_in
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    let cookies = format!("{}; {cookie}", session.cookie);
    let admin = support::get(addr, "/admin", &[("cookie", &cookies)]).await;
    assert_eq!(admin.status, 200);
    pages.push(("admin.html", admin.body));

    let named: Vec<(&str, &[u8])> = pages.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    support::assert_valid_html(&named);
}
