use resuma::prelude::*;

// GET encodings skip the Origin and CSRF checks: the function must say it changes nothing.
#[server(Search, "/api", "GetJson")]
async fn search(q: String) -> Result<String, ServerFnError> {
    Ok(q)
}

#[server(Lookup, "/api", "GetCbor", "find", cache_control = "public, max-age=60")]
async fn lookup(id: u32) -> Result<u32, ServerFnError> {
    Ok(id)
}

fn main() {}
