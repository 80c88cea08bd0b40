"""The committed stubs are exactly what proto/ generates, and import as chaincast.v1."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

import pytest

from server_fixtures import PYTHON_DIR

_spec = importlib.util.spec_from_file_location("generate_stubs", PYTHON_DIR / "tools" / "generate_stubs.py")
assert _spec is not None and _spec.loader is not None
generate_stubs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate_stubs)


def test_committed_stubs_are_what_proto_generates(tmp_path: Path) -> None:
    written = generate_stubs.generate(tmp_path)
    committed = generate_stubs.committed_stubs()
    regenerate = "regenerate with: /usr/bin/python3 clients/python/tools/generate_stubs.py"
    assert [p.as_posix() for p in written] == [p.as_posix() for p in committed], (
        f"the set of stub files differs from what proto/ generates; {regenerate}"
    )
    for rel in written:
        fresh = (tmp_path / rel).read_text(encoding="utf-8")
        old = (PYTHON_DIR / rel).read_text(encoding="utf-8")
        if fresh != old:
            diff = "".join(
                list(difflib.unified_diff(old.splitlines(True), fresh.splitlines(True), f"committed/{rel}", f"fresh/{rel}"))[:40]
            )
            pytest.fail(f"{rel} is out of step with proto/; {regenerate}\n{diff}")


def test_every_api_proto_has_stubs() -> None:
    protos = sorted(p.stem for p in (PYTHON_DIR.parents[1] / "proto" / "chaincast" / "v1").glob("*.proto"))
    modules = sorted(p.name[: -len("_pb2.py")] for p in (PYTHON_DIR / "chaincast" / "v1").glob("*_pb2.py"))
    assert protos == modules == [
        "audit",
        "calibration_service",
        "dataset",
        "dataset_service",
        "model",
        "model_service",
        "scenario",
        "scenario_service",
        "simulation_service",
        "sweep_service",
    ]


def test_stubs_import_inside_the_chaincast_package() -> None:
    from chaincast.v1 import model_service_pb2, simulation_service_pb2, simulation_service_pb2_grpc

    assert model_service_pb2.DESCRIPTOR.package == "chaincast.v1"
    assert set(model_service_pb2.DESCRIPTOR.services_by_name) == {"ModelService"}
    methods = {m.name for m in simulation_service_pb2.DESCRIPTOR.services_by_name["SimulationService"].methods}
    assert methods == {"Simulate", "SimulateStream", "Compare", "Sensitivity"}
    assert hasattr(simulation_service_pb2_grpc, "SimulationServiceStub")
    # protoc's `from chaincast.v1 import ...` resolved to this package, not some other chaincast.
    assert Path(sys.modules["chaincast.v1.model_pb2"].__file__).is_relative_to(PYTHON_DIR / "chaincast")


def test_vendored_rpc_messages_keep_googles_field_numbers() -> None:
    """Same wire format as google.rpc (googleapis/google/rpc/*.proto), under a private package."""
    from chaincast._rpc import error_details_pb2, status_pb2

    def numbers(message):
        return {f.name: f.number for f in message.DESCRIPTOR.fields}

    assert status_pb2.DESCRIPTOR.package == "chaincast._rpc"
    assert numbers(status_pb2.Status) == {"code": 1, "message": 2, "details": 3}
    assert numbers(error_details_pb2.BadRequest) == {"field_violations": 1}
    assert {k: v for k, v in numbers(error_details_pb2.BadRequest.FieldViolation).items() if k in ("field", "description")} == {
        "field": 1,
        "description": 2,
    }
    assert numbers(error_details_pb2.ResourceInfo) == {
        "resource_type": 1,
        "resource_name": 2,
        "owner": 3,
        "description": 4,
    }
