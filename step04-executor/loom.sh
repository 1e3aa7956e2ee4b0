#!/bin/sh
# Runs the executor's loom model tests (src/loom_tests.rs): the task's
# flags and the executor's wake paths under every interleaving of their
# threads. The models are small enough to explore exhaustively (a fraction
# of a second); for a bigger one, bound the search with, for example,
# LOOM_MAX_PREEMPTIONS=2 (at most two forced thread switches per run).
#
# `--cfg step04_loom` makes src/sync.rs hand the task and the executor
# loom's atomics, mutexes, parking and thread-locals. The build has its own
# target folder, so that it does not invalidate the normal one. It is not
# optimised: the models take a fraction of a second even so, and a debug
# build of the dependencies costs half the CPU time of a release one.
#
# Usage: step04-executor/loom.sh [test name filter]
set -eu
cd "$(dirname "$0")/.."
export RUSTFLAGS="--cfg step04_loom"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/loom"
exec cargo test --locked -p step04-executor --lib loom_tests -- "$@"
