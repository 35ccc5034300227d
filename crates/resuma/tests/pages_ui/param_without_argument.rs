// `notes/[id].rs` is `/notes/{id}`, but its loader takes no `Path(id)`.
resuma::pages!("param_pages");

fn main() {}
