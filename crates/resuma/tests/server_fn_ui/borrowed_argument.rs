use resuma::prelude::*;

#[server]
async fn greet(name: &str) -> Result<String, ServerFnError> {
    Ok(format!("hi {name}"))
}

fn main() {}
