"""Kill -9 a process in the middle of saving notes, many times, at random moments.

The child saves notes in a loop and prints each counter only after ``flush``
returned: a printed counter is a note the user was told is safe.  After
every kill the sidecar must load without problems and hold every
acknowledged note (or a later one for the same event).  This is the proof
behind "never a broken file, never more than the last second lost".
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from summit_timeline.core.review_store import ReviewStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

ROUNDS = 30
EVENTS = 200
"""Counters cycle over this many event ids, so the file stays a realistic size."""

CHILD = textwrap.dedent("""
    import sys
    from summit_timeline.core.review_store import ReviewStore

    path, start = sys.argv[1], int(sys.argv[2])
    store = ReviewStore(path)
    problems = store.load()
    if problems:
        print("PROBLEMS", *problems, flush=True)
        sys.exit(3)
    print("ready", flush=True)
    counter = start
    while True:
        event = f"event-{counter % EVENTS}"
        store.set_note("crash", event, f"note {counter} " + "x" * (counter % 700))
        store.set_flag("crash", event, ("checked", "needs_work", "disputed")[counter % 3])
        store.flush()
        print(counter, flush=True)
        counter += 1
""").replace("EVENTS", str(EVENTS))


def _counter(note: str) -> int:
    return int(note.split()[1])


def test_killed_saves_never_break_the_file_or_lose_an_acknowledged_note(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD, "utf-8")
    sidecar = tmp_path / "crash.review.json"
    env = dict(os.environ)
    desktop = str(Path(__file__).resolve().parents[3] / "desktop")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (desktop, env.get("PYTHONPATH")) if p)
    rng = random.Random(20240703)
    acknowledged: dict[str, int] = {}
    next_counter = 0
    kills_mid_run = 0
    for _ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, str(script), str(sidecar), str(next_counter)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        assert first == "ready", first
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()  # everything printed before the kill
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        counters = [int(line) for line in rest.split()]
        kills_mid_run += bool(counters)
        for counter in counters:
            acknowledged[f"event-{counter % EVENTS}"] = counter
        next_counter = (counters[-1] + 1) if counters else next_counter

        store = ReviewStore(sidecar)
        assert store.load() == [], "the sidecar must always load after a kill"
        for event_id, counter in acknowledged.items():
            review = store.get("crash", event_id)
            assert review is not None, f"acknowledged note for {event_id} lost"
            assert _counter(review.note) >= counter, f"{event_id}: older note came back"
    assert not [p for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert kills_mid_run >= ROUNDS // 2, "most kills should land while notes were being saved"
    assert len(acknowledged) > 50


WRITER = textwrap.dedent("""
    import sys
    from summit_timeline.core.review_store import ReviewStore

    path, reviewer, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = ReviewStore(path)
    assert store.load() == []
    for counter in range(count):
        store.set_note(reviewer, f"event-{counter}", f"{reviewer} {counter}")
        store.set_note("shared", "same-event", f"{reviewer} {counter}")
        store.flush()
""")


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    """Each process re-reads and merges under the lock before it writes, so
    neither overwrites notes the other has already saved."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, "utf-8")
    sidecar = tmp_path / "shared.review.json"
    env = dict(os.environ)
    desktop = str(Path(__file__).resolve().parents[3] / "desktop")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (desktop, env.get("PYTHONPATH")) if p)
    count = 150
    writers = [subprocess.Popen([sys.executable, str(script), str(sidecar), name, str(count)],
                                env=env) for name in ("Anna", "Boris")]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    store = ReviewStore(sidecar)
    assert store.load() == []
    for name in ("Anna", "Boris"):
        assert [store.note(name, f"event-{i}") for i in range(count)] == [
            f"{name} {i}" for i in range(count)]
    assert store.note("shared", "same-event").endswith(f" {count - 1}")
