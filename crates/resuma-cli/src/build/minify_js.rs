//! Minifies an island's wasm-bindgen glue in-process, with the oxc
//! JavaScript minifier, so that building an app's islands needs no Node.js
//! (no esbuild or terser from npm).
//!
//! The glue is an ES module (`--target web`), so top-level names are
//! mangled too: only its exports are visible outside it. The output is
//! ES2020, the level of browser the loader and the runtime already need.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, CommentOptions};
use oxc_compat::EngineTargets;
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// The smallest equivalent ES module for `source`, or the parse errors of a
/// source that is not one (named after `file`, which is only for the message).
pub fn minify_module(source: &str, file: &str) -> Result<String, String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let errors: Vec<String> = parsed
            .diagnostics
            .errors()
            .map(|error| error.to_string())
            .collect();
        return Err(format!(
            "{file} is not a JavaScript module the minifier can parse: {}",
            errors.join("; ")
        ));
    }
    let mut program = parsed.program;
    let target = EngineTargets::from_target("es2020").expect("es2020 is a known target");
    let options = MinifierOptions {
        mangle: Some(MangleOptions::default()),
        mangle_properties: None,
        compress: Some(CompressOptions {
            target,
            ..CompressOptions::smallest()
        }),
    };
    let minified = Minifier::new(options).minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions {
            minify: true,
            comments: CommentOptions::disabled(),
            ..CodegenOptions::default()
        })
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::minify_module;

    #[test]
    fn a_module_keeps_its_exports_and_loses_its_comments_and_long_names() {
        let source = r#"
            // A comment the output must not keep.
            let wasmInstanceExports;
            function takeObjectFromHeap(longIndexName) {
                const valueAtIndex = wasmInstanceExports[longIndexName];
                return valueAtIndex;
            }
            export function greet(whoToGreet) {
                return "hello " + takeObjectFromHeap(whoToGreet);
            }
            export default async function init(moduleOrPath) {
                wasmInstanceExports = await moduleOrPath;
                return wasmInstanceExports;
            }
        "#;
        let out = minify_module(source, "glue.js").unwrap();
        assert!(out.len() < source.len() / 2, "{out}");
        assert!(!out.contains("comment"), "{out}");
        assert!(!out.contains("takeObjectFromHeap"), "{out}");
        assert!(!out.contains("wasmInstanceExports"), "{out}");
        assert!(out.contains("greet"), "the export keeps its name: {out}");
        assert!(out.contains("export"), "{out}");
        assert!(
            out.contains("\"hello \"") || out.contains("`hello "),
            "{out}"
        );
    }

    #[test]
    fn a_source_that_does_not_parse_is_an_error_naming_the_file() {
        let error = minify_module("export function (", "broken.js").unwrap_err();
        assert!(
            error.starts_with("broken.js is not a JavaScript module"),
            "{error}"
        );
    }
}
