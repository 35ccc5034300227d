//! Reading the props the server rendered for an island.
//!
//! [`decode_props`] turns the whole props object into any `Deserialize`
//! type through serde-wasm-bindgen. That links serde's error formatting
//! (float printing, `Debug` for strings): about 16 KB brotli. An island that
//! counts bytes reads its few props one by one with [`prop_number`],
//! [`prop_string`] and [`prop_bool`] instead, which cost next to nothing.

use js_sys::Reflect;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Turn the props object the boot script passes to `mount` into `P`, with
/// the same field names the server serialised. A mismatch throws the
/// decoder's error (a JS `Error` naming the problem) rather than guessing.
pub fn decode_props<P: DeserializeOwned>(props: JsValue) -> P {
    match serde_wasm_bindgen::from_value(props) {
        Ok(props) => props,
        Err(err) => wasm_bindgen::throw_val(err.into()),
    }
}

/// Prop `name` as a number; throws when it is missing or not a number.
pub fn prop_number(props: &JsValue, name: &str) -> f64 {
    get(props, name)
        .as_f64()
        .unwrap_or_else(|| wrong_type(name, "a number"))
}

/// Prop `name` as a string; throws when it is missing or not a string.
pub fn prop_string(props: &JsValue, name: &str) -> String {
    get(props, name)
        .as_string()
        .unwrap_or_else(|| wrong_type(name, "a string"))
}

/// Prop `name` as a boolean; throws when it is missing or not a boolean.
pub fn prop_bool(props: &JsValue, name: &str) -> bool {
    get(props, name)
        .as_bool()
        .unwrap_or_else(|| wrong_type(name, "a boolean"))
}

fn get(props: &JsValue, name: &str) -> JsValue {
    Reflect::get(props, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn wrong_type(name: &str, expected: &str) -> ! {
    wasm_bindgen::throw_str(
        &[
            "resuma-islands: the island's prop `",
            name,
            "` is missing or not ",
            expected,
        ]
        .concat(),
    )
}
