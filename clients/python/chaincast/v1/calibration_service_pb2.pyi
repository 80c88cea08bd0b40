from chaincast.v1 import dataset_pb2 as _dataset_pb2
from chaincast.v1 import model_pb2 as _model_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

BACKTEST_METHOD_MODEL: BacktestMethod
BACKTEST_METHOD_PLAN: BacktestMethod
BACKTEST_METHOD_RANDOM_WALK: BacktestMethod
BACKTEST_METHOD_UNSPECIFIED: BacktestMethod
DESCRIPTOR: _descriptor.FileDescriptor

class BacktestRequest(_message.Message):
    __slots__ = ["cell_ids", "dataset_id", "horizon", "min_history", "points"]
    CELL_IDS_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    MIN_HISTORY_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    cell_ids: _containers.RepeatedScalarFieldContainer[str]
    dataset_id: str
    horizon: int
    min_history: int
    points: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.ActualPoint]
    def __init__(self, dataset_id: _Optional[str] = ..., points: _Optional[_Iterable[_Union[_dataset_pb2.ActualPoint, _Mapping]]] = ..., horizon: _Optional[int] = ..., min_history: _Optional[int] = ..., cell_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class BacktestResponse(_message.Message):
    __slots__ = ["horizon", "method", "min_history", "rows", "skipped", "summaries"]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    MIN_HISTORY_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    horizon: int
    method: str
    min_history: int
    rows: _containers.RepeatedCompositeFieldContainer[BacktestRow]
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedSeries]
    summaries: _containers.RepeatedCompositeFieldContainer[BacktestSummary]
    def __init__(self, rows: _Optional[_Iterable[_Union[BacktestRow, _Mapping]]] = ..., summaries: _Optional[_Iterable[_Union[BacktestSummary, _Mapping]]] = ..., skipped: _Optional[_Iterable[_Union[SkippedSeries, _Mapping]]] = ..., method: _Optional[str] = ..., horizon: _Optional[int] = ..., min_history: _Optional[int] = ...) -> None: ...

class BacktestRow(_message.Message):
    __slots__ = ["actual", "cell_id", "crps", "horizon", "log_score", "lower_50", "lower_80", "lower_95", "median", "method", "pit", "upper_50", "upper_80", "upper_95", "vantage_year"]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    CRPS_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    LOG_SCORE_FIELD_NUMBER: _ClassVar[int]
    LOWER_50_FIELD_NUMBER: _ClassVar[int]
    LOWER_80_FIELD_NUMBER: _ClassVar[int]
    LOWER_95_FIELD_NUMBER: _ClassVar[int]
    MEDIAN_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PIT_FIELD_NUMBER: _ClassVar[int]
    UPPER_50_FIELD_NUMBER: _ClassVar[int]
    UPPER_80_FIELD_NUMBER: _ClassVar[int]
    UPPER_95_FIELD_NUMBER: _ClassVar[int]
    VANTAGE_YEAR_FIELD_NUMBER: _ClassVar[int]
    actual: float
    cell_id: str
    crps: float
    horizon: int
    log_score: float
    lower_50: float
    lower_80: float
    lower_95: float
    median: float
    method: BacktestMethod
    pit: float
    upper_50: float
    upper_80: float
    upper_95: float
    vantage_year: int
    def __init__(self, method: _Optional[_Union[BacktestMethod, str]] = ..., cell_id: _Optional[str] = ..., vantage_year: _Optional[int] = ..., horizon: _Optional[int] = ..., median: _Optional[float] = ..., lower_50: _Optional[float] = ..., upper_50: _Optional[float] = ..., lower_80: _Optional[float] = ..., upper_80: _Optional[float] = ..., lower_95: _Optional[float] = ..., upper_95: _Optional[float] = ..., actual: _Optional[float] = ..., pit: _Optional[float] = ..., crps: _Optional[float] = ..., log_score: _Optional[float] = ...) -> None: ...

class BacktestSummary(_message.Message):
    __slots__ = ["coverage_50", "coverage_80", "coverage_95", "forecasts", "horizon", "mean_crps", "mean_log_score", "method", "pit_histogram"]
    COVERAGE_50_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_80_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_95_FIELD_NUMBER: _ClassVar[int]
    FORECASTS_FIELD_NUMBER: _ClassVar[int]
    HORIZON_FIELD_NUMBER: _ClassVar[int]
    MEAN_CRPS_FIELD_NUMBER: _ClassVar[int]
    MEAN_LOG_SCORE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PIT_HISTOGRAM_FIELD_NUMBER: _ClassVar[int]
    coverage_50: float
    coverage_80: float
    coverage_95: float
    forecasts: int
    horizon: int
    mean_crps: float
    mean_log_score: float
    method: BacktestMethod
    pit_histogram: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, method: _Optional[_Union[BacktestMethod, str]] = ..., horizon: _Optional[int] = ..., forecasts: _Optional[int] = ..., coverage_50: _Optional[float] = ..., coverage_80: _Optional[float] = ..., coverage_95: _Optional[float] = ..., mean_crps: _Optional[float] = ..., mean_log_score: _Optional[float] = ..., pit_histogram: _Optional[_Iterable[int]] = ...) -> None: ...

class CellEstimate(_message.Message):
    __slots__ = ["cell_id", "chain_id", "drift_location", "drift_mean", "drift_p10", "drift_p90", "drift_sd", "first_year", "kappa", "last_year", "observations", "prior_drift_location", "scale", "seeded_drift_mean", "seeded_volatility", "shape", "volatility", "volatility_p10", "volatility_p90", "volatility_sd"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    DRIFT_LOCATION_FIELD_NUMBER: _ClassVar[int]
    DRIFT_MEAN_FIELD_NUMBER: _ClassVar[int]
    DRIFT_P10_FIELD_NUMBER: _ClassVar[int]
    DRIFT_P90_FIELD_NUMBER: _ClassVar[int]
    DRIFT_SD_FIELD_NUMBER: _ClassVar[int]
    FIRST_YEAR_FIELD_NUMBER: _ClassVar[int]
    KAPPA_FIELD_NUMBER: _ClassVar[int]
    LAST_YEAR_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    PRIOR_DRIFT_LOCATION_FIELD_NUMBER: _ClassVar[int]
    SCALE_FIELD_NUMBER: _ClassVar[int]
    SEEDED_DRIFT_MEAN_FIELD_NUMBER: _ClassVar[int]
    SEEDED_VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    SHAPE_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_P10_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_P90_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_SD_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    chain_id: str
    drift_location: float
    drift_mean: _model_pb2.Parameter
    drift_p10: float
    drift_p90: float
    drift_sd: float
    first_year: int
    kappa: float
    last_year: int
    observations: int
    prior_drift_location: float
    scale: float
    seeded_drift_mean: float
    seeded_volatility: float
    shape: float
    volatility: _model_pb2.Parameter
    volatility_p10: float
    volatility_p90: float
    volatility_sd: float
    def __init__(self, cell_id: _Optional[str] = ..., chain_id: _Optional[str] = ..., observations: _Optional[int] = ..., first_year: _Optional[int] = ..., last_year: _Optional[int] = ..., drift_mean: _Optional[_Union[_model_pb2.Parameter, _Mapping]] = ..., drift_sd: _Optional[float] = ..., drift_p10: _Optional[float] = ..., drift_p90: _Optional[float] = ..., volatility: _Optional[_Union[_model_pb2.Parameter, _Mapping]] = ..., volatility_sd: _Optional[float] = ..., volatility_p10: _Optional[float] = ..., volatility_p90: _Optional[float] = ..., drift_location: _Optional[float] = ..., kappa: _Optional[float] = ..., shape: _Optional[float] = ..., scale: _Optional[float] = ..., seeded_drift_mean: _Optional[float] = ..., seeded_volatility: _Optional[float] = ..., prior_drift_location: _Optional[float] = ...) -> None: ...

class EstimateParametersRequest(_message.Message):
    __slots__ = ["cell_ids", "dataset_id", "points"]
    CELL_IDS_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    cell_ids: _containers.RepeatedScalarFieldContainer[str]
    dataset_id: str
    points: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.ActualPoint]
    def __init__(self, dataset_id: _Optional[str] = ..., points: _Optional[_Iterable[_Union[_dataset_pb2.ActualPoint, _Mapping]]] = ..., cell_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class EstimateParametersResponse(_message.Message):
    __slots__ = ["estimates", "method", "skipped"]
    ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    estimates: _containers.RepeatedCompositeFieldContainer[CellEstimate]
    method: str
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedSeries]
    def __init__(self, estimates: _Optional[_Iterable[_Union[CellEstimate, _Mapping]]] = ..., skipped: _Optional[_Iterable[_Union[SkippedSeries, _Mapping]]] = ..., method: _Optional[str] = ...) -> None: ...

class SkippedSeries(_message.Message):
    __slots__ = ["reason", "subject_id"]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    reason: str
    subject_id: str
    def __init__(self, subject_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BacktestMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
