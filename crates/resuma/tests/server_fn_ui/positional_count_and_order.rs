use resuma::prelude::*;

// At most four positional arguments.
#[server(Hello, "/api", "Url", "hello", "extra")]
async fn hello() -> Result<(), ServerFnError> {
    Ok(())
}

// Positional arguments come before the named options.
#[server(Bye, read_only, "/api")]
async fn bye() -> Result<(), ServerFnError> {
    Ok(())
}

// A positional prefix and `prefix = ...` say the same thing twice.
#[server(Ping, "/api", prefix = "/v2")]
async fn ping() -> Result<(), ServerFnError> {
    Ok(())
}

// So do a positional encoding and `encoding = ...`.
#[server(Pong, "/api", "Cbor", encoding = "form")]
async fn pong() -> Result<(), ServerFnError> {
    Ok(())
}

fn main() {}
