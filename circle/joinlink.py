"""The join link phones open: an address of the store they can reach, then `/j/CODE`.

With the embedded store that address is this machine's on the local network,
found without sending anything (connecting a UDP socket only picks a route);
`--public-url` overrides it; loopback is used only when nothing else exists,
with a warning, because phones cannot reach it. With a remote store it is the
store's own URL (or `--public-url`, when phones reach the store another way).

    reach = plan_reach(settings.public_url, local_addresses())
    store = start_embedded_store(settings, host=reach.bind_host, port=reach.port)
    url = join_url(reach.base_url(store.port), registration.join_code)
"""

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from circle.config import Settings
    from circle.local import Replica

DEFAULT_PORT = 8765
"""The port the embedded store tries first, so a printed QR code keeps working next time."""

LOOPBACK_WARNING = (
    "no network address found: phones cannot reach this computer; "
    "connect to a network or pass --public-url"
)

_ROUTE_PROBE = "192.0.2.1"
"""A documentation address: connecting a UDP socket towards it sends nothing."""


class PublicUrlError(ValueError):
    """The public URL cannot be used for a join link; the message says why."""


@dataclass(frozen=True)
class Reach:
    """Where the embedded store listens, and the address phones use to reach it."""

    bind_host: str
    port: int
    """The port to listen on first (falling back to any free port when it is taken)."""
    host: str
    """The host in the join link: the LAN address, the public URL's, or loopback."""
    public_url: str | None = None
    warning: str | None = None
    """Set when phones are unlikely to reach the address."""

    def base_url(self, port: int) -> str:
        """The base URL of the join link, once the store listens on `port`."""
        if self.public_url is not None:
            return self.public_url
        return f"http://{_bracketed(self.host)}:{port}"


def plan_reach(public_url: str | None, addresses: Iterable[str]) -> Reach:
    """How to serve phones, from the configured public URL and this machine's addresses."""
    if public_url:
        base = check_public_url(public_url)
        parts = urlsplit(base)
        host, port = parts.hostname or "", parts.port or DEFAULT_PORT
        if _is_loopback(host):
            return Reach("127.0.0.1", port, host, base, LOOPBACK_WARNING)
        return Reach("0.0.0.0", port, host, base)
    lan = pick_address(addresses)
    if lan is None:
        return Reach("127.0.0.1", DEFAULT_PORT, "127.0.0.1", warning=LOOPBACK_WARNING)
    return Reach("0.0.0.0", DEFAULT_PORT, lan)


def remote_base(store_url: str, public_url: str | None) -> str:
    """The join link's base for a remote store: the public URL if given, else the store's."""
    return check_public_url(public_url or store_url)


def join_url(base_url: str, code: str) -> str:
    """The link a phone opens to join: `BASE/j/CODE`."""
    return f"{base_url.rstrip('/')}/j/{code}"


def check_public_url(url: str) -> str:
    """`url` as a join link base (no trailing slash), or PublicUrlError saying what is wrong."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise PublicUrlError(f"{url!r} is not a URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublicUrlError(f"{url!r} is not an http(s) URL like http://192.168.1.20:8765")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise PublicUrlError(f"{url!r}: give only scheme, host, port and path")
    if port == 0 or any(c.isspace() for c in text):
        raise PublicUrlError(f"{url!r} is not a usable address")
    return text.rstrip("/")


def pick_address(addresses: Iterable[str]) -> str | None:
    """The address phones on the local network are most likely to reach, or None.

    Private IPv4 addresses first, then any other global one; never loopback,
    link-local or unspecified addresses.
    """
    usable = []
    for text in addresses:
        try:
            address = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified:
            continue
        if address.is_multicast or address.version != 4:
            continue
        usable.append((not address.is_private, text))
    usable.sort(key=lambda pair: pair[0])  # stable: private first, otherwise as found
    return usable[0][1] if usable else None


def local_addresses() -> list[str]:
    """This machine's IPv4 addresses as the routing table and the host name give them."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((_ROUTE_PROBE, 9))
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    found += [str(info[4][0]) for info in infos if str(info[4][0]) not in found]
    return found


def _is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses: only this computer can open such a link."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def session_link(
    code: str | None, saved_base: str | None, store_url: str | None, public_url: str | None
) -> str:
    """A session's join link from what is known of it, or PublicUrlError saying what is missing.

    The base is the configured public URL, else the one saved when the session's
    store was started, else the remote store's URL.
    """
    if not code:
        raise PublicUrlError(
            "this session has no join code yet: open it in the console, which registers it "
            "with the store"
        )
    if public_url:
        return join_url(check_public_url(public_url), code)
    if saved_base:
        return join_url(check_public_url(saved_base), code)
    if store_url:
        return join_url(check_public_url(store_url), code)
    raise PublicUrlError(
        "the address phones use is not known for this session; pass --public-url "
        "(e.g. --public-url http://192.168.1.20:8765)"
    )


def replica_link(replica: "Replica", spec: str, circle: str | None, settings: "Settings") -> str:
    """The join link of the session `spec` (`latest` or an id prefix) kept in the replica."""
    from circle.errors import UserError
    from circle.export.load import find_session
    from circle.model import Session

    found = replica.get(Session, find_session(replica, spec, circle))
    assert found is not None
    try:
        return session_link(
            found.join_code, found.public_url, settings.store_url, settings.public_url
        )
    except PublicUrlError as exc:
        raise UserError(str(exc)) from exc
