"""The README's install step works offline and gives a package that imports whatever the
working directory: the fixture ``installed`` (server_fixtures.py) runs it word for word."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from server_fixtures import INSTALL_COMMANDS, KERNEL_NAME, REPO_ROOT, Installed

PROBE = (
    "import chaincast, chaincast.v1.simulation_service_pb2 as s; "
    "print(chaincast.__file__); print(chaincast.__version__); print(s.DESCRIPTOR.package); "
    "print(chaincast.Client.__name__)"
)


def test_the_readme_gives_the_install_step_the_tests_run() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for command in INSTALL_COMMANDS:
        assert command in readme, f"README no longer says: {command}"


def _cases(installed: Installed) -> dict:
    return {
        # The folder holding the clone: its `chaincast` directory has no __init__.py, which
        # Python's PathFinder takes for a namespace package unless the install is a path entry.
        "clone-parent": installed.clone.parent,
        "root": Path("/"),
        "repo-root": installed.clone,
    }


@pytest.mark.parametrize("where", ["clone-parent", "root", "repo-root"])
def test_imports_the_real_package_from(where: str, installed: Installed) -> None:
    cwd = _cases(installed)[where]
    assert (installed.clone.parent / "chaincast").is_dir() and not (installed.clone.parent / "chaincast" / "__init__.py").exists()
    probe = subprocess.run(
        [str(installed.python), "-c", PROBE],
        env=installed.env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    file, version, package, client = probe.stdout.split()
    assert Path(file) == installed.clone / "clients" / "python" / "chaincast" / "__init__.py"
    assert version == "0.1.0" and package == "chaincast.v1" and client == "Client"


def test_the_kernel_is_registered_for_the_venv(installed: Installed) -> None:
    spec_file = Path(installed.env["JUPYTER_DATA_DIR"]) / "kernels" / KERNEL_NAME / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    assert spec["display_name"] == "Chaincast (Python 3)"
    assert Path(spec["argv"][0]) == installed.python  # the interpreter that has the package
