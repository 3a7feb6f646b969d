# Shared by the scripts (source it): where the bitext binary is, and timing a command.

# BITEXT: the release binary, as the Makefile passes it, else where cargo puts it
# (CARGO_TARGET_DIR and build.target-dir move it), as an absolute path.
if [ -z "${BITEXT:-}" ]; then
  BITEXT_TARGET=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  BITEXT=${BITEXT_TARGET:-target}/release/bitext
fi
BITEXT=$(realpath "$BITEXT")

# timed CMD...: runs CMD with its output as it is; sets SECS (wall time), MB (peak memory)
# and RC (exit status), and never stops a `set -e` script.
timed() {
  local f; f=$(mktemp)
  set +e
  /usr/bin/time -f "%e %M" -o "$f" "$@"
  RC=$?
  set -e
  local kb
  read -r SECS kb < <(tail -1 "$f")
  MB=$((kb / 1024))
  rm -f "$f"
}
