"""Three server processes behind one client: calls spread round-robin, a killed replica loses none.

The client is ``chaincast.Client([a, b, c])``; its channel carries the package's service config
(round_robin, retries of read-only calls on UNAVAILABLE and RESOURCE_EXHAUSTED). One replica is
SIGKILLed while calls are running, and every call still answers: the ones cut off are retried on
the other two.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import chaincast
from chaincast._credentials import channel_target, SERVICE_CONFIG
from chaincast.local import LocalServer
from server_fixtures import _jar, scrape

SIMULATE_OK = 'chaincast_rpc_server_duration_seconds_count{code="OK",method="chaincast.v1.SimulationService/Simulate"}'


@pytest.fixture()
def replicas():
    dirs = [tempfile.mkdtemp(prefix="chaincast-replica-") for _ in range(3)]
    servers = [
        LocalServer(_jar(), threads=1, jvm_args=["-Xmx256m", "-XX:+UseSerialGC"], data_dir=d, args=["--metrics-port", "0", "--no-access-log"])
        for d in dirs
    ]
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda s: s.start(), servers))
    try:
        yield servers
    finally:
        for s in servers:
            s.stop(timeout=15)
        for d in dirs:
            shutil.rmtree(d, True)


def test_a_list_of_replicas_becomes_a_static_address_list():
    assert channel_target("127.0.0.1:1") == "127.0.0.1:1"
    assert channel_target("dns:///chaincast:50051") == "dns:///chaincast:50051"
    assert channel_target(["127.0.0.1:1", "localhost:2"]) in ("ipv4:127.0.0.1:1,127.0.0.1:2", "ipv6:[::1]:1,[::1]:2")
    assert channel_target("127.0.0.1:1, 127.0.0.1:2") == "ipv4:127.0.0.1:1,127.0.0.1:2"
    with pytest.raises(ValueError, match="is not host:port"):
        channel_target(["127.0.0.1:1", "localhost"])
    with pytest.raises(ValueError, match="give host:port"):
        channel_target([])
    assert SERVICE_CONFIG["loadBalancingConfig"] == [{"round_robin": {}}]


def test_calls_spread_over_replicas_and_a_killed_one_loses_none(replicas):
    for s in replicas:
        assert s.wait_for_metrics_url(30), "\n".join(s.log)
    before = [scrape(s.metrics_url).get(SIMULATE_OK, 0.0) for s in replicas]
    calls = 90
    done = threading.Semaphore(0)
    errors = []

    def one(i: int) -> None:
        try:
            odds = client.odds(paths=20_000, seed=i, variance="plain", timeout=120)
            assert len(odds) > 0
        except Exception as e:  # noqa: BLE001 - every failure is what the test counts
            errors.append(repr(e))
        finally:
            done.release()

    with chaincast.Client([s.target for s in replicas]) as client, ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(one, i) for i in range(calls)]
        for _ in range(calls // 3):
            done.acquire()
        spread = [scrape(s.metrics_url).get(SIMULATE_OK, 0.0) - b for s, b in zip(replicas, before)]
        replicas[1].process.kill()  # SIGKILL, with calls running on it
        for f in futures:
            f.result(timeout=300)
    assert errors == []
    assert all(n >= 3 for n in spread), f"round robin gave every replica calls: {spread}"
