"""Failed calls raise readable exceptions carrying the gRPC status, message and field violations."""

from __future__ import annotations

import socket

import grpc
import pytest

import chaincast


def test_invalid_argument_lists_every_bad_field(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.InvalidArgument) as info:
        client.odds(paths=-5, overrides={"pharma@etdz": {"volatility": 3.0}})
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, chaincast.ChaincastError)
    assert e.code == grpc.StatusCode.INVALID_ARGUMENT and e.method == "Simulate"
    assert e.fields == ["spec.paths", "spec.overrides[0].volatility"]
    assert e.field_violations[1] == chaincast.FieldViolation(
        "spec.overrides[0].volatility", "must be from 0 to 2 (log output a year), got 3.0"
    )
    assert "spec.paths" in e.message  # the server's own message is kept
    text = str(e)
    assert text.splitlines()[0] == "INVALID_ARGUMENT in Simulate: 2 invalid fields"
    assert "  spec.overrides[0].volatility: must be from 0 to 2 (log output a year), got 3.0" in text.splitlines()
    assert e.details and type(e.details[0]).__name__ == "BadRequest"


def test_invalid_percentile_and_horizon(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.InvalidArgument) as info:
        client.fan("city", percentiles=[0, 50, 120], horizon=2099, paths=1_000)
    fields = info.value.fields
    assert any(f.startswith("spec.percentiles") for f in fields)
    assert "spec.horizon_year" in fields


def test_unknown_target_is_not_found(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.NotFound) as info:
        client.odds(["pharma-output-2025", "no-such-target"], paths=1_000)
    e = info.value
    assert isinstance(e, LookupError) and e.code == grpc.StatusCode.NOT_FOUND
    assert e.resource is not None
    assert (e.resource.resource_type, e.resource.resource_name) == ("target", "no-such-target")
    assert "spec.targets.target_ids[1]" in e.resource.description
    assert "no-such-target" in str(e) and e.field_violations == []


def test_unknown_cell_in_an_override(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.NotFound) as info:
        client.odds(paths=1_000, overrides={"pharma@mars": {"drift_mean": 0.0}})
    assert info.value.resource == chaincast.ResourceInfo("cell", "pharma@mars", "", "named by spec.overrides[0].cell_id")
    assert str(info.value) == "NOT_FOUND in Simulate: cell 'pharma@mars' not found (spec.overrides[0].cell_id)"


def test_short_deadline(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.DeadlineExceeded) as info:
        client.odds(paths=20_000_000, seed=1, timeout=0.05)
    assert isinstance(info.value, TimeoutError)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    # The message names the deadline that passed and what to do, not gRPC's transport words.
    assert info.value.timeout == 0.05
    assert str(info.value).startswith(
        "DEADLINE_EXCEEDED in Simulate: the server did not answer within 0.05 s (timeout=0.05); raise timeout="
    )
    assert "fewer paths" in str(info.value) and "RST_STREAM" not in str(info.value)
    # The client-wide timeout applies too, and to streams.
    with chaincast.Client(client.target, timeout=0.05) as hasty:
        with pytest.raises(chaincast.DeadlineExceeded) as info:
            for _ in hasty.stream(paths=20_000_000, seed=1):
                pass
    assert "within 0.05 s (timeout=0.05)" in str(info.value) and info.value.method == "SimulateStream"
    # The server is still fine.
    assert len(client.odds(["pharma-output-2025"], paths=1_000, seed=1)) == 1


def test_no_server_is_unavailable() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with chaincast.Client(f"127.0.0.1:{port}", timeout=5) as c:
        with pytest.raises(chaincast.Unavailable) as info:
            c.regions()
    assert isinstance(info.value, ConnectionError) and info.value.method == "ListRegions"
    # The message says where nobody answered and how to start a server.
    text = str(info.value)
    assert text.startswith(f"UNAVAILABLE in ListRegions: no Chaincast server answered at 127.0.0.1:{port} (gRPC: ")
    assert "java -jar target/chaincast.jar serve" in text and info.value.target == f"127.0.0.1:{port}"
    assert info.value.transport_message  # gRPC's own words are kept aside


def test_signatures_show_values_not_sentinels() -> None:
    import inspect

    for name, method in inspect.getmembers(chaincast.Client, inspect.isfunction):
        for parameter in inspect.signature(method).parameters.values():
            default = parameter.default
            assert default is inspect.Parameter.empty or type(default) in (type(None), bool, int, float, str, tuple), (
                f"Client.{name}({parameter.name}={default!r})"
            )
    assert "<object object" not in inspect.getdoc(chaincast.Client.simulate) + str(inspect.signature(chaincast.Client.simulate))


def test_defaults_match_the_cli(client: chaincast.Client) -> None:
    # `chaincast odds` runs 1 000 000 paths with seed 2025; so does odds() with no arguments.
    odds = client.odds(["pharma-output-2025-etdz"])
    assert odds.attrs["run"]["paths"] == chaincast.DEFAULT_PATHS == 1_000_000
    assert odds.attrs["run"]["seed"] == chaincast.DEFAULT_SEED == 2025
    again = client.odds(["pharma-output-2025-etdz"], paths=1_000_000, seed=2025)
    assert odds["hits"].tolist() == again["hits"].tolist()  # the default is the explicit call
    # seed=None still lets the server draw one.
    drawn = client.odds(["pharma-output-2025-etdz"], paths=1_000, seed=None)
    assert drawn.attrs["run"]["seed"] != 0
    # A call's timeout=None is the client's; NO_DEADLINE lifts it.
    assert client._deadline(None) == client.timeout and client._deadline(chaincast.NO_DEADLINE) is None
    with pytest.raises(ValueError, match="timeout must be positive"):
        client.regions(timeout=0)


def test_local_mistakes_fail_before_the_call(client: chaincast.Client) -> None:
    with pytest.raises(ValueError, match="paths or precision"):
        client.simulate(paths=10, precision=0.01)
    with pytest.raises(ValueError, match="max_paths only applies"):
        client.simulate(max_paths=10)
    with pytest.raises(ValueError, match="unknown override field"):
        client.odds(overrides={"pharma@etdz": {"drift": 0.1}})
    with pytest.raises(ValueError, match="shock must be"):
        client.odds(shock="cauchy")
    with pytest.raises(ValueError, match="timeout"):
        chaincast.Client("localhost:1", timeout=0)
    closed = chaincast.Client(client.target)
    closed.close()
    with pytest.raises(RuntimeError, match="closed"):
        closed.regions()
