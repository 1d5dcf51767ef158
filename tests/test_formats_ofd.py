"""OFD files (GB/T 33190) read in reading order, ruled tables as tables.

ofd_notice.ofd and ofd_notice.txt were written from one invented notice by
tests/data/formats/ofd_make.py: a typeset notice of two pages whose task table is drawn with ruling
lines; the OFD must give the measures and roles of the .txt.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from policykg.loaders.extract.pipeline import parse_file
from policykg.loaders.read.ofd import ofd_to_text
from policykg.loaders.read.sources import SOURCE_SUFFIXES, read_source

from .formats import assert_refused_in_one_line, measures_and_roles

FORMATS = Path(__file__).parent / "data" / "formats"
OFD = FORMATS / "ofd_notice.ofd"
NS = "http://www.ofdspec.org/2016"


def test_the_ofd_gives_the_measures_and_roles_of_its_text():
    expected = measures_and_roles(parse_file(FORMATS / "ofd_notice.txt"))
    assert len(expected) > 20
    parsed = parse_file(OFD)
    assert parsed.source.kind == "ofd" and ".ofd" in SOURCE_SUFFIXES
    assert measures_and_roles(parsed) == expected


def test_wrapped_lines_are_joined_and_table_rows_are_tab_separated():
    source = read_source(OFD)
    assert (
        "（一）推进政务云资源整合。2025年6月底前完成市级部门业务系统迁移上云，建立云资源统一调度机制。（市大数据局牵头"
        in (source.text)
    )
    assert (
        "2\t建设城市运行管理中心，接入交通、应急等重点领域数据。\t市城管局\t市交通运输局、市应急管理局\t2025年12月底前\n"
        in (source.text)
    )
    assert source.text.endswith("澄江市人民政府办公室\n2025年3月10日\n")  # a signature is no wrapped line


def test_each_page_is_a_region():
    source = read_source(OFD)
    assert [where for _, _, where in source.regions] == ["page 1", "page 2"]
    assert source.region_at(source.text.index("（一）推进政务云")) == "page 1"
    assert source.region_at(source.text.index("长期坚持")) == "page 2"


def _package(content: str | list[str], ofd_extra: str = "", members: dict[str, bytes] | None = None) -> bytes:
    """Return an OFD whose page holds ``content`` (the Layer's objects), or a page for each of a list."""
    pages = [content] if isinstance(content, str) else content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<ofd:OFD xmlns:ofd="{NS}" DocType="OFD" Version="1.0"><ofd:DocBody>{ofd_extra}'
            "<ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document xmlns:ofd="{NS}"><ofd:Pages>'
            + "".join(
                f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages))
            )
            + "</ofd:Pages></ofd:Document>",
        )
        for n, objects in enumerate(pages):
            archive.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
            )
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _one_object_per_character(lines: list[tuple[float, str]], x0: float = 30.0, size: float = 5.0) -> str:
    """Return text objects of one character each, as many producers write them, in shuffled order."""
    objects = []
    for y, text in lines:
        x = x0
        for char in text:
            if char == "\t":
                x += 4 * size
                continue
            objects.append(
                f'<ofd:TextObject ID="{len(objects) + 10}" Boundary="{x:g} {y - size:g} {size:g} {size:g}" Size="{size:g}">'
                f'<ofd:TextCode X="0" Y="{size:g}">{char}</ofd:TextCode></ofd:TextObject>'
            )
            x += size / 2 if char.isascii() else size
    random.Random(7).shuffle(objects)
    return "".join(objects)


def test_characters_placed_one_by_one_are_read_in_reading_order_and_gaps_make_cells():
    content = _one_object_per_character(
        [(40.0, "临川县农业农村局"), (60.0, "序号\t任务\t责任单位"), (70.0, "1\t建立台账\t县统计局")]
    )
    text, regions = ofd_to_text(_package(content), "page.ofd")
    assert text == "临川县农业农村局\n序号\t任务\t责任单位\n1\t建立台账\t县统计局\n"
    assert regions == ((0, len(text), "page 1"),)


def _line_object(x: float, y: float, text: str, size: float = 5.0) -> str:
    """Return one text object holding ``text`` (full-width characters) with its baseline at ``y``."""
    deltas = " ".join([f"{size:g}"] * (len(text) - 1))
    return (
        f'<ofd:TextObject ID="9" Boundary="{x:g} {y - size:g} {len(text) * size:g} {size:g}" Size="{size:g}">'
        f'<ofd:TextCode X="0" Y="{size:g}" DeltaX="{deltas}">{text}</ofd:TextCode></ofd:TextObject>'
    )


def test_a_paragraph_a_page_break_parts_after_a_full_stop_is_joined_but_a_new_one_is_not():
    first = _line_object(40, 40, "（一）健全河湖长制。各乡镇要落实") + _line_object(
        30, 48, "巡河制度，建立问题台账，按月通报。"
    )
    # the paragraph goes on flush left on the next page; the next one starts indented
    second = _line_object(30, 40, "年底前全部整改到位。") + _line_object(40, 48, "（二）加强水质监测。")
    text, regions = ofd_to_text(_package([first, second]), "pages.ofd")
    assert (
        text
        == "（一）健全河湖长制。各乡镇要落实巡河制度，建立问题台账，按月通报。年底前全部整改到位。\n（二）加强水质监测。\n"
    )
    assert [where for _, _, where in regions] == ["page 1", "page 2"]
    assert regions[0][1] == regions[1][0] == text.index("年底前")


def test_repeated_advances_are_expanded():
    content = (
        '<ofd:TextObject ID="5" Boundary="30 30 100 8" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5 25">'
        "推进改革落实</ofd:TextCode></ofd:TextObject>"
    )
    text, _ = ofd_to_text(_package(content), "gap.ofd")
    assert text == "推进改革\t落实\n"  # the fourth advance (25 mm) leaves a gap: a new cell


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{NS}"/>')
        archive.writestr("Doc_0/Res/big.xml", " " * (50 * 1024 * 1024))
    return buffer.getvalue()


HOSTILE = {
    "bomb.ofd": (_bomb, r"bomb\.ofd: refused: this \.ofd file unpacks to \d+ bytes \(zip bomb\?\)$"),
    "locked.ofd": (
        lambda: _package("", "<ofd:Encryptions><ofd:Encryption>x</ofd:Encryption></ofd:Encryptions>"),
        r"locked\.ofd: encrypted \.ofd file: cannot read it",
    ),
    "torn.ofd": (
        lambda: OFD.read_bytes()[:1500],
        r"torn\.ofd: damaged \.ofd file: not a readable zip archive",
    ),
    "bad-xml.ofd": (
        lambda: _package("<ofd:TextObject"),
        r"bad-xml\.ofd: damaged \.ofd file: Doc_0/Pages/Page_0/Content\.xml: ",
    ),
    "no-pages.ofd": (
        lambda: _package("").replace(b"Page_0", b"Page_9"),
        r"no-pages\.ofd: damaged \.ofd file",
    ),
    "entities.ofd": (
        lambda: _package('<!DOCTYPE x [<!ENTITY a "aaaa">]>'),
        r"entities\.ofd: damaged \.ofd file",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_ofd_is_one_clear_line(tmp_path, name):
    make, message = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    assert_refused_in_one_line(path, message)


def test_text_scaled_by_its_transformation_matrix_is_placed_where_it_shows():
    # producers that write Size 1 and scale each object with its CTM: a line of two objects, and a
    # line above them given later
    objects = [
        ('Boundary="30 50 40 6" CTM="5 0 0 5 0 0"', 'X="0" Y="1" DeltaX="1 1"', "落实到"),
        ('Boundary="45 50 40 6" CTM="5 0 0 5 0 0"', 'X="0" Y="1" DeltaX="1"', "位。"),
        ('Boundary="30 40 40 6" CTM="5 0 0 5 0 0"', 'X="0" Y="1"', "推进"),
    ]
    content = "".join(
        f'<ofd:TextObject ID="{k}" {box} Size="1"><ofd:TextCode {code}>{text}</ofd:TextCode></ofd:TextObject>'
        for k, (box, code, text) in enumerate(objects)
    )
    text, _ = ofd_to_text(_package(content), "scaled.ofd")
    assert text == "推进\n落实到位。\n"


def test_a_template_page_a_page_uses_is_read_with_it():
    header = _one_object_per_character([(30.0, "临川县人民政府文件")])
    template = f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{header}</ofd:Layer></ofd:Content></ofd:Page>'
    data = _package(
        _one_object_per_character([(60.0, "各乡镇人民政府，县政府各部门、各直属机构：")]),
        members={"Doc_0/Tpls/Tpl_0/Content.xml": template},
    )
    data = _with_template(data)
    text, _ = ofd_to_text(data, "template.ofd")
    assert text == "临川县人民政府文件\n各乡镇人民政府，县政府各部门、各直属机构：\n"


def _with_template(data: bytes) -> bytes:
    """Return the package with its document declaring template 7 and its page using it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            body = source.read(name).decode()
            if name == "Doc_0/Document.xml":
                body = body.replace(
                    "<ofd:Pages>",
                    '<ofd:CommonData><ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>',
                )
            elif name == "Doc_0/Pages/Page_0/Content.xml":
                body = body.replace("<ofd:Content>", '<ofd:Template TemplateID="7"/><ofd:Content>')
            archive.writestr(name, body)
    return buffer.getvalue()


def test_a_page_of_hatching_is_read_without_looking_for_tables():
    hatching = "".join(
        f'<ofd:PathObject ID="{k}" Boundary="20 {20 + k * 0.05:g} 170 0.1"><ofd:AbbreviatedData>M 0 0 L 170 0'
        "</ofd:AbbreviatedData></ofd:PathObject>"
        for k in range(5000)
    )
    content = hatching + _one_object_per_character([(40.0, "临川县农业农村局")])
    text, _ = ofd_to_text(_package(content), "hatched.ofd")
    assert text == "临川县农业农村局\n"
