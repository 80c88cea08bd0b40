"""Chaincast for Python: the odds that Lianyungang (连云港) reaches its
industry-chain targets, as pandas DataFrames and matplotlib charts.

::

    import chaincast
    with chaincast.Client("localhost:50051") as c:
        odds = c.odds(year=2025, paths=200_000, seed=2025)
        fan = c.fan(["target:pharma-output-2025-etdz"], seed=2025)
    chaincast.plot_fan(fan)

Main pieces: :class:`Client` (browsing, ``odds``, ``fan``, ``simulate``,
``stream``; stored scenarios ``create_scenario`` ... ``delete_scenario``;
``compare`` and ``sensitivity``), :func:`plot_fan`, :func:`plot_odds`,
:func:`plot_tornado`, :func:`plot_pit`, :func:`plot_coverage` (backtests),
and the exceptions (:class:`ChaincastError` and its
subclasses). The generated gRPC stubs are in
``chaincast.v1``; :mod:`chaincast.local` starts a server from the jar.
"""

from chaincast.client import (
    COMPARE_PATHS,
    DEFAULT_PATHS,
    DEFAULT_SEED,
    DEFAULT_TARGET,
    DEFAULT_TIMEOUT,
    NO_DEADLINE,
    SENSITIVITY_PATHS,
    Client,
)
from chaincast.errors import (
    Aborted,
    AlreadyExists,
    Cancelled,
    Conflict,
    ChaincastError,
    DeadlineExceeded,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    ResourceInfo,
    Unauthenticated,
    Unavailable,
)
from chaincast.frames import Progress, Report, RunInfo, Scenario, ScenarioPage, Sensitivity
from chaincast.plotting import (
    cjk_font,
    plot_coverage,
    plot_fan,
    plot_odds,
    plot_pit,
    plot_tornado,
    use_cjk_font,
)
from chaincast.sweeps import GoalSeek, plot_sweep

__version__ = "0.1.0"

__all__ = [
    "Client",
    "DEFAULT_TARGET",
    "DEFAULT_TIMEOUT",
    "DEFAULT_PATHS",
    "DEFAULT_SEED",
    "COMPARE_PATHS",
    "SENSITIVITY_PATHS",
    "NO_DEADLINE",
    "Report",
    "Progress",
    "RunInfo",
    "Scenario",
    "ScenarioPage",
    "Sensitivity",
    "ChaincastError",
    "InvalidArgument",
    "NotFound",
    "DeadlineExceeded",
    "Unavailable",
    "ResourceExhausted",
    "Cancelled",
    "Conflict",
    "Aborted",
    "AlreadyExists",
    "Unauthenticated",
    "PermissionDenied",
    "FieldViolation",
    "ResourceInfo",
    "plot_fan",
    "plot_odds",
    "plot_tornado",
    "plot_pit",
    "plot_coverage",
    "plot_sweep",
    "GoalSeek",
    "cjk_font",
    "use_cjk_font",
    "__version__",
]
