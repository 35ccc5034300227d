//! Which server functions exist: registered at link time by `#[server]`
//! (through `inventory`) on native targets, or explicitly with
//! [`App::register`](crate::App::register) where link-time registration is
//! missing. The table is checked once at start-up: two functions with the
//! same name or path are a start-up error with a clear message.

use std::collections::HashMap;

use super::call::{Call, Reply};
use super::config::Rate;

/// Which request encodings a function accepts besides JSON `POST`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Encodings {
    /// `application/x-www-form-urlencoded` `POST` (plain HTML forms).
    pub form: bool,
    /// `GET` with the arguments in the query (cacheable reads; the function
    /// must not change anything).
    pub get: bool,
    /// `application/cbor` bodies (and CBOR results when asked for).
    pub cbor: bool,
    /// `GET` results are CBOR whatever `Accept` says (`#[server(T, "/api",
    /// "GetCbor", read_only)]`); set together with `get` and `cbor`.
    pub get_cbor: bool,
}

/// Everything the server needs to know about one `#[server]` function.
#[derive(Debug)]
pub struct Descriptor {
    /// The function's name: what translated handlers call it by.
    pub name: &'static str,
    /// Its URL path: `PREFIX/ENDPOINT` (default `/_resuma/action/NAME`).
    pub path: &'static str,
    /// Parameter names, in order (positional bodies map to these).
    pub params: &'static [&'static str],
    /// Accepted encodings besides JSON.
    pub encodings: Encodings,
    /// `Cache-Control` of successful responses (default `no-store`).
    pub cache_control: Option<&'static str>,
    /// `"N/s"`-style rate, or `"off"`; `None` for the app's default.
    pub rate_limit: Option<&'static str>,
    /// Largest body in bytes; `None` for the app's default.
    pub max_body: Option<usize>,
    /// Decode the arguments, run the function, encode the result.
    pub call: fn(Call) -> Reply,
}

/// A link-time registration made by `#[server]`.
pub struct Registration(pub &'static Descriptor);

#[cfg(not(target_arch = "wasm32"))]
inventory::collect!(Registration);

/// Implemented by the type `#[server]` generates next to each function,
/// so that `App::register::<T>()` and `<Form action={...}>` can name the
/// function: the unit struct given as `#[server(AddTodo, ...)]`, or else a
/// braced struct with the function's own name (`add_todo {}`).
pub trait ServerFn {
    /// The function's descriptor.
    const DESCRIPTOR: &'static Descriptor;
}

/// Every server function registered at link time; none in a wasi:http
/// component, which registers them with `App::register::<T>()`.
pub fn registered() -> impl Iterator<Item = &'static Descriptor> {
    #[cfg(not(target_arch = "wasm32"))]
    return inventory::iter::<Registration>.into_iter().map(|r| r.0);
    #[cfg(target_os = "wasi")]
    return std::iter::empty();
}

/// One function, checked and with its limits parsed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) desc: &'static Descriptor,
    /// `None`: not limited. `Some(None)`: the app's default.
    pub(crate) rate: Option<Option<Rate>>,
}

/// Functions by name and by path.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub(crate) by_name: HashMap<&'static str, Entry>,
    pub(crate) by_path: HashMap<&'static str, &'static str>,
}

impl Table {
    /// Build and check the table. Registering one function both at link time
    /// and explicitly is fine; two different functions sharing a name or a
    /// path is not.
    pub(crate) fn build(
        all: impl IntoIterator<Item = &'static Descriptor>,
    ) -> Result<Table, String> {
        let mut table = Table::default();
        for desc in all {
            if let Some(seen) = table.by_name.get(desc.name) {
                if std::ptr::eq(seen.desc, desc) {
                    continue;
                }
                return Err(format!(
                    "two server functions are named `{}` (at {} and {}); the browser calls functions by name, \
                     so rename one of them",
                    desc.name, seen.desc.path, desc.path
                ));
            }
            if let Some(other) = table.by_path.get(desc.path) {
                return Err(format!(
                    "server functions `{}` and `{}` both use the path {}; give one of them another \
                     `#[server(endpoint = \"...\")]` or `prefix`",
                    other, desc.name, desc.path
                ));
            }
            if !desc.path.starts_with('/') || desc.path.contains(['{', '}', '*', '?', '#']) {
                return Err(format!(
                    "server function `{}` has an invalid path {:?}: it must start with `/` and contain no `{{`, `}}`, `*`, `?` or `#`",
                    desc.name, desc.path
                ));
            }
            let rate = match desc.rate_limit {
                None => Some(None),
                Some("off") => None,
                Some(text) => {
                    Some(Some(Rate::parse(text).map_err(|e| {
                        format!("server function `{}`: {e}", desc.name)
                    })?))
                }
            };
            table.by_path.insert(desc.path, desc.name);
            table.by_name.insert(desc.name, Entry { desc, rate });
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(_: Call) -> Reply {
        Box::pin(async { unreachable!() })
    }

    const fn desc(name: &'static str, path: &'static str) -> Descriptor {
        Descriptor {
            name,
            path,
            params: &[],
            encodings: Encodings {
                form: false,
                get: false,
                cbor: false,
                get_cbor: false,
            },
            cache_control: None,
            rate_limit: None,
            max_body: None,
            call,
        }
    }

    static A: Descriptor = desc("a", "/_resuma/action/a");
    static A2: Descriptor = desc("a", "/x/a");
    static B: Descriptor = desc("b", "/_resuma/action/a");
    static C: Descriptor = desc("c", "/c");

    #[test]
    fn duplicates_are_refused_with_a_clear_message() {
        assert!(
            Table::build([&A, &A, &C]).is_ok(),
            "the same function twice is fine"
        );
        let e = Table::build([&A, &A2]).unwrap_err();
        assert!(e.contains("two server functions are named `a`"), "{e}");
        let e = Table::build([&A, &B]).unwrap_err();
        assert!(e.contains("both use the path /_resuma/action/a"), "{e}");
    }
}
