"""Tracebacks stay in the log: eventlet's server sends none to the client, and logs the failures it sees."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import requests

from tests.support.live import ROOT, free_port

SERVER = textwrap.dedent("""
    import eventlet
    eventlet.monkey_patch()
    import sys
    from flask import Flask, Response
    from hackathon.serving import eventlet_options, listen
    import eventlet.wsgi

    app = Flask("failing")
    app.config["MAX_CONNECTIONS"] = 100

    @app.get("/stream")
    def stream():
        def rows():
            yield "first row\\n"
            raise RuntimeError("secret detail of the failure")
        return Response(rows(), mimetype="text/csv")

    @app.get("/first")
    def first():
        def rows():
            raise RuntimeError("secret detail before the first row")
            yield ""
        return Response(rows(), mimetype="text/csv")

    @app.get("/ok")
    def ok():
        return "fine"

    eventlet.wsgi.server(listen("127.0.0.1", int(sys.argv[1])), app, **eventlet_options(app))
""")


def test_a_failing_streamed_response_sends_no_traceback_and_is_logged(tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], cwd=ROOT, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                assert requests.get(f"http://127.0.0.1:{port}/ok", timeout=2).text == "fine"
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        try:
            received = requests.get(f"http://127.0.0.1:{port}/stream", timeout=5).content
        except requests.exceptions.ChunkedEncodingError as error:  # the server cut the response short
            received = str(error).encode()
        assert b"Traceback" not in received and b"secret detail" not in received
        first = requests.get(f"http://127.0.0.1:{port}/first", timeout=5)
        assert first.status_code == 500 and b"Traceback" not in first.content and b"secret" not in first.content
        time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = log.read_text()
    assert "A response failed after it started" in text and "secret detail of the failure" in text
    assert "secret detail before the first row" in text
    assert "GET /ok" not in text  # no access log
