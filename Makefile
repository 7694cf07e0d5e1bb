# Loket TTE. Two commands on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, builds and starts the app
#   make test   everything: format, lints, unit and integration tests, the
#               real window driven end to end under Xvfb
#   make package-test   builds the .deb, installs it, starts the installed app
#               under Xvfb, removes it and checks the data stays (docs/INSTALL.md)
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"

.PHONY: run test setup setup-test fmt-check lint ui-check unit build e2e test-e2e bench clean-shots \
	npm-ci deb package-test nsis-check

run: setup
	cargo run -p loket-tte

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

test: setup-test fmt-check lint unit e2e

fmt-check:
	cargo fmt --all -- --check

lint: ui-check
	cargo clippy --workspace --all-targets -- -D warnings

# The front end's JSDoc types, checked by TypeScript (pinned in package.json):
# undefined names, wrong imports and misused values fail here, not in the window.
ui-check: npm-ci
	npx --no-install tsc -p ui/tsconfig.json

unit:
	cargo test --workspace --exclude loket-e2e

build:
	cargo build -p loket-tte -p loket-cli

# The end-to-end tests share one display and run one at a time.
e2e: build
	$(XVFB) cargo test -p loket-e2e -- --test-threads=1

test-e2e: setup-test e2e

# The performance figures of the README (release builds; minutes).
bench:
	cargo run --release -p loket-core --example bench_letters
	cargo run --release -p loket-core --example bench_naskah
	cargo run --release -p loket-core --example bench_registry
	cargo run --release -p loket-core --example bench_reports
	cargo run --release -p loket-core --example bench_ams_copy
	cargo run --release -p loket-core --example bench_backup -- $$(mktemp -d) 20000 50

# The Tauri CLI pinned in package.json / package-lock.json.
npm-ci:
	@[ "$$(npx --no-install tauri --version 2>/dev/null)" = "tauri-cli $$(node -p 'require("./package.json").devDependencies["@tauri-apps/cli"]')" ] \
		&& [ "$$(npx --no-install tsc --version 2>/dev/null)" = "Version $$(node -p 'require("./package.json").devDependencies["typescript"]')" ] \
		|| npm ci --no-audit --no-fund --loglevel=error

# Release .deb (with /usr/bin/loket) under target/release/bundle/deb/.
deb: setup npm-ci
	npx --no-install tauri build --ci --bundles deb

# The Windows installer's NSIS pieces, checked against the pinned CLI's template.
nsis-check: setup-test npm-ci
	scripts/nsis-check.sh

# Debug .deb reusing `make build`'s target/; PACKAGE_PROFILE=release for release.
package-test: setup-test npm-ci
	scripts/nsis-check.sh
	scripts/package-test.sh
