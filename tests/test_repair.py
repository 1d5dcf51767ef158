from policykg.text.folding import fold
from policykg.text.mapped_text import MappedText, concat
from policykg.text.repair import repair


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


def test_mapped_text_concat_and_slice_keep_origins():
    a = MappedText.identity("abcdef")
    joined = concat([a.slice(0, 2), a.slice(4, 6)])
    assert joined.text == "abef"
    assert joined.span(1, 3) == (1, 5)
