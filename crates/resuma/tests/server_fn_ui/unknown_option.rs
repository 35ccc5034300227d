use resuma::prelude::*;

#[server(encoding = "xml")]
async fn a() -> Result<(), ServerFnError> {
    Ok(())
}

#[server(rate_limit = "3 per minute")]
async fn b() -> Result<(), ServerFnError> {
    Ok(())
}

#[server(retries = 3)]
async fn c() -> Result<(), ServerFnError> {
    Ok(())
}

fn main() {}
