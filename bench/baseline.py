"""Start the bare Flask-SocketIO server (bench/baseline_server.py) in a process of its own."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests

from bench.demo_platform import ROOT
from tests.support.live import free_port


@dataclass(frozen=True)
class Baseline:
    url: str
    pid: int


@contextmanager
def running_baseline(store: str | None = None) -> Iterator[Baseline]:
    """Start the bare server on a free port for the block (with `store`, a SQLite file: the second baseline,
    which authenticates from memory and books with one SQL statement); yields its URL and process id."""
    port = free_port()
    extra = ["--store", store] if store else []
    process = subprocess.Popen([sys.executable, "-m", "bench.baseline_server", str(port), *extra], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/api/v1/events", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield Baseline(url, process.pid)
    finally:
        process.terminate()
        process.wait(10)


