"""The document tree of the example notices."""


def test_notice_header_and_plan(parsed_examples):
    parsed = parsed_examples["jiangzhou_city_notice"]
    notice, plan = parsed.documents
    assert notice.kind == "notice"
    assert notice.title == "关于印发江州市提升政务服务效能实施方案的通知"
    assert notice.doc_number == "江营商办〔2023〕8号"
    assert notice.issued == "2023-03-06"
    assert notice.issuers == ["江州市优化营商环境工作领导小组办公室"]
    assert plan.kind == "plan" and plan.parent is notice
    assert plan.title == "江州市提升政务服务效能实施方案（2023-2025年）"
    assert parsed.jurisdiction == "江州市" and parsed.year == 2023


def test_measures_numbered_titled_and_page_breaks_mended(parsed_examples):
    plan = parsed_examples["jiangzhou_city_notice"].documents[1]
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [m.order for m in plan.measures] == [1, 2, 3, 4, 5, 6, 7]
    first = plan.measures[0]
    assert first.title == "压缩审批时限"  # the bold span
    assert first.text.startswith("压缩审批时限。全面梳理审批事项")
    assert "**" not in first.text
    assert "推进信用修复工作" in plan.measures[2].text  # a word split by a page break
    assert [s.title for s in first.section.path] == ["重点任务", "深化审批制度改革"]
    # the （一）指导思想 paragraph frames the plan and is no measure
    assert all(m.kind == "numbered" for m in plan.measures)


def test_offsets_point_into_the_source_text(parsed_examples):
    parsed = parsed_examples["jiangzhou_city_notice"]
    text = parsed.source.text
    for m in parsed.measures:
        start, end = m.span
        original = "".join(text[start:end].split())
        assert original.replace("**", "").replace("and", "和") == "".join(m.text.split())


def test_attachments_become_documents_with_kinds(parsed_examples):
    docs = parsed_examples["qinghe_county_tasks"].documents
    assert [d.kind for d in docs] == ["notice", "task_list", "indicator_table"]
    assert docs[0].issuers == ["中共清河县委办公室", "清河县人民政府办公室"]
    assert docs[1].title == "清河县2023年优化营商环境重点任务清单"
    assert all(d.parent is docs[0] for d in docs[1:])


def test_paragraph_measures_only_outside_framing_sections():
    from policykg.loaders.extract.outline import parse_outline
    from policykg.text.repair import repair

    text = (
        "某县专项行动实施方案\n\n一、目标要求\n\n（一）总体目标。到2024年，营商环境明显改善，各项指标进位。\n\n"
        "二、重点任务\n\n（一）夯实工作基础。围绕政策环境制定实施方案，形成政策体系，推动政策集成创新。\n\n"
        "（二）营造浓厚氛围。深入开展宣传报道，形成浓厚舆论氛围，推送惠企政策。\n\n"
        "三、组织保障\n\n（一）强化组织领导。加强统筹协调，结合工作需要抽调人员成立专班。\n"
    )
    doc = parse_outline(repair(text)).documents[0]
    assert [(m.kind, m.number, m.title) for m in doc.measures] == [
        ("paragraph", "一", "夯实工作基础"),
        ("paragraph", "二", "营造浓厚氛围"),
    ]


def test_numbered_heading_with_subitems_becomes_a_section():
    from policykg.loaders.extract.outline import parse_outline
    from policykg.text.repair import repair

    text = "某市行动方案\n\n一、重点任务\n\n1. 优化审批服务\n\n（1）压缩审批时限。推进并联审批。\n\n（2）推行告知承诺。扩大适用范围。\n"
    doc = parse_outline(repair(text)).documents[0]
    assert [m.number for m in doc.measures] == ["1", "2"]
    assert doc.measures[0].section.title == "优化审批服务"


def _outline_of(text: str):
    from policykg.loaders.extract.outline import parse_outline
    from policykg.text.repair import repair

    return parse_outline(repair(text))


def test_page_furniture_is_neither_title_nor_issuer():
    from pathlib import Path

    from policykg import parse_file
    from policykg.loaders.extract.furniture import is_furniture

    parsed = parse_file(Path(__file__).parent / "data" / "notices" / "page_furniture.txt")
    notice = parsed.documents[0]
    assert notice.kind == "notice" and notice.title == "关于印发2024年全县十件民生实事的通知"
    assert not any("首页" in i or "来源" in i for d in parsed.documents for i in d.issuers)
    assert [m.number for m in parsed.measures] == ["1", "2"]
    assert parsed.jurisdiction == "鹤汀县"
    lines = [
        "无障碍 | 长辈版",
        "您现在的位置：首页 > 政务公开",
        "  • 浏览次数：",
        "字号：大 中 小  打印  关闭",
    ]
    lines += ["国内政策【切换】国际政策", "发布人：某某 / 发布时间：2017-11-24", "分享到："]
    assert all(is_furniture(line) for line in lines)
    assert not any(
        is_furniture(line) for line in ("县政府办公室", "各乡镇人民政府：", "时间安排", "2024年4月3日")
    )


def test_title_printed_above_the_page_fields_and_number_is_the_notice_title():
    outline = _outline_of(
        "鹤汀县人民政府办公室关于做好2024年民生实事的通知\n来源：信息公开办\n发布日期：2024-03-01\n"
        "汀政办〔2024〕20号\n各乡镇人民政府：\n现将有关事项通知如下。\n一、重点任务\n1.新建幼儿园2所。"
    )
    notice = outline.documents[0]
    assert notice.kind == "notice" and notice.title == "鹤汀县人民政府办公室关于做好2024年民生实事的通知"
    assert notice.doc_number == "汀政办〔2024〕20号"


def test_number_printed_before_the_title_on_its_line_is_split_off_and_red_header_skipped():
    outline = _outline_of(
        "苇塘政发文件\n苇政发〔2024〕3号苇塘区人民政府关于印发重点任务的通知\n各街道办事处：\n现印发给你们。\n"
        "1.推进老旧小区改造。"
    )
    notice = outline.documents[0]
    assert notice.title == "苇塘区人民政府关于印发重点任务的通知"
    assert notice.doc_number == "苇政发〔2024〕3号"


def test_a_page_prints_no_part_of_a_title():
    from policykg.loaders.extract.furniture import is_furniture, page_title

    assert (
        page_title("关于落实重点工作分工的意见-苇塘省人民政府门户网站苇塘省人民政府关")
        == "关于落实重点工作分工的意见"
    )
    assert page_title("苇塘省人民政府关于印发重点任务分工方案的通知（苇府〔2024〕3号）") == (
        "苇塘省人民政府关于印发重点任务分工方案的通知"
    )
    assert is_furniture("当前位置：首页") and is_furniture("您现在的位置:首页")
    assert not is_furniture("首页工程建设方案")


def test_an_untitled_page_is_not_titled_by_its_section_label(tmp_path):
    from policykg import parse_file

    page = tmp_path / "page.txt"
    page.write_text(
        "• 政府信息公开\n县农业农村局2024年重点工作任务分解\n"
        "1.新建高标准农田2万亩。\n牵头单位：县农业农村局\n",
        encoding="utf-8",
    )
    assert parse_file(page).documents[0].title == "县农业农村局2024年重点工作任务分解"


def test_items_numbered_with_a_small_full_stop(tmp_path):
    from policykg import parse_file

    page = tmp_path / "page.txt"
    page.write_text(
        "青樾省2024年重点工作及责任分解\n一、确保完成主要预期目标\n"
        "1﹒全省生产总值增长6%以上。\n牵头责任单位：省发展改革委。\n协同责任单位：省政府各部门、各直属机构。\n"
        "2﹒一般公共预算收入增长5%左右。\n牵头责任单位：省财政厅。\n"
        "协同责任单位：省税务局、苇塘疫情防控指挥部成员单位。\n",
        encoding="utf-8",
    )
    measures = parse_file(page).measures
    assert [m.number for m in measures] == ["1", "2"]
    assert [a.name for a in measures[0].generic_actors()] == ["省政府各部门", "各直属机构"]
    assert [a.name for a in measures[1].actors("lead")] == ["省财政厅"]
    assert [a.name for a in measures[1].generic_actors()] == ["苇塘疫情防控指挥部成员单位"]
