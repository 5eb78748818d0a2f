"""Single instance: a second process hands its files to the first and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SERVER = r"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from summit_timeline.qt.single_instance import SingleInstance

app = QCoreApplication(sys.argv)
instance = SingleInstance(sys.argv[1])
if not instance.listen():
    print("LISTEN-FAILED", flush=True)
    sys.exit(3)
got = []

def received(paths):
    got.append(paths)
    print("RECEIVED " + "|".join(paths), flush=True)
    if len(got) == 2:
        QTimer.singleShot(0, app.quit)

instance.sigFilesReceived.connect(received)
print("READY", flush=True)
QTimer.singleShot(20000, app.quit)
app.exec()
"""

CLIENT = r"""
import sys
from summit_timeline.qt.single_instance import SingleInstance

sys.exit(0 if SingleInstance(sys.argv[1]).try_handoff(sys.argv[2:]) else 1)
"""


def _name(tmp_path: Path) -> str:
    return str(tmp_path / "si.sock") if os.name != "nt" else f"summit-timeline-test-{os.getpid()}"


def _client(name: str, *paths: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLIENT, name, *paths], capture_output=True,
                          text=True, timeout=30, cwd=cwd)


def test_second_process_hands_off_and_exits(tmp_path: Path) -> None:
    name = _name(tmp_path)
    assert _client(name, "x.timeline.json", cwd=tmp_path).returncode == 1  # nobody listening
    server = subprocess.Popen([sys.executable, "-c", SERVER, name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "READY"
        work = tmp_path / "work dir"
        work.mkdir()
        first = _client(name, "a.timeline.json", str(tmp_path / "b c.timeline.json"), cwd=work)
        assert first.returncode == 0, first.stderr
        second = _client(name, cwd=work)  # no files: "raise your window"
        assert second.returncode == 0, second.stderr
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    lines = [line.rstrip() for line in out.strip().splitlines()]
    assert lines == [f"RECEIVED {work / 'a.timeline.json'}|{tmp_path / 'b c.timeline.json'}",
                     "RECEIVED"], err
    assert server.returncode == 0


def test_stale_socket_from_a_crashed_copy_is_replaced(tmp_path: Path) -> None:
    name = _name(tmp_path)
    if os.name != "nt":
        Path(name).write_bytes(b"")  # a leftover file where the socket goes
    server = subprocess.Popen([sys.executable, "-c", SERVER, name], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "READY"
        start = time.monotonic()
        assert _client(name, "z.timeline.json", cwd=tmp_path).returncode == 0
        assert time.monotonic() - start < 10
    finally:
        server.kill()
        server.wait()
