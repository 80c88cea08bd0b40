"""Readable exceptions for failed calls.

Every failed call raises a :class:`ChaincastError` subclass chosen by the gRPC
status code. It carries the status code, the server's message and the rich
details the server attaches (``google.rpc.BadRequest`` field violations,
``google.rpc.ResourceInfo`` for unknown ids), read from the
``grpc-status-details-bin`` trailer, so a notebook shows::

    InvalidArgument: INVALID_ARGUMENT in Simulate: 2 invalid fields
      spec.paths: must be from 1 to 50000000, got -5
      spec.overrides[0].volatility: must be from 0 to 2 (log output a year), got 3.0

The subclasses also derive from the matching built-in exception
(``ValueError``, ``LookupError``, ``TimeoutError``, ``ConnectionError``,
``PermissionError``), so plain Python ``except`` clauses work too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Type

import grpc

from chaincast._rpc import error_details_pb2, status_pb2

__all__ = [
    "ChaincastError",
    "InvalidArgument",
    "NotFound",
    "DeadlineExceeded",
    "Unavailable",
    "ResourceExhausted",
    "Cancelled",
    "Conflict",
    "Aborted",
    "AlreadyExists",
    "Unauthenticated",
    "PermissionDenied",
    "FieldViolation",
    "ResourceInfo",
    "from_rpc_error",
]

STATUS_DETAILS_KEY = "grpc-status-details-bin"
_TYPE_URL_PREFIX = "type.googleapis.com/"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request (from ``google.rpc.BadRequest``)."""

    field: str
    """Path of the field in the request, e.g. ``spec.overrides[0].volatility``."""
    description: str
    """What is wrong with it, e.g. ``must be from 0 to 2 (log output a year), got 3.0``."""

    def __str__(self) -> str:
        return f"{self.field}: {self.description}"


@dataclass(frozen=True)
class ResourceInfo:
    """The resource an error is about (from ``google.rpc.ResourceInfo``)."""

    resource_type: str
    """e.g. ``target``, ``cell``."""
    resource_name: str
    """The id the server did not find."""
    owner: str
    description: str
    """e.g. ``named by spec.targets.target_ids[0]``."""


class ChaincastError(Exception):
    """A call to the Chaincast server failed.

    Attributes:
        code: the gRPC status code (``grpc.StatusCode``).
        message: the server's message (or gRPC's, for transport errors).
        field_violations: every bad field, for INVALID_ARGUMENT.
        resource: the unknown resource, for NOT_FOUND.
        details: every detail message decoded from the status (protobuf
            messages; unknown detail types are kept as ``google.protobuf.Any``).
        method: the RPC that failed, e.g. ``Simulate``.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        field_violations: Sequence[FieldViolation] = (),
        resource: Optional[ResourceInfo] = None,
        details: Sequence[object] = (),
        method: str = "",
        timeout: Optional[float] = None,
        target: str = "",
        transport_message: str = "",
    ) -> None:
        self.code = code
        self.message = message
        self.timeout = timeout
        """The call's deadline in seconds (None: none, or not known)."""
        self.target = target
        """The server address the client called (``""`` if not known)."""
        self.transport_message = transport_message
        """gRPC's own message where a readable one replaced it (deadline, connection)."""
        self.field_violations: List[FieldViolation] = list(field_violations)
        self.resource = resource
        self.details: List[object] = list(details)
        self.method = method
        super().__init__(self._render())

    def _render(self) -> str:
        where = f" in {self.method}" if self.method else ""
        if self.field_violations:
            # The server's message repeats the first violations; list them all instead.
            count = len(self.field_violations)
            head = f"{self.code.name}{where}: {count} invalid field{'s' if count > 1 else ''}"
        else:
            head = f"{self.code.name}{where}: {self.message}" if self.message else f"{self.code.name}{where}"
        lines = [head]
        lines.extend(f"  {v}" for v in self.field_violations)
        return "\n".join(lines)

    @property
    def fields(self) -> List[str]:
        """The names of the bad fields, in the server's order."""
        return [v.field for v in self.field_violations]


class InvalidArgument(ChaincastError, ValueError):
    """INVALID_ARGUMENT: the request is wrong; see ``field_violations``."""


class NotFound(ChaincastError, LookupError):
    """NOT_FOUND: an id names nothing in the model; see ``resource``."""


class DeadlineExceeded(ChaincastError, TimeoutError):
    """DEADLINE_EXCEEDED: the call took longer than its timeout.

    The message names the deadline that passed and what to do, e.g.
    ``the server did not answer within 30 s (timeout=30); raise timeout= or
    ask for fewer paths``; ``timeout`` holds the seconds (None if unknown) and
    ``transport_message`` gRPC's own words.
    """


class Unavailable(ChaincastError, ConnectionError):
    """UNAVAILABLE: no server at the address, or it is shutting down.

    The message names the address and how to start a server; ``target`` holds
    the address and ``transport_message`` gRPC's own words.
    """


class ResourceExhausted(ChaincastError):
    """RESOURCE_EXHAUSTED: the server is running its limit of simulations; retry shortly."""


class Cancelled(ChaincastError):
    """CANCELLED: the call was cancelled (e.g. a stream closed early)."""


class Conflict(ChaincastError):
    """A write was refused because it conflicts with what the server holds.

    The base of :class:`Aborted` (a stale etag) and :class:`AlreadyExists`
    (an id already taken); ``except chaincast.Conflict`` catches both.
    """


class Aborted(Conflict):
    """ABORTED: the scenario changed since its etag was read (someone else saved it).

    Nothing was written. Get the scenario again (``Client.get_scenario``),
    reapply your change to the new version and update with its etag. The
    server's ``message`` names the scenario and the stale etag.
    """


class AlreadyExists(Conflict):
    """ALREADY_EXISTS: the id is taken (e.g. a scenario id); see ``resource``."""


class Unauthenticated(ChaincastError, PermissionError):
    """UNAUTHENTICATED: the server wants a bearer token and got none, or one it does not know.

    Pass ``token=`` (or ``token_file=``, or set ``CHAINCAST_TOKEN`` / ``CHAINCAST_TOKEN_FILE``)
    with a token from the server's operator. The message never contains the token.
    """


class PermissionDenied(ChaincastError, PermissionError):
    """PERMISSION_DENIED: the token is valid but its role does not allow this call.

    The message names the token, its roles and the role the call needs (e.g. a ``read``
    token changing a stored scenario, which needs ``write``).
    """


_BY_CODE: Dict[grpc.StatusCode, Type[ChaincastError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.CANCELLED: Cancelled,
    grpc.StatusCode.ABORTED: Aborted,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
}


def _decode_details(raw: bytes) -> Tuple[Optional[str], List[object], List[FieldViolation], Optional[ResourceInfo]]:
    """Decode a serialized google.rpc.Status: (message, details, violations, resource)."""
    status = status_pb2.Status.FromString(raw)
    details: List[object] = []
    violations: List[FieldViolation] = []
    resource: Optional[ResourceInfo] = None
    for any_detail in status.details:
        name = any_detail.type_url[len(_TYPE_URL_PREFIX):] if any_detail.type_url.startswith(_TYPE_URL_PREFIX) else ""
        if name == "google.rpc.BadRequest":
            bad = error_details_pb2.BadRequest.FromString(any_detail.value)
            details.append(bad)
            violations.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
        elif name == "google.rpc.ResourceInfo":
            info = error_details_pb2.ResourceInfo.FromString(any_detail.value)
            details.append(info)
            resource = ResourceInfo(info.resource_type, info.resource_name, info.owner, info.description)
        elif name == "google.rpc.ErrorInfo":
            details.append(error_details_pb2.ErrorInfo.FromString(any_detail.value))
        else:
            details.append(any_detail)
    return status.message, details, violations, resource


START_SERVER_HINT = (
    "start one from the repository root with `java -jar target/chaincast.jar serve` "
    "(build it first with `mvn -q -DskipTests package`; it listens on localhost:50051), "
    "or pass its address: chaincast.Client(\"host:port\")"
)


def _seconds(timeout: float) -> str:
    return f"{timeout:g}"


def _deadline_message(timeout: Optional[float], transport: str) -> str:
    """What a passed deadline means, in words a person can act on (not "RST_STREAM ... 8")."""
    if timeout is None:
        return f"the call ran out of time ({transport or 'deadline exceeded'}); raise timeout= or ask for fewer paths"
    return (
        f"the server did not answer within {_seconds(timeout)} s (timeout={_seconds(timeout)}); "
        "raise timeout= (or timeout=chaincast.NO_DEADLINE) or ask for fewer paths"
    )


def _unavailable_message(target: str, transport: str) -> str:
    where = f" at {target}" if target else ""
    said = f" (gRPC: {transport})" if transport else ""
    return f"no Chaincast server answered{where}{said}; if none is running, {START_SERVER_HINT}"


def from_rpc_error(
    error: grpc.RpcError, method: str = "", *, timeout: Optional[float] = None, target: str = ""
) -> ChaincastError:
    """Turn a ``grpc.RpcError`` into the matching :class:`ChaincastError`.

    Reads the rich status from the ``grpc-status-details-bin`` trailer
    (grpcio-status is not needed). A trailer that cannot be decoded is
    ignored: the code and message still come through. ``timeout`` (the
    call's deadline in seconds) and ``target`` (the server address) make
    DEADLINE_EXCEEDED and UNAVAILABLE messages say which deadline passed and
    where no server answered.
    """
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    message = error.details() if hasattr(error, "details") else str(error)
    details: List[object] = []
    violations: List[FieldViolation] = []
    resource: Optional[ResourceInfo] = None
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    for key, value in trailers or ():
        if key == STATUS_DETAILS_KEY and isinstance(value, bytes):
            try:
                status_message, details, violations, resource = _decode_details(value)
            except Exception:  # a malformed trailer must not hide the error itself
                break
            message = message or status_message or ""
    transport = ""
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        transport, message = message or "", _deadline_message(timeout, message or "")
    elif code == grpc.StatusCode.UNAVAILABLE:
        transport, message = message or "", _unavailable_message(target, message or "")
    cls = _BY_CODE.get(code, ChaincastError)
    return cls(
        code,
        message or "",
        field_violations=violations,
        resource=resource,
        details=details,
        method=method,
        timeout=timeout,
        target=target,
        transport_message=transport,
    )
