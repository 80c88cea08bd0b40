#!/usr/bin/python3
"""Regenerate the Python stubs the ``chaincast`` package commits.

The stubs are committed so that the package works straight from a clone
(``PYTHONPATH=clients/python``) without a build step. ``tests/test_stubs.py``
runs :func:`generate` into a temporary directory and fails on any difference,
so they cannot fall out of step with ``proto/`` unnoticed.

Run after changing ``proto/`` (from the repository root)::

    /usr/bin/python3 clients/python/tools/generate_stubs.py

It needs Debian's ``protoc`` 3.21 (package protobuf-compiler) and
``grpc_python_plugin`` (package protobuf-compiler-grpc). Stubs from protoc 4.x
(the Maven build's) do not import on Debian's protobuf 3.21 runtime.

The proto paths ``chaincast/v1/*.proto`` make protoc emit
``from chaincast.v1 import model_pb2``; generating into ``clients/python``
puts those modules inside the ``chaincast`` package itself, so the imports
resolve to ``chaincast/v1/*_pb2.py`` with no path tricks.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

PYTHON_DIR = Path(__file__).resolve().parents[1]  # clients/python
REPO_ROOT = PYTHON_DIR.parents[1]
API_PROTO_ROOT = REPO_ROOT / "proto"  # the public API, shared with the Java build
VENDORED_PROTO_ROOT = PYTHON_DIR / "proto"  # chaincast/_rpc: google.rpc copies

PROTOC = "/usr/bin/protoc"
GRPC_PLUGIN = "/usr/bin/grpc_python_plugin"

# Generated subpackages of ``chaincast``; their __init__.py are hand-written.
GENERATED_PACKAGES = ("chaincast/v1", "chaincast/_rpc")


def service_protos() -> List[str]:
    """The API protos that declare a service: only they get a *_pb2_grpc.py module."""
    declares = re.compile(r"^service\s+\w+", re.MULTILINE)
    return sorted(
        p.relative_to(API_PROTO_ROOT).as_posix()
        for p in API_PROTO_ROOT.glob("chaincast/v1/*.proto")
        if declares.search(p.read_text(encoding="utf-8"))
    )


def proto_files() -> List[str]:
    """Every proto to compile, as paths relative to its include root, sorted."""
    api = sorted(p.relative_to(API_PROTO_ROOT).as_posix() for p in API_PROTO_ROOT.glob("chaincast/v1/*.proto"))
    vendored = sorted(
        p.relative_to(VENDORED_PROTO_ROOT).as_posix() for p in VENDORED_PROTO_ROOT.glob("chaincast/_rpc/*.proto")
    )
    if not api:
        raise RuntimeError(f"no .proto files under {API_PROTO_ROOT}/chaincast/v1")
    return api + vendored


def check_tools() -> None:
    """Fail with the package to install when a tool is missing."""
    for tool, package in ((PROTOC, "protobuf-compiler"), (GRPC_PLUGIN, "protobuf-compiler-grpc")):
        if not Path(tool).exists():
            raise RuntimeError(f"{tool} not found: apt-get install {package}")


def generate(out_dir: Path) -> List[Path]:
    """Generate every stub under ``out_dir``; return the files written, relative to it."""
    check_tools()
    out_dir.mkdir(parents=True, exist_ok=True)
    protos = proto_files()
    include = ["-I", str(API_PROTO_ROOT), "-I", str(VENDORED_PROTO_ROOT)]
    # Messages and type hints for every file.
    subprocess.run(
        [PROTOC, *include, f"--python_out={out_dir}", f"--pyi_out={out_dir}", *protos],
        check=True,
    )
    # Service stubs for the service files only (the plugin writes empty
    # modules for the others, which would only be noise).
    subprocess.run(
        [
            PROTOC,
            *include,
            f"--plugin=protoc-gen-grpc_python={GRPC_PLUGIN}",
            f"--grpc_python_out={out_dir}",
            *service_protos(),
        ],
        check=True,
    )
    return sorted(p.relative_to(out_dir) for p in out_dir.rglob("*") if p.is_file())


def committed_stubs() -> List[Path]:
    """The generated files currently in the package (relative to clients/python)."""
    found: List[Path] = []
    for package in GENERATED_PACKAGES:
        for pattern in ("*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py"):
            found.extend(p.relative_to(PYTHON_DIR) for p in (PYTHON_DIR / package).glob(pattern))
    return sorted(found)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    for stale in committed_stubs():
        (PYTHON_DIR / stale).unlink()
    with tempfile.TemporaryDirectory(prefix="chaincast-stubs-") as tmp_name:
        tmp = Path(tmp_name)
        written = generate(tmp)
        for rel in written:
            target = PYTHON_DIR / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tmp / rel, target)
    for rel in written:
        print(f"wrote clients/python/{rel.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
