//! The interface between the action endpoint and the code `#[server]`
//! generates: the endpoint hands a [`Call`] (the request, decoded enough to
//! know its encodings) to the function's `call` entry point, which decodes
//! the arguments, runs the function and encodes its result ([`run`]).

use std::future::Future;
use std::pin::Pin;

use axum::body::Bytes;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::ServerFnError;
use super::wire::{self, Input, Output};

/// One decoded-enough request, handed to the generated code.
pub struct Call {
    pub(crate) input: Input,
    pub(crate) body: Bytes,
    pub(crate) output: Output,
}

/// What the generated code returns: the encoded result, or an error.
pub type Reply = Pin<Box<dyn Future<Output = Result<(Vec<u8>, Output), ServerFnError>> + Send>>;

/// Decode `A` from `call`, run `f`, encode its result. `#[server]` generates
/// one call to this per function.
pub fn run<A, T, F, Fut>(call: Call, params: &'static [&'static str], f: F) -> Reply
where
    A: DeserializeOwned + Send + 'static,
    F: FnOnce(A) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, ServerFnError>> + Send + 'static,
    T: Serialize,
{
    Box::pin(async move {
        let args: A = wire::decode(call.input, &call.body, params)?;
        let value = f(args).await?;
        Ok((wire::encode(call.output, &value)?, call.output))
    })
}
