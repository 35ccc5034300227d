//! Differential tests: Rust and its rs2js translation agree on generated
//! inputs. One test per group; each group runs its JS in one Node process.

#[path = "../common/mod.rs"]
mod common;
#[macro_use]
mod harness;

mod ints;
