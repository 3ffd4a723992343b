"""The listener the servers use: every accepted connection has TCP_NODELAY (a fact and an ack back to back
would otherwise wait 40 ms for the client's delayed ACK)."""

from __future__ import annotations

import socket

from hackathon.serving import listen


def test_accepted_connections_send_small_frames_at_once():
    listener = listen("127.0.0.1", 0)
    try:
        client = socket.create_connection(listener.getsockname()[:2])
        accepted, _address = listener.accept()
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assert listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) == 1
        accepted.close()
        client.close()
    finally:
        listener.close()
