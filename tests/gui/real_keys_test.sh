#!/bin/bash
# The editor with real key events: the app runs under Xvfb (xvfb-run) and xdotool types
# into it as a keyboard would. Lesson 01 is copied to a scratch folder; child B's sleep is
# changed to 5 by typing in the Python view and saved with Ctrl+S; then C's to 7, and the
# app is killed (-9) before saving; started again, it offers the edits back (Enter
# recovers them) and Ctrl+S writes them.
#   usage: real_keys_test.sh TRIOSCOPE LESSONS_DIR   (run under xvfb-run)
set -u
BIN=$1
LESSONS=$2
W=1440 H=900
tmp=$(mktemp -d)
trap 'kill -9 $APP 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v xdotool >/dev/null || fail "xdotool is missing (apt-get install xdotool)"
cp "$LESSONS/01_first_nursery.json" "$tmp/lesson.json"
export LIBGL_ALWAYS_SOFTWARE=1 TRIOSCOPE_CONFIG=none TRIOSCOPE_STATE_DIR="$tmp/state" TRIOSCOPE_FILE_DIALOG=builtin
mkdir -p "$tmp/state"

# Where the code editor is in a window of this size: the same layout, drawn once.
"$BIN" --screenshot "$tmp/layout.png" --step 0 --size ${W}x$H --report "$tmp/layout.json" "$tmp/lesson.json" ||
  fail "the layout screenshot"
read -r X Y < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['panels']['editor']; print(int((r[0]+r[2])/2), int((r[1]+r[3])/2))" "$tmp/layout.json")

start_app() {
  "$BIN" "$tmp/lesson.json" >"$tmp/app.log" 2>&1 &
  APP=$!
  WIN=""
  for _ in $(seq 100); do
    WIN=$(xdotool search --pid $APP --name 'trioscope' 2>/dev/null | tail -1)
    [ -n "$WIN" ] && break
    sleep 0.1
  done
  [ -n "$WIN" ] || fail "the window did not appear: $(cat "$tmp/app.log")"
  sleep 1.5
}
keys() { xdotool key --delay 60 "$@"; sleep 0.3; }
typed() { xdotool type --delay 60 "$1"; sleep 0.3; }
# Line N of the Python view, the cursor at its end.
go_to_line() {
  xdotool mousemove $X $Y click 1
  sleep 0.3
  keys ctrl+g
  typed "$1"
  keys Return End
}

start_app
go_to_line 19          # nursery.start_soon(child, "B", 1)
keys Left BackSpace
typed 5
sleep 1                # the pause: the lesson is read again
keys ctrl+s
sleep 1
grep -q '"B", 5' "$tmp/lesson.json" || fail "Ctrl+S did not write B's 5 s: $(grep -n start_soon "$tmp/lesson.json")"
echo "ok: typed and saved: $(grep -o '\["B", [0-9]*\]' "$tmp/lesson.json")"

go_to_line 20          # nursery.start_soon(child, "C", 2)
keys Left BackSpace
typed 7
sleep 4                # an autosave (every 2.5 s)
[ -n "$(ls -A "$tmp/state/autosave" 2>/dev/null)" ] || fail "no autosave in $tmp/state/autosave"
kill -9 $APP
wait $APP 2>/dev/null
grep -q '"C", 7' "$tmp/lesson.json" && fail "the file has an edit that was never saved"
echo "ok: killed with C's 7 s unsaved"

start_app
[ -n "${SHOTS:-}" ] && import -window root "$SHOTS/recovery.png"
keys Return            # Recover
sleep 1
keys ctrl+s
sleep 1
grep -q '"C", 7' "$tmp/lesson.json" || fail "the edit did not come back: $(grep -n start_soon "$tmp/lesson.json")"
grep -q '"B", 5' "$tmp/lesson.json" || fail "B's 5 s was lost"
echo "ok: recovered after kill -9 and saved"
kill $APP
exit 0
