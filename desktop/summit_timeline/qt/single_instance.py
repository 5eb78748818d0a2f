"""One running copy per user: a second launch hands its files to the first.

    instance = SingleInstance()
    if instance.try_handoff(paths):      # another copy took them
        return 0
    app = QApplication(...)
    instance.listen()                    # become the running copy
    instance.sigFilesReceived.connect(open_them)       # e.g. open the first in the window

The first copy listens on a QLocalServer whose name is private to the user
(a socket in ``$XDG_RUNTIME_DIR`` where there is one, with user-only
access; a per-user pipe name on Windows).  A later copy connects with
QLocalSocket, sends its files (made absolute, since the two copies have
different working directories) and waits for an acknowledgement; only then
does it report success and exit.  With no files the message is empty and
the running copy should just raise its window.  Nothing else is ever
accepted: one length-prefixed JSON message per connection.

Wire format: 4-byte big-endian length, then UTF-8 JSON
``{"v": 1, "paths": [...]}``; the reply is the single byte ``0x06``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import struct
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACK = b"\x06"
MAX_MESSAGE = 1 << 20
_HEADER = struct.Struct(">I")


def server_name(app_id: str = "summit-timeline") -> str:
    """A per-user server name (a full socket path on Unix where possible)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or passwd
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    tag = hashlib.sha256(f"{app_id}\0{user}".encode()).hexdigest()[:16]
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and runtime and os.path.isdir(runtime):
        return str(Path(runtime) / f"{app_id}-{tag}.sock")
    return f"{app_id}-{tag}"


def encode_message(paths: Sequence[str]) -> bytes:
    body = json.dumps({"v": 1, "paths": list(paths)}, ensure_ascii=False).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def decode_message(body: bytes) -> list[str] | None:
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    paths = doc.get("paths") if isinstance(doc, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    return paths


class SingleInstance(QObject):
    """Hand files to a running copy, or become the running copy."""

    sigFilesReceived = Signal(list)  # list[str]: absolute paths, maybe empty

    def __init__(self, name: str | None = None, parent: QObject | None = None,
                 timeout_ms: int = 1500) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.timeout_ms = timeout_ms
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    # -- the second copy -------------------------------------------------
    def may_be_running(self) -> bool:
        """False only when no copy can be listening: the name is a socket path and
        nothing is there.  Lets the first copy skip loading QtNetwork before its
        first frame."""
        if sys.platform == "win32":
            return True
        path = self.name
        if not os.path.isabs(path):  # QLocalServer puts a bare name in QDir::tempPath()
            if sys.platform == "darwin":
                return True
            path = os.path.join(os.environ.get("TMPDIR") or "/tmp", path)
        return os.path.lexists(path)

    def try_handoff(self, paths: Sequence[str]) -> bool:
        """Send ``paths`` to a running copy; True if it acknowledged them.

        Blocking, and safe before any QApplication exists.  False means no
        copy is running (or it did not answer in time): start normally.
        """
        from PySide6.QtNetwork import QLocalSocket  # only when a handoff is attempted

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(self.timeout_ms):
            return False
        absolute = [str(Path(p).expanduser().absolute()) for p in paths]
        socket.write(encode_message(absolute))
        if not socket.waitForBytesWritten(self.timeout_ms):
            socket.abort()
            return False
        reply = b""
        while len(reply) < 1 and socket.waitForReadyRead(self.timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return reply[:1] == ACK

    # -- the running copy ------------------------------------------------
    def listen(self) -> bool:
        """Start accepting handoffs; False if another copy already listens."""
        # QtNetwork loads here, not at import: the app listens after its first frame.
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # serverError() is a QAbstractSocket error: QLocalSocket's own enum has no
            # AddressInUseError, and asking it for one crashed every start beside a live copy.
            if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                return False
            # A live copy answers; a dead one left a stale socket file behind.
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(200):
                probe.abort()
                return False
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) < _HEADER.size:
            return
        (length,) = _HEADER.unpack_from(buffer)
        if length > MAX_MESSAGE:
            self._drop(socket)
            socket.abort()
            return
        if len(buffer) < _HEADER.size + length:
            return
        paths = decode_message(bytes(buffer[_HEADER.size:_HEADER.size + length]))
        self._buffers.pop(socket, None)
        if paths is None:
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.sigFilesReceived.emit(paths)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
