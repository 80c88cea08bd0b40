from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

CHAIN_FAMILY_CITY: ChainFamily
CHAIN_FAMILY_UNSPECIFIED: ChainFamily
CHAIN_FAMILY_ZONE: ChainFamily
COMPARISON_AT_LEAST: Comparison
COMPARISON_AT_MOST: Comparison
COMPARISON_BETWEEN: Comparison
COMPARISON_GREATER_THAN: Comparison
COMPARISON_LESS_THAN: Comparison
COMPARISON_UNSPECIFIED: Comparison
DESCRIPTOR: _descriptor.FileDescriptor
PROVENANCE_KIND_ACTUAL: ProvenanceKind
PROVENANCE_KIND_ASSUMPTION: ProvenanceKind
PROVENANCE_KIND_DERIVED: ProvenanceKind
PROVENANCE_KIND_ESTIMATED: ProvenanceKind
PROVENANCE_KIND_OVERRIDE: ProvenanceKind
PROVENANCE_KIND_TARGET: ProvenanceKind
PROVENANCE_KIND_UNSPECIFIED: ProvenanceKind
REGION_KIND_COUNTY: RegionKind
REGION_KIND_DISTRICT: RegionKind
REGION_KIND_FUNCTION_ZONE: RegionKind
REGION_KIND_UNALLOCATED: RegionKind
REGION_KIND_UNSPECIFIED: RegionKind
SHOCK_DISTRIBUTION_NORMAL: ShockDistribution
SHOCK_DISTRIBUTION_STUDENT_T: ShockDistribution
SHOCK_DISTRIBUTION_UNSPECIFIED: ShockDistribution
TARGET_KIND_CHAINS_ABOVE: TargetKind
TARGET_KIND_COUNT: TargetKind
TARGET_KIND_OTHER: TargetKind
TARGET_KIND_OUTPUT: TargetKind
TARGET_KIND_UNSPECIFIED: TargetKind
UNIT_COUNT: Unit
UNIT_PERCENT: Unit
UNIT_UNSPECIFIED: Unit
UNIT_YI_USD: Unit
UNIT_YI_YUAN: Unit

class Actual(_message.Message):
    __slots__ = ["citation", "growth_percent", "id", "name", "note", "period", "plan_id", "planned_value", "scope", "unit", "value", "year"]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    GROWTH_PERCENT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PLANNED_VALUE_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    citation: Citation
    growth_percent: float
    id: str
    name: LocalizedName
    note: str
    period: str
    plan_id: str
    planned_value: float
    scope: Scope
    unit: Unit
    value: float
    year: int
    def __init__(self, id: _Optional[str] = ..., plan_id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., year: _Optional[int] = ..., period: _Optional[str] = ..., value: _Optional[float] = ..., unit: _Optional[_Union[Unit, str]] = ..., scope: _Optional[_Union[Scope, _Mapping]] = ..., growth_percent: _Optional[float] = ..., planned_value: _Optional[float] = ..., citation: _Optional[_Union[Citation, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class Cell(_message.Message):
    __slots__ = ["chain_id", "events", "id", "note", "parameters", "region_id"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    events: _containers.RepeatedCompositeFieldContainer[ProjectEvent]
    id: str
    note: str
    parameters: CellParameters
    region_id: str
    def __init__(self, id: _Optional[str] = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., parameters: _Optional[_Union[CellParameters, _Mapping]] = ..., events: _Optional[_Iterable[_Union[ProjectEvent, _Mapping]]] = ..., note: _Optional[str] = ...) -> None: ...

class CellParameters(_message.Message):
    __slots__ = ["base_value", "base_year", "drift_mean", "drift_sd", "volatility"]
    BASE_VALUE_FIELD_NUMBER: _ClassVar[int]
    BASE_YEAR_FIELD_NUMBER: _ClassVar[int]
    DRIFT_MEAN_FIELD_NUMBER: _ClassVar[int]
    DRIFT_SD_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    base_value: Parameter
    base_year: int
    drift_mean: Parameter
    drift_sd: Parameter
    volatility: Parameter
    def __init__(self, base_year: _Optional[int] = ..., base_value: _Optional[_Union[Parameter, _Mapping]] = ..., drift_mean: _Optional[_Union[Parameter, _Mapping]] = ..., drift_sd: _Optional[_Union[Parameter, _Mapping]] = ..., volatility: _Optional[_Union[Parameter, _Mapping]] = ...) -> None: ...

class Chain(_message.Message):
    __slots__ = ["aliases", "family", "id", "name", "note", "related_chain_ids"]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RELATED_CHAIN_IDS_FIELD_NUMBER: _ClassVar[int]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    family: ChainFamily
    id: str
    name: LocalizedName
    note: str
    related_chain_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., family: _Optional[_Union[ChainFamily, str]] = ..., aliases: _Optional[_Iterable[str]] = ..., related_chain_ids: _Optional[_Iterable[str]] = ..., note: _Optional[str] = ...) -> None: ...

class Citation(_message.Message):
    __slots__ = ["plan_id", "row", "section"]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    row: str
    section: str
    def __init__(self, plan_id: _Optional[str] = ..., section: _Optional[str] = ..., row: _Optional[str] = ...) -> None: ...

class CountCell(_message.Message):
    __slots__ = ["chain_id", "id", "metric", "note", "parameters", "region_id"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    id: str
    metric: str
    note: str
    parameters: CountParameters
    region_id: str
    def __init__(self, id: _Optional[str] = ..., metric: _Optional[str] = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., parameters: _Optional[_Union[CountParameters, _Mapping]] = ..., note: _Optional[str] = ...) -> None: ...

class CountParameters(_message.Message):
    __slots__ = ["base_count", "base_year", "rate_shape", "yearly_rate"]
    BASE_COUNT_FIELD_NUMBER: _ClassVar[int]
    BASE_YEAR_FIELD_NUMBER: _ClassVar[int]
    RATE_SHAPE_FIELD_NUMBER: _ClassVar[int]
    YEARLY_RATE_FIELD_NUMBER: _ClassVar[int]
    base_count: Parameter
    base_year: int
    rate_shape: Parameter
    yearly_rate: Parameter
    def __init__(self, base_year: _Optional[int] = ..., base_count: _Optional[_Union[Parameter, _Mapping]] = ..., yearly_rate: _Optional[_Union[Parameter, _Mapping]] = ..., rate_shape: _Optional[_Union[Parameter, _Mapping]] = ...) -> None: ...

class JointSet(_message.Message):
    __slots__ = ["id", "name", "target_ids"]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: LocalizedName
    target_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., target_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class LocalizedName(_message.Message):
    __slots__ = ["en", "zh"]
    EN_FIELD_NUMBER: _ClassVar[int]
    ZH_FIELD_NUMBER: _ClassVar[int]
    en: str
    zh: str
    def __init__(self, zh: _Optional[str] = ..., en: _Optional[str] = ...) -> None: ...

class Observation(_message.Message):
    __slots__ = ["cell_id", "count_cell_id", "group", "id", "period", "provenance", "relative_error", "source", "value", "year"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELL_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_ERROR_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    count_cell_id: str
    group: Scope
    id: str
    period: Period
    provenance: Provenance
    relative_error: float
    source: str
    value: float
    year: int
    def __init__(self, id: _Optional[str] = ..., cell_id: _Optional[str] = ..., group: _Optional[_Union[Scope, _Mapping]] = ..., count_cell_id: _Optional[str] = ..., year: _Optional[int] = ..., value: _Optional[float] = ..., provenance: _Optional[_Union[Provenance, _Mapping]] = ..., source: _Optional[str] = ..., relative_error: _Optional[float] = ..., period: _Optional[_Union[Period, _Mapping]] = ...) -> None: ...

class Parameter(_message.Message):
    __slots__ = ["prior_spread", "provenance", "value"]
    PRIOR_SPREAD_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    prior_spread: float
    provenance: Provenance
    value: float
    def __init__(self, value: _Optional[float] = ..., provenance: _Optional[_Union[Provenance, _Mapping]] = ..., prior_spread: _Optional[float] = ...) -> None: ...

class Period(_message.Message):
    __slots__ = ["first_month", "fraction", "fraction_error", "last_month"]
    FIRST_MONTH_FIELD_NUMBER: _ClassVar[int]
    FRACTION_ERROR_FIELD_NUMBER: _ClassVar[int]
    FRACTION_FIELD_NUMBER: _ClassVar[int]
    LAST_MONTH_FIELD_NUMBER: _ClassVar[int]
    first_month: int
    fraction: float
    fraction_error: float
    last_month: int
    def __init__(self, first_month: _Optional[int] = ..., last_month: _Optional[int] = ..., fraction: _Optional[float] = ..., fraction_error: _Optional[float] = ...) -> None: ...

class Plan(_message.Message):
    __slots__ = ["document_number", "id", "issued", "source_file", "title", "vintage"]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FILE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VINTAGE_FIELD_NUMBER: _ClassVar[int]
    document_number: str
    id: str
    issued: str
    source_file: str
    title: LocalizedName
    vintage: int
    def __init__(self, id: _Optional[str] = ..., document_number: _Optional[str] = ..., title: _Optional[_Union[LocalizedName, _Mapping]] = ..., issued: _Optional[str] = ..., vintage: _Optional[int] = ..., source_file: _Optional[str] = ...) -> None: ...

class ProjectEvent(_message.Message):
    __slots__ = ["first_year", "id", "jump_log_mean", "jump_log_sd", "last_year", "name", "provenance", "yearly_probability"]
    FIRST_YEAR_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    JUMP_LOG_MEAN_FIELD_NUMBER: _ClassVar[int]
    JUMP_LOG_SD_FIELD_NUMBER: _ClassVar[int]
    LAST_YEAR_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    YEARLY_PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    first_year: int
    id: str
    jump_log_mean: float
    jump_log_sd: float
    last_year: int
    name: LocalizedName
    provenance: Provenance
    yearly_probability: float
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., first_year: _Optional[int] = ..., last_year: _Optional[int] = ..., yearly_probability: _Optional[float] = ..., jump_log_mean: _Optional[float] = ..., jump_log_sd: _Optional[float] = ..., provenance: _Optional[_Union[Provenance, _Mapping]] = ...) -> None: ...

class Provenance(_message.Message):
    __slots__ = ["citations", "dataset_id", "formula", "kind", "method", "reason"]
    CITATIONS_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    FORMULA_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    citations: _containers.RepeatedCompositeFieldContainer[Citation]
    dataset_id: str
    formula: str
    kind: ProvenanceKind
    method: str
    reason: str
    def __init__(self, kind: _Optional[_Union[ProvenanceKind, str]] = ..., citations: _Optional[_Iterable[_Union[Citation, _Mapping]]] = ..., formula: _Optional[str] = ..., reason: _Optional[str] = ..., dataset_id: _Optional[str] = ..., method: _Optional[str] = ...) -> None: ...

class Region(_message.Message):
    __slots__ = ["id", "kind", "name", "note"]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: RegionKind
    name: LocalizedName
    note: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., kind: _Optional[_Union[RegionKind, str]] = ..., note: _Optional[str] = ...) -> None: ...

class Scope(_message.Message):
    __slots__ = ["chain_ids", "region_ids"]
    CHAIN_IDS_FIELD_NUMBER: _ClassVar[int]
    REGION_IDS_FIELD_NUMBER: _ClassVar[int]
    chain_ids: _containers.RepeatedScalarFieldContainer[str]
    region_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, chain_ids: _Optional[_Iterable[str]] = ..., region_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class Seed(_message.Message):
    __slots__ = ["actuals", "cells", "chains", "count_cells", "joint_sets", "observations", "plans", "regions", "shocks", "targets"]
    ACTUALS_FIELD_NUMBER: _ClassVar[int]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    CHAINS_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELLS_FIELD_NUMBER: _ClassVar[int]
    JOINT_SETS_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    PLANS_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    SHOCKS_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    actuals: _containers.RepeatedCompositeFieldContainer[Actual]
    cells: _containers.RepeatedCompositeFieldContainer[Cell]
    chains: _containers.RepeatedCompositeFieldContainer[Chain]
    count_cells: _containers.RepeatedCompositeFieldContainer[CountCell]
    joint_sets: _containers.RepeatedCompositeFieldContainer[JointSet]
    observations: _containers.RepeatedCompositeFieldContainer[Observation]
    plans: _containers.RepeatedCompositeFieldContainer[Plan]
    regions: _containers.RepeatedCompositeFieldContainer[Region]
    shocks: ShockSettings
    targets: _containers.RepeatedCompositeFieldContainer[Target]
    def __init__(self, plans: _Optional[_Iterable[_Union[Plan, _Mapping]]] = ..., regions: _Optional[_Iterable[_Union[Region, _Mapping]]] = ..., chains: _Optional[_Iterable[_Union[Chain, _Mapping]]] = ..., targets: _Optional[_Iterable[_Union[Target, _Mapping]]] = ..., actuals: _Optional[_Iterable[_Union[Actual, _Mapping]]] = ..., cells: _Optional[_Iterable[_Union[Cell, _Mapping]]] = ..., shocks: _Optional[_Union[ShockSettings, _Mapping]] = ..., joint_sets: _Optional[_Iterable[_Union[JointSet, _Mapping]]] = ..., count_cells: _Optional[_Iterable[_Union[CountCell, _Mapping]]] = ..., observations: _Optional[_Iterable[_Union[Observation, _Mapping]]] = ...) -> None: ...

class ShockSettings(_message.Message):
    __slots__ = ["assumed_base_spread", "chain_weight", "city_weight", "degrees_of_freedom", "distribution", "observation_error"]
    ASSUMED_BASE_SPREAD_FIELD_NUMBER: _ClassVar[int]
    CHAIN_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    CITY_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    DEGREES_OF_FREEDOM_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    OBSERVATION_ERROR_FIELD_NUMBER: _ClassVar[int]
    assumed_base_spread: Parameter
    chain_weight: Parameter
    city_weight: Parameter
    degrees_of_freedom: Parameter
    distribution: ShockDistribution
    observation_error: Parameter
    def __init__(self, city_weight: _Optional[_Union[Parameter, _Mapping]] = ..., chain_weight: _Optional[_Union[Parameter, _Mapping]] = ..., distribution: _Optional[_Union[ShockDistribution, str]] = ..., degrees_of_freedom: _Optional[_Union[Parameter, _Mapping]] = ..., assumed_base_spread: _Optional[_Union[Parameter, _Mapping]] = ..., observation_error: _Optional[_Union[Parameter, _Mapping]] = ...) -> None: ...

class Target(_message.Message):
    __slots__ = ["citation", "comparison", "id", "interpretation", "kind", "level", "metric", "name", "not_simulated_reason", "plan_id", "scope", "unit", "value", "year"]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    COMPARISON_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INTERPRETATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NOT_SIMULATED_REASON_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    citation: Citation
    comparison: Comparison
    id: str
    interpretation: str
    kind: TargetKind
    level: float
    metric: str
    name: LocalizedName
    not_simulated_reason: str
    plan_id: str
    scope: Scope
    unit: Unit
    value: float
    year: int
    def __init__(self, id: _Optional[str] = ..., plan_id: _Optional[str] = ..., name: _Optional[_Union[LocalizedName, _Mapping]] = ..., kind: _Optional[_Union[TargetKind, str]] = ..., metric: _Optional[str] = ..., year: _Optional[int] = ..., value: _Optional[float] = ..., unit: _Optional[_Union[Unit, str]] = ..., comparison: _Optional[_Union[Comparison, str]] = ..., scope: _Optional[_Union[Scope, _Mapping]] = ..., level: _Optional[float] = ..., citation: _Optional[_Union[Citation, _Mapping]] = ..., interpretation: _Optional[str] = ..., not_simulated_reason: _Optional[str] = ...) -> None: ...

class ProvenanceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RegionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ChainFamily(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Unit(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Comparison(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class TargetKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ShockDistribution(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
