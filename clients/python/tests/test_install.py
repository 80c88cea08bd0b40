"""The package installs with `pip install --no-build-isolation -e clients/python` (no PyPI needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from server_fixtures import PYTHON_DIR


def test_editable_install_into_a_venv_without_pypi(tmp_path: Path) -> None:
    # Install a copy, so the test never writes egg-info into the source tree.
    source = tmp_path / "python"
    shutil.copytree(
        PYTHON_DIR,
        source,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "tests"),
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PIP_NO_INDEX"] = "1"  # prove nothing is fetched: PyPI is not reachable here anyway
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-build-isolation", "-e", str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import chaincast, chaincast.v1.simulation_service_pb2 as s; "
            "print(chaincast.__file__); print(chaincast.__version__); print(s.DESCRIPTOR.package)",
        ],
        env=env,
        cwd=tmp_path,  # not next to the package: the import must come from the install
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    file, version, package = probe.stdout.split()
    assert Path(file) == source / "chaincast" / "__init__.py"
    assert version == "0.1.0" and package == "chaincast.v1"
