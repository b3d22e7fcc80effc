"""Phones get a join link they can reach: the LAN address, an override, loopback only as a last
resort with a warning."""

import ipaddress

import pytest

from circle.joinlink import (
    DEFAULT_PORT,
    LOOPBACK_WARNING,
    PublicUrlError,
    check_public_url,
    join_url,
    local_addresses,
    pick_address,
    plan_reach,
    remote_base,
    session_link,
)


def test_a_private_lan_address_is_preferred_to_a_public_one() -> None:
    assert pick_address(["1.2.3.4", "192.168.1.20", "10.0.0.4"]) == "192.168.1.20"


def test_loopback_link_local_and_unusable_addresses_are_never_picked() -> None:
    assert pick_address(["127.0.0.1", "127.0.1.1", "169.254.3.4", "0.0.0.0", "::1"]) is None
    assert pick_address(["not an address", "", "224.0.0.1"]) is None


def test_a_public_address_is_used_when_there_is_nothing_private() -> None:
    assert pick_address(["127.0.0.1", "1.2.3.4"]) == "1.2.3.4"


def test_with_a_lan_address_the_store_listens_for_phones_and_the_link_names_it() -> None:
    reach = plan_reach(None, ["127.0.1.1", "192.168.1.20"])
    assert reach.bind_host == "0.0.0.0"
    assert reach.port == DEFAULT_PORT
    assert reach.warning is None
    assert join_url(reach.base_url(8800), "K7M2QX") == "http://192.168.1.20:8800/j/K7M2QX"


def test_with_nothing_but_loopback_the_link_warns_that_phones_cannot_reach_it() -> None:
    reach = plan_reach(None, ["127.0.0.1"])
    assert reach.bind_host == "127.0.0.1"
    assert reach.base_url(8765) == "http://127.0.0.1:8765"
    assert reach.warning == LOOPBACK_WARNING


def test_the_public_url_overrides_detection_and_picks_the_port() -> None:
    reach = plan_reach("http://circle.local:9000/", ["192.168.1.20"])
    assert reach.base_url(41234) == "http://circle.local:9000"
    assert reach.port == 9000
    assert reach.warning is None
    assert plan_reach("https://circle.example.org/r", []).port == DEFAULT_PORT


def test_a_loopback_public_url_keeps_the_store_on_loopback_and_warns() -> None:
    for url in ("http://127.0.0.1:9100", "http://localhost:9100"):
        reach = plan_reach(url, ["192.168.1.20"])
        assert (reach.bind_host, reach.port) == ("127.0.0.1", 9100)
        assert reach.base_url(41234) == url
        assert reach.warning == LOOPBACK_WARNING


def test_a_remote_store_is_reached_at_its_own_url_unless_overridden() -> None:
    assert remote_base("https://store.example.org/", None) == "https://store.example.org"
    assert remote_base("http://10.0.0.2:8765", "https://join.example.org") == (
        "https://join.example.org"
    )


@pytest.mark.parametrize(
    "url",
    [
        "",
        "192.168.1.20:8765",
        "ftp://h",
        "http://",
        "http://h:0",
        "http://h:x",
        "http://u@h",
        "http://h/#top",
        "http://h/a b",
        "javascript:alert(1)",
    ],
)
def test_a_public_url_that_is_not_one_is_refused_with_a_reason(url: str) -> None:
    with pytest.raises(PublicUrlError, match=r"\S"):
        check_public_url(url)


def test_a_session_link_needs_a_join_code_and_an_address() -> None:
    assert session_link("K7M2QX", "http://h:1", None, None) == "http://h:1/j/K7M2QX"
    assert session_link("K7M2QX", None, "http://s", None) == "http://s/j/K7M2QX"
    assert session_link("K7M2QX", "http://h:1", None, "http://p") == "http://p/j/K7M2QX"
    with pytest.raises(PublicUrlError, match="no join code"):
        session_link(None, "http://h:1", None, None)
    with pytest.raises(PublicUrlError, match="--public-url"):
        session_link("K7M2QX", None, None, None)


def test_this_machine_reports_only_real_ipv4_addresses() -> None:
    for text in local_addresses():
        assert ipaddress.ip_address(text).version == 4
