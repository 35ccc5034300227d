//! The action wire formats (protocol.md §8): decoding a request's arguments
//! and encoding a result.
//!
//! Arguments arrive as one of
//! - JSON (`application/json`, always accepted): an object of arguments by
//!   name, or an array of them by position (what translated handlers send);
//! - form-urlencoded (`application/x-www-form-urlencoded`, opt-in): what a
//!   plain HTML form posts; fields starting with `_` (`_csrf`) are Resuma's
//!   and are not arguments;
//! - a URL query (`GET`, opt-in), same syntax as the form;
//! - CBOR (`application/cbor`, opt-in): a map by name or an array by position.
//!
//! Decoding never panics, whatever the bytes: malformed input is a 400, input
//! of the wrong shape or type a 422 naming the argument.

use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::ServerFnError;

/// How the arguments of one request are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// JSON body.
    Json,
    /// `application/x-www-form-urlencoded` body.
    Form,
    /// URL query of a GET request.
    Query,
    /// CBOR body.
    Cbor,
}

/// How the result is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `application/json` (the default).
    Json,
    /// `application/cbor` (when the request was CBOR, or asked for it).
    Cbor,
}

/// Decode the arguments `A` of the function whose parameters are `names`.
pub fn decode<A: DeserializeOwned>(
    input: Input,
    bytes: &[u8],
    names: &[&str],
) -> Result<A, ServerFnError> {
    match input {
        Input::Json => decode_json(bytes, names),
        Input::Form | Input::Query => decode_form(bytes, names),
        Input::Cbor => decode_cbor(bytes, names),
    }
}

fn decode_json<A: DeserializeOwned>(bytes: &[u8], names: &[&str]) -> Result<A, ServerFnError> {
    // An empty body means "no arguments", so a zero-argument function can be
    // called with a bare POST.
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        bytes
    };
    // Fast path: well-formed calls skip path tracking; only a failing body
    // is decoded again to name the argument in the error.
    if let Ok(args) = serde_json::from_slice(bytes) {
        return Ok(args);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let malformed = |e: serde_json::Error| {
        ServerFnError::custom(
            "bad_request",
            StatusCode::BAD_REQUEST,
            format!("the body is not valid JSON: {e}"),
        )
    };
    let args = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = argument_path(err.path(), names);
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => invalid_argument(&path, &inner.to_string()),
            // serde_json reports some wrong shapes (an enum given a number)
            // as syntax errors: when the body is valid JSON, it is the shape.
            _ if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() => {
                invalid_argument(&path, &inner.to_string())
            }
            _ => malformed(inner),
        }
    })?;
    de.end().map_err(malformed)?;
    // Only reachable if the two decodings disagree, which they cannot.
    Ok(args)
}

fn decode_form<A: DeserializeOwned>(bytes: &[u8], names: &[&str]) -> Result<A, ServerFnError> {
    // Drop Resuma's own fields before the arguments see them.
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(bytes) {
        if !k.starts_with('_') {
            kept.append_pair(&k, &v);
        }
    }
    let kept = kept.finish();
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(kept.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = argument_path(err.path(), names);
        invalid_argument(&path, &err.into_inner().to_string())
    })
}

fn decode_cbor<A: DeserializeOwned>(bytes: &[u8], names: &[&str]) -> Result<A, ServerFnError> {
    // Two steps: CBOR to a value tree (syntax errors are 400), then the tree
    // to the arguments through the JSON data model, which reports the path
    // of a mistyped argument.
    let value: ciborium::Value = ciborium::de::from_reader(bytes).map_err(|e| {
        ServerFnError::custom(
            "bad_request",
            StatusCode::BAD_REQUEST,
            format!("the body is not valid CBOR: {e}"),
        )
    })?;
    let json = cbor_to_json(value, 0).map_err(|why| invalid_argument("", &why))?;
    serde_path_to_error::deserialize(json).map_err(|err| {
        let path = argument_path(err.path(), names);
        invalid_argument(&path, &err.into_inner().to_string())
    })
}

/// A CBOR value in the JSON data model: byte strings become arrays of
/// numbers, tags are dropped, map keys must be text.
fn cbor_to_json(value: ciborium::Value, depth: usize) -> Result<serde_json::Value, String> {
    use ciborium::Value as C;
    use serde_json::Value as J;
    if depth > 128 {
        return Err("the CBOR body is nested more than 128 levels deep".into());
    }
    Ok(match value {
        C::Integer(i) => {
            let i = i128::from(i);
            if let Ok(u) = u64::try_from(i) {
                J::from(u)
            } else if let Ok(s) = i64::try_from(i) {
                J::from(s)
            } else {
                return Err(format!("the integer {i} is out of range"));
            }
        }
        C::Float(f) => serde_json::Number::from_f64(f)
            .map(J::Number)
            .ok_or("NaN and infinities are not accepted")?,
        C::Bytes(b) => J::Array(b.into_iter().map(J::from).collect()),
        C::Text(t) => J::String(t),
        C::Bool(b) => J::Bool(b),
        C::Null => J::Null,
        C::Tag(_, inner) => cbor_to_json(*inner, depth + 1)?,
        C::Array(items) => J::Array(
            items
                .into_iter()
                .map(|v| cbor_to_json(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        C::Map(pairs) => {
            let mut map = serde_json::Map::new();
            for (k, v) in pairs {
                let C::Text(k) = k else {
                    return Err("CBOR map keys must be text (argument names)".into());
                };
                map.insert(k, cbor_to_json(v, depth + 1)?);
            }
            J::Object(map)
        }
        _ => return Err("unsupported CBOR value".into()),
    })
}

/// The argument a decoding error is about, by name: positional bodies report
/// `[0]`, which is mapped to the parameter's name.
fn argument_path(path: &serde_path_to_error::Path, names: &[&str]) -> String {
    let mut out = String::new();
    for (i, segment) in path.iter().enumerate() {
        match segment {
            serde_path_to_error::Segment::Seq { index } if i == 0 => {
                out.push_str(names.get(*index).copied().unwrap_or("?"));
            }
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key }
            | serde_path_to_error::Segment::Enum { variant: key } => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(key);
            }
            serde_path_to_error::Segment::Unknown => out.push_str(if i > 0 { ".?" } else { "?" }),
        }
    }
    out
}

fn invalid_argument(path: &str, detail: &str) -> ServerFnError {
    // serde speaks of fields; the caller thinks of arguments.
    let detail = detail
        .replace("missing field", "missing argument")
        .replace("unknown field", "unknown argument");
    let message = if path.is_empty() {
        detail
    } else {
        format!("argument `{path}`: {detail}")
    };
    ServerFnError::custom(
        "invalid_argument",
        StatusCode::UNPROCESSABLE_ENTITY,
        message,
    )
}

/// Encode a successful result.
pub fn encode<T: Serialize>(output: Output, value: &T) -> Result<Vec<u8>, ServerFnError> {
    let fail = |e: String| {
        ServerFnError::custom(
            "server",
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the result could not be encoded: {e}"),
        )
    };
    match output {
        Output::Json => serde_json::to_vec(value).map_err(|e| fail(e.to_string())),
        Output::Cbor => {
            let mut out = Vec::new();
            ciborium::ser::into_writer(value, &mut out).map_err(|e| fail(e.to_string()))?;
            Ok(out)
        }
    }
}

impl Output {
    /// The `Content-Type` of a result in this encoding.
    pub fn content_type(self) -> &'static str {
        match self {
            Output::Json => "application/json",
            Output::Cbor => "application/cbor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields, expecting = "the arguments of `f`")]
    struct Args {
        q: String,
        n: i32,
    }
    const NAMES: &[&str] = &["q", "n"];

    fn json(body: &str) -> Result<Args, ServerFnError> {
        decode(Input::Json, body.as_bytes(), NAMES)
    }

    #[test]
    fn json_named_and_positional() {
        let want = Args {
            q: "x".into(),
            n: 2,
        };
        assert_eq!(json(r#"{"q":"x","n":2}"#).unwrap(), want);
        assert_eq!(json(r#"["x",2]"#).unwrap(), want);
    }

    #[test]
    fn json_errors_name_the_argument() {
        let e = json(r#"{"q":"x","n":"two"}"#).unwrap_err();
        assert_eq!(
            (e.status().as_u16(), e.kind.as_str()),
            (422, "invalid_argument")
        );
        assert!(e.message.starts_with("argument `n`:"), "{}", e.message);
        let e = json(r#"["x","two"]"#).unwrap_err();
        assert!(e.message.starts_with("argument `n`:"), "{}", e.message);
        let e = json(r#"{"q":"x"}"#).unwrap_err();
        assert!(e.message.contains("missing argument `n`"), "{}", e.message);
        let e = json(r#"{"q":"x","n":1,"zz":0}"#).unwrap_err();
        assert!(e.message.contains("unknown argument `zz`"), "{}", e.message);
        let e = json(r#"{"q":"x","#).unwrap_err();
        assert_eq!(e.status(), 400);
        let e = json(r#"{"q":"x","n":1} trailing"#).unwrap_err();
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn form_and_query() {
        let a: Args = decode(Input::Form, b"q=a+b%21&n=-3&_csrf=abc", NAMES).unwrap();
        assert_eq!(
            a,
            Args {
                q: "a b!".into(),
                n: -3
            }
        );
        let e = decode::<Args>(Input::Query, b"q=a&n=x", NAMES).unwrap_err();
        assert_eq!(e.status(), 422);
        assert!(e.message.contains('n'), "{}", e.message);
    }

    #[test]
    fn cbor_roundtrip() {
        #[derive(serde::Serialize)]
        struct A<'a> {
            q: &'a str,
            n: i32,
        }
        let mut bytes = Vec::new();
        ciborium::ser::into_writer(&A { q: "x", n: 5 }, &mut bytes).unwrap();
        let a: Args = decode(Input::Cbor, &bytes, NAMES).unwrap();
        assert_eq!(a.n, 5);
        assert_eq!(
            decode::<Args>(Input::Cbor, &[0xff, 0x00], NAMES)
                .unwrap_err()
                .status(),
            400
        );
    }

    #[test]
    fn an_enum_of_the_wrong_shape_is_an_invalid_argument_not_bad_json() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        enum Mode {
            Fast,
            Slow { level: u8 },
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Args {
            q: String,
            mode: Mode,
        }
        for body in [
            r#"{"q":"x","mode":5}"#,
            r#"{"q":"x","mode":null}"#,
            r#"["x",true]"#,
        ] {
            let e = decode::<Args>(Input::Json, body.as_bytes(), &["q", "mode"]).unwrap_err();
            assert_eq!(
                (e.status().as_u16(), e.kind.as_str()),
                (422, "invalid_argument"),
                "{body}: {}",
                e.message
            );
        }
        let e = decode::<Args>(Input::Json, br#"{"q":"x","mode":"#, &["q", "mode"]).unwrap_err();
        assert_eq!(e.status().as_u16(), 400, "truncated JSON stays a 400");
    }
}
