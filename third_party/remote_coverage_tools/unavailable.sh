#!/bin/sh
echo "bazel coverage is not available offline; build with --copt=--coverage and run lcov" >&2
exit 1
