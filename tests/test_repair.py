import re
from pathlib import Path

from policykg import parse_file
from policykg.text.folding import fold, folded_key
from policykg.text.mapped_text import MappedText, concat
from policykg.text.repair import repair

NOTICES = Path(__file__).parent / "data" / "notices"


def test_repair_removes_spaces_pdf_puts_between_chinese_and_maps_back():
    original = "完成时限：10 月 31 日\r\n对标 CPTPP 等"
    fixed = repair(original)
    assert fixed.text == "完成时限：10月31日\n对标CPTPP等"
    start = fixed.text.index("31")
    s, e = fixed.span(start, start + 3)
    assert original[s:e] == "31 日"


def test_stray_foreign_conjunctions_read_as_chinese():
    fixed = repair("信息平台 and 部门业务系统；管理 etc 要求")
    assert fixed.text == "信息平台和部门业务系统；管理等要求"
    i = fixed.text.index("和")
    assert repair("信息平台 and 部门").span(i, i + 1)[0] == len("信息平台")


def test_fold_is_same_length_and_folds_widths_and_traditional():
    text = "（牽頭單位：市政務辦）１０月"
    assert fold(text) == "(牵头单位:市政务办)10月"
    assert len(fold(text)) == len(text)
    small = "1﹒推进﹙试点﹚﹔2﹒完善机制﹐抓好落实"  # small form variants, as some sites print items
    assert fold(small) == "1.推进(试点);2.完善机制,抓好落实"


def test_mapped_text_concat_and_slice_keep_origins():
    a = MappedText.identity("abcdef")
    joined = concat([a.slice(0, 2), a.slice(4, 6)])
    assert joined.text == "abef"
    assert joined.span(1, 3) == (1, 5)


def test_pinyin_after_characters_is_dropped_but_kept_as_written():
    original = "市發(fā)展改革委牽(qiān)頭（tóu）負責，2019年(2019)對標(CBD)"
    fixed = repair(original)
    assert fixed.text == "市發展改革委牽頭負責，2019年(2019)對標(CBD)"
    i = fixed.text.index("發展")
    assert fixed.written(i, i + 2) == "發(fā)展"
    s, e = fixed.span(i, i + 2)
    assert original[s:e] == "發(fā)展"
    assert fixed.written() == original


def test_toneless_syllables_go_only_where_tone_marks_are_common():
    annotated = repair("實(shí)現(xiàn)的(de)目標(biāo)，強(qiáng)化")
    assert annotated.text == "實現的目標，強化"
    assert repair("市場(sc)監管的(de)").text == "市場(sc)監管的(de)"


def test_written_form_survives_slices_substitutions_and_joins():
    fixed = repair("牽(qiān)頭單位：市發(fā)展改革委")
    head, tail = fixed.slice(0, 2), fixed.slice(5, len(fixed))
    joined = concat([head, MappedText.identity("|"), tail])
    assert joined.text == "牽頭|市發展改革委"
    assert joined.written() == "牽(qiān)頭|市發(fā)展改革委"
    assert fixed.sub(re.compile("單位"), "").written() == "牽(qiān)頭：市發(fā)展改革委"


def test_identity_keys_ignore_pinyin():
    assert folded_key("市發(fā)展改革委") == folded_key("市发展改革委") == "市发展改革委"


def test_mirror_notice_labels_names_as_written_and_reads_spun_cues():
    parsed = parse_file(NOTICES / "pinyin_mirror.txt")
    second = parsed.measures[1]
    assert second.text.startswith("發(fā)展社區嵌入式養老服務")
    assert [a.name for a in second.actors("lead")] == ["市發(fā)展改革委", "市民政局"]
    first = parsed.measures[0]
    assert [a.name for a in first.actors("lead")] == ["市民政局"]  # 牽(qiān)頭(tóu) is 牵头
    assert first.deadline is not None and first.deadline.date == "2025-12-31"
    for m in parsed.measures:
        s, e = m.span
        assert "".join(parsed.source.text[s:e].split()) == "".join(m.text.split())


def _flattened_pages(pages: list[str]) -> str:
    banner = "《岚溪市重点任务分工表.docx》由会员分享，可在线阅读。\n"
    return banner + "\n".join(f"{n}、{page}" for n, page in enumerate(pages, start=1))


def test_page_numbers_of_flattened_pages_are_dropped_and_cut_names_joined():
    first = "一、完善设施。" + "推进背街小巷环境整治，补齐照明、排水设施短板。" * 5 + "（市城管局牵头，市"
    original = _flattened_pages([first, "住建局配合）二、强化管理。建立长效机制。"])
    fixed = repair(original)
    assert "市住建局" in fixed.text and "2、" not in fixed.text and "1、" not in fixed.text
    assert fixed.text.splitlines()[1].startswith("一、完善设施")
    assert "\n二、强化管理" in fixed.text  # a heading run into the page is put on a line of its own
    i = fixed.text.index("住建局")
    assert original[fixed.span(i, i + 3)[0] :].startswith("住建局")


def test_numbered_items_are_no_pages():
    short = "1、加强组织领导\n2、强化督促检查\n3、营造良好氛围"
    assert repair(short).text == short
    ended = "1、" + "推进背街小巷环境整治。" * 12 + "\n2、" + "完善长效机制。" * 3
    assert repair(ended).text == ended  # the first ends its sentence: the second is the next item
    # a long item ending in its bracketed note (a responsibility clause, a basis) is whole too
    for close in ("）", ")", "]", "】", "〕"):
        noted = "1、" + "推进背街小巷环境整治，补齐照明短板" * 6 + f"[市城管局牵头{close}\n2、完善长效机制。"
        noted = noted.replace("[", {"）": "（", ")": "(", "]": "[", "】": "【", "〕": "〔"}[close])
        assert repair(noted).text == noted


def test_heading_and_subheading_run_together_are_split():
    page = (
        "总则。"
        + "为推进民营经济发展，制定本方案。" * 8
        + "一、加强要素支持（一）强化财税保障。落实减税政策，"
    )
    fixed = repair(_flattened_pages([page, "依规加大力度。"]))
    assert "\n一、加强要素支持\n（一）强化财税保障。" in fixed.text
