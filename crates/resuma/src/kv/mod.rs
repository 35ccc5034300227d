//! [`KeyValue`]: a small key-value store for server functions that works the
//! same natively and in a wasi:http component.
//!
//! A wasi:http component may run every request in a fresh instance
//! (`wasmtime serve` and Spin do), so a `static` in the app forgets
//! everything between requests. State that must outlive a request goes to a
//! store the runtime keeps:
//!
//! | backend                | natively              | in a wasi:http component                                  |
//! |------------------------|-----------------------|-----------------------------------------------------------|
//! | [`KeyValue::dir`]      | one file per key      | the same, in a directory the runtime preopens (`wasmtime serve --dir HOST::GUEST`) |
//! | [`KeyValue::memory`]   | lives with the process | lives with one instance: one request under `wasmtime serve` |
//! | `KeyValue::wasi_keyvalue` | —                  | the host's `wasi:keyvalue` store (Spin's key-value store); feature `wasi-keyvalue` |
//!
//! `wasmtime serve` implements `wasi:keyvalue` only in memory, per instance,
//! and at an older draft, so it would forget each value after the request
//! that wrote it; a preopened directory is what persists there. Spin mounts
//! files read-only, so there the store is Spin's own key-value store,
//! through `wasi:keyvalue/store@0.2.0-draft2` (build with resuma's
//! `wasi-keyvalue` feature; a component importing it cannot start under
//! `wasmtime serve`).
//!
//! ```
//! use resuma::kv::KeyValue;
//!
//! let store = KeyValue::memory();
//! assert_eq!(store.get_json::<u32>("clicks").unwrap(), None);
//! store.set_json("clicks", &3u32).unwrap();
//! assert_eq!(store.get_json::<u32>("clicks").unwrap(), Some(3));
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;

#[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
mod wasi_keyvalue;

/// A key-value store: cheap to clone (clones share the data), so it can be
/// app state (`App::with_state(store)`, read with
/// `resuma::context::state::<KeyValue>()`).
#[derive(Clone)]
pub struct KeyValue {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    /// Serialises [`KeyValue::update`]s through this store (several
    /// processes or instances on one directory still race; a value is
    /// always whole, since writes replace the file atomically).
    updating: Mutex<()>,
}

enum Backend {
    Memory(Mutex<HashMap<String, Vec<u8>>>),
    Dir(PathBuf),
    /// The host's `wasi:keyvalue` bucket of this name.
    #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
    WasiKeyValue(String),
}

/// Why a store operation failed. Its `Display` names the key and the cause;
/// turn it into a server-function error with `ServerFnError::internal(&err)`
/// (the details stay in the server log).
#[derive(Debug)]
pub struct KvError {
    key: String,
    cause: String,
}

impl fmt::Display for KvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key-value store, key {:?}: {}", self.key, self.cause)
    }
}

impl std::error::Error for KvError {}

impl KeyValue {
    /// A store in this process's memory.
    pub fn memory() -> Self {
        KeyValue::with(Backend::Memory(Mutex::new(HashMap::new())))
    }

    fn with(backend: Backend) -> Self {
        KeyValue {
            inner: Arc::new(Inner {
                backend,
                updating: Mutex::new(()),
            }),
        }
    }

    /// A store in the directory `path`, one file per key, created if
    /// missing. In a wasi:http component `path` is the guest side of a
    /// preopened directory.
    pub fn dir(path: impl Into<PathBuf>) -> std::io::Result<Self> {
        let path = path.into();
        std::fs::create_dir_all(&path)?;
        Ok(KeyValue::with(Backend::Dir(path)))
    }

    /// The host's `wasi:keyvalue` bucket named `bucket` (Spin: a name listed
    /// in the component's `key_value_stores`, usually `"default"`). Only in
    /// a `wasm32-wasip2` build with resuma's `wasi-keyvalue` feature. The
    /// bucket is opened on each operation, so a missing one is an error of
    /// the first `get` or `set`, naming it.
    #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
    pub fn wasi_keyvalue(bucket: impl Into<String>) -> Self {
        KeyValue::with(Backend::WasiKeyValue(bucket.into()))
    }

    /// The store that `RESUMA_KV` names: `memory`, `dir:PATH` or
    /// `wasi-keyvalue:BUCKET`; `default` when it is unset. An unusable value
    /// is an error naming it.
    ///
    /// ```no_run
    /// use resuma::kv::KeyValue;
    ///
    /// // `RESUMA_KV=dir:/data` in a component; the directory `app.kv` when unset.
    /// let store = KeyValue::from_env_or(|| KeyValue::dir("app.kv"))?;
    /// # Ok::<(), String>(())
    /// ```
    pub fn from_env_or(default: impl FnOnce() -> std::io::Result<Self>) -> Result<Self, String> {
        match std::env::var("RESUMA_KV") {
            Err(_) => default().map_err(|err| format!("RESUMA_KV: {err}")),
            Ok(named) => KeyValue::named(&named),
        }
    }

    /// The store a `RESUMA_KV` value names.
    fn named(value: &str) -> Result<Self, String> {
        if value == "memory" {
            return Ok(KeyValue::memory());
        }
        if let Some(path) = value.strip_prefix("dir:").filter(|p| !p.is_empty()) {
            return KeyValue::dir(path)
                .map_err(|err| format!("RESUMA_KV: cannot use the directory {path:?}: {err}"));
        }
        if let Some(bucket) = value.strip_prefix("wasi-keyvalue:").filter(|b| !b.is_empty()) {
            #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
            return Ok(KeyValue::wasi_keyvalue(bucket));
            #[cfg(not(all(target_os = "wasi", feature = "wasi-keyvalue")))]
            return Err(format!(
                "RESUMA_KV={value:?} needs a wasm32-wasip2 build with resuma's `wasi-keyvalue` \
                 feature (the bucket {bucket:?} is the host's wasi:keyvalue store)"
            ));
        }
        Err(format!(
            "RESUMA_KV must be `memory`, `dir:PATH` or `wasi-keyvalue:BUCKET`, got {value:?}"
        ))
    }

    /// The bytes stored under `key`, if any.
    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        check_key(key)?;
        match &self.inner.backend {
            Backend::Memory(map) => Ok(lock(map).get(key).cloned()),
            Backend::Dir(path) => match std::fs::read(path.join(key)) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(error(key, err)),
            },
            #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
            Backend::WasiKeyValue(bucket) => {
                wasi_keyvalue::get(bucket, key).map_err(|err| error(key, err))
            }
        }
    }

    /// Store `value` under `key`, replacing what was there.
    pub fn set(&self, key: &str, value: &[u8]) -> Result<(), KvError> {
        check_key(key)?;
        match &self.inner.backend {
            Backend::Memory(map) => {
                lock(map).insert(key.to_owned(), value.to_vec());
                Ok(())
            }
            Backend::Dir(path) => {
                // Write aside, then rename: a reader never sees half a value.
                let part = path.join(format!(".{key}.part"));
                std::fs::write(&part, value).map_err(|err| error(key, err))?;
                std::fs::rename(&part, path.join(key)).map_err(|err| error(key, err))
            }
            #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
            Backend::WasiKeyValue(bucket) => {
                wasi_keyvalue::set(bucket, key, value).map_err(|err| error(key, err))
            }
        }
    }

    /// The value under `key` decoded from JSON, if any.
    pub fn get_json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, KvError> {
        match self.get(key)? {
            None => Ok(None),
            Some(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|err| error(key, err)),
        }
    }

    /// Store `value` under `key` as JSON.
    pub fn set_json<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), KvError> {
        let bytes = serde_json::to_vec(value).map_err(|err| error(key, err))?;
        self.set(key, &bytes)
    }

    /// Read the JSON value under `key` (or `T::default()`), change it with
    /// `change`, store it and return it. Updates through one store (one
    /// process, or one component instance) do not interleave; separate
    /// processes or instances on the same data can.
    ///
    /// ```
    /// let store = resuma::kv::KeyValue::memory();
    /// assert_eq!(store.update("n", |n: &mut u32| *n += 1).unwrap(), 1);
    /// assert_eq!(store.update("n", |n: &mut u32| *n += 1).unwrap(), 2);
    /// ```
    pub fn update<T, F>(&self, key: &str, change: F) -> Result<T, KvError>
    where
        T: Serialize + DeserializeOwned + Default + Clone,
        F: FnOnce(&mut T),
    {
        let _updating = lock(&self.inner.updating);
        let mut value = self.get_json::<T>(key)?.unwrap_or_default();
        change(&mut value);
        self.set_json(key, &value)?;
        Ok(value)
    }
}

impl fmt::Debug for KeyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.backend {
            Backend::Memory(_) => f.write_str("KeyValue::memory()"),
            Backend::Dir(path) => write!(f, "KeyValue::dir({path:?})"),
            #[cfg(all(target_os = "wasi", feature = "wasi-keyvalue"))]
            Backend::WasiKeyValue(bucket) => write!(f, "KeyValue::wasi_keyvalue({bucket:?})"),
        }
    }
}

/// Keys become file names: letters, digits, `-`, `_` and `.`, not starting
/// with `.`, at most 200 bytes. Anything else (`/`, `..`) is refused, so a
/// key made from client input can never reach outside the store.
fn check_key(key: &str) -> Result<(), KvError> {
    let ok = !key.is_empty()
        && key.len() <= 200
        && !key.starts_with('.')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(error(
            key,
            "a key is 1 to 200 ASCII letters, digits, `-`, `_` or `.`, and does not start with `.`",
        ))
    }
}

fn error(key: &str, cause: impl fmt::Display) -> KvError {
    KvError {
        key: key.chars().take(64).collect(),
        cause: cause.to_string(),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("resuma-kv-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_directory_store_keeps_values_across_handles() {
        let dir = temp_dir("persist");
        KeyValue::dir(&dir).unwrap().set_json("count", &7u32).unwrap();
        // A new handle on the same directory: what a new instance sees.
        let again = KeyValue::dir(&dir).unwrap();
        assert_eq!(again.get_json::<u32>("count").unwrap(), Some(7));
        assert_eq!(again.update("count", |n: &mut u32| *n += 1).unwrap(), 8);
        assert_eq!(KeyValue::dir(&dir).unwrap().get_json::<u32>("count").unwrap(), Some(8));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn resuma_kv_values_name_a_store_or_say_what_is_accepted() {
        assert_eq!(format!("{:?}", KeyValue::named("memory").unwrap()), "KeyValue::memory()");
        let dir = temp_dir("named");
        let store = KeyValue::named(&format!("dir:{}", dir.display())).unwrap();
        assert_eq!(format!("{store:?}"), format!("KeyValue::dir({dir:?})"));
        std::fs::remove_dir_all(&dir).unwrap();

        // Natively there is no wasi:keyvalue host: the error says what builds one.
        let err = KeyValue::named("wasi-keyvalue:default").unwrap_err();
        assert!(err.contains("wasm32-wasip2") && err.contains("`wasi-keyvalue` feature"), "{err}");
        for bad in ["", "Memory", "dir:", "wasi-keyvalue:", "redis://x"] {
            let err = KeyValue::named(bad).unwrap_err();
            assert!(
                err.contains("`memory`, `dir:PATH` or `wasi-keyvalue:BUCKET`"),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn keys_cannot_leave_the_store() {
        let store = KeyValue::memory();
        for bad in ["", "../x", "a/b", ".hidden", "a\\b", "é", &"k".repeat(201)] {
            let err = store.set(bad, b"1").unwrap_err();
            assert!(err.to_string().contains("a key is 1 to 200"), "{bad:?}: {err}");
        }
        store.set("user-1.count_v2", b"1").unwrap();
    }

    #[test]
    fn a_value_that_is_not_json_of_the_type_is_an_error() {
        let store = KeyValue::memory();
        store.set("n", b"not json").unwrap();
        let err = store.get_json::<u32>("n").unwrap_err();
        assert!(err.to_string().starts_with("key-value store, key \"n\": "), "{err}");
    }

    #[test]
    fn concurrent_updates_lose_nothing() {
        let dir = temp_dir("concurrent");
        let store = KeyValue::dir(&dir).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        store.update("n", |n: &mut u32| *n += 1).unwrap();
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(store.get_json::<u32>("n").unwrap(), Some(100));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
