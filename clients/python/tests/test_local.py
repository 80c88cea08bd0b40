"""chaincast.local.LocalServer: starts a real server, reports its port, stops without leaking."""

from __future__ import annotations

import socket

import pytest

import chaincast
from chaincast.local import LocalServer, find_jar
from server_fixtures import REPO_ROOT


def test_local_server_starts_serves_and_stops(monkeypatch) -> None:
    jar = REPO_ROOT / "target" / "chaincast.jar"
    if not jar.is_file():
        pytest.fail(f"{jar} is missing: run `mvn -q -DskipTests package`")
    monkeypatch.setenv("CHAINCAST_JAR", str(jar))
    assert find_jar() == jar
    server = LocalServer(threads=1, startup_timeout=60)
    with server:
        assert server.host == "127.0.0.1" and server.port and server.port > 0
        assert any("chaincast: serving on" in line for line in server.log)
        with chaincast.Client(server.target, timeout=30) as c:
            assert len(c.regions()) == 8
        pid = server.process.pid
    assert server.process.poll() is not None, f"server {pid} still running after stop()"
    with socket.socket() as s:  # nothing listens on its port any more
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.1", server.port)) != 0
    assert server.stop() == server.process.returncode  # stopping twice is harmless


def test_missing_jar_is_reported(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CHAINCAST_JAR", str(tmp_path / "nope.jar"))
    with pytest.raises(FileNotFoundError, match="nope.jar"):
        find_jar()


def test_a_server_that_dies_at_start_up_is_reported(tmp_path) -> None:
    not_a_jar = tmp_path / "broken.jar"
    not_a_jar.write_bytes(b"not a jar")
    with pytest.raises(RuntimeError, match="exited with"):
        LocalServer(not_a_jar, startup_timeout=30).start()
