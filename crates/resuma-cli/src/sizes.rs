//! Sizes as served: raw, gzip -9 and brotli -q11 (the encodings the server
//! precompresses), a printed table, and the check against size-budget.json.

use std::path::Path;

use resuma::assets::{brotli_bytes, gzip_bytes};

/// Raw and compressed sizes of one file or a sum of files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Sizes {
        Sizes {
            raw: bytes.len(),
            gzip: gzip_bytes(bytes).len(),
            brotli: brotli_bytes(bytes).len(),
        }
    }

    pub fn plus(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// One printed line.
pub struct Row {
    pub island: String,
    pub file: String,
    pub sizes: Sizes,
}

/// Print the table of every island's files and totals.
pub fn print_table(rows: &[Row]) {
    let width = rows.iter().map(|r| r.file.len()).max().unwrap_or(4).max(4);
    let island_width = rows
        .iter()
        .map(|r| r.island.len())
        .max()
        .unwrap_or(6)
        .max(6);
    println!(
        "{:<iw$}  {:<w$}  {:>8}  {:>8}  {:>8}",
        "island",
        "file",
        "raw",
        "gzip",
        "brotli",
        iw = island_width,
        w = width
    );
    for row in rows {
        let s = row.sizes;
        println!(
            "{:<iw$}  {:<w$}  {:>8}  {:>8}  {:>8}",
            row.island,
            row.file,
            s.raw,
            s.gzip,
            s.brotli,
            iw = island_width,
            w = width
        );
    }
}

/// Check each island's total (Wasm + glue) against `islands.NAME` in the
/// budget file; returns the lines that are over.
pub fn check_budget(path: &Path, totals: &[(String, Sizes)]) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the budget file {}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let mut over = Vec::new();
    for (island, sizes) in totals {
        let Some(budget) = json["islands"].get(island) else {
            continue;
        };
        for (encoding, size) in [("gzip", sizes.gzip), ("brotli", sizes.brotli)] {
            let Some(limit) = budget.get(encoding).and_then(|v| v.as_u64()) else {
                continue;
            };
            let status = if size as u64 > limit { "OVER" } else { "ok" };
            println!("budget {island} {encoding}: {size} B of {limit} B ({status})");
            if size as u64 > limit {
                over.push(format!("{island}: {size} B {encoding} > budget {limit} B"));
            }
        }
    }
    Ok(over)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_sizes_shrink_repetitive_input() {
        let s = Sizes::of(&[b'a'; 4096]);
        assert_eq!(s.raw, 4096);
        assert!(s.gzip < 100 && s.brotli < 100, "{s:?}");
        assert_eq!(s.plus(s).raw, 8192);
    }

    #[test]
    fn budget_over_and_under() {
        let dir = std::env::temp_dir().join(format!("resuma-cli-budget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("budget.json");
        std::fs::write(&path, r#"{"islands":{"small":{"brotli":100,"gzip":100}}}"#).unwrap();
        let ok = Sizes {
            raw: 500,
            gzip: 90,
            brotli: 80,
        };
        let big = Sizes {
            raw: 500,
            gzip: 150,
            brotli: 80,
        };
        assert!(
            check_budget(&path, &[("small".into(), ok), ("unbudgeted".into(), big)])
                .unwrap()
                .is_empty()
        );
        let over = check_budget(&path, &[("small".into(), big)]).unwrap();
        assert_eq!(over, vec!["small: 150 B gzip > budget 100 B".to_owned()]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
