"""The command line as a user runs it: exit codes and one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from summit_timeline import __version__
from summit_timeline.resources import default_dataset


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summit_timeline", *args], capture_output=True,
                          text=True, timeout=120)


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_validate_good_and_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.timeline.json"
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][3]["when"] = "2024-13-01"
    bad.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    good = run("validate", str(default_dataset()))
    assert good.returncode == 0, good.stdout + good.stderr
    assert "valid, 69 events" in good.stdout
    done = run("validate", str(default_dataset()), str(bad))
    assert done.returncode == 1
    problem_lines = [line for line in done.stdout.splitlines() if line.startswith(str(bad))]
    assert len(problem_lines) == 1
    assert ":$.events[3].when" not in problem_lines[0]
    assert "$.events[3].when: '2024-13-01' is not a valid EDTF date" in problem_lines[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_validate_never_shows_a_traceback_on_garbage(tmp_path: Path) -> None:
    junk = tmp_path / "junk.timeline.json"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    done = run("validate", str(junk), str(tmp_path / "missing.json"))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert len(done.stdout.strip().splitlines()) == 2


def test_window_without_a_display_says_so_plainly() -> None:
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "summit_timeline"], capture_output=True,
                          text=True, timeout=60, env=env)
    if not sys.platform.startswith("linux"):
        return
    assert done.returncode == 1
    assert "no display" in done.stderr and "Traceback" not in done.stderr


def test_validate_strict_passes_the_bundled_file_and_fails_a_leak(tmp_path: Path) -> None:
    done = run("validate", "--strict", str(default_dataset()))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid under the strict rules, 69 events" in done.stdout
    leak = tmp_path / "leak.timeline.json"
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["sources"][0]["date"] = "2023-04"
    leak.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    assert run("validate", str(leak)).returncode == 0
    strict = run("validate", "--strict", str(leak))
    assert strict.returncode == 1 and "Traceback" not in strict.stdout + strict.stderr
    assert f"{leak}:" in strict.stdout and "$.sources[0].date: '2023-04' is not one day" \
        in strict.stdout
def test_bench_startup_times_an_installed_launcher_against_the_floor(tmp_path: Path) -> None:
    # This very environment's launcher stands in for an installed copy.
    launcher = Path(sys.executable).parent / "summit-timeline"
    done = run("bench-startup", "--runs", "1", "--no-evict", "--variants", "floor",
               "--launcher", f"installed={launcher}", "--launcher", f"gone={tmp_path / 'none'}")
    results = {r["variant"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert results["floor"]["warm_s"] > 0 and results["installed"]["warm_s"] > 0
    assert "error" in results["gone"]
    assert done.returncode == 1  # a launcher asked for by name that cannot run fails the bench


def start_window(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The window offscreen, in a scratch home, quitting once it has painted its timeline.

    With nobody to click, a modal box would hold the start until the time limit."""
    import os

    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "share"),
           "XDG_RUNTIME_DIR": str(runtime), "SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME": "1"}
    return subprocess.run([sys.executable, "-m", "summit_timeline", *args],
                          capture_output=True, text=True, timeout=60, env=env)


def test_a_bad_knowledge_date_for_the_window_is_said_without_stopping_the_start(
        tmp_path: Path) -> None:
    done = start_window(tmp_path, "--as-of", "23/10/2024")
    assert done.returncode == 0, done.stderr
    assert "summit-timeline: first frame" in done.stdout, "the timeline was shown"
    assert "summit-timeline: --as-of: " in done.stderr
    assert "Did you mean 2024-10-23?" in done.stderr


def test_an_unknown_view_for_the_window_is_said_without_stopping_the_start(
        tmp_path: Path) -> None:
    done = start_window(tmp_path, "--view", "2019")
    assert done.returncode == 0, done.stderr
    assert "summit-timeline: first frame" in done.stdout
    assert "summit-timeline: --view: " in done.stderr and "no view '2019'" in done.stderr


def test_validate_warns_of_pictures_that_would_show_as_placeholders(tmp_path: Path) -> None:
    media = Path(__file__).parent / "data" / "media"
    (tmp_path / "flag.png").write_bytes((media / "flag-64x48.png").read_bytes())
    whole = (media / "flag-64x48.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    doc["events"][0]["media"] = [{"file": "flag.png", "alt": "A flag"}]
    doc["events"][1]["media"] = [{"file": "pictures/gone.png"}]
    doc["events"][2]["media"] = [{"file": "cut.jpg"}]
    path = tmp_path / "meetings.timeline.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    done = run("validate", str(path))
    assert done.returncode == 0, "a placeholder is shown, so the file is still valid"
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 3, lines
    gone, cut, verdict = lines
    assert gone.startswith(f"{path}:") and ": warning: $.events[1].media[0].file: " in gone
    assert "'pictures/gone.png' was not found" in gone
    assert ": warning: $.events[2].media[0].file: " in cut and "cut short" in cut
    assert int(cut.split(":")[1]) > int(gone.split(":")[1]) > 0, "in file order, with lines"
    assert verdict == f"{path}: valid, 69 events"


def test_the_zoom_sweep_runs_as_the_readme_gives_it_with_no_display() -> None:
    """``summit-timeline bench --only sweep`` on a server: Qt is told to draw offscreen,
    as for ``export``, instead of aborting for want of a display."""
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "summit_timeline", "bench", "--only", "sweep",
                           "--sizes", "200"], capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout.strip().splitlines()[-1])
    assert line["bench"] == "frame_sweep" and line["events"] == 200
