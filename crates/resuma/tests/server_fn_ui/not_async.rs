use resuma::prelude::*;

#[server]
fn add(a: i32, b: i32) -> Result<i32, ServerFnError> {
    Ok(a + b)
}

fn main() {}
