#!/usr/bin/env bash
# CPU cost of the app in a real window (issue #12): for each renderer, the CPU time of the
# whole process (all threads: utime + stime from /proc/PID/stat) over
#   (a) 150 mouse moves over the side panel (frames where only the panel may change),
#   (b) 150 drag steps of 8 px along a circle on the map (pan),
#   (c) 150 mouse-wheel steps on the map (zoom, in and out by turns of 10),
# and the time from launch to the first frame on screen (--measure-startup, 5 runs, median).
#
# Usage: tools/measure/cpu_cost.sh [BINARY] (default target/release/storyroute; build it with
# `cargo build --release`). Needs Xvfb and xdotool. RENDERERS="software gpu" by default;
# STEP_DELAY_software / STEP_DELAY_gpu: seconds between two steps (long enough that each step
# is its own frame: 0.05 and 0.4 by default). DISPLAY_NUMBER: the Xvfb display (default 97).
# Settings are kept in a fresh temporary folder (XDG_DATA_HOME), never the user's.
set -euo pipefail

BINARY=${1:-target/release/storyroute}
RENDERERS=${RENDERERS:-software gpu}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-97}
STEPS=150
TICKS=$(getconf CLK_TCK)

[ -x "$BINARY" ] || { echo "no binary at $BINARY (cargo build --release)" >&2; exit 1; }
command -v Xvfb >/dev/null && command -v xdotool >/dev/null \
  || { echo "needs Xvfb and xdotool" >&2; exit 1; }

WORK=$(mktemp -d)
export XDG_DATA_HOME="$WORK/data"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB=$!
APP=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  kill "$XVFB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export DISPLAY=":$DISPLAY_NUMBER"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

# CPU time of process $1 so far, in milliseconds.
cpu_ms() { awk -v t="$TICKS" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }

# Frames the app has drawn so far (the software renderer logs each at trace level; the GPU
# path logs none, so its count stays 0).
frames() { grep -c 'software frame' "$WORK/app.log" || true; }

# Run "$@" $STEPS times (given the step number), print CPU ms a step and the wall time, and
# CPU ms a frame where frames are counted (a step may cause more than one frame: egui
# animates a hover for a few frames).
measure() {
  local name=$1 delay=$2; shift 2
  local before after start end frames_before frames_after
  before=$(cpu_ms "$APP"); start=$(date +%s.%N); frames_before=$(frames)
  for i in $(seq 0 $((STEPS - 1))); do "$@" "$i"; sleep "$delay"; done
  sleep 0.5
  after=$(cpu_ms "$APP"); end=$(date +%s.%N); frames_after=$(frames)
  awk -v n="$name" -v b="$before" -v a="$after" -v s="$start" -v e="$end" -v k="$STEPS" \
    -v f="$((frames_after - frames_before))" \
    'BEGIN { printf "  %-22s %7.1f ms CPU a step  (%d ms CPU in all, %.1f s wall)", n, (a - b) / k, a - b, e - s;
             if (f > 0) printf "; %d frames, %.1f ms CPU a frame", f, (a - b) / f;
             printf "\n" }'
}

hover() { # over the side panel's text, moving down and up
  local y=$((140 + ($1 % 30) * 12)); xdotool mousemove 120 "$y"
}
drag() { # 8 px steps on a circle of 150 steps (radius 191 px) around the map's middle
  awk -v i="$1" 'BEGIN { r = 191; a = 2 * 3.14159265 * i / 150;
    printf "%d %d\n", 800 + r * cos(a), 430 + r * sin(a) }' | xargs xdotool mousemove
}
wheel() { # 10 in, 10 out, by turns
  if [ $(( ($1 / 10) % 2 )) -eq 0 ]; then xdotool click 4; else xdotool click 5; fi
}

for renderer in $RENDERERS; do
  delay_var="STEP_DELAY_$renderer"; delay=${!delay_var:-}
  [ -n "$delay" ] || { [ "$renderer" = gpu ] && delay=0.4 || delay=0.05; }
  echo "renderer $renderer (1280x800, $STEPS steps each, $delay s between steps)"
  starts=()
  for _ in 1 2 3 4 5; do
    ms=$("$BINARY" --renderer "$renderer" --measure-startup 2>/dev/null \
      | sed -n 's/^first frame on screen \([0-9]*\) ms.*/\1/p')
    starts+=("${ms:-NaN}")
  done
  median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
  echo "  launch to first frame  $median ms median (runs: ${starts[*]})"

  RUST_LOG=storyroute::app::software_window=trace \
    "$BINARY" --renderer "$renderer" >"$WORK/app.log" 2>&1 &
  APP=$!
  xdotool search --sync --onlyvisible --name 'storyroute$' >/dev/null  # the title ends with the app's name
  xdotool mousemove 640 400; sleep 3
  measure "(a) panel hover" "$delay" hover
  xdotool mousemove 800 430; sleep 0.5
  xdotool mousemove 991 430 mousedown 1; sleep 0.3
  measure "(b) pan (drag) step" "$delay" drag
  xdotool mouseup 1; sleep 1
  xdotool mousemove 800 430; sleep 0.5
  measure "(c) zoom (wheel) step" "$delay" wheel
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
done
