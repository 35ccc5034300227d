// The loader returns a `String`, not `Result<Data, E>`.
resuma::pages!("wrong_return_pages");

fn main() {}
