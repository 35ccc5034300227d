// `My Notes.rs` is not a page name (spaces, capitals).
resuma::pages!("bad_name_pages");

fn main() {}
