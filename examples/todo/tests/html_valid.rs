//! The todo app's server-rendered pages pass the Nu HTML checker: the three
//! filter pages with rows, the keyed-list lab, and the page rendered again
//! after a refused form post (JavaScript off).
//!
//! Needs Java and the `vnu-jar` npm package (`npm ci` at the repository root;
//! `./scripts/test-all` does both).

use resuma_test_support as support;

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in {text}"))
        + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

#[tokio::test]
async fn pages_pass_the_nu_html_checker() {
    let dir = std::env::temp_dir().join(format!("resuma-todo-vnu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("todo.db").display());
    let pool = todo::db::connect(&url)
        .await
        .expect("the test database opens");
    let addr = support::start(todo::app(pool.clone())).await;
    resuma::context::with_state(pool, async {
        for title in ["Write <tests> & docs", "Ship \"it\""] {
            todo::db::insert(title).await.unwrap();
        }
        todo::db::toggle(1).await.unwrap();
    })
    .await;

    let mut pages = Vec::new();
    for (path, name) in [
        ("/", "all.html"),
        ("/active", "active.html"),
        ("/done", "done.html"),
        ("/lab/keyed", "lab.html"),
    ] {
        let page = support::get(addr, path, &[]).await;
        assert_eq!(page.status, 200, "{path}");
        pages.push((name, page.body));
    }

    // A refused post without JavaScript: the page comes back with the error.
    let home = support::get(addr, "/", &[]).await;
    let cookie = home
        .header("set-cookie")
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = home.text();
    let token = between(&html, "name=\"_csrf\" value=\"", "\"");
    let body = format!("_csrf={token}&_form=add_todo&title=");
    let origin = format!("http://{addr}");
    let referer = format!("http://{addr}/");
    let headers = [
        ("cookie", cookie.as_str()),
        ("content-type", "application/x-www-form-urlencoded"),
        ("sec-fetch-mode", "navigate"),
        ("accept", "text/html"),
        ("origin", origin.as_str()),
        ("referer", referer.as_str()),
    ];
    let refused = support::request(
        addr,
        "POST",
        "/_resuma/action/add_todo",
        &headers,
        body.as_bytes(),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let text = refused.text();
    assert!(
        text.contains("Write what needs doing first."),
        "the field error is on the page: {text}"
    );
    pages.push(("refused.html", refused.body));

    let pages: Vec<(&str, &[u8])> = pages
        .iter()
        .map(|(name, body)| (*name, body.as_slice()))
        .collect();
    support::assert_valid_html(&pages);
    std::fs::remove_dir_all(&dir).ok();
}
