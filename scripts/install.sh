#!/bin/sh
# Builds wenti in release mode and installs it with its shell completions and man page.
#   scripts/install.sh                 # into /usr/local
#   PREFIX=$HOME/.local scripts/install.sh
# The binary carries its seeds and templates, so it runs from anywhere once installed. It
# links the Swift runtime dynamically; for a machine without Swift, build with
# SWIFT_FLAGS=--static-swift-stdlib.
set -eu
PREFIX=${PREFIX:-/usr/local}
cd "$(dirname "$0")/.."
swift build -c release ${SWIFT_FLAGS:-}
BIN=.build/release/wenti
install -d "$PREFIX/bin" "$PREFIX/share/man/man1" \
    "$PREFIX/share/bash-completion/completions" "$PREFIX/share/zsh/site-functions" "$PREFIX/share/fish/vendor_completions.d"
install "$BIN" "$PREFIX/bin/wenti"
"$BIN" --generate-completion-script bash > "$PREFIX/share/bash-completion/completions/wenti"
"$BIN" --generate-completion-script zsh > "$PREFIX/share/zsh/site-functions/_wenti"
"$BIN" --generate-completion-script fish > "$PREFIX/share/fish/vendor_completions.d/wenti.fish"
"$BIN" manual > "$PREFIX/share/man/man1/wenti.1"
echo "installed $PREFIX/bin/wenti, its completions (bash, zsh, fish) and man page (man wenti)"
