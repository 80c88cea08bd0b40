from chaincast.v1 import model_pb2 as _model_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ActualPoint(_message.Message):
    __slots__ = ["period", "relative_error", "source", "subject_id", "unit", "value", "year"]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_ERROR_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    period: _model_pb2.Period
    relative_error: float
    source: str
    subject_id: str
    unit: str
    value: float
    year: int
    def __init__(self, subject_id: _Optional[str] = ..., year: _Optional[int] = ..., value: _Optional[float] = ..., unit: _Optional[str] = ..., period: _Optional[_Union[_model_pb2.Period, _Mapping]] = ..., source: _Optional[str] = ..., relative_error: _Optional[float] = ...) -> None: ...

class Dataset(_message.Message):
    __slots__ = ["create_time", "description", "etag", "id", "name", "point_count", "points"]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    POINT_COUNT_FIELD_NUMBER: _ClassVar[int]
    create_time: _timestamp_pb2.Timestamp
    description: str
    etag: str
    id: str
    name: _model_pb2.LocalizedName
    point_count: int
    points: _containers.RepeatedCompositeFieldContainer[ActualPoint]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[_Union[_model_pb2.LocalizedName, _Mapping]] = ..., description: _Optional[str] = ..., points: _Optional[_Iterable[_Union[ActualPoint, _Mapping]]] = ..., etag: _Optional[str] = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., point_count: _Optional[int] = ...) -> None: ...
