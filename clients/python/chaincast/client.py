"""The Chaincast client: the gRPC API as pandas DataFrames."""

from __future__ import annotations

import math
import os
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

import grpc
import pandas as pd

from chaincast import datasets as _datasets
from chaincast import frames
from chaincast._credentials import open_channel
from chaincast.errors import NotFound, from_rpc_error
from chaincast.frames import Progress, Report, Scenario, ScenarioPage, Sensitivity
from chaincast.scenarios import (
    OverridesLike,
    ScenarioOverridesLike,
    cell_overrides,
    localized_name,
    scenario_overrides,
)
from chaincast.calibration import PointsLike, actual_points, backtest_frames, estimates_frame
from chaincast.v1 import (
    calibration_service_pb2 as cal_pb2,
    calibration_service_pb2_grpc,
    dataset_pb2,
    dataset_service_pb2,
    dataset_service_pb2_grpc,
    model_pb2,
    model_service_pb2,
    model_service_pb2_grpc,
    scenario_pb2,
    scenario_service_pb2,
    scenario_service_pb2_grpc,
    simulation_service_pb2 as sim_pb2,
    simulation_service_pb2_grpc,
    sweep_service_pb2 as sw_pb2,
    sweep_service_pb2_grpc,
)
from chaincast import sweeps as _sweeps

__all__ = [
    "Client",
    "DEFAULT_TARGET",
    "DEFAULT_TIMEOUT",
    "DEFAULT_PATHS",
    "DEFAULT_SEED",
    "COMPARE_PATHS",
    "SENSITIVITY_PATHS",
    "NO_DEADLINE",
    "SubjectLike",
    "OverridesLike",
    "ScenarioLike",
]

DEFAULT_TARGET = "localhost:50051"
"""Where ``chaincast serve`` listens by default."""

DEFAULT_TIMEOUT = 120.0
"""Seconds every call may take unless the client or the call says otherwise."""

NO_DEADLINE = math.inf
"""``timeout=NO_DEADLINE`` (or ``float("inf")``): this call may take as long as it takes."""

# The CLI's defaults (`chaincast odds`, `fan`: --paths 1000000 --seed 2025; `compare`: 200000;
# `sensitivity`: 20000), so a notebook and the terminal give the same numbers for the same call.
DEFAULT_PATHS = 1_000_000
"""Paths of ``simulate``, ``odds``, ``fan`` and ``stream`` when neither ``paths`` nor ``precision`` is given."""

DEFAULT_SEED = 2025
"""Seed of every simulating call unless ``seed=`` says otherwise (``seed=None``: the server draws one)."""

COMPARE_PATHS = 200_000
"""Paths of ``compare`` by default (both sides run on them)."""

SENSITIVITY_PATHS = 20_000
"""Paths per run of ``sensitivity`` by default (it runs four per input)."""

SubjectLike = Union[str, Tuple[str, str], Mapping[str, str], sim_pb2.Subject]
"""A fan subject: ``"pharma@etdz"`` (a cell), ``"city"``, ``"chain:pharma"``,
``"region:etdz"``, ``"target:pharma-output-2025"``, ``("region", "etdz")``,
``{"region_id": "etdz"}``, a ``chaincast.v1.Subject``, or a bare chain, region
or target id (looked up in the model)."""

ScenarioLike = Union[None, str, Scenario, scenario_pb2.ScenarioOverrides, Mapping[str, Any]]
"""Which version of the model to simulate: ``None`` (the seeded model), a
stored scenario's id (``"haizhou-slower"``) or :class:`chaincast.frames.Scenario`,
or changes given inline: a ``ScenarioOverrides`` message or a dict (see
:mod:`chaincast.scenarios`), e.g. ``{"macro_shocks": [{"id": "slump", "city":
True, "year": 2024, "change": -0.1}]}`` or ``{"pharma@haizhou": {"drift_mean": 0.0}}``."""
ThresholdLike = Union[Tuple[str, Optional[int], str, Any], "sim_pb2.Threshold"]
"""A threshold: ``(subject, year, op, value)`` or a ``chaincast.v1.Threshold``."""

_COMPARISONS = {
    ">=": model_pb2.COMPARISON_AT_LEAST,
    "≥": model_pb2.COMPARISON_AT_LEAST,
    ">": model_pb2.COMPARISON_GREATER_THAN,
    "<=": model_pb2.COMPARISON_AT_MOST,
    "≤": model_pb2.COMPARISON_AT_MOST,
    "<": model_pb2.COMPARISON_LESS_THAN,
    "between": model_pb2.COMPARISON_BETWEEN,
}


def threshold_proto(t: ThresholdLike) -> "sim_pb2.Threshold":
    """A :data:`ThresholdLike` as the API's message (the subject as ``any_id``)."""
    if isinstance(t, sim_pb2.Threshold):
        return t
    subject, year, op, value = t
    if op not in _COMPARISONS:
        raise ValueError(f"op must be one of {sorted(_COMPARISONS)}, got {op!r}")
    msg = sim_pb2.Threshold(subject=sim_pb2.Subject(any_id=str(subject)), year=int(year or 0),
                            comparison=_COMPARISONS[op])
    if op == "between":
        low, high = value
        msg.value, msg.upper_value = float(low), float(high)
    else:
        msg.value = float(value)
    return msg


_SUBJECT_KINDS = {"cell": "cell_id", "chain": "chain_id", "region": "region_id", "target": "target_id"}
_VARIANCE = {
    None: sim_pb2.VARIANCE_REDUCTION_UNSPECIFIED,
    "auto": sim_pb2.VARIANCE_REDUCTION_AUTO,
    "plain": sim_pb2.VARIANCE_REDUCTION_PLAIN,
    "conditional": sim_pb2.VARIANCE_REDUCTION_CONDITIONAL,
    "quasi_random": sim_pb2.VARIANCE_REDUCTION_QUASI_RANDOM,
    "importance": sim_pb2.VARIANCE_REDUCTION_IMPORTANCE,
}

_SHOCKS = {
    None: model_pb2.SHOCK_DISTRIBUTION_UNSPECIFIED,
    "normal": model_pb2.SHOCK_DISTRIBUTION_NORMAL,
    "student_t": model_pb2.SHOCK_DISTRIBUTION_STUDENT_T,
    "student-t": model_pb2.SHOCK_DISTRIBUTION_STUDENT_T,
    "t": model_pb2.SHOCK_DISTRIBUTION_STUDENT_T,
}
_TARGET_KINDS = {
    None: model_pb2.TARGET_KIND_UNSPECIFIED,
    "output": model_pb2.TARGET_KIND_OUTPUT,
    "count": model_pb2.TARGET_KIND_COUNT,
    "chains_above": model_pb2.TARGET_KIND_CHAINS_ABOVE,
    "other": model_pb2.TARGET_KIND_OTHER,
}


class Client:
    """A connection to a Chaincast server.

    Every table comes back as a pandas DataFrame; every failed call raises a
    :class:`chaincast.ChaincastError` subclass with the gRPC status, the
    message and the bad fields.

    Example::

        import chaincast
        with chaincast.Client("localhost:50051") as c:
            odds = c.odds(year=2025, paths=200_000, seed=2025)
            print(odds[["target_id", "name_en", "p_hit", "ci_low", "ci_high"]])

    Args:
        target: ``host:port`` of the server; or several replicas, as a list of
            ``host:port`` or one comma-separated string, or ``dns:///name:port``
            for every address of a name. Calls go round-robin over the replicas,
            and read-only calls (queries, runs, calibration) are retried on another
            one when a replica is unavailable or full (UNAVAILABLE,
            RESOURCE_EXHAUSTED; up to 5 attempts). Writes are not retried: a lost
            answer to a write is settled with its etag, not a blind second try.
        timeout: seconds each call may take (a gRPC deadline; default
            :data:`DEFAULT_TIMEOUT`, 120); ``None`` or ``math.inf`` for no
            deadline. Each method also takes ``timeout=`` for that call alone:
            ``None`` (the default) means this client's timeout, a number that
            many seconds, :data:`NO_DEADLINE` none. A call that runs out raises
            :class:`chaincast.DeadlineExceeded` saying which deadline passed.
        options: extra gRPC channel options, e.g.
            ``[("grpc.max_receive_message_length", 64 << 20)]``.
        credentials: ``grpc.ChannelCredentials`` for a TLS server, when
            ``tls_ca=`` is not enough (e.g. a client certificate for mutual TLS:
            ``grpc.ssl_channel_credentials(ca, key, cert)``).
        tls_ca: the CA certificate(s) that signed the server's certificate: a PEM
            file's path or the PEM bytes; the channel then uses TLS. Default:
            ``$CHAINCAST_TLS_CA``, else plaintext.
        tls: use TLS with the system's trusted CAs (a publicly trusted certificate).
        token: the bearer token for a server started with ``--token-file``.
            Default: ``$CHAINCAST_TOKEN``. Prefer ``token_file=`` or the
            environment to writing a token into a notebook that others may read.
        token_file: a file whose first line is the token (``chaincast token
            --out`` writes one). Default: ``$CHAINCAST_TOKEN_FILE``.

    The token is sent only over TLS or to a loopback address; to any other
    plaintext address the constructor raises ``ValueError`` rather than let it
    cross the network readable. A refused token raises
    :class:`chaincast.Unauthenticated`, a role too low for the call
    :class:`chaincast.PermissionDenied`.
    """

    def __init__(
        self,
        target: Union[str, Sequence[str]] = DEFAULT_TARGET,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        *,
        options: Optional[Sequence[Tuple[str, Any]]] = None,
        credentials: Optional[grpc.ChannelCredentials] = None,
        tls_ca: Union[None, str, "os.PathLike[str]", bytes] = None,
        tls: bool = False,
        token: Optional[str] = None,
        token_file: Union[None, str, "os.PathLike[str]"] = None,
    ) -> None:
        if timeout is not None and not (timeout > 0):
            raise ValueError(f"timeout must be positive seconds, or None for no deadline, got {timeout!r}")
        self.target = target if isinstance(target, str) else ",".join(target)
        self.timeout = None if timeout is None or math.isinf(timeout) else float(timeout)
        self._channel = open_channel(
            target,
            list(options or []),
            credentials=credentials,
            tls_ca=tls_ca,
            tls=tls,
            token=token,
            token_file=token_file,
            env=os.environ,
        )
        self.model_stub = model_service_pb2_grpc.ModelServiceStub(self._channel)
        """The raw ``ModelService`` stub, for anything the wrappers leave out."""
        self.simulation_stub = simulation_service_pb2_grpc.SimulationServiceStub(self._channel)
        """The raw ``SimulationService`` stub."""
        self.scenario_stub = scenario_service_pb2_grpc.ScenarioServiceStub(self._channel)
        """The raw ``ScenarioService`` stub."""
        self.dataset_stub = dataset_service_pb2_grpc.DatasetServiceStub(self._channel)
        """The raw ``DatasetService`` stub."""
        self.calibration_stub = calibration_service_pb2_grpc.CalibrationServiceStub(self._channel)
        """The raw ``CalibrationService`` stub."""
        self.sweep_stub = sweep_service_pb2_grpc.SweepServiceStub(self._channel)
        """The raw ``SweepService`` stub."""
        self._ids: Optional[Dict[str, set]] = None
        self._closed = False

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the channel. Further calls fail; closing twice is harmless."""
        if not self._closed:
            self._closed = True
            self._channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<chaincast.Client {self.target} timeout={self.timeout} {state}>"

    # -------------------------------------------------------------- helpers

    def _deadline(self, timeout: Optional[float]) -> Optional[float]:
        """A call's ``timeout=`` as a gRPC deadline: None is the client's, inf none."""
        if timeout is None:
            return self.timeout
        if not (timeout > 0):
            raise ValueError(f"timeout must be positive seconds, None (the client's) or math.inf, got {timeout!r}")
        return None if math.isinf(timeout) else float(timeout)

    def _error(self, error: grpc.RpcError, name: str, deadline: Optional[float]) -> Exception:
        return from_rpc_error(error, name, timeout=deadline, target=self.target)

    def _call(self, method: Any, name: str, request: Any, timeout: Optional[float]) -> Any:
        if self._closed:
            raise RuntimeError("this chaincast.Client is closed")
        deadline = self._deadline(timeout)
        try:
            return method(request, timeout=deadline)
        except grpc.RpcError as error:
            raise self._error(error, name, deadline) from None

    # ------------------------------------------------------------- browsing

    def regions(self, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """Counties, districts and function zones: id, name_zh, name_en, kind, note."""
        r = self._call(self.model_stub.ListRegions, "ListRegions", model_service_pb2.ListRegionsRequest(), timeout)
        return frames.regions_frame(r.regions)

    def chains(self, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """Industry chains: id, name_zh, name_en, family (city/zone), aliases, related_chain_ids, note."""
        r = self._call(self.model_stub.ListChains, "ListChains", model_service_pb2.ListChainsRequest(), timeout)
        return frames.chains_frame(r.chains)

    def plans(self, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """The plan documents the targets come from."""
        r = self._call(self.model_stub.ListPlans, "ListPlans", model_service_pb2.ListPlansRequest(), timeout)
        return frames.plans_frame(r.plans)

    def targets(
        self,
        *,
        plan: Optional[str] = None,
        year: Optional[int] = None,
        chain: Optional[str] = None,
        region: Optional[str] = None,
        kind: Optional[str] = None,
        simulated_only: bool = False,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """The plans' targets, filtered (filters combine with AND).

        Args:
            plan: only this plan's targets (a plan id, e.g. ``lzbf-2023-53``).
            year: only targets for this calendar year.
            chain: only targets whose scope includes this chain.
            region: only targets whose scope includes this region.
            kind: ``output``, ``count``, ``chains_above`` or ``other``.
            simulated_only: only targets the engine simulates.

        Returns:
            One row per target; see :func:`chaincast.frames.targets_frame`.
        """
        if kind not in _TARGET_KINDS:
            raise ValueError(f"kind must be one of {sorted(k for k in _TARGET_KINDS if k)}, got {kind!r}")
        request = model_service_pb2.ListTargetsRequest(
            plan_id=plan or "",
            year=int(year or 0),
            chain_id=chain or "",
            region_id=region or "",
            kind=_TARGET_KINDS[kind],
            simulated_only=simulated_only,
        )
        r = self._call(self.model_stub.ListTargets, "ListTargets", request, timeout)
        return frames.targets_frame(r.targets)

    def actuals(self, *, plan: Optional[str] = None, timeout: Optional[float] = None) -> pd.DataFrame:
        """Realised figures the plan documents report (optionally of one plan)."""
        request = model_service_pb2.ListActualsRequest(plan_id=plan or "")
        r = self._call(self.model_stub.ListActuals, "ListActuals", request, timeout)
        return frames.actuals_frame(r.actuals)

    def cells(
        self,
        *,
        chain: Optional[str] = None,
        region: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """The model's cells with their growth parameters and where each comes from.

        ``df.attrs["shocks"]`` holds the shock settings shared by every cell.
        """
        request = model_service_pb2.ListCellsRequest(chain_id=chain or "", region_id=region or "")
        r = self._call(self.model_stub.ListCells, "ListCells", request, timeout)
        return frames.cells_frame(r)

    def audit(self, *, mismatches_only: bool = False, timeout: Optional[float] = None) -> pd.DataFrame:
        """The consistency audit: where the plans' figures do not add up."""
        request = model_service_pb2.GetAuditRequest(mismatches_only=mismatches_only)
        r = self._call(self.model_stub.GetAudit, "GetAudit", request, timeout)
        return frames.audit_frame(r.findings)

    # ------------------------------------------------------------ scenarios

    def create_scenario(
        self,
        scenario_id: str,
        name: Any,
        description: str = "",
        overrides: Optional[ScenarioOverridesLike] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Scenario:
        """Store a new named scenario on the server and return it with its etag.

        Args:
            scenario_id: its id: 1 to 63 characters of a-z, 0-9 and '-',
                starting with a letter, e.g. ``"haizhou-slower"``.
            name: what planners call it: ``"Haizhou slows"`` (English),
                ``"海州放缓"`` (Chinese), or ``("海州放缓", "Haizhou slows")``.
            description: what the scenario asks, in a sentence or two.
            overrides: its changes to the seeded model: a dict such as
                ``{"cells": {"pharma@haizhou": {"drift_mean": -0.015}},
                "macro_shocks": [...]}`` (see :mod:`chaincast.scenarios`) or
                a ``ScenarioOverrides`` message.

        Raises:
            AlreadyExists: the id is taken.
            InvalidArgument: a bad id, name or change (every bad field listed).
        """
        message = scenario_service_pb2.Scenario(
            id=str(scenario_id),
            name=localized_name(name),
            description=description or "",
            overrides=scenario_overrides(overrides),
        )
        r = self._call(
            self.scenario_stub.CreateScenario,
            "CreateScenario",
            scenario_service_pb2.CreateScenarioRequest(scenario=message),
            timeout,
        )
        return Scenario.from_proto(r.scenario)

    def get_scenario(self, scenario_id: str, *, timeout: Optional[float] = None) -> Scenario:
        """One stored scenario, with its current etag; ``.changes`` lists its changes as a table.

        Raises:
            NotFound: there is no scenario with this id.
        """
        r = self._call(
            self.scenario_stub.GetScenario,
            "GetScenario",
            scenario_service_pb2.GetScenarioRequest(scenario_id=str(scenario_id)),
            timeout,
        )
        return Scenario.from_proto(r.scenario)

    def scenario_page(
        self, page_size: int = 50, page_token: str = "", *, timeout: Optional[float] = None
    ) -> ScenarioPage:
        """One page of stored scenarios, in id order.

        Args:
            page_size: at most this many (1 to 1000).
            page_token: ``""`` for the first page, then the previous page's
                ``next_page_token``.

        Returns:
            A :class:`chaincast.frames.ScenarioPage`: ``.scenarios`` (a
            DataFrame, see :func:`chaincast.frames.scenarios_frame`) and
            ``.next_page_token`` (``""`` on the last page).
        """
        request = scenario_service_pb2.ListScenariosRequest(page_size=int(page_size), page_token=page_token or "")
        r = self._call(self.scenario_stub.ListScenarios, "ListScenarios", request, timeout)
        return ScenarioPage(frames.scenarios_frame(r.scenarios), r.next_page_token)

    def scenario_pages(self, page_size: int = 50, *, timeout: Optional[float] = None) -> Iterator[ScenarioPage]:
        """Every page of stored scenarios, one :class:`ScenarioPage` at a time (see :meth:`scenario_page`)."""
        token = ""
        while True:
            page = self.scenario_page(page_size, token, timeout=timeout)
            yield page
            if not page.next_page_token:
                return
            token = page.next_page_token

    def scenarios(self, page_size: int = 50, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """Every stored scenario, one row each in id order, read ``page_size`` at a time.

        Columns: id, name_zh, name_en, description, etag, create_time,
        update_time, changes and how many of each kind (see
        :func:`chaincast.frames.scenarios_frame`). ``df.attrs["pages"]`` says
        how many pages were read.
        """
        pages = list(self.scenario_pages(page_size, timeout=timeout))
        df = pd.concat([p.scenarios for p in pages], ignore_index=True) if len(pages) > 1 else pages[0].scenarios
        df = df.astype(pages[0].scenarios.dtypes.to_dict())  # concat of empty pages keeps the dtypes
        df.attrs.update(pages[0].scenarios.attrs)
        df.attrs["pages"] = len(pages)
        return df

    def update_scenario(
        self,
        scenario_id: str,
        *,
        etag: str,
        name: Any = None,
        description: Optional[str] = None,
        overrides: Optional[ScenarioOverridesLike] = None,
        timeout: Optional[float] = None,
    ) -> Scenario:
        """Change a stored scenario, if nobody else has since you read it.

        ``etag`` is the one you read (``get_scenario(id).etag`` or the value a
        create or update returned). What you leave as ``None`` keeps its
        value in the version that etag names; ``overrides`` replaces the
        changes as a whole.

        Returns:
            The scenario as stored, with its new etag.

        Raises:
            Aborted: the etag is stale: the scenario was changed (or deleted
                and re-created) after you read it. Nothing was written; get it
                again, reapply your change, retry.
            NotFound: there is no such scenario (any more).
            InvalidArgument: a bad name or change.
        """
        if not etag:
            raise ValueError("etag is required: pass the etag of the version you read (get_scenario(id).etag)")
        message = scenario_service_pb2.Scenario(id=str(scenario_id), etag=str(etag))
        if name is None or description is None or overrides is None:
            # Fill in what the caller keeps. The server checks the etag, so if
            # this read is newer than the caller's version the update is refused.
            current = self.get_scenario(scenario_id, timeout=timeout).raw
            message.name.CopyFrom(current.name)
            message.description = current.description
            message.overrides.CopyFrom(current.overrides)
        if name is not None:
            message.name.CopyFrom(localized_name(name))
        if description is not None:
            message.description = description
        if overrides is not None:
            message.overrides.CopyFrom(scenario_overrides(overrides))
        r = self._call(
            self.scenario_stub.UpdateScenario,
            "UpdateScenario",
            scenario_service_pb2.UpdateScenarioRequest(scenario=message),
            timeout,
        )
        return Scenario.from_proto(r.scenario)

    def delete_scenario(
        self,
        scenario_id: str,
        etag: Optional[str] = None,
        *,
        missing_ok: bool = False,
        timeout: Optional[float] = None,
    ) -> bool:
        """Delete a stored scenario; return True if it was deleted.

        Args:
            etag: the version you read; the delete is refused (``Aborted``)
                if the scenario changed since. ``None`` deletes whatever
                version is current.
            missing_ok: return False instead of raising ``NotFound`` when
                there is no such scenario.
        """
        request = scenario_service_pb2.DeleteScenarioRequest(scenario_id=str(scenario_id), etag=etag or "")
        try:
            self._call(self.scenario_stub.DeleteScenario, "DeleteScenario", request, timeout)
        except NotFound:
            if missing_ok:
                return False
            raise
        return True

    # ------------------------------------------------------------- datasets

    def import_actuals(
        self,
        df: pd.DataFrame,
        dataset_id: str,
        name_zh: Optional[str] = None,
        name_en: Optional[str] = None,
        description: str = "",
        *,
        timeout: Optional[float] = None,
    ) -> pd.Series:
        """Store a DataFrame of actuals as a new dataset; return its row as :meth:`datasets` shows it.

        ``df`` has the columns subject_id, year, value, unit and optionally
        period (``""`` or ``"1-7"``), source, relative_error (see
        :mod:`chaincast.datasets`). Row ``i`` (by position) is sent as
        ``dataset.points[i]``.

        Raises:
            InvalidArgument: any row is wrong; ``e.field_violations`` names
                each (``dataset.points[6].value``: ...) and nothing is stored.
            AlreadyExists: the id is taken.
            ValueError: a cell cannot be converted at all (e.g. a year ``"20x1"``).
        """
        message = dataset_pb2.Dataset(
            id=str(dataset_id),
            name=model_pb2.LocalizedName(zh=name_zh or "", en=name_en or ""),
            description=description or "",
            points=_datasets.points_from_frame(df),
        )
        request = dataset_service_pb2.CreateDatasetRequest(dataset=message)
        r = self._call(self.dataset_stub.CreateDataset, "CreateDataset", request, timeout)
        return _datasets.datasets_frame([r.dataset]).iloc[0]

    def datasets(self, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """Every stored dataset, in id order: id, name_zh, name_en, description, point_count, etag, create_time."""
        found: List[Any] = []
        token = ""
        while True:
            request = dataset_service_pb2.ListDatasetsRequest(page_size=200, page_token=token)
            r = self._call(self.dataset_stub.ListDatasets, "ListDatasets", request, timeout)
            found.extend(r.datasets)
            token = r.next_page_token
            if not token:
                return _datasets.datasets_frame(found)

    def dataset(self, dataset_id: str, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """One dataset's points, in the import format (``df.attrs`` has its id, names and etag).

        Raises:
            NotFound: there is no dataset with this id.
        """
        request = dataset_service_pb2.GetDatasetRequest(dataset_id=str(dataset_id))
        r = self._call(self.dataset_stub.GetDataset, "GetDataset", request, timeout)
        return _datasets.points_frame(r.dataset)

    def delete_dataset(
        self,
        dataset_id: str,
        etag: Optional[str] = None,
        *,
        missing_ok: bool = False,
        timeout: Optional[float] = None,
    ) -> bool:
        """Delete a stored dataset; return True if it was deleted.

        Raises:
            ChaincastError: with code FAILED_PRECONDITION while stored
                scenarios name the dataset (the message names them).
            NotFound: there is no such dataset (unless ``missing_ok``).
            Aborted: ``etag`` is given and the dataset changed since.
        """
        request = dataset_service_pb2.DeleteDatasetRequest(dataset_id=str(dataset_id), etag=etag or "")
        try:
            self._call(self.dataset_stub.DeleteDataset, "DeleteDataset", request, timeout)
        except NotFound:
            if missing_ok:
                return False
            raise
        return True

    # ----------------------------------------------------------- simulation

    def simulate(
        self,
        targets: Union[None, str, Iterable[str]] = None,
        *,
        plan: Optional[str] = None,
        year: Optional[int] = None,
        paths: Optional[int] = None,
        precision: Optional[float] = None,
        max_paths: Optional[int] = None,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        percentiles: Optional[Sequence[float]] = None,
        fans: Optional[Sequence[SubjectLike]] = None,
        overrides: Optional[OverridesLike] = None,
        scenario: ScenarioLike = None,
        joint: Optional[Mapping[str, Sequence[str]]] = None,
        shock: Optional[str] = None,
        variance: Optional[str] = None,
        timeout: Optional[float] = None,
        region: Optional[str] = None,
        thresholds: Optional[Sequence[ThresholdLike]] = None,
    ) -> Report:
        """Run a simulation and return the whole report as DataFrames.

        Args:
            targets: target ids (one string or several). With ``plan``/``year``
                they add up; with none of the three the server takes every
                simulated 2025 target.
            plan: every simulated target of this plan (with ``year``: that year's).
            year: every simulated target of this calendar year.
            paths: how many Monte Carlo paths. Default (``None`` with no
                ``precision``): :data:`DEFAULT_PATHS`, 1 000 000, as the CLI.
            precision: instead of ``paths``, run until every 95 % interval is
                at most ± this wide (e.g. 0.005 = ±0.5 points).
            max_paths: the path cap of a precision run.
            seed: random seed, default :data:`DEFAULT_SEED` (2025, as the CLI):
                the same seed gives identical results. ``None``: the server
                draws one and reports it (``report.run.seed``).
            horizon: last simulated year (default 2025, at most 2035).
            percentiles: percentiles (0 < p < 100) for targets and fans
                (default 5, 25, 50, 75, 95).
            fans: subjects to report yearly percentiles for (see :data:`SubjectLike`).
            overrides: what-ifs on cell parameters for this run only (see
                :data:`OverridesLike`): base_value (亿元), drift_mean (mean log
                growth a year), drift_sd, volatility. They apply on top of
                ``scenario``.
            scenario: the version of the model to run (see
                :data:`ScenarioLike`): a stored scenario's id, or changes
                inline (cells, counts, events added/removed/delayed, macro
                shocks, observations). Default: the seeded model.
            joint: extra target sets whose joint P(all hit) to report,
                ``{"my-set": ["id-1", "id-2"]}``.
            shock: ``"normal"`` or ``"student_t"`` (default: the seeded one).
            variance: how P(hit) is estimated: ``"auto"`` (default: the best
                valid method per target, measured on the run's own paths),
                ``"plain"``, ``"conditional"``, ``"quasi_random"`` or
                ``"importance"``. The odds frame's ``method`` and
                ``variance_reduction`` columns say what each target got.
            timeout: seconds for this call; ``None`` (default): the client's
                (120 unless set); :data:`NO_DEADLINE`: none.
            region: the region's own targets (e.g. ``"haizhou"``: Haizhou's
                share of each plan), with ``year`` defaulting to 2025.
            thresholds: probabilities at any level, answered in
                ``report.thresholds`` like targets: ``(subject, year, op,
                value)`` tuples with op one of ``">="``, ``">"``, ``"<="``,
                ``"<"`` or ``"between"`` (value a ``(low, high)`` pair); the
                subject is any target, cell, count cell, chain or region id,
                or ``"city"``. Output subjects compare in 亿元, counts in counts.

        Raises:
            InvalidArgument: a bad value (with every bad field listed).
            NotFound: an unknown target, cell, chain, region or scenario id
                (the message suggests the closest ids).
            DeadlineExceeded: the run took longer than ``timeout`` (the
                message names the deadline).
            Unavailable: no server at the address (the message says how to start one).
        """
        spec, groups = self._spec(
            targets, plan, year, paths, precision, max_paths, seed, horizon, percentiles, fans, overrides, joint, shock,
            scenario, variance,
        )
        if region:
            spec.targets.region_id = region
            spec.targets.region_match = sim_pb2.REGION_MATCH_OWN
            if not year and not targets:
                spec.targets.year = 2025
        for t in thresholds or ():
            spec.thresholds.append(threshold_proto(t))
        response = self._call(
            self.simulation_stub.Simulate, "Simulate", sim_pb2.SimulateRequest(spec=spec), timeout
        )
        return frames.report_from_proto(response.report, groups)

    def odds(
        self,
        targets: Union[None, str, Iterable[str]] = None,
        *,
        plan: Optional[str] = None,
        year: Optional[int] = None,
        paths: Optional[int] = None,
        precision: Optional[float] = None,
        max_paths: Optional[int] = None,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        percentiles: Optional[Sequence[float]] = None,
        overrides: Optional[OverridesLike] = None,
        scenario: ScenarioLike = None,
        shock: Optional[str] = None,
        variance: Optional[str] = None,
        timeout: Optional[float] = None,
        region: Optional[str] = None,
    ) -> pd.DataFrame:
        """The odds of reaching targets: one row per target.

        Takes the same arguments as :meth:`simulate` (without fans and joint
        sets), with the same defaults: 1 000 000 paths, seed 2025, the
        client's timeout. Columns: target_id, plan_id, name_zh, name_en, year, comparison,
        target_value, unit, p_hit, p_hit_se, ci_low, ci_high, hits, paths,
        median, mean, one ``p<percentile>`` column per percentile (p5 ... p95),
        base_year, base_value, required_growth, median_growth,
        expected_shortfall, method, variance_reduction, plain_p_hit,
        plain_p_hit_se (see :func:`chaincast.frames.odds_frame`).
        ``df.attrs["run"]`` says how it ran (paths, seed, time).
        """
        return self.simulate(
            targets,
            plan=plan,
            year=year,
            paths=paths,
            precision=precision,
            max_paths=max_paths,
            seed=seed,
            horizon=horizon,
            percentiles=percentiles,
            overrides=overrides,
            scenario=scenario,
            shock=shock,
            variance=variance,
            timeout=timeout,
            region=region,
        ).odds

    def prob(
        self,
        subject: str,
        year: Optional[int],
        op: str,
        value: Union[float, Tuple[float, float]],
        **kwargs: Any,
    ) -> pd.Series:
        """P(the subject's value in ``year`` compares to ``value``), e.g.
        ``client.prob("pharma-output-2025", 2025, ">=", 900)``: one row of
        :func:`chaincast.frames.thresholds_frame` (p_hit, p_hit_se, ci_low,
        ci_high, median, ...). ``op`` is ``">="``, ``">"``, ``"<="``, ``"<"``
        or ``"between"`` with ``value=(low, high)``; ``year=None`` is the
        horizon. Other keyword arguments (targets, paths, seed, scenario,
        overrides, variance, timeout, ...) are those of :meth:`simulate`, with
        its defaults (1 000 000 paths, seed 2025, every 2025 target alongside).
        The paths depend on which targets and years a run reads, so a
        threshold at a target's own level equals that target's odds exactly
        when both runs ask for the same targets.
        """
        report = self.simulate(thresholds=[(subject, year, op, value)], **kwargs)
        return report.thresholds.iloc[0]

    def fan(
        self,
        subjects: Union[SubjectLike, Sequence[SubjectLike]],
        *,
        paths: int = DEFAULT_PATHS,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        percentiles: Optional[Sequence[float]] = None,
        overrides: Optional[OverridesLike] = None,
        scenario: ScenarioLike = None,
        shock: Optional[str] = None,
        targets: Union[None, str, Iterable[str]] = None,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """Yearly percentiles of one or more cells or groups, as a long DataFrame.

        Args:
            subjects: one subject or a list (see :data:`SubjectLike`), e.g.
                ``["target:pharma-output-2025-etdz", "pharma@haizhou", "city"]``.
            targets: targets to simulate alongside; by default the subjects
                that are targets, so their target lines can be drawn.
            paths: default :data:`DEFAULT_PATHS` (1 000 000), seed default
                2025, as ``chaincast fan``.
            others: as in :meth:`simulate`.

        Returns:
            Columns group, subject_kind, name_zh, name_en, unit, year,
            percentile, value: one row per (group, year, percentile), from the
            base year to the horizon. ``df.attrs["targets"]`` maps each
            simulated target id to its value, year and P(hit), which
            :func:`chaincast.plot_fan` uses for target lines.
        """
        if isinstance(subjects, (str, tuple, sim_pb2.Subject)) or isinstance(subjects, Mapping):
            subjects = [subjects]  # type: ignore[list-item]
        subject_list = list(subjects)  # type: ignore[arg-type]
        if not subject_list:
            raise ValueError("fan() needs at least one subject")
        if targets is None:
            resolved = [self._subject(s) for s in subject_list]
            target_subjects = [s.target_id for s, _ in resolved if s.WhichOneof("kind") == "target_id"]
            targets = target_subjects or None
        report = self.simulate(
            targets,
            paths=paths,
            seed=seed,
            horizon=horizon,
            percentiles=percentiles,
            fans=subject_list,
            overrides=overrides,
            scenario=scenario,
            shock=shock,
            timeout=timeout,
        )
        return report.fans

    def stream(
        self,
        targets: Union[None, str, Iterable[str]] = None,
        *,
        plan: Optional[str] = None,
        year: Optional[int] = None,
        paths: Optional[int] = None,
        precision: Optional[float] = None,
        max_paths: Optional[int] = None,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        percentiles: Optional[Sequence[float]] = None,
        fans: Optional[Sequence[SubjectLike]] = None,
        overrides: Optional[OverridesLike] = None,
        scenario: ScenarioLike = None,
        joint: Optional[Mapping[str, Sequence[str]]] = None,
        shock: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Iterator[Union[Progress, Report]]:
        """Run a simulation, yielding a :class:`Progress` after every batch, then the :class:`Report`.

        Same arguments and defaults as :meth:`simulate`; ``timeout`` bounds the whole
        stream. Stopping early (``break``, or closing the generator) cancels
        the run on the server. Example::

            for event in client.stream(precision=0.002, seed=1):
                if isinstance(event, chaincast.Progress):
                    print(f"{event.fraction:.0%}  ±{event.max_half_width:.4f}")
                else:
                    report = event
        """
        spec, groups = self._spec(
            targets, plan, year, paths, precision, max_paths, seed, horizon, percentiles, fans, overrides, joint, shock,
            scenario,
        )
        if self._closed:
            raise RuntimeError("this chaincast.Client is closed")
        deadline = self._deadline(timeout)
        call = self.simulation_stub.SimulateStream(sim_pb2.SimulateStreamRequest(spec=spec), timeout=deadline)
        try:
            try:
                for message in call:
                    event = message.WhichOneof("event")
                    if event == "progress":
                        yield frames.progress_from_proto(message.progress)
                    elif event == "report":
                        yield frames.report_from_proto(message.report, groups)
            except grpc.RpcError as error:
                raise self._error(error, "SimulateStream", deadline) from None
        finally:
            call.cancel()  # no-op when the stream already ended

    # ------------------------------------------------- compare, sensitivity

    def compare(
        self,
        baseline: ScenarioLike = None,
        alternative: ScenarioLike = None,
        *,
        targets: Union[None, str, Iterable[str]] = None,
        plan: Optional[str] = None,
        year: Optional[int] = None,
        paths: int = COMPARE_PATHS,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        overrides: Optional[OverridesLike] = None,
        shock: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """Two versions of the model on the same random paths: how P(hit) moves per target.

        Both sides run on common random numbers (the same paths), so the
        difference is the change's effect with a much smaller error than two
        separate runs would have: ``standard_error`` (paired) beside
        ``independent_standard_error`` shows how much.

        Args:
            baseline: side A (see :data:`ScenarioLike`): ``None`` for the
                seeded model, a stored scenario's id, or changes inline.
            alternative: side B; the difference is B minus A.
            paths: paths of each side, default :data:`COMPARE_PATHS`
                (200 000, as ``chaincast compare``); seed default 2025.
            targets, plan, year, horizon, shock: as in :meth:`simulate`
                (a fixed path count; no precision runs).
            overrides: cell overrides applied to both sides.

        Returns:
            One row per target: target_id, name_zh, name_en, p_hit_baseline,
            p_hit_alternative, difference, standard_error,
            independent_standard_error, ci_low, ci_high (of the difference),
            baseline_only, alternative_only (paths hit on one side only), ...
            (see :func:`chaincast.frames.comparison_frame`).

        Raises:
            NotFound: an unknown scenario or target id.
            InvalidArgument: a bad value (every bad field listed).
        """
        spec, _ = self._spec(targets, plan, year, paths, None, None, seed, horizon, None, None, overrides, None, shock)
        request = sim_pb2.CompareRequest(spec=spec, baseline=_choice(baseline), alternative=_choice(alternative))
        r = self._call(self.simulation_stub.Compare, "Compare", request, timeout)
        return frames.comparison_frame(r.comparison)

    def sensitivity(
        self,
        target_id: str,
        *,
        scenario: ScenarioLike = None,
        overrides: Optional[OverridesLike] = None,
        paths: int = SENSITIVITY_PATHS,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        shock: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Sensitivity:
        """Which inputs decide one target: a tornado and Shapley effects.

        The tornado moves each input of the target's cells (starting value,
        drift_mean, drift_sd, volatility; for count targets base_count,
        yearly_rate, rate_shape) one documented step down and up and reports
        P(hit) at each step, on the point's own paths (paired errors). The
        Shapley effects divide the variance of the target's value among its
        cells, valid although they are correlated.

        Args:
            target_id: a simulated target, e.g. ``"pharma-output-2025"``.
            scenario: the point the inputs move around (see :data:`ScenarioLike`);
                default the seeded model.
            overrides: cell overrides on top of it.
            paths: paths per run, default :data:`SENSITIVITY_PATHS` (20 000,
                as ``chaincast sensitivity``); the server runs four per input,
                so keep it modest.
            seed: default 2025 (``None``: the server draws one).
            horizon, shock: as in :meth:`simulate`.

        Returns:
            A :class:`chaincast.frames.Sensitivity`: ``.tornado`` and
            ``.importance`` DataFrames, ``.p_hit`` at the point, ``.run``.
            Draw the tornado with :func:`chaincast.plot_tornado`.
        """
        spec, _ = self._spec(None, None, None, paths, None, None, seed, horizon, None, None, overrides, None, shock, scenario)
        request = sim_pb2.SensitivityRequest(spec=spec, target_id=str(target_id))
        r = self._call(self.simulation_stub.Sensitivity, "Sensitivity", request, timeout)
        return frames.sensitivity_from_proto(r.report)

    # ------------------------------------------------- sweeps and goal seek

    def sweep(
        self,
        axes: Optional[Mapping[Any, Sequence[float]]] = None,
        *,
        points: Optional[Sequence[Mapping[Any, float]]] = None,
        targets: Union[None, str, Iterable[str]] = None,
        sweep_id: Optional[str] = None,
        scenario: ScenarioLike = None,
        overrides: Optional[OverridesLike] = None,
        paths: int = SENSITIVITY_PATHS,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        on_progress: Optional[Any] = None,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """P(hit) over a grid (or list) of parameter values, every point on the same paths.

        Example::

            df = client.sweep({"pharma@etdz.drift": [0.05, 0.10, 0.15]},
                              targets="pharma-output-2025-etdz", sweep_id="pharma-drift")
            chaincast.plot_sweep(df)

        Args:
            axes: parameter (``"OWNER.PARAMETER"``, see :mod:`chaincast.sweeps`)
                to its values; the grid is their product, the last axis fastest.
            points: instead of ``axes``, explicit points, each a mapping of
                parameters to values.
            targets: target ids (default: every simulated 2025 target).
            sweep_id: store the sweep under this id; calling again with the same
                arguments resumes it (finished points come back with
                ``resumed=True`` and are not rerun).
            scenario, overrides, horizon: as in :meth:`simulate`.
            paths: paths per point (default 20 000); seed: default 2025.
            on_progress: called with each ``SweepProgress`` as points finish.

        Returns:
            A tidy DataFrame, one row per point × target: ``point``, one column
            per parameter, ``kind``, ``id``, ``p_hit``, ``standard_error``,
            ``ci_low``, ``ci_high``, ``median``, ``resumed``.
        """
        if (axes is None) == (points is None):
            raise ValueError("give axes (a grid) or points (a list), not both or neither")
        spec, _ = self._spec(targets, None, None, paths, None, None, seed, horizon, None, None, overrides, None, None, scenario)
        request = sw_pb2.SweepRequest(spec=spec, sweep_id=sweep_id or "")
        if axes is not None:
            request.grid.CopyFrom(_sweeps.grid_proto(axes))
        else:
            request.list.CopyFrom(_sweeps.points_proto(points or []))
        if self._closed:
            raise RuntimeError("this chaincast.Client is closed")
        deadline = self._deadline(timeout)
        call = self.sweep_stub.Sweep(request, timeout=deadline)
        result = None
        try:
            try:
                for message in call:
                    if message.WhichOneof("event") == "progress":
                        if on_progress is not None:
                            on_progress(message.progress)
                    else:
                        result = message.result
            except grpc.RpcError as error:
                raise self._error(error, "Sweep", deadline) from None
        finally:
            call.cancel()
        df = _sweeps.sweep_frame(result)
        df.attrs["sweep_id"] = result.sweep_id
        df.attrs["seed"] = result.seed
        df.attrs["points_resumed"] = result.points_resumed
        df.attrs["points_computed"] = result.points_computed
        return df

    def get_sweep(self, sweep_id: str, *, timeout: Optional[float] = None) -> pd.DataFrame:
        """A stored sweep's finished points as :meth:`sweep`'s frame; ``df.attrs["state"]``
        is ``"done"`` or ``"incomplete"``."""
        r = self._call(self.sweep_stub.GetSweep, "GetSweep", sw_pb2.GetSweepRequest(sweep_id=sweep_id), timeout)
        df = _sweeps.sweep_frame(r.sweep)
        df.attrs["state"] = "done" if r.sweep.state == sw_pb2.SWEEP_STATE_DONE else "incomplete"
        df.attrs["points_total"] = r.sweep.points_total
        return df

    def goal_seek(
        self,
        target_id: str,
        parameter: Any,
        low: float,
        high: float,
        probability: float,
        *,
        scenario: ScenarioLike = None,
        overrides: Optional[OverridesLike] = None,
        paths: int = SENSITIVITY_PATHS,
        seed: Optional[int] = DEFAULT_SEED,
        horizon: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> "_sweeps.GoalSeek":
        """The value of ``parameter`` in ``[low, high]`` at which P(hit of target_id) = ``probability``.

        Example::

            g = client.goal_seek("pharma-output-2025-etdz", "pharma@etdz.drift", 0, 0.5, 0.8)
            print(f"{g.value:.4f} ± {g.standard_error:.4f}")

        A range without a root raises :class:`chaincast.ChaincastError`
        (FAILED_PRECONDITION) naming the range and P at both ends.
        """
        spec, _ = self._spec([target_id], None, None, paths, None, None, seed, horizon, None, None, overrides, None, None, scenario)
        request = sw_pb2.GoalSeekRequest(
            spec=spec,
            target_id=str(target_id),
            parameter=_sweeps.parameter_proto(parameter),
            low=float(low),
            high=float(high),
            probability=float(probability),
        )
        r = self._call(self.sweep_stub.GoalSeek, "GoalSeek", request, timeout)
        return _sweeps.goal_seek_from_proto(_sweeps.parameter_name(request.parameter), r)

    # ---------------------------------------------- calibration and backtest

    def estimate(
        self,
        dataset_id: Optional[str] = None,
        points: Optional[PointsLike] = None,
        *,
        cells: Optional[Sequence[str]] = None,
        timeout: Optional[float] = None,
    ) -> pd.DataFrame:
        """Each cell's drift and volatility estimated from annual actuals.

        A normal–inverse-gamma posterior per cell, with the seeded (plan-realism)
        drift as prior and partial pooling of the drift over the cells of a chain
        and over chains (README, "Calibration and backtest").

        Args:
            dataset_id: a dataset stored on the server; or
            points: actual points given inline (see :data:`chaincast.calibration.PointsLike`).
            cells: only these cell ids (default: every cell with data).

        Returns:
            One row per cell: ``drift_mean``, ``drift_sd``, ``drift_p10``/``drift_p90``
            (the 80 % interval), ``volatility`` (posterior mean of σ) with its sd and
            80 % interval, the seeded values, and the posterior's parameters
            (σ² ~ InvGamma(shape, scale), μ | σ² ~ N(drift_location, σ²/kappa)).
            ``df.attrs["skipped"]`` lists series not used, with the reason.
        """
        request = cal_pb2.EstimateParametersRequest(
            dataset_id=dataset_id or "", points=actual_points(points), cell_ids=list(cells or [])
        )
        r = self._call(self.calibration_stub.EstimateParameters, "EstimateParameters", request, timeout)
        return estimates_frame(r)

    def backtest(
        self,
        dataset_id: Optional[str] = None,
        points: Optional[PointsLike] = None,
        horizon: int = 3,
        *,
        min_history: int = 4,
        cells: Optional[Sequence[str]] = None,
        timeout: Optional[float] = None,
    ) -> Tuple[pd.DataFrame, pd.DataFrame]:
        """Rolling-origin backtest of the calibrated model and two naive baselines.

        For each vantage year the model is calibrated on the data up to it and
        forecasts 1..``horizon`` years ahead; each forecast is scored against the
        held-back value. Baselines: ``random_walk`` (the last 3 years' growth) and
        ``plan`` (the seeded drift as constant growth).

        Returns:
            ``(rows, summary)``: ``rows`` has one scored forecast per (method, cell,
            vantage_year, horizon) with median, 50/80/95 % interval bounds (亿元),
            actual, PIT, CRPS and log score (of the log value; lower is better);
            ``summary`` has per (method, horizon) the coverage at 50/80/95 %, mean
            CRPS, mean log score and the PIT histogram (10 bins). Draw them with
            :func:`chaincast.plot_pit` and :func:`chaincast.plot_coverage`.
        """
        request = cal_pb2.BacktestRequest(
            dataset_id=dataset_id or "",
            points=actual_points(points),
            horizon=int(horizon),
            min_history=int(min_history),
            cell_ids=list(cells or []),
        )
        r = self._call(self.calibration_stub.Backtest, "Backtest", request, timeout)
        return backtest_frames(r)

    # --------------------------------------------------------- request specs

    def _spec(
        self,
        targets: Union[None, str, Iterable[str]],
        plan: Optional[str],
        year: Optional[int],
        paths: Optional[int],
        precision: Optional[float],
        max_paths: Optional[int],
        seed: Optional[int],
        horizon: Optional[int],
        percentiles: Optional[Sequence[float]],
        fans: Optional[Sequence[SubjectLike]],
        overrides: Optional[OverridesLike],
        joint: Optional[Mapping[str, Sequence[str]]],
        shock: Optional[str],
        scenario: ScenarioLike = None,
        variance: Optional[str] = None,
    ) -> Tuple[sim_pb2.SimulationSpec, List[str]]:
        """Build a SimulationSpec; also return the fan group labels."""
        spec = sim_pb2.SimulationSpec()
        if isinstance(targets, str):
            targets = [targets]
        if targets is not None:
            spec.targets.target_ids.extend(str(t) for t in targets)
        if plan:
            spec.targets.plan_id = plan
        if year:
            spec.targets.year = int(year)
        if paths is not None and precision is not None:
            raise ValueError("give paths or precision, not both")
        if paths is None and precision is None:
            paths = DEFAULT_PATHS
        if max_paths is not None and precision is None:
            raise ValueError("max_paths only applies with precision")
        if paths is not None:
            spec.paths = int(paths)
        if precision is not None:
            spec.precision.half_width = float(precision)
            if max_paths is not None:
                spec.precision.max_paths = int(max_paths)
        if seed is not None:
            if int(seed) < 0:
                raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
            spec.seed = int(seed)
        if horizon:
            spec.horizon_year = int(horizon)
        if percentiles is not None:
            spec.percentiles.extend(float(p) for p in percentiles)
        groups: List[str] = []
        if isinstance(fans, (str, tuple, sim_pb2.Subject, Mapping)):
            fans = [fans]  # one subject
        for subject_like in fans or ():
            subject, label = self._subject(subject_like)
            spec.fans.add().subject.CopyFrom(subject)
            groups.append(label)
        if len(set(groups)) != len(groups):  # one id under two kinds: qualify every label
            groups = []
            for fan in spec.fans:
                kind, subject_id = frames.subject_kind_and_id(fan.subject)
                groups.append(subject_id if kind == "city" else f"{kind}:{subject_id}")
        spec.overrides.extend(cell_overrides(overrides))
        _set_scenario(spec, scenario)
        for set_id, ids in (joint or {}).items():
            spec.joint.add(id=set_id, target_ids=list(ids))
        if shock not in _SHOCKS:
            raise ValueError(f"shock must be 'normal' or 'student_t', got {shock!r}")
        spec.shock_distribution = _SHOCKS[shock]
        if variance not in _VARIANCE:
            raise ValueError(
                f"variance must be one of {sorted(k for k in _VARIANCE if k)}, got {variance!r}"
            )
        spec.variance_reduction = _VARIANCE[variance]
        return spec, groups

    def _subject(self, subject: SubjectLike) -> Tuple[sim_pb2.Subject, str]:
        """Resolve a subject spec into a Subject message and its group label."""
        if isinstance(subject, sim_pb2.Subject):
            kind, subject_id = frames.subject_kind_and_id(subject)
            return subject, subject_id
        if isinstance(subject, Mapping):
            if len(subject) != 1:
                raise ValueError(f"a subject mapping needs exactly one key, got {dict(subject)!r}")
            (key, value), = subject.items()
            kind = key[:-3] if key.endswith("_id") else key
            return self._subject((kind, value))
        if isinstance(subject, tuple):
            if len(subject) != 2:
                raise ValueError(f"a subject tuple is (kind, id), got {subject!r}")
            kind, subject_id = subject
            if kind == "city":
                return sim_pb2.Subject(city=True), "city"
            if kind not in _SUBJECT_KINDS:
                raise ValueError(f"subject kind must be cell, chain, region, target or city, got {kind!r}")
            return sim_pb2.Subject(**{_SUBJECT_KINDS[kind]: str(subject_id)}), str(subject_id)
        if not isinstance(subject, str):
            raise TypeError(f"not a subject: {subject!r}")
        if subject == "city":
            return sim_pb2.Subject(city=True), "city"
        kind, sep, rest = subject.partition(":")
        if sep and kind in _SUBJECT_KINDS:
            return self._subject((kind, rest))
        if "@" in subject:
            return sim_pb2.Subject(cell_id=subject), subject
        # A bare id: find what it names.
        ids = self._model_ids()
        kinds = [k for k in ("chain", "region", "target") if subject in ids[k]]
        if len(kinds) == 1:
            return self._subject((kinds[0], subject))
        if not kinds:
            raise ValueError(
                f"unknown fan subject {subject!r}: not a cell (chain@region), chain, region or target id, "
                "nor 'city'"
            )
        raise ValueError(
            f"ambiguous fan subject {subject!r}: it is a {' and a '.join(kinds)} id; "
            f"write e.g. '{kinds[0]}:{subject}'"
        )

    def _model_ids(self) -> Dict[str, set]:
        """Chain, region and target ids of the model (fetched once per client)."""
        if self._ids is None:
            chains = self._call(self.model_stub.ListChains, "ListChains", model_service_pb2.ListChainsRequest(), None)
            regions = self._call(self.model_stub.ListRegions, "ListRegions", model_service_pb2.ListRegionsRequest(), None)
            targets = self._call(self.model_stub.ListTargets, "ListTargets", model_service_pb2.ListTargetsRequest(), None)
            self._ids = {
                "chain": {c.id for c in chains.chains},
                "region": {r.id for r in regions.regions},
                "target": {t.id for t in targets.targets},
            }
        return self._ids


def _set_scenario(spec: sim_pb2.SimulationSpec, scenario: ScenarioLike) -> None:
    """Put a :data:`ScenarioLike` into the spec's ``scenario`` oneof."""
    if scenario is None:
        return
    if isinstance(scenario, Scenario):
        spec.scenario_id = scenario.id
    elif isinstance(scenario, str):
        if not scenario:
            raise ValueError("scenario id is empty; pass None for the seeded model")
        spec.scenario_id = scenario
    else:
        spec.inline_overrides.CopyFrom(scenario_overrides(scenario))


def _choice(side: ScenarioLike) -> sim_pb2.ScenarioChoice:
    """One side of a comparison: None is the seeded model."""
    if side is None:
        return sim_pb2.ScenarioChoice(seeded=True)
    if isinstance(side, Scenario):
        return sim_pb2.ScenarioChoice(scenario_id=side.id)
    if isinstance(side, str):
        if not side:
            raise ValueError("scenario id is empty; pass None for the seeded model")
        return sim_pb2.ScenarioChoice(scenario_id=side)
    return sim_pb2.ScenarioChoice(inline_overrides=scenario_overrides(side))
