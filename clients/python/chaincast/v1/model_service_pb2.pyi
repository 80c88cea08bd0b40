from chaincast.v1 import audit_pb2 as _audit_pb2
from chaincast.v1 import model_pb2 as _model_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetAuditRequest(_message.Message):
    __slots__ = ["mismatches_only"]
    MISMATCHES_ONLY_FIELD_NUMBER: _ClassVar[int]
    mismatches_only: bool
    def __init__(self, mismatches_only: bool = ...) -> None: ...

class GetAuditResponse(_message.Message):
    __slots__ = ["findings"]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    findings: _containers.RepeatedCompositeFieldContainer[_audit_pb2.AuditFinding]
    def __init__(self, findings: _Optional[_Iterable[_Union[_audit_pb2.AuditFinding, _Mapping]]] = ...) -> None: ...

class ListActualsRequest(_message.Message):
    __slots__ = ["plan_id"]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    def __init__(self, plan_id: _Optional[str] = ...) -> None: ...

class ListActualsResponse(_message.Message):
    __slots__ = ["actuals"]
    ACTUALS_FIELD_NUMBER: _ClassVar[int]
    actuals: _containers.RepeatedCompositeFieldContainer[_model_pb2.Actual]
    def __init__(self, actuals: _Optional[_Iterable[_Union[_model_pb2.Actual, _Mapping]]] = ...) -> None: ...

class ListCellsRequest(_message.Message):
    __slots__ = ["chain_id", "region_id"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    region_id: str
    def __init__(self, chain_id: _Optional[str] = ..., region_id: _Optional[str] = ...) -> None: ...

class ListCellsResponse(_message.Message):
    __slots__ = ["cells", "count_cells", "observations", "shocks"]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    COUNT_CELLS_FIELD_NUMBER: _ClassVar[int]
    OBSERVATIONS_FIELD_NUMBER: _ClassVar[int]
    SHOCKS_FIELD_NUMBER: _ClassVar[int]
    cells: _containers.RepeatedCompositeFieldContainer[_model_pb2.Cell]
    count_cells: _containers.RepeatedCompositeFieldContainer[_model_pb2.CountCell]
    observations: _containers.RepeatedCompositeFieldContainer[_model_pb2.Observation]
    shocks: _model_pb2.ShockSettings
    def __init__(self, cells: _Optional[_Iterable[_Union[_model_pb2.Cell, _Mapping]]] = ..., shocks: _Optional[_Union[_model_pb2.ShockSettings, _Mapping]] = ..., count_cells: _Optional[_Iterable[_Union[_model_pb2.CountCell, _Mapping]]] = ..., observations: _Optional[_Iterable[_Union[_model_pb2.Observation, _Mapping]]] = ...) -> None: ...

class ListChainsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListChainsResponse(_message.Message):
    __slots__ = ["chains"]
    CHAINS_FIELD_NUMBER: _ClassVar[int]
    chains: _containers.RepeatedCompositeFieldContainer[_model_pb2.Chain]
    def __init__(self, chains: _Optional[_Iterable[_Union[_model_pb2.Chain, _Mapping]]] = ...) -> None: ...

class ListPlansRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListPlansResponse(_message.Message):
    __slots__ = ["plans"]
    PLANS_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[_model_pb2.Plan]
    def __init__(self, plans: _Optional[_Iterable[_Union[_model_pb2.Plan, _Mapping]]] = ...) -> None: ...

class ListRegionsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListRegionsResponse(_message.Message):
    __slots__ = ["regions"]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    regions: _containers.RepeatedCompositeFieldContainer[_model_pb2.Region]
    def __init__(self, regions: _Optional[_Iterable[_Union[_model_pb2.Region, _Mapping]]] = ...) -> None: ...

class ListTargetsRequest(_message.Message):
    __slots__ = ["chain_id", "kind", "plan_id", "region_id", "simulated_only", "year"]
    CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_ID_FIELD_NUMBER: _ClassVar[int]
    SIMULATED_ONLY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    chain_id: str
    kind: _model_pb2.TargetKind
    plan_id: str
    region_id: str
    simulated_only: bool
    year: int
    def __init__(self, plan_id: _Optional[str] = ..., year: _Optional[int] = ..., chain_id: _Optional[str] = ..., region_id: _Optional[str] = ..., kind: _Optional[_Union[_model_pb2.TargetKind, str]] = ..., simulated_only: bool = ...) -> None: ...

class ListTargetsResponse(_message.Message):
    __slots__ = ["targets"]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    targets: _containers.RepeatedCompositeFieldContainer[_model_pb2.Target]
    def __init__(self, targets: _Optional[_Iterable[_Union[_model_pb2.Target, _Mapping]]] = ...) -> None: ...
