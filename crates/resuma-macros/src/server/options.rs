//! The arguments of `#[server(...)]` (protocol.md §8), tokens in, plain
//! [`Options`] out; `server.rs` turns them into code.
//!
//! Up to four positional arguments come first, as in Leptos:
//! `#[server(AddTodo, "/api", "Url", "add")]` is the function's type name,
//! its URL prefix, its encoding and its endpoint. Named options follow:
//! `read_only`, `cache_control = "..."`, `rate_limit = "..."`,
//! `max_body = N`, and `prefix`/`endpoint`/`encoding` for what no positional
//! argument said already. `#[server]` and named-only forms such as
//! `#[server(encoding = "form")]` need no positional argument at all.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

/// What a function accepts besides JSON `POST` (mirrors
/// `resuma::server_fn::Encodings`).
#[derive(Default, Clone, Copy)]
pub struct Encodings {
    pub form: bool,
    pub get: bool,
    pub cbor: bool,
    /// `GET` results are CBOR (`"GetCbor"`).
    pub get_cbor: bool,
}

#[derive(Default)]
pub struct Options {
    /// `#[server(AddTodo, ...)]`: the public type that names the function.
    pub type_name: Option<Ident>,
    pub prefix: Option<String>,
    pub endpoint: Option<String>,
    pub encodings: Encodings,
    pub cache_control: Option<String>,
    pub rate_limit: Option<String>,
    pub max_body: Option<usize>,
    /// `read_only`: the author states the function changes nothing
    /// (required with the GET encodings).
    pub read_only: bool,
}

/// What the positional arguments are, in order.
const POSITIONS: [&str; 4] = ["type name", "prefix", "encoding", "endpoint"];

const SHAPE: &str = "#[server(TypeName, \"/prefix\", \"Encoding\", \"endpoint\", option = ...)]";

/// The positional encodings (case-sensitive, as in Leptos), what each means,
/// and the named spelling that means the same.
const POSITIONAL_ENCODINGS: [(&str, Encodings, &str); 5] = [
    ("Json", enc(false, false, false, false), "json"),
    ("Url", enc(true, false, false, false), "form"),
    ("GetJson", enc(false, true, false, false), "get"),
    ("Cbor", enc(false, false, true, false), "cbor"),
    ("GetCbor", enc(false, true, true, true), "get, cbor"),
];

const fn enc(form: bool, get: bool, cbor: bool, get_cbor: bool) -> Encodings {
    Encodings {
        form,
        get,
        cbor,
        get_cbor,
    }
}

pub fn parse(attr: TokenStream) -> syn::Result<Options> {
    Parser::parse2(|input: ParseStream| State::default().run(input), attr)
}

/// The parser's memory while it walks the arguments.
#[derive(Default)]
struct State {
    o: Options,
    /// How many positional arguments were given.
    positional: usize,
    /// The positional arguments as written, for the `read_only` hint.
    written: Vec<String>,
    /// Named options seen so far (each may be given once).
    named: HashSet<String>,
    /// `encoding = "..."` as written, for the `read_only` hint.
    named_encoding: Option<String>,
    /// Where a GET encoding was asked for and how it was written, for the
    /// error when `read_only` is missing.
    get: Option<(Span, String)>,
}

impl State {
    fn run(mut self, input: ParseStream) -> syn::Result<Options> {
        while !input.is_empty() {
            if input.peek(LitStr) || starts_type_name(input) {
                self.positional_argument(input)?;
            } else if input.peek(Ident) {
                self.named_option(input)?;
            } else {
                return Err(input.error(format!("expected a `#[server]` argument: {SHAPE}")));
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        if let (Some((span, asked)), false) = (&self.get, self.o.read_only) {
            return Err(syn::Error::new(
                *span,
                format!(
                    "{asked} answers GET requests, which skip the Origin and CSRF checks (links, prefetches and \
                     caches send them) while the function still sees the caller's session: it must change \
                     nothing. Say so with `read_only`: `{}`",
                    self.with_read_only()
                ),
            ));
        }
        Ok(self.o)
    }

    /// The attribute as written, with `read_only` added after the
    /// positional arguments.
    fn with_read_only(&self) -> String {
        let mut args = self.written.clone();
        args.extend(self.named_encoding.clone());
        args.push("read_only".to_owned());
        if self.named.iter().any(|n| n != "encoding") {
            args.push("...".to_owned());
        }
        format!("#[server({})]", args.join(", "))
    }

    fn positional_argument(&mut self, input: ParseStream) -> syn::Result<()> {
        let span = input.span();
        if !self.named.is_empty() {
            return Err(syn::Error::new(
                span,
                "positional arguments come first, before the named options: \
                 `#[server(AddTodo, \"/api\", read_only)]`",
            ));
        }
        let Some(&what) = POSITIONS.get(self.positional) else {
            return Err(syn::Error::new(
                span,
                format!(
                    "`#[server]` takes at most four positional arguments, `{SHAPE}`; further options are \
                     named (`read_only`, `cache_control = \"...\"`, `rate_limit = \"...\"`, `max_body = BYTES`)"
                ),
            ));
        };
        if self.positional == 0 {
            if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                let v = lit.value();
                let fix = if v.starts_with('/') {
                    format!("`#[server(AddTodo, {v:?})]`, or for a prefix alone `#[server(prefix = {v:?})]`")
                } else {
                    format!("`#[server({})]`", upper_camel_case(&v))
                };
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "the first argument of `#[server]` is the function's type name, an identifier, not a \
                         string: {fix}"
                    ),
                ));
            }
            let ident: Ident = input.parse()?;
            self.written.push(ident.to_string());
            self.o.type_name = Some(ident);
            self.positional = 1;
            return Ok(());
        }
        if !input.peek(LitStr) {
            let ident: Ident = input.parse()?;
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "only the first argument of `#[server]` is an identifier (the type name); the {what} is \
                     a string: \"{ident}\""
                ),
            ));
        }
        let lit: LitStr = input.parse()?;
        match what {
            "prefix" => self.o.prefix = Some(prefix(&lit, Some(&self.written[0]))?),
            "encoding" => self.positional_encoding(&lit)?,
            _ => self.o.endpoint = Some(endpoint(&lit)?),
        }
        self.written.push(format!("{:?}", lit.value()));
        self.positional += 1;
        Ok(())
    }

    fn positional_encoding(&mut self, lit: &LitStr) -> syn::Result<()> {
        let name = lit.value();
        if let Some((_, encodings, _)) = POSITIONAL_ENCODINGS.iter().find(|(n, ..)| *n == name) {
            self.o.encodings = *encodings;
            if encodings.get {
                self.get = Some((lit.span(), format!("{name:?}")));
            }
            return Ok(());
        }
        let lower = name.to_ascii_lowercase();
        let hint = POSITIONAL_ENCODINGS
            .iter()
            .find(|(n, _, named)| n.to_ascii_lowercase() == lower || *named == lower)
            .map(|(n, ..)| format!(" (encoding names are case-sensitive here: \"{n}\")"))
            .unwrap_or_default();
        Err(syn::Error::new(
            lit.span(),
            format!(
                "unknown encoding {name:?}{hint}: the third argument is \"Url\" (form posts), \"GetJson\" (GET \
                 with the query), \"Cbor\", \"GetCbor\" (GET, CBOR result) or \"Json\" (the default); the named \
                 option spells them `encoding = \"form\"`, \"get\", \"cbor\" or \"json\""
            ),
        ))
    }

    fn named_option(&mut self, input: ParseStream) -> syn::Result<()> {
        let key: Ident = input.parse()?;
        let name = key.to_string();
        let positional = match name.as_str() {
            "prefix" => Some(1),
            "encoding" => Some(2),
            "endpoint" => Some(3),
            _ => None,
        };
        if let Some(index) = positional.filter(|&i| i < self.positional) {
            let ordinal = ["first", "second", "third", "fourth"][index];
            return Err(syn::Error::new(
                key.span(),
                format!(
                    "the {name} is already the {ordinal} positional argument ({}): remove `{name} = ...` or the \
                     positional one",
                    self.written[index]
                ),
            ));
        }
        if !self.named.insert(name.clone()) {
            return Err(syn::Error::new(
                key.span(),
                format!("`{name}` is given twice: keep one"),
            ));
        }
        let value = |input: ParseStream, example: &str| -> syn::Result<()> {
            if !input.peek(Token![=]) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{name}` takes a value: `{name} = {example}`"),
                ));
            }
            input.parse::<Token![=]>().map(drop)
        };
        match name.as_str() {
            "prefix" => {
                value(input, "\"/api\"")?;
                self.o.prefix = Some(prefix(&input.parse()?, None)?);
            }
            "endpoint" => {
                value(input, "\"search\"")?;
                self.o.endpoint = Some(endpoint(&input.parse()?)?);
            }
            "encoding" => {
                value(input, "\"form\"")?;
                let lit: LitStr = input.parse()?;
                self.named_encoding(&lit)?;
            }
            "cache_control" => {
                value(input, "\"public, max-age=60\"")?;
                self.o.cache_control = Some(input.parse::<LitStr>()?.value());
            }
            "rate_limit" => {
                value(input, "\"10/s\"")?;
                let lit: LitStr = input.parse()?;
                let v = lit.value();
                if v != "off" && !valid_rate(&v) {
                    return Err(syn::Error::new(
                        lit.span(),
                        "`rate_limit` is \"N/s\", \"N/min\", \"N/h\" or \"off\"",
                    ));
                }
                self.o.rate_limit = Some(v);
            }
            "max_body" => {
                value(input, "65536")?;
                let lit: syn::LitInt = input.parse()?;
                self.o.max_body = Some(lit.base10_parse()?);
            }
            "read_only" => {
                if input.peek(Token![=]) {
                    return Err(syn::Error::new(
                        key.span(),
                        "`read_only` takes no value: write `read_only`",
                    ));
                }
                self.o.read_only = true;
            }
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown `#[server]` option `{name}`: use `prefix`, `endpoint`, `encoding`, \
                         `cache_control`, `rate_limit`, `max_body` or `read_only`; a type name comes first and \
                         is UpperCamelCase (`#[server(AddTodo, ...)]`)"
                    ),
                ))
            }
        }
        Ok(())
    }

    fn named_encoding(&mut self, lit: &LitStr) -> syn::Result<()> {
        self.named_encoding = Some(format!("encoding = {:?}", lit.value()));
        for part in lit.value().split(',').map(str::trim) {
            let e = &mut self.o.encodings;
            match part.to_ascii_lowercase().as_str() {
                "json" => {}
                "form" | "url" | "form-urlencoded" => e.form = true,
                "get" | "query" | "get-query" => {
                    e.get = true;
                    self.get = Some((lit.span(), "`encoding = \"get\"`".to_owned()));
                }
                "cbor" => e.cbor = true,
                _ => {
                    return Err(syn::Error::new(
                        lit.span(),
                        format!(
                            "unknown encoding {part:?}: use \"json\" (the default), \"form\", \"get\" or \"cbor\", \
                             comma-separated"
                        ),
                    ))
                }
            }
        }
        Ok(())
    }
}

/// Whether the next argument is a type name: an UpperCamelCase identifier
/// standing alone (`AddTodo`, not `read_only` or `prefix = ...`).
fn starts_type_name(input: ParseStream) -> bool {
    let fork = input.fork();
    let Ok(ident) = fork.parse::<Ident>() else {
        return false;
    };
    let alone = fork.is_empty() || fork.peek(Token![,]);
    alone
        && ident
            .to_string()
            .starts_with(|c: char| c.is_ascii_uppercase())
}

/// A prefix, checked; `type_name` is set when it is the positional one.
fn prefix(lit: &LitStr, type_name: Option<&str>) -> syn::Result<String> {
    let v = lit.value();
    if v.starts_with('/') && !v.contains(['{', '}', '*', '?', '#', ' ']) {
        return Ok(v);
    }
    let Some(type_name) = type_name else {
        return Err(syn::Error::new(
            lit.span(),
            "`prefix` is a URL path starting with `/`, like \"/api\"",
        ));
    };
    let mut message =
        "the second argument of `#[server]` is the URL prefix, a path starting with `/`, like \"/api\""
            .to_owned();
    if POSITIONAL_ENCODINGS.iter().any(|(n, ..)| *n == v) {
        message.push_str(&format!(
            "; the encoding comes third, after the prefix: `#[server({type_name}, \"/api\", {v:?})]`"
        ));
    }
    Err(syn::Error::new(lit.span(), message))
}

/// `add_todo` → `AddTodo`, for suggesting a type name; `AddTodo` when
/// `text` is no identifier.
fn upper_camel_case(text: &str) -> String {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if text.is_empty() || !text.chars().all(word) || text.starts_with(|c: char| c.is_ascii_digit())
    {
        return "AddTodo".to_owned();
    }
    text.split('_')
        .flat_map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

fn endpoint(lit: &LitStr) -> syn::Result<String> {
    let v = lit.value();
    if v.trim_matches('/').is_empty() || v.contains(['{', '}', '*', '?', '#', ' ']) {
        return Err(syn::Error::new(
            lit.span(),
            "the endpoint is a path below the prefix, like \"search\" or \"v2/search\"",
        ));
    }
    Ok(v)
}

fn valid_rate(v: &str) -> bool {
    match v.split_once('/') {
        Some((n, unit)) => {
            n.parse::<u32>().is_ok_and(|n| (1..=1_000_000).contains(&n))
                && matches!(unit, "s" | "min" | "h")
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn error(attr: TokenStream) -> String {
        match parse(attr) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn positional_arguments_in_order() {
        let o = parse(quote!(Hello, "/api", "Url", "hello", rate_limit = "5/s")).unwrap();
        assert_eq!(o.type_name.unwrap(), "Hello");
        assert_eq!(o.prefix.as_deref(), Some("/api"));
        assert_eq!(o.endpoint.as_deref(), Some("hello"));
        assert!(o.encodings.form && !o.encodings.get);
        assert_eq!(o.rate_limit.as_deref(), Some("5/s"));
        let o = parse(quote!(Find, "/api", "GetCbor", read_only)).unwrap();
        let e = o.encodings;
        assert!(e.get && e.cbor && e.get_cbor && !e.form && o.read_only);
    }

    #[test]
    fn named_options_alone_keep_working() {
        let o = parse(quote!(encoding = "form, cbor", prefix = "/x", read_only)).unwrap();
        assert!(o.type_name.is_none() && o.encodings.form && o.encodings.cbor);
        assert!(parse(quote!()).unwrap().type_name.is_none());
    }

    #[test]
    fn mistakes_name_the_fix() {
        assert!(error(quote!(A, "/api", "url")).contains("case-sensitive here: \"Url\""));
        assert!(error(quote!(A, "Url")).contains("the encoding comes third"));
        assert!(error(quote!(A, "/api", "GetJson"))
            .contains("`#[server(A, \"/api\", \"GetJson\", read_only)]`"));
        let e = error(quote!(A, "/api", "GetCbor", "find", max_body = 9));
        assert!(
            e.contains("`#[server(A, \"/api\", \"GetCbor\", \"find\", read_only, ...)]`"),
            "{e}"
        );
        assert!(
            error(quote!(encoding = "get")).contains("`#[server(encoding = \"get\", read_only)]`")
        );
        assert!(error(quote!("add_todo")).contains("`#[server(AddTodo)]`"));
        let e = error(quote!(Find, encoding = "get, cbor"));
        assert!(
            e.contains("`#[server(Find, encoding = \"get, cbor\", read_only)]`"),
            "{e}"
        );
        assert!(error(quote!(A, prefix = "/a", prefix = "/b")).contains("given twice"));
        assert!(error(quote!(A, "/api", Url)).contains("the encoding is a string: \"Url\""));
        assert!(error(quote!(A, "/api", prefix = "/b"))
            .contains("already the second positional argument"));
        assert!(error(quote!(prefix)).contains("`prefix = \"/api\"`"));
    }
}
