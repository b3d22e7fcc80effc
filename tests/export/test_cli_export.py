"""`circle export`: files named for people, progress for several files, one-line errors."""

from pathlib import Path

from circle.model import Circle, Session, SessionStatus
from tests.export.conftest import Meeting, Runner, one_line_error


def test_export_latest_writes_the_group_summary(
    meeting: Meeting, run: Runner, tmp_path: Path
) -> None:
    code, out, _ = run("export", "latest", "--out", str(tmp_path / "out"))
    assert code == 0
    path = tmp_path / "out" / f"{meeting.session.started_at:%Y-%m-%d}-rivermill-summary.md"
    assert path.is_file()
    assert out.strip() == f"Wrote {path}"


def test_several_files_show_progress(meeting: Meeting, run: Runner, tmp_path: Path) -> None:
    code, out, _ = run("export", "latest", "-f", "md,json", "-o", str(tmp_path))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("[1/2] ")
    assert lines[1].startswith("[2/2] ")
    assert lines[2] == f"Wrote 2 files to {tmp_path}"


def test_a_session_is_found_by_the_start_of_its_id(
    meeting: Meeting, run: Runner, tmp_path: Path
) -> None:
    prefix = str(meeting.session.id)[:8]
    code, _, err = run("export", prefix, "--member", "ana ruiz", "--out", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "2026-11-25-rivermill-ana-ruiz.md").is_file()


def test_an_unknown_session_is_a_one_line_error(meeting: Meeting, run: Runner) -> None:
    one_line_error(run("export", "0000ffff"), "no session", "0000ffff")
    one_line_error(run("export", "yesterday"), "not a session id")


def test_an_unknown_member_is_a_one_line_error(
    meeting: Meeting, run: Runner, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    one_line_error(run("export", "latest", "--member", "Zed", "-o", str(out)), "Zed", "Ana Ruiz")
    assert not out.exists()


def test_a_bad_format_is_a_one_line_error(meeting: Meeting, run: Runner) -> None:
    one_line_error(run("export", "latest", "--format", "pdf"), "unknown format 'pdf'")
    one_line_error(run("export", "latest", "--format", ","), "give a format")


def test_an_unknown_circle_is_a_one_line_error(meeting: Meeting, run: Runner) -> None:
    one_line_error(run("export", "latest", "--circle", "Nowhere"), "no circle called 'Nowhere'")


def test_latest_asks_which_circle_when_several_have_sessions(
    meeting: Meeting, run: Runner, tmp_path: Path
) -> None:
    other = Circle(name="Harbour")
    meeting.save(other, Session(circle_id=other.id, format="classic", status=SessionStatus.ENDED))
    one_line_error(run("export", "latest"), "--circle", "Harbour", "Rivermill")
    code, _, _ = run("export", "latest", "--circle", "rivermill", "-o", str(tmp_path / "out"))
    assert code == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2026-11-25-rivermill-summary.md"]


def test_no_session_yet_is_a_one_line_error(run: Runner) -> None:
    one_line_error(run("export", "latest"), "no session yet")


def test_an_out_folder_that_is_a_file_is_a_one_line_error(
    meeting: Meeting, run: Runner, tmp_path: Path
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    one_line_error(run("export", "latest", "--out", str(blocker)), "cannot write")
    assert blocker.read_text() == "a file, not a folder"
