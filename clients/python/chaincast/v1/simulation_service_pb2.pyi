from chaincast.v1 import model_pb2 as _model_pb2
from chaincast.v1 import scenario_pb2 as _scenario_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
ESTIMATION_METHOD_CONDITIONAL: EstimationMethod
ESTIMATION_METHOD_IMPORTANCE: EstimationMethod
ESTIMATION_METHOD_PLAIN: EstimationMethod
ESTIMATION_METHOD_QUASI_RANDOM: EstimationMethod
ESTIMATION_METHOD_QUASI_RANDOM_CONDITIONAL: EstimationMethod
ESTIMATION_METHOD_UNSPECIFIED: EstimationMethod
OBSERVATION_ROLE_CONFIRMS_FIXED_BASE: ObservationRole
OBSERVATION_ROLE_RESTARTS_COUNT: ObservationRole
OBSERVATION_ROLE_UNSPECIFIED: ObservationRole
OBSERVATION_ROLE_UPDATES_BASE_PRIOR: ObservationRole
OBSERVATION_ROLE_WEIGHTS_PATHS: ObservationRole
REGION_MATCH_OWN: RegionMatch
REGION_MATCH_REACHES: RegionMatch
REGION_MATCH_UNSPECIFIED: RegionMatch
STOP_REASON_PATHS_DONE: StopReason
STOP_REASON_PATH_CAP: StopReason
STOP_REASON_PRECISION_REACHED: StopReason
STOP_REASON_UNSPECIFIED: StopReason
VARIANCE_REDUCTION_AUTO: VarianceReduction
VARIANCE_REDUCTION_CONDITIONAL: VarianceReduction
VARIANCE_REDUCTION_IMPORTANCE: VarianceReduction
VARIANCE_REDUCTION_PLAIN: VarianceReduction
VARIANCE_REDUCTION_QUASI_RANDOM: VarianceReduction
VARIANCE_REDUCTION_UNSPECIFIED: VarianceReduction

class AssumptionInUse(_message.Message):
    __slots__ = ["cell_id", "parameter", "provenance", "value"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    parameter: str
    provenance: _model_pb2.Provenance
    value: float
    def __init__(self, cell_id: _Optional[str] = ..., parameter: _Optional[str] = ..., value: _Optional[float] = ..., provenance: _Optional[_Union[_model_pb2.Provenance, _Mapping]] = ...) -> None: ...

class CompareRequest(_message.Message):
    __slots__ = ["alternative", "baseline", "spec"]
    ALTERNATIVE_FIELD_NUMBER: _ClassVar[int]
    BASELINE_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    alternative: ScenarioChoice
    baseline: ScenarioChoice
    spec: SimulationSpec
    def __init__(self, spec: _Optional[_Union[SimulationSpec, _Mapping]] = ..., baseline: _Optional[_Union[ScenarioChoice, _Mapping]] = ..., alternative: _Optional[_Union[ScenarioChoice, _Mapping]] = ...) -> None: ...

class CompareResponse(_message.Message):
    __slots__ = ["comparison"]
    COMPARISON_FIELD_NUMBER: _ClassVar[int]
    comparison: ScenarioComparison
    def __init__(self, comparison: _Optional[_Union[ScenarioComparison, _Mapping]] = ...) -> None: ...

class Fan(_message.Message):
    __slots__ = ["name", "subject", "unit", "years"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    YEARS_FIELD_NUMBER: _ClassVar[int]
    name: _model_pb2.LocalizedName
    subject: Subject
    unit: _model_pb2.Unit
    years: _containers.RepeatedCompositeFieldContainer[FanYear]
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., unit: _Optional[_Union[_model_pb2.Unit, str]] = ..., years: _Optional[_Iterable[_Union[FanYear, _Mapping]]] = ...) -> None: ...

class FanRequest(_message.Message):
    __slots__ = ["subject"]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    subject: Subject
    def __init__(self, subject: _Optional[_Union[Subject, _Mapping]] = ...) -> None: ...

class FanYear(_message.Message):
    __slots__ = ["percentiles", "year"]
    PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    percentiles: _containers.RepeatedCompositeFieldContainer[PercentileValue]
    year: int
    def __init__(self, year: _Optional[int] = ..., percentiles: _Optional[_Iterable[_Union[PercentileValue, _Mapping]]] = ...) -> None: ...

class ImportanceInput(_message.Message):
    __slots__ = ["correlation", "input_id", "shapley_share"]
    CORRELATION_FIELD_NUMBER: _ClassVar[int]
    INPUT_ID_FIELD_NUMBER: _ClassVar[int]
    SHAPLEY_SHARE_FIELD_NUMBER: _ClassVar[int]
    correlation: float
    input_id: str
    shapley_share: float
    def __init__(self, input_id: _Optional[str] = ..., shapley_share: _Optional[float] = ..., correlation: _Optional[float] = ...) -> None: ...

class JointOdds(_message.Message):
    __slots__ = ["id", "min_marginal", "name", "p_all_hit", "target_ids"]
    ID_FIELD_NUMBER: _ClassVar[int]
    MIN_MARGINAL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    P_ALL_HIT_FIELD_NUMBER: _ClassVar[int]
    TARGET_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    min_marginal: float
    name: _model_pb2.LocalizedName
    p_all_hit: Probability
    target_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., target_ids: _Optional[_Iterable[str]] = ..., p_all_hit: _Optional[_Union[Probability, _Mapping]] = ..., min_marginal: _Optional[float] = ...) -> None: ...

class JointRequest(_message.Message):
    __slots__ = ["id", "target_ids"]
    ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    target_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., target_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ObservationInUse(_message.Message):
    __slots__ = ["annual_value", "cell_id", "group_value", "note", "observation_id", "period", "provenance", "relative_error", "role", "share", "source", "split", "tied_cell_ids", "value", "year"]
    ANNUAL_VALUE_FIELD_NUMBER: _ClassVar[int]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_VALUE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    OBSERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_ERROR_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    TIED_CELL_IDS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    annual_value: float
    cell_id: str
    group_value: float
    note: str
    observation_id: str
    period: _model_pb2.Period
    provenance: _model_pb2.Provenance
    relative_error: float
    role: ObservationRole
    share: float
    source: str
    split: bool
    tied_cell_ids: _containers.RepeatedScalarFieldContainer[str]
    value: float
    year: int
    def __init__(self, observation_id: _Optional[str] = ..., cell_id: _Optional[str] = ..., year: _Optional[int] = ..., value: _Optional[float] = ..., split: bool = ..., share: _Optional[float] = ..., group_value: _Optional[float] = ..., provenance: _Optional[_Union[_model_pb2.Provenance, _Mapping]] = ..., source: _Optional[str] = ..., role: _Optional[_Union[ObservationRole, str]] = ..., relative_error: _Optional[float] = ..., period: _Optional[_Union[_model_pb2.Period, _Mapping]] = ..., annual_value: _Optional[float] = ..., tied_cell_ids: _Optional[_Iterable[str]] = ..., note: _Optional[str] = ...) -> None: ...

class PercentileValue(_message.Message):
    __slots__ = ["percentile", "value"]
    PERCENTILE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    percentile: float
    value: float
    def __init__(self, percentile: _Optional[float] = ..., value: _Optional[float] = ...) -> None: ...

class Precision(_message.Message):
    __slots__ = ["half_width", "max_paths"]
    HALF_WIDTH_FIELD_NUMBER: _ClassVar[int]
    MAX_PATHS_FIELD_NUMBER: _ClassVar[int]
    half_width: float
    max_paths: int
    def __init__(self, half_width: _Optional[float] = ..., max_paths: _Optional[int] = ...) -> None: ...

class Probability(_message.Message):
    __slots__ = ["ci_high", "ci_low", "effective_paths", "estimate", "hits", "paths", "standard_error"]
    CI_HIGH_FIELD_NUMBER: _ClassVar[int]
    CI_LOW_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_PATHS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    HITS_FIELD_NUMBER: _ClassVar[int]
    PATHS_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ERROR_FIELD_NUMBER: _ClassVar[int]
    ci_high: float
    ci_low: float
    effective_paths: float
    estimate: float
    hits: int
    paths: int
    standard_error: float
    def __init__(self, estimate: _Optional[float] = ..., standard_error: _Optional[float] = ..., ci_low: _Optional[float] = ..., ci_high: _Optional[float] = ..., hits: _Optional[int] = ..., paths: _Optional[int] = ..., effective_paths: _Optional[float] = ...) -> None: ...

class Progress(_message.Message):
    __slots__ = ["elapsed_millis", "estimates", "max_half_width", "paths_done", "paths_planned"]
    ELAPSED_MILLIS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    MAX_HALF_WIDTH_FIELD_NUMBER: _ClassVar[int]
    PATHS_DONE_FIELD_NUMBER: _ClassVar[int]
    PATHS_PLANNED_FIELD_NUMBER: _ClassVar[int]
    elapsed_millis: int
    estimates: _containers.RepeatedCompositeFieldContainer[RunningEstimate]
    max_half_width: float
    paths_done: int
    paths_planned: int
    def __init__(self, paths_done: _Optional[int] = ..., paths_planned: _Optional[int] = ..., estimates: _Optional[_Iterable[_Union[RunningEstimate, _Mapping]]] = ..., max_half_width: _Optional[float] = ..., elapsed_millis: _Optional[int] = ...) -> None: ...

class RunInfo(_message.Message):
    __slots__ = ["block_size", "clamped_paths", "effective_paths", "elapsed_millis", "engine_version", "generator", "horizon_year", "max_half_width", "paths", "sampler", "seed", "shock_distribution", "stop_reason", "threads", "variance_reduction", "wanted_half_width", "weighted"]
    BLOCK_SIZE_FIELD_NUMBER: _ClassVar[int]
    CLAMPED_PATHS_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_PATHS_FIELD_NUMBER: _ClassVar[int]
    ELAPSED_MILLIS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_VERSION_FIELD_NUMBER: _ClassVar[int]
    GENERATOR_FIELD_NUMBER: _ClassVar[int]
    HORIZON_YEAR_FIELD_NUMBER: _ClassVar[int]
    MAX_HALF_WIDTH_FIELD_NUMBER: _ClassVar[int]
    PATHS_FIELD_NUMBER: _ClassVar[int]
    SAMPLER_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    SHOCK_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    STOP_REASON_FIELD_NUMBER: _ClassVar[int]
    THREADS_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_REDUCTION_FIELD_NUMBER: _ClassVar[int]
    WANTED_HALF_WIDTH_FIELD_NUMBER: _ClassVar[int]
    WEIGHTED_FIELD_NUMBER: _ClassVar[int]
    block_size: int
    clamped_paths: int
    effective_paths: float
    elapsed_millis: int
    engine_version: str
    generator: str
    horizon_year: int
    max_half_width: float
    paths: int
    sampler: str
    seed: int
    shock_distribution: _model_pb2.ShockDistribution
    stop_reason: StopReason
    threads: int
    variance_reduction: VarianceReduction
    wanted_half_width: float
    weighted: bool
    def __init__(self, paths: _Optional[int] = ..., seed: _Optional[int] = ..., horizon_year: _Optional[int] = ..., stop_reason: _Optional[_Union[StopReason, str]] = ..., max_half_width: _Optional[float] = ..., wanted_half_width: _Optional[float] = ..., shock_distribution: _Optional[_Union[_model_pb2.ShockDistribution, str]] = ..., elapsed_millis: _Optional[int] = ..., threads: _Optional[int] = ..., block_size: _Optional[int] = ..., weighted: bool = ..., effective_paths: _Optional[float] = ..., clamped_paths: _Optional[int] = ..., generator: _Optional[str] = ..., sampler: _Optional[str] = ..., engine_version: _Optional[str] = ..., variance_reduction: _Optional[_Union[VarianceReduction, str]] = ...) -> None: ...

class RunningEstimate(_message.Message):
    __slots__ = ["p_hit", "target_id"]
    P_HIT_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    p_hit: Probability
    target_id: str
    def __init__(self, target_id: _Optional[str] = ..., p_hit: _Optional[_Union[Probability, _Mapping]] = ...) -> None: ...

class ScenarioChoice(_message.Message):
    __slots__ = ["inline_overrides", "scenario_id", "seeded"]
    INLINE_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    SEEDED_FIELD_NUMBER: _ClassVar[int]
    inline_overrides: _scenario_pb2.ScenarioOverrides
    scenario_id: str
    seeded: bool
    def __init__(self, seeded: bool = ..., scenario_id: _Optional[str] = ..., inline_overrides: _Optional[_Union[_scenario_pb2.ScenarioOverrides, _Mapping]] = ...) -> None: ...

class ScenarioComparison(_message.Message):
    __slots__ = ["alternative_etag", "alternative_scenario_id", "baseline_etag", "baseline_scenario_id", "run", "skipped", "targets"]
    ALTERNATIVE_ETAG_FIELD_NUMBER: _ClassVar[int]
    ALTERNATIVE_SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    BASELINE_ETAG_FIELD_NUMBER: _ClassVar[int]
    BASELINE_SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    alternative_etag: str
    alternative_scenario_id: str
    baseline_etag: str
    baseline_scenario_id: str
    run: RunInfo
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedTarget]
    targets: _containers.RepeatedCompositeFieldContainer[TargetDifference]
    def __init__(self, run: _Optional[_Union[RunInfo, _Mapping]] = ..., targets: _Optional[_Iterable[_Union[TargetDifference, _Mapping]]] = ..., skipped: _Optional[_Iterable[_Union[SkippedTarget, _Mapping]]] = ..., baseline_scenario_id: _Optional[str] = ..., baseline_etag: _Optional[str] = ..., alternative_scenario_id: _Optional[str] = ..., alternative_etag: _Optional[str] = ...) -> None: ...

class SensitivityReport(_message.Message):
    __slots__ = ["importance", "name", "p_hit", "run", "scenario_etag", "scenario_id", "target_id", "tornado"]
    IMPORTANCE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    P_HIT_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ETAG_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    TORNADO_FIELD_NUMBER: _ClassVar[int]
    importance: VarianceImportance
    name: _model_pb2.LocalizedName
    p_hit: Probability
    run: RunInfo
    scenario_etag: str
    scenario_id: str
    target_id: str
    tornado: _containers.RepeatedCompositeFieldContainer[TornadoBar]
    def __init__(self, run: _Optional[_Union[RunInfo, _Mapping]] = ..., target_id: _Optional[str] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., p_hit: _Optional[_Union[Probability, _Mapping]] = ..., tornado: _Optional[_Iterable[_Union[TornadoBar, _Mapping]]] = ..., importance: _Optional[_Union[VarianceImportance, _Mapping]] = ..., scenario_id: _Optional[str] = ..., scenario_etag: _Optional[str] = ...) -> None: ...

class SensitivityRequest(_message.Message):
    __slots__ = ["spec", "target_id"]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    spec: SimulationSpec
    target_id: str
    def __init__(self, spec: _Optional[_Union[SimulationSpec, _Mapping]] = ..., target_id: _Optional[str] = ...) -> None: ...

class SensitivityResponse(_message.Message):
    __slots__ = ["report"]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: SensitivityReport
    def __init__(self, report: _Optional[_Union[SensitivityReport, _Mapping]] = ...) -> None: ...

class SimulateRequest(_message.Message):
    __slots__ = ["spec"]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    spec: SimulationSpec
    def __init__(self, spec: _Optional[_Union[SimulationSpec, _Mapping]] = ...) -> None: ...

class SimulateResponse(_message.Message):
    __slots__ = ["report"]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: SimulationReport
    def __init__(self, report: _Optional[_Union[SimulationReport, _Mapping]] = ...) -> None: ...

class SimulateStreamRequest(_message.Message):
    __slots__ = ["spec"]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    spec: SimulationSpec
    def __init__(self, spec: _Optional[_Union[SimulationSpec, _Mapping]] = ...) -> None: ...

class SimulateStreamResponse(_message.Message):
    __slots__ = ["progress", "report"]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    progress: Progress
    report: SimulationReport
    def __init__(self, progress: _Optional[_Union[Progress, _Mapping]] = ..., report: _Optional[_Union[SimulationReport, _Mapping]] = ...) -> None: ...

class SimulationReport(_message.Message):
    __slots__ = ["assumptions", "fans", "joint", "observations", "odds", "run", "scenario_etag", "scenario_id", "skipped", "thresholds"]
    ASSUMPTIONS_FIELD_NUMBER: _ClassVar[int]
    FANS_FIELD_NUMBER: _ClassVar[int]
    JOINT_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    ODDS_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ETAG_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    assumptions: _containers.RepeatedCompositeFieldContainer[AssumptionInUse]
    fans: _containers.RepeatedCompositeFieldContainer[Fan]
    joint: _containers.RepeatedCompositeFieldContainer[JointOdds]
    observations: _containers.RepeatedCompositeFieldContainer[ObservationInUse]
    odds: _containers.RepeatedCompositeFieldContainer[TargetOdds]
    run: RunInfo
    scenario_etag: str
    scenario_id: str
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedTarget]
    thresholds: _containers.RepeatedCompositeFieldContainer[ThresholdOdds]
    def __init__(self, run: _Optional[_Union[RunInfo, _Mapping]] = ..., odds: _Optional[_Iterable[_Union[TargetOdds, _Mapping]]] = ..., joint: _Optional[_Iterable[_Union[JointOdds, _Mapping]]] = ..., fans: _Optional[_Iterable[_Union[Fan, _Mapping]]] = ..., skipped: _Optional[_Iterable[_Union[SkippedTarget, _Mapping]]] = ..., assumptions: _Optional[_Iterable[_Union[AssumptionInUse, _Mapping]]] = ..., observations: _Optional[_Iterable[_Union[ObservationInUse, _Mapping]]] = ..., scenario_id: _Optional[str] = ..., scenario_etag: _Optional[str] = ..., thresholds: _Optional[_Iterable[_Union[ThresholdOdds, _Mapping]]] = ...) -> None: ...

class SimulationSpec(_message.Message):
    __slots__ = ["fans", "horizon_year", "ignore_seeded_observations", "inline_overrides", "joint", "overrides", "paths", "percentiles", "precision", "scenario_id", "seed", "shock_distribution", "targets", "thresholds", "variance_reduction"]
    FANS_FIELD_NUMBER: _ClassVar[int]
    HORIZON_YEAR_FIELD_NUMBER: _ClassVar[int]
    IGNORE_SEEDED_OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    INLINE_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    JOINT_FIELD_NUMBER: _ClassVar[int]
    OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    PATHS_FIELD_NUMBER: _ClassVar[int]
    PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    SCENARIO_ID_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    SHOCK_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_REDUCTION_FIELD_NUMBER: _ClassVar[int]
    fans: _containers.RepeatedCompositeFieldContainer[FanRequest]
    horizon_year: int
    ignore_seeded_observations: bool
    inline_overrides: _scenario_pb2.ScenarioOverrides
    joint: _containers.RepeatedCompositeFieldContainer[JointRequest]
    overrides: _containers.RepeatedCompositeFieldContainer[_scenario_pb2.CellOverride]
    paths: int
    percentiles: _containers.RepeatedScalarFieldContainer[float]
    precision: Precision
    scenario_id: str
    seed: int
    shock_distribution: _model_pb2.ShockDistribution
    targets: TargetSelection
    thresholds: _containers.RepeatedCompositeFieldContainer[Threshold]
    variance_reduction: VarianceReduction
    def __init__(self, targets: _Optional[_Union[TargetSelection, _Mapping]] = ..., paths: _Optional[int] = ..., precision: _Optional[_Union[Precision, _Mapping]] = ..., seed: _Optional[int] = ..., horizon_year: _Optional[int] = ..., percentiles: _Optional[_Iterable[float]] = ..., fans: _Optional[_Iterable[_Union[FanRequest, _Mapping]]] = ..., overrides: _Optional[_Iterable[_Union[_scenario_pb2.CellOverride, _Mapping]]] = ..., joint: _Optional[_Iterable[_Union[JointRequest, _Mapping]]] = ..., shock_distribution: _Optional[_Union[_model_pb2.ShockDistribution, str]] = ..., scenario_id: _Optional[str] = ..., inline_overrides: _Optional[_Union[_scenario_pb2.ScenarioOverrides, _Mapping]] = ..., ignore_seeded_observations: bool = ..., variance_reduction: _Optional[_Union[VarianceReduction, str]] = ..., thresholds: _Optional[_Iterable[_Union[Threshold, _Mapping]]] = ...) -> None: ...

class SkippedTarget(_message.Message):
    __slots__ = ["reason", "target_id"]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    reason: str
    target_id: str
    def __init__(self, target_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Subject(_message.Message):
    __slots__ = ["any_id", "cell_id", "chain_id", "city", "count_cell_id", "region_id", "target_id"]
    ANY_ID_FIELD_NUMBER: _ClassVar[int]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELL_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    any_id: str
    cell_id: str
    chain_id: str
    city: bool
    count_cell_id: str
    region_id: str
    target_id: str
    def __init__(self, cell_id: _Optional[str] = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., target_id: _Optional[str] = ..., city: bool = ..., count_cell_id: _Optional[str] = ..., any_id: _Optional[str] = ...) -> None: ...

class TargetDifference(_message.Message):
    __slots__ = ["alternative_only", "baseline_only", "ci_high", "ci_low", "difference", "independent_standard_error", "kind", "name", "p_hit_alternative", "p_hit_baseline", "standard_error", "target_id", "target_value", "unit", "year"]
    ALTERNATIVE_ONLY_FIELD_NUMBER: _ClassVar[int]
    BASELINE_ONLY_FIELD_NUMBER: _ClassVar[int]
    CI_HIGH_FIELD_NUMBER: _ClassVar[int]
    CI_LOW_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCE_FIELD_NUMBER: _ClassVar[int]
    INDEPENDENT_STANDARD_ERROR_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    P_HIT_ALTERNATIVE_FIELD_NUMBER: _ClassVar[int]
    P_HIT_BASELINE_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ERROR_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    alternative_only: int
    baseline_only: int
    ci_high: float
    ci_low: float
    difference: float
    independent_standard_error: float
    kind: _model_pb2.TargetKind
    name: _model_pb2.LocalizedName
    p_hit_alternative: Probability
    p_hit_baseline: Probability
    standard_error: float
    target_id: str
    target_value: float
    unit: _model_pb2.Unit
    year: int
    def __init__(self, target_id: _Optional[str] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., p_hit_baseline: _Optional[_Union[Probability, _Mapping]] = ..., p_hit_alternative: _Optional[_Union[Probability, _Mapping]] = ..., difference: _Optional[float] = ..., standard_error: _Optional[float] = ..., independent_standard_error: _Optional[float] = ..., ci_low: _Optional[float] = ..., ci_high: _Optional[float] = ..., baseline_only: _Optional[int] = ..., alternative_only: _Optional[int] = ..., year: _Optional[int] = ..., target_value: _Optional[float] = ..., unit: _Optional[_Union[_model_pb2.Unit, str]] = ..., kind: _Optional[_Union[_model_pb2.TargetKind, str]] = ...) -> None: ...

class TargetOdds(_message.Message):
    __slots__ = ["base_value", "base_year", "chain_id", "comparison", "expected_shortfall", "kind", "mean", "median", "median_growth", "method", "name", "p_hit", "part_of", "percentiles", "plain_p_hit", "plan_id", "region_id", "required_growth", "target_id", "target_value", "unit", "variance_reduction", "year"]
    BASE_VALUE_FIELD_NUMBER: _ClassVar[int]
    BASE_YEAR_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    COMPARISON_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_GROWTH_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PART_OF_FIELD_NUMBER: _ClassVar[int]
    PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    PLAIN_P_HIT_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    P_HIT_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_GROWTH_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_REDUCTION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    base_value: float
    base_year: int
    chain_id: str
    comparison: _model_pb2.Comparison
    expected_shortfall: float
    kind: _model_pb2.TargetKind
    mean: float
    median: float
    median_growth: float
    method: EstimationMethod
    name: _model_pb2.LocalizedName
    p_hit: Probability
    part_of: str
    percentiles: _containers.RepeatedCompositeFieldContainer[PercentileValue]
    plain_p_hit: Probability
    plan_id: str
    region_id: str
    required_growth: float
    target_id: str
    target_value: float
    unit: _model_pb2.Unit
    variance_reduction: float
    year: int
    def __init__(self, target_id: _Optional[str] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., plan_id: _Optional[str] = ..., year: _Optional[int] = ..., target_value: _Optional[float] = ..., unit: _Optional[_Union[_model_pb2.Unit, str]] = ..., comparison: _Optional[_Union[_model_pb2.Comparison, str]] = ..., p_hit: _Optional[_Union[Probability, _Mapping]] = ..., median: _Optional[float] = ..., mean: _Optional[float] = ..., percentiles: _Optional[_Iterable[_Union[PercentileValue, _Mapping]]] = ..., base_value: _Optional[float] = ..., base_year: _Optional[int] = ..., required_growth: _Optional[float] = ..., median_growth: _Optional[float] = ..., expected_shortfall: _Optional[float] = ..., kind: _Optional[_Union[_model_pb2.TargetKind, str]] = ..., method: _Optional[_Union[EstimationMethod, str]] = ..., variance_reduction: _Optional[float] = ..., plain_p_hit: _Optional[_Union[Probability, _Mapping]] = ..., region_id: _Optional[str] = ..., chain_id: _Optional[str] = ..., part_of: _Optional[str] = ...) -> None: ...

class TargetSelection(_message.Message):
    __slots__ = ["chain_id", "plan_id", "region_id", "region_match", "target_ids", "year"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_MATCH_FIELD_NUMBER: _ClassVar[int]
    TARGET_IDS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    plan_id: str
    region_id: str
    region_match: RegionMatch
    target_ids: _containers.RepeatedScalarFieldContainer[str]
    year: int
    def __init__(self, target_ids: _Optional[_Iterable[str]] = ..., plan_id: _Optional[str] = ..., year: _Optional[int] = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., region_match: _Optional[_Union[RegionMatch, str]] = ...) -> None: ...

class Threshold(_message.Message):
    __slots__ = ["comparison", "id", "subject", "upper_value", "value", "year"]
    COMPARISON_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    UPPER_VALUE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    comparison: _model_pb2.Comparison
    id: str
    subject: Subject
    upper_value: float
    value: float
    year: int
    def __init__(self, id: _Optional[str] = ..., subject: _Optional[_Union[Subject, _Mapping]] = ..., year: _Optional[int] = ..., comparison: _Optional[_Union[_model_pb2.Comparison, str]] = ..., value: _Optional[float] = ..., upper_value: _Optional[float] = ...) -> None: ...

class ThresholdOdds(_message.Message):
    __slots__ = ["chain_id", "id", "kind", "mean", "median", "method", "name", "percentiles", "probability", "region_id", "threshold", "unit", "variance_reduction"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_REDUCTION_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    id: str
    kind: _model_pb2.TargetKind
    mean: float
    median: float
    method: EstimationMethod
    name: _model_pb2.LocalizedName
    percentiles: _containers.RepeatedCompositeFieldContainer[PercentileValue]
    probability: Probability
    region_id: str
    threshold: Threshold
    unit: _model_pb2.Unit
    variance_reduction: float
    def __init__(self, id: _Optional[str] = ..., threshold: _Optional[_Union[Threshold, _Mapping]] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., unit: _Optional[_Union[_model_pb2.Unit, str]] = ..., kind: _Optional[_Union[_model_pb2.TargetKind, str]] = ..., probability: _Optional[_Union[Probability, _Mapping]] = ..., method: _Optional[_Union[EstimationMethod, str]] = ..., variance_reduction: _Optional[float] = ..., median: _Optional[float] = ..., mean: _Optional[float] = ..., percentiles: _Optional[_Iterable[_Union[PercentileValue, _Mapping]]] = ..., region_id: _Optional[str] = ..., chain_id: _Optional[str] = ...) -> None: ...

class TornadoBar(_message.Message):
    __slots__ = ["cell_id", "difference_high", "difference_low", "high_value", "input_id", "low_value", "p_hit_high", "p_hit_low", "parameter", "standard_error_high", "standard_error_low", "step", "swing", "value"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCE_HIGH_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCE_LOW_FIELD_NUMBER: _ClassVar[int]
    HIGH_VALUE_FIELD_NUMBER: _ClassVar[int]
    INPUT_ID_FIELD_NUMBER: _ClassVar[int]
    LOW_VALUE_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_FIELD_NUMBER: _ClassVar[int]
    P_HIT_HIGH_FIELD_NUMBER: _ClassVar[int]
    P_HIT_LOW_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ERROR_HIGH_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ERROR_LOW_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    SWING_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    difference_high: float
    difference_low: float
    high_value: float
    input_id: str
    low_value: float
    p_hit_high: Probability
    p_hit_low: Probability
    parameter: str
    standard_error_high: float
    standard_error_low: float
    step: str
    swing: float
    value: float
    def __init__(self, input_id: _Optional[str] = ..., cell_id: _Optional[str] = ..., parameter: _Optional[str] = ..., value: _Optional[float] = ..., low_value: _Optional[float] = ..., high_value: _Optional[float] = ..., step: _Optional[str] = ..., p_hit_low: _Optional[_Union[Probability, _Mapping]] = ..., p_hit_high: _Optional[_Union[Probability, _Mapping]] = ..., difference_low: _Optional[float] = ..., standard_error_low: _Optional[float] = ..., difference_high: _Optional[float] = ..., standard_error_high: _Optional[float] = ..., swing: _Optional[float] = ...) -> None: ...

class VarianceImportance(_message.Message):
    __slots__ = ["explained_share", "inputs", "note", "output", "paths", "variance"]
    EXPLAINED_SHARE_FIELD_NUMBER: _ClassVar[int]
    INPUTS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    PATHS_FIELD_NUMBER: _ClassVar[int]
    VARIANCE_FIELD_NUMBER: _ClassVar[int]
    explained_share: float
    inputs: _containers.RepeatedCompositeFieldContainer[ImportanceInput]
    note: str
    output: str
    paths: int
    variance: float
    def __init__(self, output: _Optional[str] = ..., variance: _Optional[float] = ..., explained_share: _Optional[float] = ..., inputs: _Optional[_Iterable[_Union[ImportanceInput, _Mapping]]] = ..., paths: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class RegionMatch(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class VarianceReduction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class EstimationMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class StopReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ObservationRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
