# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: run test setup setup-test build demo fmt-check clippy test-rust bench

run: setup build demo

setup:
	scripts/setup.sh build

build:
	$(CARGO) build --release --locked

# Until the desktop shell lands, `make run` shows a demo plan through the CLI on a
# throw-away database, so it never touches the user's own plans.
demo:
	scripts/demo.sh target/release/golive

test: setup-test fmt-check clippy test-rust

setup-test:
	scripts/setup.sh build pdf

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --locked --all-targets -- -D warnings

test-rust:
	$(CARGO) test --locked

bench:
	$(CARGO) bench --locked
