//! `resuma::pages!` reads `src/pages/` while the crate compiles; this makes
//! cargo compile it again when a page file is added, removed or renamed.

fn main() {
    println!("cargo:rerun-if-changed=src/pages");
}
