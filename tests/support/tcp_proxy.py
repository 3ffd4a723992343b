"""A TCP proxy the test controls, in front of a server it must not touch (the machine's PostgreSQL).

`stop()` is the server going away (every connection reset, new ones refused); `hang()` is the server hanging
(connections stay open, bytes stop flowing, new connections are accepted and left waiting); `heal()` puts it
back. The worker under test connects to `port` instead of the real server.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress

from tests.support.live import free_port


class TcpProxy:
    """Forward 127.0.0.1:`port` to `target`, with faults on demand."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.mode = "pass"  # pass | hang | stopped
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._flowing = threading.Event()
        self._flowing.set()
        self._listener: socket.socket | None = None
        self._closed = False

    def start(self) -> TcpProxy:
        self._open_listener()
        return self

    def _open_listener(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                self._flowing.wait()  # hung: hold the bytes until healed
                if self.mode == "stopped":
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                with suppress(OSError):
                    end.close()

    def hang(self) -> None:
        """Connections stay open and silent; new ones are accepted and get no answer."""
        self.mode = "hang"
        self._flowing.clear()

    def stop(self) -> None:
        """Every connection reset, new ones refused (the server is down)."""
        self.mode = "stopped"
        if self._listener is not None:
            with suppress(OSError):
                self._listener.close()
            self._listener = None
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for end in pair:
                with suppress(OSError):
                    end.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                with suppress(OSError):
                    end.close()
        self._flowing.set()

    def heal(self) -> None:
        """Back to normal: bytes flow, new connections are accepted."""
        was = self.mode
        self.mode = "pass"
        self._flowing.set()
        if was == "stopped" or self._listener is None:
            self._open_listener()

    def close(self) -> None:
        self.stop()
