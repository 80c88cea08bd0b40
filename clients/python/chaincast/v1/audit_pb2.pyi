from chaincast.v1 import model_pb2 as _model_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
FINDING_KIND_BREAKDOWN: FindingKind
FINDING_KIND_CROSS_PLAN: FindingKind
FINDING_KIND_RELATED_SCOPE: FindingKind
FINDING_KIND_SIZE_CLASS: FindingKind
FINDING_KIND_UNSPECIFIED: FindingKind

class AuditFinding(_message.Message):
    __slots__ = ["compared_value", "consistent", "difference", "explanation", "headline_target_id", "headline_value", "kind", "part_target_ids", "relative_difference", "unit", "year"]
    COMPARED_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONSISTENT_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_VALUE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PART_TARGET_IDS_FIELD_NUMBER: _ClassVar[int]
    RELATIVE_DIFFERENCE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    compared_value: float
    consistent: bool
    difference: float
    explanation: str
    headline_target_id: str
    headline_value: float
    kind: FindingKind
    part_target_ids: _containers.RepeatedScalarFieldContainer[str]
    relative_difference: float
    unit: _model_pb2.Unit
    year: int
    def __init__(self, kind: _Optional[_Union[FindingKind, str]] = ..., headline_target_id: _Optional[str] = ..., part_target_ids: _Optional[_Iterable[str]] = ..., headline_value: _Optional[float] = ..., compared_value: _Optional[float] = ..., difference: _Optional[float] = ..., relative_difference: _Optional[float] = ..., unit: _Optional[_Union[_model_pb2.Unit, str]] = ..., consistent: bool = ..., explanation: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class FindingKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
