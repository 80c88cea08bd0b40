"""Start a Chaincast server on this machine, for notebooks and tests.

::

    from chaincast.local import LocalServer
    with LocalServer() as server, chaincast.Client(server.target) as c:
        ...

runs ``java -jar target/chaincast.jar serve --port 0`` (build the jar with
``mvn -q -DskipTests package``), waits for the line
``chaincast: serving on HOST:PORT`` on its stderr, and stops it on exit.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from typing import Deque, List, Optional, Sequence

__all__ = ["LocalServer", "find_jar"]

_SERVING = re.compile(r"chaincast: serving on (\S+):(\d+)")
_METRICS = re.compile(r"chaincast: metrics on (http://\S+)")


def find_jar(start: Optional[Path] = None) -> Path:
    """Locate ``target/chaincast.jar``: ``$CHAINCAST_JAR``, else the nearest
    ``target/chaincast.jar`` above ``start`` (default: this file, then the
    working directory)."""
    env = os.environ.get("CHAINCAST_JAR")
    if env:
        path = Path(env)
        if not path.is_file():
            raise FileNotFoundError(f"CHAINCAST_JAR={env} is not a file")
        return path
    starts = [start] if start else [Path(__file__).resolve().parent, Path.cwd()]
    for base in starts:
        for directory in [base, *base.parents]:
            candidate = directory / "target" / "chaincast.jar"
            if candidate.is_file():
                return candidate
    raise FileNotFoundError(
        "target/chaincast.jar not found; build it with `mvn -q -DskipTests package` "
        "from the repository root, or set CHAINCAST_JAR"
    )


class LocalServer:
    """A ``chaincast serve`` subprocess on a free loopback port.

    Args:
        jar: the server jar (default: :func:`find_jar`).
        java: the java executable.
        threads: engine threads (default: the server's, all cores).
        jvm_args: JVM options, e.g. ``["-Xmx512m"]``.
        startup_timeout: seconds to wait for the server to report its port.
        data_dir: where the server keeps stored scenarios (its
            ``CHAINCAST_DATA_DIR``); default: the server's own default
            (``$CHAINCAST_DATA_DIR``, else ``~/.chaincast``). Tests pass a
            temporary directory so they start from an empty store.
        args: more ``serve`` options, e.g. ``["--tls-cert", "server.pem",
            "--tls-key", "server.key", "--token-file", "tokens.txt"]``.
    """

    def __init__(
        self,
        jar: Optional[os.PathLike] = None,
        *,
        java: str = "java",
        threads: Optional[int] = None,
        jvm_args: Sequence[str] = ("-Xmx512m",),
        startup_timeout: float = 60.0,
        data_dir: Optional[os.PathLike] = None,
        args: Sequence[str] = (),
    ) -> None:
        self.jar = Path(jar) if jar is not None else find_jar()
        self.java = java
        self.threads = threads
        self.jvm_args = list(jvm_args)
        self.startup_timeout = startup_timeout
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.args = list(args)
        self.process: Optional[subprocess.Popen] = None
        self.host: Optional[str] = None
        self.port: Optional[int] = None
        self.metrics_url: Optional[str] = None
        """The Prometheus endpoint, once the server reports it (with ``args=["--metrics-port", "0"]``)."""
        self._metrics_reported = threading.Event()
        self._log: Deque[str] = deque(maxlen=200)
        self._ready = threading.Event()
        self._reader: Optional[threading.Thread] = None

    @property
    def target(self) -> str:
        """``host:port`` to give :class:`chaincast.Client`."""
        if self.port is None:
            raise RuntimeError("the server is not started")
        return f"{self.host}:{self.port}"

    @property
    def log(self) -> List[str]:
        """The last lines the server wrote to stderr."""
        return list(self._log)

    def start(self) -> "LocalServer":
        """Start the server and wait until it listens; return self."""
        if self.process is not None:
            raise RuntimeError("already started")
        command = [self.java, *self.jvm_args, "-jar", str(self.jar), "serve", "--port", "0"]
        if self.threads:
            command += ["--threads", str(self.threads)]
        command += self.args
        env = None
        if self.data_dir is not None:
            env = {**os.environ, "CHAINCAST_DATA_DIR": str(self.data_dir)}
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # Ctrl-C in a notebook does not reach it; stop() does
        )
        self._reader = threading.Thread(target=self._read_stderr, name="chaincast-server-stderr", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._ready.wait(0.05):
            if self.process.poll() is not None:
                self._reader.join(2)
                raise RuntimeError(
                    f"chaincast server exited with {self.process.returncode} before listening:\n" + "\n".join(self._log)
                )
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(
                    f"chaincast server did not report its port within {self.startup_timeout:g} s:\n"
                    + "\n".join(self._log)
                )
        return self

    def wait_for_metrics_url(self, timeout: float = 30.0) -> Optional[str]:
        """The metrics endpoint's URL once the server has printed it, or None after ``timeout`` s."""
        self._metrics_reported.wait(timeout)
        return self.metrics_url

    def _read_stderr(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:  # drain to the end so the pipe never fills
            line = line.rstrip("\n")
            self._log.append(line)
            match = _SERVING.search(line)
            if match and not self._ready.is_set():
                self.host, self.port = match.group(1), int(match.group(2))
                self._ready.set()
            metrics = _METRICS.search(line)
            if metrics and self.metrics_url is None:
                self.metrics_url = metrics.group(1)
                self._metrics_reported.set()

    def stop(self, timeout: float = 15.0) -> Optional[int]:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` s); return its exit code."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if self._reader is not None:
            self._reader.join(5)
        if process.stderr is not None:
            process.stderr.close()
        return process.returncode

    def __enter__(self) -> "LocalServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "not started"
        if self.process is not None:
            state = "running" if self.process.poll() is None else f"exited {self.process.returncode}"
        where = f" {self.target}" if self.port else ""
        return f"<LocalServer{where} {state}>"
