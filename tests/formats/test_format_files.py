"""Formats are found among the built-ins and in the user's formats folder, which wins on a name."""

from pathlib import Path

import pytest

from circle import locations
from circle.core.formats import FormatError
from circle.formats import UnknownFormatError, format_files, load, load_all, load_format

MY_QUICK = """\
title = "Our quick circle"
typical_members = 6
minutes = 6

[[phases]]
key = "round"
title = "Round"
kind = "round"
seconds = 60
prompt = "Go."
captures = ["asks"]
"""


def test_the_built_ins_are_found_without_a_user_folder(tmp_path: Path) -> None:
    files = format_files(tmp_path / "nowhere")
    assert list(files) == ["classic", "quick", "reciprocity-ring"]
    assert all(f.builtin and f.origin == "built-in" for f in files.values())


def test_a_user_format_joins_the_list_and_overrides_a_built_in_of_the_same_name(
    tmp_path: Path,
) -> None:
    (tmp_path / "quick.toml").write_text(MY_QUICK, encoding="utf-8")
    (tmp_path / "standup.toml").write_text(MY_QUICK, encoding="utf-8")
    files = format_files(tmp_path)
    assert list(files) == ["classic", "quick", "reciprocity-ring", "standup"]
    assert files["quick"].origin == str(tmp_path / "quick.toml")
    assert load_format("quick", tmp_path).title == "Our quick circle"
    assert load_format("classic", tmp_path).title == "Classic mastermind"


def test_an_unknown_name_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        load_format("clasic", tmp_path)
    assert str(caught.value) == (
        "no format called 'clasic' (formats: classic, quick, reciprocity-ring)"
    )


def test_a_broken_user_file_names_its_full_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MY_QUICK.replace("seconds = 60", 'seconds = "ten"'), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_all(tmp_path)
    assert str(caught.value) == (f'{path}: phases[1].seconds: must be a positive number, got "ten"')


def test_a_user_file_that_is_not_text_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormatError, match=r"binary\.toml: cannot read the file: it is not UTF-8"):
        load_format("binary", tmp_path)


def test_a_folder_named_like_a_format_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "odd.toml").mkdir()
    with pytest.raises(FormatError, match=r"odd\.toml: cannot read the file: is a directory"):
        load_format("odd", tmp_path)


def test_built_in_errors_name_just_the_file(tmp_path: Path) -> None:
    classic = format_files(tmp_path)["classic"]
    assert classic.path.parent == locations.builtin_formats_dir()
    assert load(classic).source == "classic.toml"
