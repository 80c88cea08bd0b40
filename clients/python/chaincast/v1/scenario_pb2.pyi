from chaincast.v1 import model_pb2 as _model_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CellOverride(_message.Message):
    __slots__ = ["base_value", "cell_id", "drift_mean", "drift_sd", "volatility"]
    BASE_VALUE_FIELD_NUMBER: _ClassVar[int]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    DRIFT_MEAN_FIELD_NUMBER: _ClassVar[int]
    DRIFT_SD_FIELD_NUMBER: _ClassVar[int]
    VOLATILITY_FIELD_NUMBER: _ClassVar[int]
    base_value: float
    cell_id: str
    drift_mean: float
    drift_sd: float
    volatility: float
    def __init__(self, cell_id: _Optional[str] = ..., base_value: _Optional[float] = ..., drift_mean: _Optional[float] = ..., drift_sd: _Optional[float] = ..., volatility: _Optional[float] = ...) -> None: ...

class CountOverride(_message.Message):
    __slots__ = ["base_count", "count_cell_id", "rate_shape", "yearly_rate"]
    BASE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELL_ID_FIELD_NUMBER: _ClassVar[int]
    RATE_SHAPE_FIELD_NUMBER: _ClassVar[int]
    YEARLY_RATE_FIELD_NUMBER: _ClassVar[int]
    base_count: float
    count_cell_id: str
    rate_shape: float
    yearly_rate: float
    def __init__(self, count_cell_id: _Optional[str] = ..., base_count: _Optional[float] = ..., yearly_rate: _Optional[float] = ..., rate_shape: _Optional[float] = ...) -> None: ...

class EventAddition(_message.Message):
    __slots__ = ["cell_id", "event"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    event: _model_pb2.ProjectEvent
    def __init__(self, cell_id: _Optional[str] = ..., event: _Optional[_Union[_model_pb2.ProjectEvent, _Mapping]] = ...) -> None: ...

class EventDelay(_message.Message):
    __slots__ = ["cell_id", "event_id", "years"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    YEARS_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    event_id: str
    years: int
    def __init__(self, cell_id: _Optional[str] = ..., event_id: _Optional[str] = ..., years: _Optional[int] = ...) -> None: ...

class EventRemoval(_message.Message):
    __slots__ = ["cell_id", "event_id"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    event_id: str
    def __init__(self, cell_id: _Optional[str] = ..., event_id: _Optional[str] = ...) -> None: ...

class MacroShock(_message.Message):
    __slots__ = ["cell_id", "chain_id", "change", "city", "id", "region_id", "year"]
    CELL_ID_FIELD_NUMBER: _ClassVar[int]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    cell_id: str
    chain_id: str
    change: float
    city: bool
    id: str
    region_id: str
    year: int
    def __init__(self, id: _Optional[str] = ..., city: bool = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., cell_id: _Optional[str] = ..., year: _Optional[int] = ..., change: _Optional[float] = ...) -> None: ...

class ScenarioOverrides(_message.Message):
    __slots__ = ["added_events", "cells", "counts", "dataset_id", "delayed_events", "macro_shocks", "observations", "removed_events"]
    ADDED_EVENTS_FIELD_NUMBER: _ClassVar[int]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    DELAYED_EVENTS_FIELD_NUMBER: _ClassVar[int]
    MACRO_SHOCKS_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    REMOVED_EVENTS_FIELD_NUMBER: _ClassVar[int]
    added_events: _containers.RepeatedCompositeFieldContainer[EventAddition]
    cells: _containers.RepeatedCompositeFieldContainer[CellOverride]
    counts: _containers.RepeatedCompositeFieldContainer[CountOverride]
    dataset_id: str
    delayed_events: _containers.RepeatedCompositeFieldContainer[EventDelay]
    macro_shocks: _containers.RepeatedCompositeFieldContainer[MacroShock]
    observations: _containers.RepeatedCompositeFieldContainer[_model_pb2.Observation]
    removed_events: _containers.RepeatedCompositeFieldContainer[EventRemoval]
    def __init__(self, cells: _Optional[_Iterable[_Union[CellOverride, _Mapping]]] = ..., counts: _Optional[_Iterable[_Union[CountOverride, _Mapping]]] = ..., added_events: _Optional[_Iterable[_Union[EventAddition, _Mapping]]] = ..., removed_events: _Optional[_Iterable[_Union[EventRemoval, _Mapping]]] = ..., delayed_events: _Optional[_Iterable[_Union[EventDelay, _Mapping]]] = ..., macro_shocks: _Optional[_Iterable[_Union[MacroShock, _Mapping]]] = ..., observations: _Optional[_Iterable[_Union[_model_pb2.Observation, _Mapping]]] = ..., dataset_id: _Optional[str] = ...) -> None: ...
