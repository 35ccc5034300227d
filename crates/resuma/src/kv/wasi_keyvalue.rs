//! The [`KeyValue`](super::KeyValue) backend on `wasi:keyvalue/store` at
//! `0.2.0-draft2`: the key-value store Spin gives a component
//! (`key_value_stores = ["default"]` in `spin.toml`), which keeps values
//! across requests and instances.
//!
//! Only built for `wasm32-wasip2` with resuma's `wasi-keyvalue` feature: a
//! component that imports this interface cannot start on a host that lacks
//! it (`wasmtime serve` implements an older draft), so apps opt in.
//!
//! The WIT below declares only the functions this backend calls. A
//! component may import fewer functions of an interface than the host
//! offers; the types it does name (`error`, `bucket`) are the draft's own.

wit_bindgen::generate!({
    inline: r#"
        package wasi:keyvalue@0.2.0-draft2;

        interface store {
            variant error {
                no-such-store,
                access-denied,
                other(string),
            }

            resource bucket {
                get: func(key: string) -> result<option<list<u8>>, error>;
                set: func(key: string, value: list<u8>) -> result<_, error>;
            }

            open: func(identifier: string) -> result<bucket, error>;
        }

        world resuma-keyvalue {
            import store;
        }
    "#,
    world: "resuma-keyvalue",
});

use self::wasi::keyvalue::store;

/// The bytes under `key` in the bucket named `bucket`.
pub(super) fn get(bucket: &str, key: &str) -> Result<Option<Vec<u8>>, String> {
    open(bucket)?
        .get(key)
        .map_err(|err| describe(bucket, err))
}

/// Store `value` under `key` in the bucket named `bucket`.
pub(super) fn set(bucket: &str, key: &str, value: &[u8]) -> Result<(), String> {
    open(bucket)?
        .set(key, value)
        .map_err(|err| describe(bucket, err))
}

/// Opened for each operation: the handle belongs to one component instance,
/// and the host keeps the data, so there is nothing worth caching.
fn open(bucket: &str) -> Result<store::Bucket, String> {
    store::open(bucket).map_err(|err| describe(bucket, err))
}

fn describe(bucket: &str, err: store::Error) -> String {
    match err {
        store::Error::NoSuchStore => format!(
            "the host has no key-value store {bucket:?} (Spin: list it in the component's \
             `key_value_stores` in spin.toml)"
        ),
        store::Error::AccessDenied => {
            format!("the host denied access to the key-value store {bucket:?}")
        }
        store::Error::Other(message) => format!("key-value store {bucket:?}: {message}"),
    }
}
