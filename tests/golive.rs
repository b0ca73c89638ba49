//! The one integration-test binary: modules mirror `src/`, helpers live in `common`.

// Test helpers outside #[test] functions may unwrap too: a panic is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod common;
mod export;
mod ops;
mod probe;
mod report;
mod store;
