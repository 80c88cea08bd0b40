"""A client string of 100,000 characters gets a short status, and calls sharing its channel are
unaffected. Before, the server echoed the id whole; from about 4,000 characters a default grpcio
client refused the trailers (metadata too large) and other calls on the same channel failed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from chaincast.v1 import model_service_pb2, scenario_service_pb2

LONG_ID = "A" * 100_000


def test_a_long_id_gets_a_short_invalid_argument(scenario_stub) -> None:
    with pytest.raises(grpc.RpcError) as info:
        scenario_stub.GetScenario(scenario_service_pb2.GetScenarioRequest(scenario_id=LONG_ID), timeout=30)
    error = info.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT  # not RESOURCE_EXHAUSTED: the client read it
    assert len(error.details()) < 300
    assert "'" + "A" * 64 + "…'" in error.details()


def test_a_long_unknown_id_gets_a_short_not_found(model_stub) -> None:
    with pytest.raises(grpc.RpcError) as info:
        model_stub.ListTargets(model_service_pb2.ListTargetsRequest(plan_id="中" * 100_000), timeout=30)
    assert info.value.code() == grpc.StatusCode.NOT_FOUND
    assert len(info.value.details().encode("utf-8")) < 300


def test_calls_sharing_the_channel_are_unaffected(model_stub, scenario_stub) -> None:
    def long_ids() -> list:
        codes = []
        for _ in range(50):
            try:
                scenario_stub.GetScenario(scenario_service_pb2.GetScenarioRequest(scenario_id=LONG_ID), timeout=60)
            except grpc.RpcError as e:
                codes.append(e.code())
        return codes

    def plans() -> int:
        done = 0
        for _ in range(100):
            assert len(model_stub.ListPlans(model_service_pb2.ListPlansRequest(), timeout=60).plans) > 0
            done += 1
        return done

    with ThreadPoolExecutor(max_workers=12) as pool:
        refused = [pool.submit(long_ids) for _ in range(4)]
        listed = [pool.submit(plans) for _ in range(8)]
        codes = [c for f in refused for c in f.result()]
        total = sum(f.result() for f in listed)
    assert codes == [grpc.StatusCode.INVALID_ARGUMENT] * 200
    assert total == 800
