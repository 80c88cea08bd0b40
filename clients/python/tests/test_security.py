"""TLS and bearer tokens: the client's ``tls_ca=`` / ``token=`` (and the environment) against
real servers started with ``--tls-cert``/``--tls-key``/``--token-file``, with certificates made
for the run by ``src/test/scripts/make-test-pki.sh`` (openssl)."""

from __future__ import annotations

import hashlib
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator

import grpc
import pytest

import chaincast
from chaincast.local import LocalServer
from server_fixtures import REPO_ROOT, _jar

READER = "cct_" + secrets.token_urlsafe(32)
WRITER = "cct_" + secrets.token_urlsafe(32)


def _hash(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def files() -> Iterator[Dict[str, Path]]:
    """The test PKI and the server's token file (a reader and a writer), in a temporary directory."""
    directory = Path(tempfile.mkdtemp(prefix="chaincast-py-security-"))
    script = REPO_ROOT / "src" / "test" / "scripts" / "make-test-pki.sh"
    made = subprocess.run(["sh", str(script), str(directory / "pki")], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, f"make-test-pki.sh failed (is openssl installed?): {made.stdout}{made.stderr}"
    tokens = directory / "tokens.txt"
    tokens.write_text(f"dashboard read {_hash(READER)}\nplanner write {_hash(WRITER)}\n", encoding="utf-8")
    tokens.chmod(0o600)
    reader_file = directory / "reader.token"
    reader_file.write_text(READER + "\n", encoding="utf-8")
    pki = directory / "pki"
    yield {
        "ca": pki / "ca.pem",
        "other_ca": pki / "other-ca.pem",
        "cert": pki / "server.pem",
        "key": pki / "server.key",
        "tokens": tokens,
        "reader_file": reader_file,
        "dir": directory,
    }
    shutil.rmtree(directory, ignore_errors=True)


def _server(files: Dict[str, Path], name: str, *args: str) -> LocalServer:
    data = files["dir"] / name
    data.mkdir()
    return LocalServer(_jar(), threads=1, jvm_args=["-Xmx256m"], startup_timeout=120, data_dir=data, args=args).start()


@pytest.fixture(scope="module")
def tls_server(files: Dict[str, Path]) -> Iterator[str]:
    """``host:port`` of a server with TLS and tokens."""
    server = _server(files, "tls", "--tls-cert", str(files["cert"]), "--tls-key", str(files["key"]), "--token-file", str(files["tokens"]))
    yield server.target
    server.stop()


@pytest.fixture(scope="module")
def token_server(files: Dict[str, Path]) -> Iterator[str]:
    """``host:port`` of a plaintext loopback server with tokens."""
    server = _server(files, "plain", "--token-file", str(files["tokens"]))
    yield server.target
    server.stop()


def test_a_reader_browses_and_simulates_over_tls(tls_server: str, files: Dict[str, Path]) -> None:
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"], token=READER) as c:
        assert "lzbf-2023-53" in set(c.plans()["id"])
        odds = c.odds(["pharma-output-2025"], paths=2_000, seed=1)
        assert len(odds) == 1 and 0.0 <= odds["p_hit"].iloc[0] <= 1.0
    # The CA as PEM bytes and the token from a file work the same.
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"].read_bytes(), token_file=files["reader_file"]) as c:
        assert len(c.regions()) > 0


def test_the_environment_gives_the_ca_and_the_token(
    tls_server: str, files: Dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAINCAST_TLS_CA", str(files["ca"]))
    monkeypatch.setenv("CHAINCAST_TOKEN", READER)
    with chaincast.Client(tls_server, timeout=60) as c:
        assert len(c.chains()) > 0
    monkeypatch.delenv("CHAINCAST_TOKEN")
    monkeypatch.setenv("CHAINCAST_TOKEN_FILE", str(files["reader_file"]))
    with chaincast.Client(tls_server, timeout=60) as c:
        assert len(c.plans()) > 0


def test_a_missing_or_wrong_token_raises_unauthenticated(tls_server: str, files: Dict[str, Path]) -> None:
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"]) as c:
        with pytest.raises(chaincast.Unauthenticated) as missing:
            c.plans()
    assert "requires a bearer token" in missing.value.message
    wrong = "cct_" + secrets.token_urlsafe(32)
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"], token=wrong) as c:
        with pytest.raises(chaincast.Unauthenticated) as info:
            c.plans()
    e = info.value
    assert isinstance(e, PermissionError) and e.code == grpc.StatusCode.UNAUTHENTICATED and e.method == "ListPlans"
    assert str(e) == "UNAUTHENTICATED in ListPlans: the bearer token is not valid on this server (unknown, revoked or mistyped)"
    assert wrong not in str(e)


def test_a_reader_writing_raises_permission_denied_and_a_writer_writes(tls_server: str, files: Dict[str, Path]) -> None:
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"], token=READER) as reader:
        with pytest.raises(chaincast.PermissionDenied) as info:
            reader.create_scenario("py-auth", {"en": "Python auth"})
        e = info.value
        assert isinstance(e, PermissionError) and e.code == grpc.StatusCode.PERMISSION_DENIED
        assert e.message == (
            "token 'dashboard' (roles: read) may not call chaincast.v1.ScenarioService/CreateScenario:"
            " it needs the write role; ask the server's operator for a token that has it"
        )
        with chaincast.Client(tls_server, timeout=60, tls_ca=files["ca"], token=WRITER) as writer:
            created = writer.create_scenario("py-auth", {"en": "Python auth"})
            assert reader.get_scenario("py-auth").etag == created.etag
            with pytest.raises(chaincast.PermissionDenied):
                reader.delete_scenario("py-auth", created.etag)
            writer.delete_scenario("py-auth", created.etag)


def test_a_plaintext_client_to_a_tls_server_fails_cleanly(tls_server: str) -> None:
    start = time.monotonic()
    with chaincast.Client(tls_server, timeout=60, token=READER) as c:  # loopback: the token may go
        with pytest.raises(chaincast.Unavailable):
            c.plans()
    assert time.monotonic() - start < 50, "UNAVAILABLE, not a hang until the deadline"


def test_a_client_trusting_another_ca_refuses_the_server(tls_server: str, files: Dict[str, Path]) -> None:
    with chaincast.Client(tls_server, timeout=60, tls_ca=files["other_ca"], token=READER) as c:
        with pytest.raises(chaincast.Unavailable):
            c.plans()


def test_a_token_to_a_plaintext_loopback_server(token_server: str) -> None:
    with chaincast.Client(token_server, timeout=60, token=READER) as c:
        assert len(c.plans()) > 0
    with chaincast.Client(token_server, timeout=60) as c:
        with pytest.raises(chaincast.Unauthenticated):
            c.plans()


def test_a_token_never_goes_over_plaintext_to_the_network() -> None:
    for target in ("192.0.2.1:50051", "[2001:db8::1]:50051", "dns:///192.0.2.1:50051"):
        with pytest.raises(ValueError) as info:
            chaincast.Client(target, token=READER)
        assert "not sending the token" in str(info.value) and READER not in str(info.value)
    with pytest.raises(ValueError, match="a token is printable ASCII"):
        chaincast.Client("localhost:1", token="two words")
    with pytest.raises(ValueError, match="give credentials= or tls_ca="):
        chaincast.Client("localhost:1", credentials=grpc.ssl_channel_credentials(), tls_ca=b"x")
    with pytest.raises(FileNotFoundError, match="tls_ca=/no/such/ca.pem: no such file"):
        chaincast.Client("localhost:1", tls_ca="/no/such/ca.pem")
