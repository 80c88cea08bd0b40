"""How :class:`chaincast.Client` builds its channel: plaintext, TLS, and a bearer token.

A server started with ``--tls-cert``/``--tls-key`` needs a TLS channel that trusts its CA
(``tls_ca=`` or ``CHAINCAST_TLS_CA``); one started with ``--token-file`` needs a bearer token
(``token=``, ``token_file=``, ``CHAINCAST_TOKEN`` or ``CHAINCAST_TOKEN_FILE``). The token is
sent only over TLS or to a loopback address, where grpc's local credentials carry it: over a
plaintext network connection anyone on the path could read it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from pathlib import Path
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union

import grpc

TOKEN_ENV = "CHAINCAST_TOKEN"
TOKEN_FILE_ENV = "CHAINCAST_TOKEN_FILE"
TLS_CA_ENV = "CHAINCAST_TLS_CA"

PathOrPem = Union[str, "os.PathLike[str]", bytes]
Target = Union[str, Sequence[str]]

SERVICE_CONFIG = json.loads((Path(__file__).parent / "service_config.json").read_text(encoding="utf-8"))
"""round_robin over the target's addresses and retries of the read-only RPCs on UNAVAILABLE and
RESOURCE_EXHAUSTED: the same file the Java CLI uses (``service_config.json`` in this package)."""


def channel_target(target: Target) -> str:
    """The grpc target for one server or several replicas.

    One ``host:port`` (or any grpc target URI, e.g. ``dns:///name:port``) is passed on; a list, or
    a comma-separated string, of ``host:port`` becomes grpc's static ``ipv4:``/``ipv6:`` list,
    each host looked up now (grpc's static lists take addresses, not names).
    """
    entries = [target] if isinstance(target, str) else list(target)
    if len(entries) == 1 and "," in entries[0] and "://" not in entries[0]:
        entries = entries[0].split(",")
    entries = [e.strip() for e in entries]
    if not entries or any(not e for e in entries):
        raise ValueError(f"target: give host:port, or several separated by commas; got {target!r}")
    if len(entries) == 1:
        return entries[0]
    v4: List[str] = []
    v6: List[str] = []
    for entry in entries:
        host, port = _host_and_port(entry)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as e:
            raise ValueError(f"target: cannot look up {host!r} in {entry!r}: {e}") from None
        address = infos[0][4][0]
        if ":" in address:
            v6.append(f"[{address}]:{port}")
        else:
            v4.append(f"{address}:{port}")
    if v4 and v6:
        raise ValueError(f"target: grpc takes a list of IPv4 or of IPv6 addresses, not both: {v4 + v6}")
    return "ipv4:" + ",".join(v4) if v4 else "ipv6:" + ",".join(v6)


def _host_and_port(entry: str) -> Tuple[str, int]:
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = entry.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"target: {entry!r} is not host:port (e.g. 127.0.0.1:50051)")
    return host, int(port)


def with_service_config(options: Sequence[Tuple[str, Any]]) -> List[Tuple[str, Any]]:
    """``options`` plus the service config and retries, unless the caller set their own."""
    named = {name for name, _ in options}
    out = list(options)
    if "grpc.service_config" not in named:
        out.append(("grpc.service_config", json.dumps(SERVICE_CONFIG)))
    if "grpc.enable_retries" not in named:
        out.append(("grpc.enable_retries", 1))
    return out


def open_channel(
    target: Target,
    options: Sequence[Tuple[str, Any]],
    *,
    credentials: Optional[grpc.ChannelCredentials],
    tls_ca: Optional[PathOrPem],
    tls: bool,
    token: Optional[str],
    token_file: Optional[Union[str, "os.PathLike[str]"]],
    env: Mapping[str, str],
) -> grpc.Channel:
    """The channel the arguments (then the environment) ask for; see the module docstring."""
    target = channel_target(target)
    options = with_service_config(options)
    if credentials is not None and (tls_ca is not None or tls):
        raise ValueError("give credentials= or tls_ca=/tls=, not both")
    if tls_ca is None and credentials is None and env.get(TLS_CA_ENV):
        tls_ca = env[TLS_CA_ENV]
    bearer = _token(token, token_file, env)
    if credentials is None and (tls_ca is not None or tls):
        credentials = grpc.ssl_channel_credentials(root_certificates=_pem(tls_ca, "tls_ca") if tls_ca is not None else None)
    if bearer is None:
        if credentials is None:
            return grpc.insecure_channel(target, options=options)
        return grpc.secure_channel(target, credentials, options=options)
    call_credentials = grpc.access_token_call_credentials(bearer)
    if credentials is None:
        hosts = _hosts(target)
        host = next((h for h in hosts if not _is_loopback(h)), hosts[0])
        if not _is_loopback(host):
            raise ValueError(
                f"not sending the token to {host} over plaintext, where anyone on the network could read it: "
                f"pass tls_ca= (or set {TLS_CA_ENV}), or tls=True for a publicly trusted certificate"
            )
        # Local credentials: plaintext to a loopback peer only, which grpc allows call credentials on.
        credentials = grpc.local_channel_credentials(grpc.LocalConnectionType.LOCAL_TCP)
    return grpc.secure_channel(target, grpc.composite_channel_credentials(credentials, call_credentials), options=options)


def _token(
    token: Optional[str], token_file: Optional[Union[str, "os.PathLike[str]"]], env: Mapping[str, str]
) -> Optional[str]:
    if token is not None:
        value, source = token, "token="
    elif token_file is not None:
        value, source = _first_line(token_file), f"token_file={token_file}"
    elif env.get(TOKEN_ENV):
        value, source = env[TOKEN_ENV], TOKEN_ENV
    elif env.get(TOKEN_FILE_ENV):
        value, source = _first_line(env[TOKEN_FILE_ENV]), f"{TOKEN_FILE_ENV}={env[TOKEN_FILE_ENV]}"
    else:
        return None
    value = value.strip()
    if not value:
        raise ValueError(f"{source}: the token is empty")
    if not all(0x20 < ord(c) < 0x7F for c in value):
        # gRPC metadata is ASCII; say where the token came from, never what it is.
        raise ValueError(f"{source}: a token is printable ASCII without spaces; this one is not")
    return value


def _first_line(path: Union[str, "os.PathLike[str]"]) -> str:
    text = Path(path).read_text(encoding="utf-8")
    return next((line for line in text.splitlines() if line.strip()), "")


def _pem(value: PathOrPem, name: str) -> bytes:
    """PEM bytes: given as bytes, or read from the file a str/path names."""
    if isinstance(value, bytes):
        return value
    path = Path(value)
    if not path.is_file():
        raise FileNotFoundError(f"{name}={value}: no such file")
    return path.read_bytes()


def _hosts(target: str) -> List[str]:
    """Every host of a grpc target; a static ``ipv4:``/``ipv6:`` list has several."""
    for scheme in ("ipv4:", "ipv6:"):
        if target.startswith(scheme):
            return [_host(scheme + part) for part in target[len(scheme):].split(",")]
    return [_host(target)]


def _host(target: str) -> str:
    """The host of a gRPC target: ``host:port``, ``[v6]:port``, ``dns:///host:port``, ``ipv4:a.b.c.d:port``."""
    for scheme in ("dns:///", "dns:", "ipv4:", "ipv6:"):
        if target.startswith(scheme):
            target = target[len(scheme):]
            break
    if target.startswith("["):
        return target[1 : target.index("]")]
    if target.count(":") == 1:
        return target.split(":", 1)[0]
    return target  # a bare host, or a bare IPv6 literal


def _is_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)
