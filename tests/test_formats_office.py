"""Legacy word-processor files (.doc, Kingsoft .wps, .rtf) read through LibreOffice's conversion to .docx.

The fixtures were written by LibreOffice from legacy_notice.txt (tests/data/formats/legacy_make.py);
each must give the measures and roles the .txt gives. Tests that need LibreOffice skip without it,
and fail under CI=1, where .ci/run installs it.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.convert import convert_to_docx, legacy_to_text
from policykg.loaders.read.sources import SOURCE_SUFFIXES, iter_source_paths, read_source

from .components import component_missing
from .formats import measures_and_roles

FORMATS = Path(__file__).parent / "data" / "formats"
NOTICE = FORMATS / "legacy_notice.txt"
LEGACY = [FORMATS / "legacy_notice.doc", FORMATS / "legacy_notice.wps", FORMATS / "legacy_notice.rtf"]


def require_libreoffice() -> None:
    """Skip (or, in CI, fail) when LibreOffice is not installed."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    component_missing("LibreOffice is not installed (Debian: libreoffice-writer-nogui; .ci/run installs it)")


@pytest.fixture(scope="module")
def expected() -> set[tuple]:
    facts = measures_and_roles(parse_file(NOTICE))
    assert len(facts) > 20, "the notice's own measures and roles must be read from the .txt"
    return facts


@pytest.mark.parametrize("path", LEGACY, ids=lambda p: p.suffix)
def test_legacy_file_gives_the_measures_and_roles_of_its_text(path, expected):
    require_libreoffice()
    parsed = parse_file(path)
    assert parsed.source.kind == path.suffix.lstrip(".")
    assert measures_and_roles(parsed) == expected
    # the task table came through as a table: its rows give roles the prose does not
    rows = [m for d in parsed.documents if d.kind == "task_list" for m in d.measures]
    assert [m.number for m in rows] == ["1", "2"]


def test_folders_take_legacy_files(tmp_path):
    for suffix in (".doc", ".wps", ".rtf"):
        assert suffix in SOURCE_SUFFIXES
        (tmp_path / f"notice{suffix}").write_bytes(b"x")
    assert sorted(p.suffix for p in iter_source_paths([tmp_path])) == [".doc", ".rtf", ".wps"]


def test_without_libreoffice_one_line_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    with pytest.raises(InputError) as caught:
        read_source(LEGACY[0])
    message = str(caught.value)
    assert message.startswith(str(LEGACY[0])) and "\n" not in message
    assert "libreoffice-writer-nogui" in message


def _fake_soffice(folder: Path, body: str) -> None:
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)


def test_a_hanging_conversion_is_stopped_with_everything_it_started(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    # an office that starts a helper and never finishes
    _fake_soffice(tmp_path, f"sleep 300 & echo $! > {pids}\nsleep 300")
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    started = time.monotonic()
    with pytest.raises(InputError, match=r"did not finish converting this \.doc file in 1 s; stopped it"):
        convert_to_docx(LEGACY[0].read_bytes(), "slow.doc", "doc", timeout=1)
    assert time.monotonic() - started < 10
    helper = int(pids.read_text())
    time.sleep(0.2)
    assert not Path(f"/proc/{helper}").exists() or "Z" in Path(f"/proc/{helper}/stat").read_text().split()[2]


def test_a_conversion_that_writes_nothing_is_one_clear_line(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1")
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    with pytest.raises(InputError) as caught:
        legacy_to_text(b"{\\rtf1 nothing}", "broken.rtf", "rtf")
    assert str(caught.value) == (
        "broken.rtf: LibreOffice could not convert this .rtf file (Error: source file could not be loaded; "
        "damaged, password-protected or not a word-processor file?)"
    )


def _locked_copy(target: Path) -> Path:
    """Copy the .doc fixture to ``target`` with its File Information Block saying it is encrypted."""
    import olefile

    shutil.copy(LEGACY[0], target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A
        ole.write_stream("WordDocument", bytes(stream))
    return target


def test_password_protected_and_damaged_word_files_are_refused_before_converting(tmp_path, monkeypatch):
    _fake_soffice(tmp_path, f"touch {tmp_path}/ran")  # must never be started
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    locked = _locked_copy(tmp_path / "locked.doc")
    with pytest.raises(InputError, match=r"locked\.doc: password-protected \.doc file: cannot read it$"):
        read_source(locked)
    damaged = tmp_path / "damaged.wps"
    damaged.write_bytes(LEGACY[1].read_bytes()[:1536])
    with pytest.raises(InputError, match=r"damaged\.wps: damaged \.wps file"):
        read_source(damaged)
    assert not (tmp_path / "ran").exists()


def test_a_garbage_rtf_is_refused_or_read_never_crashes():
    require_libreoffice()
    try:
        text = legacy_to_text(b"{\\rtf1\\ansi \\par \\u25512?}", "odd.rtf", "rtf")
    except InputError as exc:
        assert str(exc).startswith("odd.rtf: ")
    else:
        assert isinstance(text, str)


def test_converted_file_is_a_docx():
    require_libreoffice()
    import zipfile

    data = convert_to_docx(LEGACY[2].read_bytes(), "notice.rtf", "rtf")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/document.xml" in archive.namelist()


def test_the_graph_says_the_text_was_converted(tmp_path):
    require_libreoffice()
    from policykg.graph.build import build
    from policykg.graph.store import open_store
    from policykg.ontology.terms import POL

    report = build([LEGACY[1]], tmp_path / "store")
    assert report.ok and report.built, report.failed
    with open_store(tmp_path / "store", read_only=True) as store:
        rows = store.select(
            f"SELECT ?name ?method {{ GRAPH ?g {{ ?f <{POL.fileName}> ?name ; <{POL.readMethod}> ?method }} }}"
        )
        assert {(str(r["name"].value), str(r["method"].value)) for r in rows} == {
            ("legacy_notice.wps", "converted by LibreOffice")
        }
        assert not list(store.select(f"SELECT ?m {{ GRAPH ?g {{ ?m <{POL.sourceRegion}> ?where }} }}"))


def test_a_mixed_folder_says_per_format_what_was_read_converted_or_refused(tmp_path):
    require_libreoffice()
    from policykg.graph.build import build

    folder = tmp_path / "attachments"
    folder.mkdir()
    for path in (NOTICE, LEGACY[0], LEGACY[2]):
        shutil.copy(path, folder / path.name)
    (folder / "torn.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    report = build([folder], tmp_path / "store", jobs=2)
    assert report.by_format() == {
        ".doc": {"converted": 1},
        ".png": {"refused": 1},
        ".rtf": {"converted": 1},
        ".txt": {"read": 1},
    }
