//! Prints the JS for a handler closure given on the command line, e.g.
//! `cargo run -p rs2js --example show -- 'move |_| count.set(count.get() + 1)'`.

fn main() {
    let src = std::env::args().nth(1).expect("usage: show 'CLOSURE'");
    let c: syn::ExprClosure = syn::parse_str(&src).expect("not a closure");
    match rs2js::translate_handler(&c) {
        Ok(h) => {
            let mut chunk = rs2js::Chunk::new();
            for cap in &h.captures {
                let t = cap
                    .assumed_type
                    .as_ref()
                    .map(|t| quote::quote!(#t).to_string());
                eprintln!("capture {} {:?} assumed {:?}", cap.name, cap.kind, t);
            }
            chunk.add(h);
            print!("{}", chunk.module_source());
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
