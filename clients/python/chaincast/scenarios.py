"""What-ifs as Python values: dicts in, ``ScenarioOverrides`` messages out.

A scenario (stored with :meth:`chaincast.Client.create_scenario`, or given
inline to ``odds``/``fan``/``simulate``/``stream``/``compare``/``sensitivity``)
is a set of changes to the seeded model. Write it as a dict keyed by the
fields of ``chaincast.v1.ScenarioOverrides``::

    {
        "cells": {"pharma@haizhou": {"drift_mean": -0.015}},          # or a list of dicts / CellOverride
        "counts": {"incubators@etdz": {"yearly_rate": 1.5}},           # count cells, the same way
        "added_events": [{"cell_id": "pharma@etdz", "event": {
            "id": "new-plant", "first_year": 2024, "last_year": 2025,
            "yearly_probability": 0.5, "jump_log_mean": 0.1, "jump_log_sd": 0.05}}],
        "removed_events": [{"cell_id": "pharma@etdz", "event_id": "..."}],
        "delayed_events": [{"cell_id": "pharma@etdz", "event_id": "...", "years": 1}],
        "macro_shocks": [{"id": "slump-2024", "city": True, "year": 2024, "change": -0.10}],
        "observations": [{"id": "haizhou-2023", "cell_id": "pharma@haizhou", "year": 2023,
                          "value": 210.0, "source": "2023 yearbook"}],
    }

or with cell ids as keys for the cell part, ``{"pharma@haizhou":
{"drift_mean": -0.015}}``, or a ``ScenarioOverrides`` message. Dicts are checked here
(unknown keys and fields raise ``ValueError`` naming them); values are checked
by the server, which lists every bad field (:class:`chaincast.InvalidArgument`).
"""

from __future__ import annotations

import math
from typing import Any, Iterable, List, Mapping, Optional, Union

from google.protobuf import json_format
from google.protobuf.message import Message

from chaincast.v1 import model_pb2, scenario_pb2

__all__ = [
    "OverridesLike",
    "ScenarioOverridesLike",
    "OVERRIDE_KEYS",
    "cell_overrides",
    "count_overrides",
    "scenario_overrides",
    "localized_name",
]

OverridesLike = Union[
    Mapping[str, Mapping[str, float]],
    Iterable[Union[scenario_pb2.CellOverride, Mapping[str, Any]]],
]
"""Per-cell what-ifs: ``{"pharma@haizhou": {"drift_mean": 0.0}}``, or a list of
``{"cell_id": ..., "drift_mean": ...}`` dicts or ``CellOverride`` messages."""

ScenarioOverridesLike = Union[scenario_pb2.ScenarioOverrides, Mapping[str, Any]]
"""A whole set of changes: a ``ScenarioOverrides`` message, a dict keyed by its
fields (see the module docstring), or a cell-override dict."""

CELL_FIELDS = ("base_value", "drift_mean", "drift_sd", "volatility")
COUNT_FIELDS = ("base_count", "yearly_rate", "rate_shape")

OVERRIDE_KEYS = (
    "cells",
    "counts",
    "added_events",
    "removed_events",
    "delayed_events",
    "macro_shocks",
    "observations",
    "dataset_id",
)
"""The keys of a scenario dict: the fields of ``ScenarioOverrides``."""

_MESSAGE_OF = {
    "added_events": scenario_pb2.EventAddition,
    "removed_events": scenario_pb2.EventRemoval,
    "delayed_events": scenario_pb2.EventDelay,
    "macro_shocks": scenario_pb2.MacroShock,
    "observations": model_pb2.Observation,
}


def _parameter_overrides(
    overrides: Any, message_type: Any, id_field: str, fields: tuple, what: str
) -> List[Any]:
    if overrides is None:
        return []
    result: List[Any] = []
    if isinstance(overrides, Mapping):
        items: Iterable[Any] = ({id_field: key, **dict(values)} for key, values in overrides.items())
    elif isinstance(overrides, (str, bytes)):
        raise TypeError(f"{what} overrides are a mapping or a list, not a string: {overrides!r}")
    else:
        items = overrides
    for item in items:
        if isinstance(item, message_type):
            result.append(item)
            continue
        if not isinstance(item, Mapping) or id_field not in item:
            raise ValueError(f"a {what} override is a {message_type.__name__} or a mapping with {id_field}, got {item!r}")
        unknown = set(item) - {id_field, *fields}
        if unknown:
            raise ValueError(
                f"unknown override field(s) {sorted(unknown)} for {what} {item[id_field]!r}; known: {', '.join(fields)}"
            )
        message = message_type(**{id_field: str(item[id_field])})
        for name in fields:
            if item.get(name) is not None:
                value = float(item[name])
                if math.isnan(value):
                    raise ValueError(f"override {item[id_field]}.{name} is NaN")
                setattr(message, name, value)
        result.append(message)
    return result


def cell_overrides(overrides: Optional[OverridesLike]) -> List[scenario_pb2.CellOverride]:
    """Normalise the accepted cell-override forms into ``CellOverride`` messages."""
    return _parameter_overrides(overrides, scenario_pb2.CellOverride, "cell_id", CELL_FIELDS, "cell")


def count_overrides(overrides: Any) -> List[scenario_pb2.CountOverride]:
    """``{"incubators@etdz": {"yearly_rate": 1.5}}`` (or a list) into ``CountOverride`` messages."""
    return _parameter_overrides(overrides, scenario_pb2.CountOverride, "count_cell_id", COUNT_FIELDS, "count cell")


def _parse(item: Any, message_type: Any, key: str) -> Message:
    if isinstance(item, message_type):
        return item
    if not isinstance(item, Mapping):
        raise ValueError(f"{key}: each entry is a {message_type.__name__} or a dict, got {item!r}")
    try:
        return json_format.ParseDict(dict(item), message_type(), ignore_unknown_fields=False)
    except json_format.ParseError as error:
        raise ValueError(f"{key}: cannot read {dict(item)!r} as a {message_type.__name__}: {error}") from None


def scenario_overrides(value: Optional[ScenarioOverridesLike]) -> scenario_pb2.ScenarioOverrides:
    """Normalise a scenario dict (or message) into a ``ScenarioOverrides`` message.

    ``None`` gives an empty message (no change). Keys that are cell ids
    (``chain@region``) are cell overrides, as if under ``"cells"``.
    """
    if value is None:
        return scenario_pb2.ScenarioOverrides()
    if isinstance(value, scenario_pb2.ScenarioOverrides):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(
            "scenario changes are a dict like {'cells': {...}, 'macro_shocks': [...]} or a "
            f"chaincast.v1.ScenarioOverrides, not {type(value).__name__}"
        )
    cell_keys = {k: v for k, v in value.items() if isinstance(k, str) and "@" in k}
    if cell_keys:  # cell ids as keys, beside or instead of "cells"
        if "cells" in value:
            raise ValueError("give cell overrides under 'cells' or as cell-id keys, not both")
        value = {**{k: v for k, v in value.items() if k not in cell_keys}, "cells": cell_keys}
    unknown = [k for k in value if k not in OVERRIDE_KEYS]
    if unknown:
        raise ValueError(f"unknown scenario key(s) {unknown}; known: {', '.join(OVERRIDE_KEYS)} (or cell ids)")
    result = scenario_pb2.ScenarioOverrides()
    result.cells.extend(cell_overrides(value.get("cells")))
    result.counts.extend(count_overrides(value.get("counts")))
    for key, message_type in _MESSAGE_OF.items():
        entries = value.get(key)
        if entries is None:
            continue
        if isinstance(entries, (Mapping, str, bytes)):
            raise TypeError(f"{key} is a list of dicts or messages, got {entries!r}")
        getattr(result, key).extend(_parse(item, message_type, key) for item in entries)
    dataset_id = value.get("dataset_id")
    if dataset_id is not None:
        if not isinstance(dataset_id, str):
            raise TypeError(f"dataset_id is a dataset id (a string), got {dataset_id!r}")
        result.dataset_id = dataset_id
    return result


def localized_name(name: Any) -> model_pb2.LocalizedName:
    """A name as ``LocalizedName``: ``"Haizhou slows"`` (English), ``"海州放缓"``
    (Chinese: it has CJK characters), ``("海州放缓", "Haizhou slows")`` (zh, en),
    ``{"zh": ..., "en": ...}`` or the message."""
    if isinstance(name, model_pb2.LocalizedName):
        return name
    if isinstance(name, str):
        if any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in name):
            return model_pb2.LocalizedName(zh=name)
        return model_pb2.LocalizedName(en=name)
    if isinstance(name, tuple) and len(name) == 2:
        return model_pb2.LocalizedName(zh=str(name[0] or ""), en=str(name[1] or ""))
    if isinstance(name, Mapping):
        unknown = set(name) - {"zh", "en"}
        if unknown:
            raise ValueError(f"a name mapping has keys zh and en, got {sorted(unknown)}")
        return model_pb2.LocalizedName(zh=str(name.get("zh") or ""), en=str(name.get("en") or ""))
    raise TypeError(f"a name is a string, a (zh, en) pair or a {{'zh', 'en'}} mapping, got {name!r}")
