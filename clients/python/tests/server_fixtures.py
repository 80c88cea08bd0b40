"""Fixtures shared by the client tests and the notebook test: one real
Chaincast server for the whole test run.

The server is ``java -jar target/chaincast.jar serve --port 0`` (build it with
``mvn -q -DskipTests package``; ``mvn verify`` does so before running these
tests), started once with its scenario store in a fresh temporary directory,
its port read from its stderr, stopped at the end. Set
``CHAINCAST_TARGET=host:port`` to test against a server you started instead.
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]  # clients/python
REPO_ROOT = PYTHON_DIR.parents[1]
if str(PYTHON_DIR) not in sys.path:  # test this tree, installed or not
    sys.path.insert(0, str(PYTHON_DIR))

import grpc  # noqa: E402

import chaincast  # noqa: E402
from chaincast.local import LocalServer  # noqa: E402
from chaincast.v1 import (  # noqa: E402
    model_service_pb2_grpc,
    scenario_service_pb2_grpc,
    simulation_service_pb2_grpc,
)

__all__ = [
    "pytest_sessionfinish",
    "server_target",
    "channel",
    "client",
    "model_stub",
    "simulation_stub",
    "scenario_stub",
    "metrics_url",
    "scrape",
    "REPO_ROOT",
    "PYTHON_DIR",
    "INSTALL_COMMANDS",
    "KERNEL_NAME",
    "Installed",
    "installed",
]


def _jar() -> Path:
    env = os.environ.get("CHAINCAST_JAR")
    return Path(env) if env else REPO_ROOT / "target" / "chaincast.jar"


_server: Optional[LocalServer] = None


def _shared_server() -> LocalServer:
    """One server for the whole run, shared by every conftest that imports these fixtures."""
    global _server
    if _server is None:
        jar = _jar()
        if not jar.is_file():
            pytest.fail(f"{jar} is missing: build it first with `mvn -q -DskipTests package` (or run `mvn verify`)")
        data_dir = tempfile.mkdtemp(prefix="chaincast-test-scenarios-")  # an empty store, not ~/.chaincast
        atexit.register(shutil.rmtree, data_dir, True)  # registered first, so it runs after the stop
        # With its metrics endpoint, so tests can check from the server's side what it did.
        _server = LocalServer(
            jar, threads=2, jvm_args=["-Xmx512m"], startup_timeout=60, data_dir=data_dir, args=["--metrics-port", "0"]
        ).start()
        atexit.register(_server.stop)  # even if pytest dies before pytest_sessionfinish
    return _server


def _shared_metrics_url() -> str:
    """The shared server's metrics URL, from the line it prints once the endpoint is bound."""
    server = _shared_server()
    url = server.wait_for_metrics_url(30)  # a safety net: the line follows "serving on" at once
    if url is None:
        pytest.fail("the test server never reported its metrics endpoint:\n" + "\n".join(server.log))
    return url


def scrape(url: str) -> Dict[str, float]:
    """One scrape of a Prometheus endpoint: ``name{label="v",...}`` (labels sorted) to value."""
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode("utf-8")
    samples: Dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)", line)
        if match:
            labels = sorted(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
            key = match.group(1) + "{" + ",".join(f'{k}="{v}"' for k, v in labels) + "}"
            samples[key] = float(match.group(3))
    return samples


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the shared server (SIGTERM, then SIGKILL after 15 s) and check it is gone."""
    global _server
    server, _server = _server, None  # both conftests call this hook: stop once
    if server is not None and server.process is not None:
        code = server.stop(timeout=15)
        assert server.process.poll() is not None, "server process leaked"
        print(f"\nchaincast test server {server.target} stopped (exit {code})")


@pytest.fixture(scope="session")
def server_target() -> Iterator[str]:
    """``host:port`` of a running server (started once unless CHAINCAST_TARGET is set)."""
    external = os.environ.get("CHAINCAST_TARGET")
    yield external if external else _shared_server().target


@pytest.fixture(scope="session")
def metrics_url(server_target: str) -> str:
    """The test server's Prometheus endpoint (for an external server: CHAINCAST_METRICS_URL)."""
    if os.environ.get("CHAINCAST_TARGET"):
        url = os.environ.get("CHAINCAST_METRICS_URL")
        if not url:
            pytest.skip("CHAINCAST_TARGET is set without CHAINCAST_METRICS_URL: the server's side cannot be checked")
        return url
    return _shared_metrics_url()


@pytest.fixture(scope="session")
def channel(server_target: str) -> Iterator[grpc.Channel]:
    """A raw channel, to compare the wrappers with what the server returns."""
    ch = grpc.insecure_channel(server_target)
    yield ch
    ch.close()


@pytest.fixture(scope="session")
def model_stub(channel: grpc.Channel) -> model_service_pb2_grpc.ModelServiceStub:
    return model_service_pb2_grpc.ModelServiceStub(channel)


@pytest.fixture(scope="session")
def simulation_stub(channel: grpc.Channel) -> simulation_service_pb2_grpc.SimulationServiceStub:
    return simulation_service_pb2_grpc.SimulationServiceStub(channel)


@pytest.fixture(scope="session")
def scenario_stub(channel: grpc.Channel) -> scenario_service_pb2_grpc.ScenarioServiceStub:
    return scenario_service_pb2_grpc.ScenarioServiceStub(channel)


@pytest.fixture
def client(server_target: str) -> Iterator[chaincast.Client]:
    with chaincast.Client(server_target, timeout=60) as c:
        yield c


# The README's install step, word for word (tests/test_install.py checks the README still says
# this): run from the clone's root, it installs the package editable into .venv and registers
# the Jupyter kernel the notebook names.
INSTALL_COMMANDS = (
    "/usr/bin/python3 -m venv --system-site-packages .venv",
    ".venv/bin/pip install --no-build-isolation -e clients/python",
    '.venv/bin/python -m ipykernel install --user --name chaincast --display-name "Chaincast (Python 3)"',
)
KERNEL_NAME = "chaincast"


@dataclass(frozen=True)
class Installed:
    """A throw-away clone named ``chaincast`` with the README's install step done in it."""

    clone: Path
    """The clone's root (it holds clients/python and .venv)."""
    python: Path
    """The venv's interpreter."""
    env: Dict[str, str]
    """The environment to run it with: no PYTHONPATH, HOME and JUPYTER_DATA_DIR in the temp dir."""


_installed: Optional[Installed] = None


@pytest.fixture(scope="session")
def installed() -> Installed:
    """Run INSTALL_COMMANDS in a copy of clients/python, once per test run (shared, like the
    server, by both conftests that import these fixtures).

    The copy sits in ``<tmp>/chaincast/clients/python``, so ``<tmp>`` is "the folder that holds
    the clone": a folder with a directory named ``chaincast`` that is no package. HOME and
    JUPYTER_DATA_DIR point into the temp dir, so the kernel is registered there and not in the
    developer's home; PIP_NO_INDEX proves nothing is downloaded.
    """
    global _installed
    if _installed is not None:
        return _installed
    root = Path(tempfile.mkdtemp(prefix="chaincast-install-"))
    atexit.register(shutil.rmtree, root, True)
    clone = root / "chaincast"
    shutil.copytree(
        PYTHON_DIR,
        clone / "clients" / "python",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "tests"),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_PATH", "VIRTUAL_ENV")}
    env.update(
        HOME=str(root / "home"),
        JUPYTER_DATA_DIR=str(root / "jupyter"),
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    (root / "home").mkdir()
    for command in INSTALL_COMMANDS:
        result = subprocess.run(shlex.split(command), cwd=clone, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    _installed = Installed(clone, clone / ".venv" / "bin" / "python", env)
    return _installed
