"""Start N single-process workers on PostgreSQL and Redis behind nginx, on one machine.

    python -m bench.cluster --workers 4 --port 8080     # `make cluster`

Each worker is `python app.py` on its own port with the same SECRET_KEY, DATABASE_URL and
SOCKETIO_MESSAGE_QUEUE; nginx (Debian's package) balances them with sticky sessions. Ctrl-C stops all.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "docs" / "deploy" / "nginx.conf"


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in the URL if it does not exist."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    conn = psycopg2.connect(admin.replace("postgresql+psycopg2://", "postgresql://"))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


class Cluster:
    """N workers plus nginx; `url` is nginx's, `worker_urls` each worker's."""

    def __init__(self, workers: int, port: int, database_url: str, queue: str, *, base_port: int = 5101,
                 env: dict | None = None, nginx: bool = True, log_dir: Path | None = None) -> None:
        self.workers = workers
        self.port = port
        self.ports = [base_port + i for i in range(workers)]
        self.url = f"http://127.0.0.1:{port}"
        self.worker_urls = [f"http://127.0.0.1:{p}" for p in self.ports]
        self.nginx = nginx and shutil.which("nginx") is not None
        self.log_dir = log_dir or Path(tempfile.mkdtemp(prefix="cluster-"))
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SOCKETIO_MESSAGE_QUEUE": queue,
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(32),
            "INSTANCE_PATH": str(self.log_dir / "instance"),
            "PUBLIC_URL": self.url,
            **({"TRUSTED_PROXIES": "1"} if self.nginx else {}),  # the client's address comes from nginx
            **(env or {}),
        }
        self.processes: list[subprocess.Popen] = []

    def migrate(self) -> None:
        subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=self.env,
                       check=True)

    def start(self) -> Cluster:
        for port in self.ports:
            log = open(self.log_dir / f"worker-{port}.log", "ab")  # noqa: SIM115 - kept open for the worker's life
            self.processes.append(subprocess.Popen([sys.executable, "app.py"], cwd=ROOT,
                                                   env={**self.env, "PORT": str(port)}, stdout=log,
                                                   stderr=subprocess.STDOUT))
        for url in self.worker_urls:
            self._wait(url)
        if self.nginx:
            self._start_nginx()
            self._wait(self.url)
        return self

    def _start_nginx(self) -> None:
        prefix = self.log_dir / "nginx"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        site = NGINX_TEMPLATE.read_text()
        site = site.replace("{{WORKERS}}", "\n    ".join(f"server 127.0.0.1:{p};" for p in self.ports))
        site = site.replace("{{LISTEN}}", f"127.0.0.1:{self.port}").replace("{{STATIC}}", str(ROOT / "static"))
        site = site.replace("{{SERVER_NAME}}", "127.0.0.1 localhost")
        conf = prefix / "nginx.conf"
        conf.write_text(
            "worker_processes 1;\npid nginx.pid;\nerror_log logs/error.log;\n"
            "events { worker_connections 16384; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n"
            f"  client_body_temp_path {prefix / 'tmp'};\n  proxy_temp_path {prefix / 'tmp'};\n" + site + "\n}\n"
        )
        (prefix / "tmp").mkdir(exist_ok=True)
        self.processes.append(subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"]))

    @staticmethod
    def _wait(url: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/api/v1/events", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{url} did not answer")

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("worker-*.log")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", 4)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL",
                                                                 "postgresql://127.0.0.1:5432/hackathon_cluster"))
    parser.add_argument("--queue", default=os.environ.get("SOCKETIO_MESSAGE_QUEUE", "redis://127.0.0.1:6379/0"))
    args = parser.parse_args()
    ensure_database(args.database_url)
    cluster = Cluster(args.workers, args.port, args.database_url, args.queue, log_dir=ROOT / "instance" / "cluster")
    cluster.migrate()
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "demo", "seed", "--if-empty"], cwd=ROOT,
                   env=cluster.env, check=True)
    cluster.start()
    print(f"{args.workers} workers behind nginx on {cluster.url} (logs in {cluster.log_dir}); Ctrl-C stops them.")
    try:
        while all(p.poll() is None for p in cluster.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
