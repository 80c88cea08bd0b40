"""Chaincast for Python: the odds that Lianyungang (连云港) reaches its
industry-chain targets, as pandas DataFrames and matplotlib charts.

::

    import chaincast
    with chaincast.Client("localhost:50051") as c:
        odds = c.odds(year=2025, paths=200_000, seed=2025)
        fan = c.fan(["target:pharma-output-2025-etdz"], seed=2025)
    chaincast.plot_fan(fan)

Main pieces: :class:`Client` (browsing, ``odds``, ``fan``, ``simulate``,
``stream``), :func:`plot_fan`, :func:`plot_odds`, and the exceptions
(:class:`ChaincastError` and its subclasses). The generated gRPC stubs are in
``chaincast.v1``; :mod:`chaincast.local` starts a server from the jar.
"""

from chaincast.client import DEFAULT_TARGET, DEFAULT_TIMEOUT, Client
from chaincast.errors import (
    Cancelled,
    ChaincastError,
    DeadlineExceeded,
    FieldViolation,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    ResourceInfo,
    Unavailable,
)
from chaincast.frames import Progress, Report, RunInfo
from chaincast.plotting import cjk_font, plot_fan, plot_odds, use_cjk_font

__version__ = "0.1.0"

__all__ = [
    "Client",
    "DEFAULT_TARGET",
    "DEFAULT_TIMEOUT",
    "Report",
    "Progress",
    "RunInfo",
    "ChaincastError",
    "InvalidArgument",
    "NotFound",
    "DeadlineExceeded",
    "Unavailable",
    "ResourceExhausted",
    "Cancelled",
    "FieldViolation",
    "ResourceInfo",
    "plot_fan",
    "plot_odds",
    "cjk_font",
    "use_cjk_font",
    "__version__",
]
