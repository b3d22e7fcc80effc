"""The console syncs with the configured store, or starts the embedded one, and says how
phones reach it."""

from pathlib import Path

import httpx
import pytest

from circle.config import load_settings
from circle.joinlink import LOOPBACK_WARNING
from circle.live.link import StoreLinkError, open_store


def test_a_remote_store_is_used_as_configured_and_phones_use_its_address(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "d", config_dir=tmp_path / "c", store_url="http://store.example:8765"
    )
    link = open_store(settings)
    assert (link.url, link.join_base, link.embedded) == (
        "http://store.example:8765",
        "http://store.example:8765",
        None,
    )


def test_a_public_url_that_is_not_a_url_is_a_clear_error(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "d",
        config_dir=tmp_path / "c",
        store_url="http://store.example",
        public_url="not a url",
    )
    with pytest.raises(StoreLinkError, match="not"):
        open_store(settings)


def test_without_a_network_the_embedded_store_listens_on_loopback_and_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("circle.joinlink.local_addresses", list)
    link = open_store(load_settings(data_dir=tmp_path / "d", config_dir=tmp_path / "c"))
    try:
        assert link.embedded is not None
        assert link.url.startswith("http://127.0.0.1:")
        assert link.join_base == f"http://127.0.0.1:{link.embedded.port}"
        assert link.warning == LOOPBACK_WARNING
        assert httpx.get(f"{link.url}/healthz", timeout=5).status_code == 200
    finally:
        link.close()
    assert not link.embedded.running
