"""Serve a room: N Streamlit replicas of the dashboard behind nginx, with sticky sessions.

    python -m swapwatch.replicas --replicas 4 [--port 8501] [--address 0.0.0.0]     (make serve REPLICAS=4)

One Streamlit server runs its pages under one interpreter lock: about one core's worth of pages, whatever
the machine has. This starts `--replicas` servers on ports after `--port` (localhost only), each with its
own cache folder (`$SWAPWATCH_CACHE`, `<cache>/replica-N`) and all reading the same data folder
(`$SWAPWATCH_DATA`), and nginx (Debian's package) on `--address:--port` in front of them:

- **Sticky sessions.** A browser's first request gets a `swapwatch_route` cookie (a random key); nginx sends
  every request bearing it, the page's websocket included, to the replica that key hashes to (consistent
  hashing, so keys stay where they are while the set does not change). A session's downloads and media
  are served by the replica that holds the session. Without cookies (a script), each connection is placed
  at random.
- **One cookie secret.** Every replica signs its cookies with the same `server.cookieSecret`: the one
  configured (`STREAMLIT_SERVER_COOKIE_SECRET` or `.streamlit/config.toml`), else one generated once into
  `.streamlit/cookie-secret` (git-ignored, readable by its owner only).
- **Sign-in.** The replicas read the same `.streamlit/secrets.toml`, so `[auth] cookie_secret` is shared
  too; `[auth] redirect_uri` must be the address people use, i.e. nginx's (`http://HOST:PORT/oauth2callback`).

Stop with Ctrl-C (or SIGTERM): nginx and every replica are stopped.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

from swapwatch import PROJECT_DIR

SECRET_FILE = PROJECT_DIR / ".streamlit" / "cookie-secret"
START_TIMEOUT = 120
NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {work}/client-body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    client_max_body_size 200m;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # The route key: the browser's cookie, or a new random one (set as its cookie below).
    map $cookie_swapwatch_route $route {{ "" $request_id; default $cookie_swapwatch_route; }}
    upstream swapwatch {{
        hash $route consistent;
{servers}
    }}
    server {{
        listen {address}:{port};
        location / {{
            proxy_pass http://swapwatch;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie "swapwatch_route=$route; Path=/; HttpOnly; SameSite=Lax";
            add_header X-SwapWatch-Replica $upstream_addr;  # which replica answered (to diagnose stickiness)
        }}
    }}
}}
"""


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def cookie_secret() -> str:
    """The cookie secret every replica signs with: the configured one, else one kept in SECRET_FILE."""
    configured = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
    if configured:
        return configured
    config_file = PROJECT_DIR / ".streamlit" / "config.toml"
    if config_file.exists():
        configured = tomllib.loads(config_file.read_text(encoding="utf-8")).get("server", {}).get("cookieSecret")
        if configured:
            return configured
    if not SECRET_FILE.exists():
        SECRET_FILE.parent.mkdir(exist_ok=True)
        descriptor = os.open(SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    return SECRET_FILE.read_text(encoding="utf-8").strip()


def nginx_binary() -> str:
    """nginx: $SWAPWATCH_NGINX, else the one on the PATH or Debian's."""
    found = os.environ.get("SWAPWATCH_NGINX") or shutil.which("nginx")
    found = found if found and Path(found).exists() else ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is not installed: `make serve` installs it (apt-get install nginx-light), or "
                           "install Debian's nginx-light or nginx package")
    return found


class ReplicaSet:
    """`replicas` Streamlit servers on data_dir behind nginx on address:port (a free port if None).

    `work_dir` holds nginx's configuration, its logs and the replicas' logs; each replica's cache is
    `cache_root/replica-N` (default: under work_dir; "off": none). `auth` sets SWAPWATCH_AUTH for the
    replicas (None: as the environment says); `args` are more `streamlit run` options for every replica.
    """

    def __init__(self, replicas: int, data_dir: Path, work_dir: Path, port: int | None = None,
                 address: str = "127.0.0.1", auth: str | None = None, cache_root: Path | str | None = None,
                 args: tuple[str, ...] = (), python: str = sys.executable):
        if replicas < 1:
            raise ValueError("--replicas must be at least 1")
        self.work = Path(work_dir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.work.chmod(0o755)  # nginx's workers (user nobody when started as root) use its temp folders
        self.port = port or free_port(address)
        host = "localhost" if address in ("127.0.0.1", "0.0.0.0", "::") else address
        self.url = f"http://{host}:{self.port}"
        self.data_dir = Path(data_dir)
        self.replicas: list[tuple[int, subprocess.Popen]] = []
        self.nginx: subprocess.Popen | None = None
        self.logs = []
        env = {**os.environ, "SWAPWATCH_DATA": str(Path(data_dir).resolve()),
               "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret(), "PYTHONPATH": str(PROJECT_DIR)}
        if auth is not None:
            env["SWAPWATCH_AUTH"] = auth
        cache_root = self.work / "cache" if cache_root is None else cache_root
        try:
            for n in range(replicas):
                replica_port = free_port()
                log = open(self.work / f"replica-{n + 1}.log", "w+", encoding="utf-8")  # noqa: SIM115
                self.logs.append(log)
                process = subprocess.Popen(
                    [python, "-m", "streamlit", "run", "serve.py", "--server.port", str(replica_port),
                     "--server.address", "127.0.0.1", "--server.headless", "true", *args],
                    cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT,
                    env={**env, "SWAPWATCH_CACHE": "off" if cache_root == "off" else
                         str(Path(cache_root) / f"replica-{n + 1}")})
                self.replicas.append((replica_port, process))
            for replica_port, process in self.replicas:
                wait_healthy(f"http://127.0.0.1:{replica_port}", process)
            self._start_nginx(address)
        except BaseException:
            self.stop()
            raise

    def _start_nginx(self, address: str) -> None:
        for folder in ("client-body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.work / folder).mkdir(exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port, _ in self.replicas)
        listen = f"[{address}]" if ":" in address else address
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=self.work, servers=servers, address=listen, port=self.port),
                        encoding="utf-8")
        log = open(self.work / "nginx.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.logs.append(log)
        self.nginx = subprocess.Popen([nginx_binary(), "-c", str(conf), "-p", str(self.work), "-e",
                                       str(self.work / "nginx-error.log")], stdout=log, stderr=subprocess.STDOUT)
        wait_healthy(f"http://127.0.0.1:{self.port}" if address in ("0.0.0.0", "127.0.0.1") else self.url,
                      self.nginx, log_file=self.work / "nginx-error.log")

    def pids(self) -> list[int]:
        """The processes serving the set: every replica and nginx."""
        return [process.pid for _, process in self.replicas] + ([self.nginx.pid] if self.nginx else [])

    def stop(self) -> None:
        for process in ([self.nginx] if self.nginx else []) + [process for _, process in self.replicas]:
            if process.poll() is None:
                process.terminate()
        for process in ([self.nginx] if self.nginx else []) + [process for _, process in self.replicas]:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()
        self.logs = []


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT,
                 log_file: Path | None = None) -> None:
    """Wait until the Streamlit server (or the proxy) at url answers its health check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log_file.read_text(encoding="utf-8", errors="replace")[-2000:] if log_file and log_file.exists() else ""
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before {url} answered\n{detail}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def _redirect_warning(port: int) -> str | None:
    """A warning when the sign-in settings send people back to another address than the proxy's."""
    secrets_file = PROJECT_DIR / ".streamlit" / "secrets.toml"
    if not secrets_file.exists():
        return None
    try:
        redirect = str(tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("auth", {}).get("redirect_uri", ""))
    except (tomllib.TOMLDecodeError, AttributeError):
        return None
    if redirect and f":{port}/" not in redirect:
        return (f"[auth] redirect_uri is {redirect}: sign-in returns there, not to this proxy (port {port}); "
                f"set it to http://HOST:{port}/oauth2callback")
    return None


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m swapwatch.replicas", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="Streamlit servers (default: one per core)")
    parser.add_argument("--port", type=int, default=8501, help="port of the proxy (default 8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="address the proxy listens on (default 127.0.0.1; 0.0.0.0 to serve a room)")
    args = parser.parse_args(argv)
    cache = os.environ.get("SWAPWATCH_CACHE") or str(PROJECT_DIR / ".cache" / "swapwatch")
    data = Path(os.environ.get("SWAPWATCH_DATA") or PROJECT_DIR / "data")
    warning = _redirect_warning(args.port)
    if warning:
        print("warning:", warning, file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="swapwatch-replicas-") as work:
        try:
            replicas = ReplicaSet(args.replicas, data, Path(work), port=args.port, address=args.address,
                                  cache_root=cache if cache == "off" else Path(cache))
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"SwapWatch: {args.replicas} replicas behind nginx on http://{args.address}:{args.port} "
              f"(data: {data}); Ctrl-C stops them", flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while all(process.poll() is None for process in [replicas.nginx] + [p for _, p in replicas.replicas]):
                time.sleep(1)
            print("error: a replica or nginx stopped; stopping the others", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            replicas.stop()


if __name__ == "__main__":
    sys.exit(main())
