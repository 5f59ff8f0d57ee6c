"""pouchdb-server (npm, in memory) on a free loopback port: the team's sync server for the sync
tests and for scripts/bench_workspace.py, allowing a test site's pages to call it (CORS)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "node_modules" / "pouchdb-server" / "bin" / "pouchdb-server"
CORS = [("httpd/enable_cors", "true"), ("cors/origins", "*"), ("cors/credentials", "true"),
        ("cors/methods", "GET, PUT, POST, HEAD, DELETE"),
        ("cors/headers", "accept, authorization, content-type, origin, referer")]


def call(url: str, method: str = "GET", body: object = None) -> object:
    """The server's JSON answer to one request."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read() or b"null")


@contextmanager
def pouchdb_server(folder: Path) -> Iterator[str]:
    """The server's address while it runs; it writes its config and log in `folder`."""
    assert SERVER.is_file(), f"{SERVER} is missing: run scripts/setup-test-tools.sh (it runs npm ci)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([shutil.which("node"), str(SERVER), "--in-memory", "--host", "127.0.0.1", "--port", str(port)],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        # Node starts pouchdb-server in about 2 s on a quiet machine; on a busy one it can take far
        # longer, so wait up to a minute, and stop waiting at once if the server has exited.
        deadline = time.monotonic() + 60
        while True:
            try:
                call(url)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"pouchdb-server did not start on {url} (exit status {process.poll()}); "
                                       f"run scripts/setup-test-tools.sh, then `node {SERVER}` to see why") from None
                time.sleep(0.1)
        for key, value in CORS:
            call(f"{url}/_config/{key}", "PUT", value)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
