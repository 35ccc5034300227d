//! Streaming SSR: [`deferred`] parts of a page whose data is slow.
//!
//! The shell (the layouts, the fast parts, each deferred part's fallback in
//! a `<div id="r-pN">`) is sent at once. Each part is rendered when its data
//! is ready, in the order the data arrives, and sent later in the same
//! response as `<div id="r-cN">…</div>` followed by a nonce'd script that
//! moves it into the placeholder. Without JavaScript the part stays where
//! it arrived, at the end of the body, so its content is still in the
//! document. The state script and the loader end the response, after every
//! part: a part's signals take ids after the shell's, its state joins the
//! one state script and its event types the loader's list (protocol.md §15).

use std::cell::RefCell;
use std::convert::Infallible;
use std::panic::{catch_unwind, AssertUnwindSafe};

use axum::body::{Body, Bytes};
use futures_util::future::{BoxFuture, Either, FutureExt};
use futures_util::stream::{FuturesUnordered, StreamExt};

use crate::context::RequestContext;
use crate::html::Html;
use crate::panic_message::panic_message;
use crate::render::{render_part, write_state_and_loader, Document, Shell};
use crate::view::{IntoView, ViewFn};

/// A part's render, once its data is there.
type PartFn = Box<dyn FnOnce(&mut Html) + Send>;

/// A part waiting for its data: its number and its future.
type Pending = (u32, BoxFuture<'static, PartFn>);

/// The parts met during one render, and the next part number.
struct Collector {
    next: u32,
    parts: Vec<Pending>,
}

thread_local! {
    static PARTS: RefCell<Option<Collector>> = const { RefCell::new(None) };
}

/// Run `render`, collecting the deferred parts it meets, numbered from
/// `first`; returns them and the next free number.
pub(crate) fn collect_parts<R>(first: u32, render: impl FnOnce() -> R) -> (R, Vec<Pending>, u32) {
    let fresh = Collector {
        next: first,
        parts: Vec::new(),
    };
    let previous = PARTS.with(|p| p.replace(Some(fresh)));
    // Put the previous collector back even when `render` panics.
    struct Restore(Option<Option<Collector>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(previous) = self.0.take() {
                PARTS.with(|p| *p.borrow_mut() = previous);
            }
        }
    }
    let mut restore = Restore(Some(previous));
    let result = render();
    let mine = PARTS.with(|p| p.replace(restore.0.take().unwrap_or(None)));
    let Collector { next, parts } = mine.unwrap_or(Collector {
        next: first,
        parts: Vec::new(),
    });
    (result, parts, next)
}

/// A part of a page rendered when `data` is ready: `fallback` is sent with
/// the rest of the page at once, and `view(data)` replaces it later in the
/// same response. Only in [`Flow`](crate::flow) pages; elsewhere (an
/// [`App::page`](crate::App::page), `render_to_string`) only the fallback
/// is rendered. The part renders as a `<div>`, so it belongs where a `<div>`
/// may stand. Its signals and handlers work like any other's; it cannot use
/// the signals of the page around it. The page becomes interactive when the
/// whole response has arrived.
///
/// ```
/// use resuma::prelude::*;
/// use std::time::Duration;
///
/// async fn slow_numbers() -> Vec<u32> {
///     resuma::tokio::time::sleep(Duration::from_millis(10)).await;
///     vec![1, 2, 3]
/// }
///
/// fn page() -> impl IntoView {
///     view! {
///         <h1>"Report"</h1>
///         {resuma::flow::deferred(view! { <p>"Loading…"</p> }, slow_numbers(), |numbers: Vec<u32>| view! {
///             <p>"Total: " {numbers.iter().sum::<u32>()}</p>
///         })}
///     }
/// }
/// let html = resuma::render_to_string(page);
/// assert!(html.contains("Loading…"), "outside a Flow page: the fallback");
/// ```
pub fn deferred<D, Fut, V, F>(
    fallback: impl IntoView,
    data: Fut,
    view: F,
) -> impl IntoView
where
    Fut: std::future::Future<Output = D> + Send + 'static,
    D: Send + 'static,
    V: IntoView + 'static,
    F: FnOnce(D) -> V + Send + 'static,
{
    ViewFn(move |out: &mut Html| {
        let part = async move {
            let data = data.await;
            let render: PartFn = Box::new(move |out: &mut Html| view(data).render(out));
            render
        };
        let number = PARTS.with(|p| {
            let mut p = p.borrow_mut();
            let collector = p.as_mut()?;
            let number = collector.next;
            collector.next += 1;
            collector.parts.push((number, Box::pin(part)));
            Some(number)
        });
        match number {
            Some(number) => {
                out.raw("<div id=\"r-p");
                out.uint(u64::from(number));
                out.raw("\">");
                fallback.render(out);
                out.raw("</div>");
                // The part replaces the placeholder: in the document, the
                // part's markup comes before what follows here.
                out.restart_bound_ids();
            }
            None => {
                tracing::warn!("resuma::flow::deferred outside a Flow page: only its fallback is rendered");
                fallback.render(out);
            }
        }
    })
}

/// What the streamed parts run in: the request's context, session and
/// CSRF token, as the shell had them.
#[derive(Clone)]
struct Ambient {
    context: Option<RequestContext>,
    session: Option<String>,
    token: Option<String>,
}

impl Ambient {
    fn capture() -> Self {
        Ambient {
            context: crate::context::current(),
            session: crate::server_fn::session_id(),
            token: crate::server_fn::csrf_token(),
        }
    }

    async fn run<F: std::future::Future>(self, future: F) -> F::Output {
        let future = crate::server_fn::session::CURRENT_SESSION.scope(self.session, future);
        let future = match self.token {
            Some(token) => Either::Left(crate::server_fn::csrf::CURRENT_TOKEN.scope(token, future)),
            None => Either::Right(future),
        };
        match self.context {
            Some(context) => crate::context::rescope(context, future).await,
            None => future.await,
        }
    }
}

/// The document's parts that outlive the shell's render.
pub(crate) struct Tail {
    pub(crate) nonce: String,
    pub(crate) core_url: String,
    pub(crate) lite_core_url: String,
}

/// What the closing scripts say: the page's state entries, computeds and
/// effects, event types, and whether it needs the full core.
struct Scripts<'a> {
    state: &'a str,
    reactions: &'a str,
    events: &'a [&'static str],
    full_core: bool,
}

/// The end of a page: its state and loader scripts (if anything listens)
/// and the closing tags.
fn tail(out: &mut Html, scripts: Scripts<'_>, tail: &Tail) {
    if !scripts.events.is_empty() {
        let doc = Document {
            title: "",
            lang: "",
            head: "",
            nonce: &tail.nonce,
            core_url: &tail.core_url,
            lite_core_url: &tail.lite_core_url,
            loader: crate::assets::LOADER_JS,
        };
        let events = scripts.events.join(" ");
        write_state_and_loader(out, scripts.state, scripts.reactions, &events, scripts.full_core, &doc);
    }
    out.raw("</body></html>");
}

/// A page without deferred parts, whole.
pub(crate) fn whole(shell: Shell, end: &Tail) -> String {
    let mut out = Html::default();
    out.raw(&shell.html);
    let scripts = Scripts {
        state: &shell.state,
        reactions: &shell.reactions,
        events: &shell.events,
        full_core: shell.full_core,
    };
    tail(&mut out, scripts, end);
    out.into_string()
}

/// What the response stream carries from one part to the next.
struct Progress {
    pending: FuturesUnordered<BoxFuture<'static, (u32, PartFn)>>,
    next_part: u32,
    next_id: u32,
    state: Html,
    /// The computeds and effects of the shell and the parts so far (§14).
    reactions: String,
    first: bool,
    events: Vec<&'static str>,
    /// Whether the shell or a part so far needs the full core.
    full_core: bool,
    end: Tail,
    ambient: Ambient,
    done: bool,
}

fn waiting((number, part): Pending) -> BoxFuture<'static, (u32, PartFn)> {
    Box::pin(async move {
        match AssertUnwindSafe(part).catch_unwind().await {
            Ok(render) => (number, render),
            Err(panic) => {
                let message = panic_message(&*panic).to_string();
                let render: PartFn = Box::new(move |_: &mut Html| panic!("{message}"));
                (number, render)
            }
        }
    })
}

/// The body of a page with deferred parts: the shell now, each part when
/// its data is ready, then the scripts.
pub(crate) fn streamed(shell: Shell, parts: Vec<Pending>, next_part: u32, end: Tail) -> Body {
    let mut state = Html::default();
    state.raw(&shell.state);
    let progress = Progress {
        pending: parts.into_iter().map(waiting).collect(),
        next_part,
        next_id: shell.next_id,
        first: shell.state.is_empty(),
        state,
        reactions: shell.reactions,
        events: shell.events,
        full_core: shell.full_core,
        end,
        ambient: Ambient::capture(),
        done: false,
    };
    let first = futures_util::stream::once(std::future::ready(Ok::<_, Infallible>(Bytes::from(shell.html))));
    let rest = futures_util::stream::unfold(progress, |mut p| async move {
        if p.done {
            return None;
        }
        let ambient = p.ambient.clone();
        let chunk = ambient.run(next_chunk(&mut p)).await;
        Some((Ok::<_, Infallible>(Bytes::from(chunk)), p))
    });
    Body::from_stream(first.chain(rest))
}

/// The next part to arrive, rendered, or the end of the page.
async fn next_chunk(p: &mut Progress) -> String {
    let Some((number, render)) = p.pending.next().await else {
        p.done = true;
        let mut out = Html::default();
        let scripts = Scripts {
            state: p.state.as_str(),
            reactions: &p.reactions,
            events: &p.events,
            full_core: p.full_core,
        };
        tail(&mut out, scripts, &p.end);
        return out.into_string();
    };
    let (next_id, state, reactions, first) = (p.next_id, &mut p.state, &mut p.reactions, &mut p.first);
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        collect_parts(p.next_part, || {
            render_part(next_id, state, reactions, first, |out| {
                out.raw("<div id=\"r-c");
                out.uint(u64::from(number));
                out.raw("\">");
                render(out);
                out.raw("</div>");
            })
        })
    }));
    let mut out = match rendered {
        Ok(((out, next_id), parts, next_part)) => {
            p.next_id = next_id;
            p.next_part = next_part;
            p.pending.extend(parts.into_iter().map(waiting));
            for event in out.events() {
                if !p.events.contains(event) {
                    p.events.push(event);
                }
            }
            p.full_core |= out.needs_full_core();
            if out.has_islands() {
                tracing::warn!("an island inside a deferred part is not supported: it will not start");
            }
            out
        }
        Err(panic) => {
            tracing::error!(message = %panic_message(&*panic), "a deferred part failed");
            let mut out = Html::default();
            out.raw("<div id=\"r-c");
            out.uint(u64::from(number));
            out.raw("\"><p role=\"alert\">This part of the page could not be loaded.</p></div>");
            out
        }
    };
    out.raw("<script nonce=\"");
    out.attr_value(&p.end.nonce);
    out.raw("\">document.getElementById(\"r-p");
    out.uint(u64::from(number));
    out.raw("\").replaceWith(document.getElementById(\"r-c");
    out.uint(u64::from(number));
    out.raw("\"))</script>");
    out.into_string()
}

/// Marks a streamed response, which must not go through the compression
/// layer (it would hold the shell back until the end).
#[derive(Clone, Copy)]
pub(crate) struct Streamed;

/// Compress what the default predicate compresses, except streamed pages.
#[derive(Clone, Copy, Default)]
pub(crate) struct NotStreamed;

impl tower_http::compression::Predicate for NotStreamed {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        response.extensions().get::<Streamed>().is_none()
    }
}
