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


def test_a_client_that_left_mid_answer_is_no_error_in_the_log(caplog):
    import logging

    from hackathon.serving import WsgiLog

    log = WsgiLog(logging.getLogger("wsgi-test"))
    with caplog.at_level(logging.INFO, logger="wsgi-test"):
        log.info("Traceback (most recent call last):\n  File ...\nBrokenPipeError: [Errno 32] Broken pipe\n")
        log.info("Traceback (most recent call last):\n  File ...\nRuntimeError: the rows failed\n")
    levels = [(record.levelname, record.getMessage().splitlines()[0]) for record in caplog.records]
    assert levels == [("INFO", "A client left before its response was written (BrokenPipeError: [Errno 32] "
                               "Broken pipe)"), ("ERROR", "A response failed after it started:")]
