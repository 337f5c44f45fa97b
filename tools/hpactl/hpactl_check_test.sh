#!/bin/bash
# `hpactl evaluate --check` over every file of testdata/scenarios must pass;
# broken files must be rejected with exit status 2 and the offending field's
# path; unmet expectations must fail with exit status 1.
#
# Usage: hpactl_check_test.sh PATH_TO_HPACTL (run from the runfiles root).
set -u

hpactl="$1"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run NAME ARGS...: runs hpactl, leaving stdout, stderr and the status in
# $out, $err and $rc.
run() {
  "$hpactl" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  out="$(cat "$tmp/out")"
  err="$(cat "$tmp/err")"
}

last_line() { printf '%s\n' "$1" | tail -n 1; }

# --- every scenario file passes -------------------------------------------------
mapfile -t files < <(find -L testdata/scenarios -type f \( -name '*.json' -o -name '*.yaml' \) | sort)
if [ "${#files[@]}" -eq 0 ]; then
  fail "no scenario files under testdata/scenarios"
fi
run evaluate --check "${files[@]}"
if [ "$rc" -ne 0 ]; then
  fail "check over ${#files[@]} files exited $rc; failures:"
  printf '%s\n' "$out" | grep '^FAIL' | head -n 50 >&2
  printf '%s\n' "$err" | head -n 20 >&2
fi
summary="$(last_line "$out")"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ 0\ failed$ ]]; then
  passed="${BASH_REMATCH[1]}"
  oks="$(printf '%s\n' "$out" | grep -c '^ok ')"
  [ "$passed" -gt 0 ] || fail "no scenario passed"
  [ "$oks" -eq "$passed" ] || fail "$oks ok lines for $passed passed scenarios"
else
  fail "last line of the check is \"$summary\", want \"N passed, 0 failed\""
fi

# --- files that must not decode ------------------------------------------------
expect_rejected() {
  local file="testdata/bad-scenarios/$1" want="$2"
  run evaluate --check "$file"
  [ "$rc" -eq 2 ] || fail "$file: exit status $rc, want 2"
  case "$err" in
    *"hpactl: $file: "*"$want"*) ;;
    *) fail "$file: stderr \"$err\" lacks \"hpactl: $file: ...$want\"" ;;
  esac
  [ "$(last_line "$out")" = "0 passed, 0 failed" ] || fail "$file: summary \"$(last_line "$out")\""
}
expect_rejected unknown-pod-field.json "scenarios[1].pods[0].redy: unknown field"
expect_rejected replicas-not-integer.json 'scale.replicas: expected an integer, got "three"'
expect_rejected missing-now.json "now: required"
expect_rejected unknown-hpa-field.json "hpa.spec.minReplica: unknown field"

run evaluate --check testdata/bad-scenarios/does-not-exist.json
[ "$rc" -eq 2 ] || fail "missing file: exit status $rc, want 2"
case "$err" in
  *"hpactl: testdata/bad-scenarios/does-not-exist.json: cannot open"*) ;;
  *) fail "missing file: stderr \"$err\"" ;;
esac

# A bad file among good ones: the good ones are still checked, the status is 2.
run evaluate --check testdata/scenarios/spec/basic.json testdata/bad-scenarios/missing-now.json
[ "$rc" -eq 2 ] || fail "good and bad files: exit status $rc, want 2"
[ "$(last_line "$out")" = "4 passed, 0 failed" ] ||
  fail "good and bad files: summary \"$(last_line "$out")\""

# --- unmet expectations --------------------------------------------------------
run evaluate --check testdata/bad-scenarios/unmet-expectation.json
[ "$rc" -eq 1 ] || fail "unmet expectation: exit status $rc, want 1"
printf '%s\n' "$out" | grep -Eq '^FAIL unmet-expectation: desiredReplicas: want 99 got [0-9]+$' ||
  fail "unmet expectation: no desiredReplicas FAIL line in \"$out\""
printf '%s\n' "$out" | grep -Fqx 'FAIL unmet-expectation: desiredReplica: want 5 got "unknown expect key"' ||
  fail "unmet expectation: no unknown-key FAIL line in \"$out\""
[ "$(last_line "$out")" = "0 passed, 1 failed" ] ||
  fail "unmet expectation: summary \"$(last_line "$out")\""

# --- plain output: one compact JSON object per scenario per line ---------------
"$hpactl" evaluate - <testdata/scenarios/spec/basic.json >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "evaluate from stdin: exit status $rc: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq 4 ] || fail "evaluate from stdin: $(wc -l <"$tmp/out") lines, want 4"
grep -q '"name":"scale-down-with-empty-memory"' "$tmp/out" ||
  fail "evaluate from stdin: no result named scale-down-with-empty-memory"
if grep -qv '^{.*}$' "$tmp/out"; then
  fail "evaluate from stdin: a line is not a JSON object"
fi

# --- --explain -----------------------------------------------------------------
run evaluate --explain testdata/scenarios/spec/basic.json
[ "$rc" -eq 0 ] || fail "--explain: exit status $rc"
case "$out" in
  *"scenario cpu-utilization-scale-up"*"result: 5 replicas"*) ;;
  *) fail "--explain: output lacks the scenario and its decision: \"$out\"" ;;
esac

# --- usage ---------------------------------------------------------------------
run
[ "$rc" -eq 2 ] || fail "no arguments: exit status $rc, want 2"
case "$err" in *"usage: hpactl"*) ;; *) fail "no arguments: no usage on stderr" ;; esac
run help
[ "$rc" -eq 0 ] || fail "help: exit status $rc, want 0"
case "$out" in *"evaluate"*) ;; *) fail "help: evaluate not listed" ;; esac
run evaluate
[ "$rc" -eq 2 ] || fail "evaluate without files: exit status $rc, want 2"
case "$err" in *"no scenario files given"*) ;; *) fail "evaluate without files: \"$err\"" ;; esac
run evaluate --bogus testdata/scenarios/spec/basic.json
[ "$rc" -eq 2 ] || fail "unknown flag: exit status $rc, want 2"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "PASS"
