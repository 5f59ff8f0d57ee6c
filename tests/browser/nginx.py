"""Debian's nginx serving built sites the way a real host would, with the configuration the build
ships (nginx-handbook.conf), included in a minimal server of our own on a free loopback port.

The site is published under a sub-path through a symbolic link, so a test can publish another
build "in place" by pointing the link elsewhere and reloading nginx, as a deployment would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


class Nginx:
    """nginx serving `site` at http://127.0.0.1:<port><base>, until stop()."""

    def __init__(self, work: Path, site: Path, base: str = "/handbook/") -> None:
        assert Path(NGINX).exists(), "Debian's nginx is not installed: run scripts/setup-test-tools.sh"
        self.work, self.base = work, base
        self.webroot = work / "www"
        self.link = self.webroot / base.strip("/") if base.strip("/") else self.webroot   # at the root, www is the link
        self.link.parent.mkdir(parents=True, exist_ok=True)
        self.link.symlink_to(site.resolve(), target_is_directory=True)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}{base}"
        conf = work / "nginx.conf"
        user = "user root;\n" if os.geteuid() == 0 else ""   # workers may read the test's private folders
        conf.write_text(f"""{user}worker_processes 1;
error_log {work}/error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {work}/access.log;
    server {{
        listen 127.0.0.1:{self.port};
        root {self.webroot};
        include {self.link}/nginx-handbook.conf;
    }}
}}
""")
        self.process = subprocess.Popen([NGINX, "-e", str(work / "error.log"), "-c", str(conf), "-p", str(work),
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_until_serving()

    def publish(self, site: Path) -> None:
        """Replace the published site with `site` in one step, and reload nginx's configuration."""
        new_link = self.link.with_name(self.link.name + ".new")
        new_link.symlink_to(site.resolve(), target_is_directory=True)
        new_link.replace(self.link)
        self.process.send_signal(signal.SIGHUP)
        time.sleep(0.5)   # the old workers finish; new ones read the new configuration
        self._wait_until_serving()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _wait_until_serving(self) -> None:
        for _ in range(100):
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.process.stderr.read().decode() if self.process.stderr else ''}"
                                   f"{(self.work / 'error.log').read_text() if (self.work / 'error.log').exists() else ''}")
            try:
                urllib.request.urlopen(self.url, timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        raise RuntimeError(f"nginx does not answer at {self.url}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
