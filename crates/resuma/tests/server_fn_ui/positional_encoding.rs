use resuma::prelude::*;

#[server(AddTodo, "/api", "Xml")]
async fn add_todo(title: String) -> Result<String, ServerFnError> {
    Ok(title)
}

// Positional encodings are case-sensitive, as in Leptos.
#[server(Sign, "/api", "url")]
async fn sign(name: String) -> Result<String, ServerFnError> {
    Ok(name)
}

fn main() {}
