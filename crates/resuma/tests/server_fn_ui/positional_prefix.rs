use resuma::prelude::*;

// The prefix is a URL path starting with `/`.
#[server(AddTodo, "api")]
async fn add_todo(title: String) -> Result<String, ServerFnError> {
    Ok(title)
}

// The encoding comes third, after the prefix.
#[server(Search, "GetJson")]
async fn search(q: String) -> Result<String, ServerFnError> {
    Ok(q)
}

fn main() {}
