use resuma::prelude::*;

// GET calls skip the Origin and CSRF checks: the function must say it changes nothing.
#[server(encoding = "get")]
async fn delete_everything() -> Result<(), ServerFnError> {
    Ok(())
}

fn main() {}
