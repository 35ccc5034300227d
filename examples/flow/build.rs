//! `resuma::pages!` reads `src/pages/` while the crate compiles; this makes
//! cargo compile it again when a page file is added, removed or renamed
//! (edits of existing files are tracked through their modules anyway).

fn main() {
    println!("cargo:rerun-if-changed=src/pages");
}
