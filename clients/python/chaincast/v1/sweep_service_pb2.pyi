from chaincast.v1 import simulation_service_pb2 as _simulation_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
SWEEP_QUANTITY_BASE_COUNT: SweepQuantity
SWEEP_QUANTITY_BASE_VALUE: SweepQuantity
SWEEP_QUANTITY_DRIFT_MEAN: SweepQuantity
SWEEP_QUANTITY_DRIFT_SD: SweepQuantity
SWEEP_QUANTITY_MACRO_SHOCK_CHANGE: SweepQuantity
SWEEP_QUANTITY_RATE_SHAPE: SweepQuantity
SWEEP_QUANTITY_UNSPECIFIED: SweepQuantity
SWEEP_QUANTITY_VOLATILITY: SweepQuantity
SWEEP_QUANTITY_YEARLY_RATE: SweepQuantity
SWEEP_STATE_DONE: SweepState
SWEEP_STATE_INCOMPLETE: SweepState
SWEEP_STATE_UNSPECIFIED: SweepState

class GetSweepRequest(_message.Message):
    __slots__ = ["sweep_id"]
    SWEEP_ID_FIELD_NUMBER: _ClassVar[int]
    sweep_id: str
    def __init__(self, sweep_id: _Optional[str] = ...) -> None: ...

class GetSweepResponse(_message.Message):
    __slots__ = ["sweep"]
    SWEEP_FIELD_NUMBER: _ClassVar[int]
    sweep: SweepResult
    def __init__(self, sweep: _Optional[_Union[SweepResult, _Mapping]] = ...) -> None: ...

class GoalSeekRequest(_message.Message):
    __slots__ = ["high", "low", "parameter", "probability", "spec", "target_id", "threshold"]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    PARAMETER_FIELD_NUMBER: _ClassVar[int]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    high: float
    low: float
    parameter: SweepParameter
    probability: float
    spec: _simulation_service_pb2.SimulationSpec
    target_id: str
    threshold: _simulation_service_pb2.Threshold
    def __init__(self, spec: _Optional[_Union[_simulation_service_pb2.SimulationSpec, _Mapping]] = ..., target_id: _Optional[str] = ..., threshold: _Optional[_Union[_simulation_service_pb2.Threshold, _Mapping]] = ..., parameter: _Optional[_Union[SweepParameter, _Mapping]] = ..., low: _Optional[float] = ..., high: _Optional[float] = ..., probability: _Optional[float] = ...) -> None: ...

class GoalSeekResponse(_message.Message):
    __slots__ = ["evaluations", "method", "p_high", "p_hit", "p_low", "run", "slope", "standard_error", "value"]
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    P_HIGH_FIELD_NUMBER: _ClassVar[int]
    P_HIT_FIELD_NUMBER: _ClassVar[int]
    P_LOW_FIELD_NUMBER: _ClassVar[int]
    RUN_FIELD_NUMBER: _ClassVar[int]
    SLOPE_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ERROR_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    evaluations: int
    method: _simulation_service_pb2.EstimationMethod
    p_high: _simulation_service_pb2.Probability
    p_hit: _simulation_service_pb2.Probability
    p_low: _simulation_service_pb2.Probability
    run: _simulation_service_pb2.RunInfo
    slope: float
    standard_error: float
    value: float
    def __init__(self, value: _Optional[float] = ..., p_hit: _Optional[_Union[_simulation_service_pb2.Probability, _Mapping]] = ..., standard_error: _Optional[float] = ..., slope: _Optional[float] = ..., p_low: _Optional[_Union[_simulation_service_pb2.Probability, _Mapping]] = ..., p_high: _Optional[_Union[_simulation_service_pb2.Probability, _Mapping]] = ..., evaluations: _Optional[int] = ..., run: _Optional[_Union[_simulation_service_pb2.RunInfo, _Mapping]] = ..., method: _Optional[_Union[_simulation_service_pb2.EstimationMethod, str]] = ...) -> None: ...

class SweepAxis(_message.Message):
    __slots__ = ["parameter", "values"]
    PARAMETER_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    parameter: SweepParameter
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, parameter: _Optional[_Union[SweepParameter, _Mapping]] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...

class SweepGrid(_message.Message):
    __slots__ = ["axes"]
    AXES_FIELD_NUMBER: _ClassVar[int]
    axes: _containers.RepeatedCompositeFieldContainer[SweepAxis]
    def __init__(self, axes: _Optional[_Iterable[_Union[SweepAxis, _Mapping]]] = ...) -> None: ...

class SweepParameter(_message.Message):
    __slots__ = ["cell_id", "count_cell_id", "macro_shock_id", "quantity"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELL_ID_FIELD_NUMBER: _ClassVar[int]
    MACRO_SHOCK_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    count_cell_id: str
    macro_shock_id: str
    quantity: SweepQuantity
    def __init__(self, cell_id: _Optional[str] = ..., count_cell_id: _Optional[str] = ..., macro_shock_id: _Optional[str] = ..., quantity: _Optional[_Union[SweepQuantity, str]] = ...) -> None: ...

class SweepPointList(_message.Message):
    __slots__ = ["points"]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[SweepPointSpec]
    def __init__(self, points: _Optional[_Iterable[_Union[SweepPointSpec, _Mapping]]] = ...) -> None: ...

class SweepPointResult(_message.Message):
    __slots__ = ["index", "paths", "resumed", "targets", "thresholds", "values"]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    PATHS_FIELD_NUMBER: _ClassVar[int]
    RESUMED_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    index: int
    paths: int
    resumed: bool
    targets: _containers.RepeatedCompositeFieldContainer[SweepTargetOdds]
    thresholds: _containers.RepeatedCompositeFieldContainer[SweepThresholdOdds]
    values: _containers.RepeatedCompositeFieldContainer[SweepValue]
    def __init__(self, index: _Optional[int] = ..., values: _Optional[_Iterable[_Union[SweepValue, _Mapping]]] = ..., targets: _Optional[_Iterable[_Union[SweepTargetOdds, _Mapping]]] = ..., thresholds: _Optional[_Iterable[_Union[SweepThresholdOdds, _Mapping]]] = ..., resumed: bool = ..., paths: _Optional[int] = ...) -> None: ...

class SweepPointSpec(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[SweepValue]
    def __init__(self, values: _Optional[_Iterable[_Union[SweepValue, _Mapping]]] = ...) -> None: ...

class SweepProgress(_message.Message):
    __slots__ = ["point", "points_done", "points_total"]
    POINTS_DONE_FIELD_NUMBER: _ClassVar[int]
    POINTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    POINT_FIELD_NUMBER: _ClassVar[int]
    point: SweepPointResult
    points_done: int
    points_total: int
    def __init__(self, points_done: _Optional[int] = ..., points_total: _Optional[int] = ..., point: _Optional[_Union[SweepPointResult, _Mapping]] = ...) -> None: ...

class SweepRequest(_message.Message):
    __slots__ = ["grid", "list", "spec", "sweep_id"]
    GRID_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    SWEEP_ID_FIELD_NUMBER: _ClassVar[int]
    grid: SweepGrid
    list: SweepPointList
    spec: _simulation_service_pb2.SimulationSpec
    sweep_id: str
    def __init__(self, sweep_id: _Optional[str] = ..., spec: _Optional[_Union[_simulation_service_pb2.SimulationSpec, _Mapping]] = ..., grid: _Optional[_Union[SweepGrid, _Mapping]] = ..., list: _Optional[_Union[SweepPointList, _Mapping]] = ...) -> None: ...

class SweepResponse(_message.Message):
    __slots__ = ["progress", "result"]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    progress: SweepProgress
    result: SweepResult
    def __init__(self, progress: _Optional[_Union[SweepProgress, _Mapping]] = ..., result: _Optional[_Union[SweepResult, _Mapping]] = ...) -> None: ...

class SweepResult(_message.Message):
    __slots__ = ["points", "points_computed", "points_resumed", "points_total", "request", "seed", "state", "sweep_id"]
    POINTS_COMPUTED_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    POINTS_RESUMED_FIELD_NUMBER: _ClassVar[int]
    POINTS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SWEEP_ID_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[SweepPointResult]
    points_computed: int
    points_resumed: int
    points_total: int
    request: SweepRequest
    seed: int
    state: SweepState
    sweep_id: str
    def __init__(self, sweep_id: _Optional[str] = ..., state: _Optional[_Union[SweepState, str]] = ..., points_total: _Optional[int] = ..., points: _Optional[_Iterable[_Union[SweepPointResult, _Mapping]]] = ..., seed: _Optional[int] = ..., points_resumed: _Optional[int] = ..., points_computed: _Optional[int] = ..., request: _Optional[_Union[SweepRequest, _Mapping]] = ...) -> None: ...

class SweepTargetOdds(_message.Message):
    __slots__ = ["median", "method", "p_hit", "target_id"]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    P_HIT_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    median: float
    method: _simulation_service_pb2.EstimationMethod
    p_hit: _simulation_service_pb2.Probability
    target_id: str
    def __init__(self, target_id: _Optional[str] = ..., p_hit: _Optional[_Union[_simulation_service_pb2.Probability, _Mapping]] = ..., method: _Optional[_Union[_simulation_service_pb2.EstimationMethod, str]] = ..., median: _Optional[float] = ...) -> None: ...

class SweepThresholdOdds(_message.Message):
    __slots__ = ["method", "probability", "threshold_id"]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PROBABILITY_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    method: _simulation_service_pb2.EstimationMethod
    probability: _simulation_service_pb2.Probability
    threshold_id: str
    def __init__(self, threshold_id: _Optional[str] = ..., probability: _Optional[_Union[_simulation_service_pb2.Probability, _Mapping]] = ..., method: _Optional[_Union[_simulation_service_pb2.EstimationMethod, str]] = ...) -> None: ...

class SweepValue(_message.Message):
    __slots__ = ["parameter", "value"]
    PARAMETER_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    parameter: SweepParameter
    value: float
    def __init__(self, parameter: _Optional[_Union[SweepParameter, _Mapping]] = ..., value: _Optional[float] = ...) -> None: ...

class SweepQuantity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class SweepState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
