# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: run test setup setup-test build demo fmt-check clippy test-rust bench \
	setup-desktop ui-build desktop test-ui test-desktop test-e2e bench-desktop screenshots screenshot-sizes

run: setup setup-desktop desktop

setup:
	scripts/setup.sh build

build:
	$(CARGO) build --release --locked

# The CLI tour on a throw-away database: a demo plan, its timeline and history.
demo: build
	scripts/demo.sh target/release/golive

test: setup-test fmt-check clippy test-rust test-ui test-desktop

setup-test:
	scripts/setup.sh build pdf pyhanko desktop e2e keyring pytools

fmt-check:
	$(CARGO) fmt --all -- --check

# The whole workspace in one go, library and desktop shell together: built one package at a
# time, the two see different dependency features and every shared crate is built twice.
# The shell embeds the built UI at compile time, so the UI comes first.
clippy: ui-build
	$(CARGO) clippy --locked --workspace --all-targets -- -D warnings

# Inside a private keyring, so remembered staging logins are tested against a real one.
test-rust: ui-build
	scripts/with-keyring.sh $(CARGO) test --locked --workspace

bench:
	$(CARGO) bench --locked

# --- Desktop app (src-tauri/ + ui/) ---------------------------------------------------------
setup-desktop:
	scripts/setup.sh build desktop

# The UI is embedded into the binary at compile time, so it is built first.
ui-build:
	cd ui && npm run --silent build -- --logLevel warn

# Builds and starts the desktop app on the user's default database (GOLIVE_DB or --db override).
# The `desktop` profile is `release` built for size (see Cargo.toml).
desktop: ui-build
	$(CARGO) build --profile desktop --locked -p golive-desktop
	target/desktop/golive-desktop

test-ui:
	cd ui && npm run --silent check && npm test --silent

# The end-to-end test drives the debug binary of the test build: after `test-rust` nothing is
# rebuilt (same features); alone, it builds that binary first.
test-desktop: ui-build
	$(CARGO) test --locked --workspace --no-run
	tests/e2e/run.sh target/debug/golive-desktop

test-e2e: test-desktop

bench-desktop: ui-build
	benches/desktop.sh

# The window at 1024×700 and 1280×800, drawer closed and open, light and dark, to look at.
screenshot-sizes: ui-build
	$(CARGO) build --locked -p golive-desktop -p golive
	E2E_SCRIPT=tests/e2e/sizes.mjs SHOT_DIR=target/screenshot-sizes tests/e2e/run.sh target/debug/golive-desktop

screenshots: ui-build
	$(CARGO) test --locked --workspace --no-run
	SHOT_DIR=docs/screenshots tests/e2e/run.sh target/debug/golive-desktop
