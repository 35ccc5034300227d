use resuma::prelude::*;

// The first argument is the type name, an identifier, not a string.
#[server("add")]
async fn add(a: i32, b: i32) -> Result<i32, ServerFnError> {
    Ok(a + b)
}

// Only the first argument is an identifier; the encoding is a string.
#[server(Sub, "/api", Url)]
async fn sub(a: i32, b: i32) -> Result<i32, ServerFnError> {
    Ok(a - b)
}

// A unit struct with the function's own name would clash with the function.
#[allow(non_snake_case)]
#[server(Mul)]
async fn Mul(a: i32, b: i32) -> Result<i32, ServerFnError> {
    Ok(a * b)
}

fn main() {}
