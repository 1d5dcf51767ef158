"""Where a notice applies: the place read from its issuer, page fields, titles, number and body."""

from pathlib import Path

import pytest

from policykg import parse_file
from policykg.loaders.extract.jurisdiction import find_parent_city, is_place, locate, place_at_start
from policykg.text.folding import fold

NOTICES = Path(__file__).parent / "data" / "notices"


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("中共灌南县委办公室", "灌南县"),
        ("沁县人民政府办公室", "沁县"),
        ("沈阳市辽中区人民政府", "辽中区"),
        ("宁夏回族自治区人民政府办公厅", "宁夏回族自治区"),
        ("關于印發岚溪市養老服務方案", "岚溪市"),
        ("加快鹤汀县流通业发展实施意见", "鹤汀县"),
        ("人行市中心支行", None),
        ("开发区财政局", None),
        ("县示范区管委会", None),
        ("自治区交通运输厅", None),
        ("经县政府同意", None),
        ("各区、市人民政府", None),
    ],
)
def test_place_a_name_opens_with(name, place):
    assert place_at_start(name) == place


def test_words_ending_in_a_level_are_no_places():
    assert [is_place(p) for p in ("青樾市", "苇塘区", "开发区", "高新区", "全市", "2022年度市")] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_a_place_whose_name_ends_in_cheng_is_a_place_unlike_city_words():
    assert [is_place(p) for p in ("苇城市", "铁城区", "文明城市", "海绵城市", "中心城区", "老城区")] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert place_at_start("苇塘市铁城区人民政府办公室") == "铁城区"


def test_page_field_names_the_publisher_when_the_issuer_line_has_no_place():
    parsed = parse_file(NOTICES / "page_furniture.txt")
    assert parsed.jurisdiction == "鹤汀县"


def test_notice_without_a_place_of_its_own_has_none():
    assert parse_file(NOTICES / "identity_unplaced.txt").jurisdiction is None
    assert parse_file(NOTICES / "identity_a.txt").jurisdiction == "岚溪市"
    assert parse_file(NOTICES / "pinyin_mirror.txt").jurisdiction == "岚溪市"


def test_province_abbreviation_of_the_number_counts_only_when_the_text_speaks_as_a_province():
    provincial = fold("湘政发〔2016〕3号\n各市州人民政府，省政府各厅委：\n现将任务分解如下。")
    assert locate([], [], provincial) == "湖南省"
    city = fold("青政办发〔2024〕7号\n各区、市人民政府，市政府各部门：\n市财政局牵头。")
    assert locate([], [], city) is None


def test_news_page_saying_who_published_names_the_place():
    text = fold("近日，苇塘区人民政府办公室发布《2024年重点任务》。\n一、区发改局牵头。")
    assert locate([], [], text) == "苇塘区"


def test_body_naming_one_government_twice_at_its_departments_level():
    text = fold("经鹤汀县人民政府研究，县财政局、县教育局负责。报鹤汀县人民政府审定。由岚溪市人民政府批准。")
    assert locate([], [], text) == "鹤汀县"
    assert locate([], [], fold("市财政局负责。报鹤汀县人民政府审定。")) is None  # once, and not its level


def test_county_parent_is_the_city_written_right_before_it_or_named_most():
    assert find_parent_city("岚溪市鹤汀县人民政府办公室", "鹤汀县") == "岚溪市"
    assert find_parent_city("根据青樾市有关要求，落实青樾市部署。2024年度市县实事", "苇塘区") == "青樾市"
    assert find_parent_city("岚溪市", "青樾市") is None  # a city has no parent city


@pytest.mark.parametrize("county", ["于都县", "和平区", "将乐县", "无为市", "天等县", "共和县"])
def test_a_place_whose_name_holds_a_function_word_is_still_a_place(county):
    from policykg.loaders.extract.pipeline import parse_source
    from policykg.loaders.read.sources import SourceText

    text = f"{county}人民政府办公室关于印发{county}2024年重点工作任务分工的通知\n1.推进改革。（{county[-1]}发改局牵头）\n"
    assert parse_source(SourceText("t.txt", "t.txt", "", "text", "utf-8", text)).jurisdiction == county


def test_an_article_source_field_run_into_the_time_before_it_names_the_publisher():
    page = "发布时间：2023-03-01 09:30  文章来源：枫岭县农业农村局 浏览量：\n1.新建高标准农田2万亩。"
    assert locate([], [], fold(page).replace(" ", "")) == "枫岭县"


def test_an_issuer_opening_a_title_in_a_page_field_cell_names_the_place():
    page = "文件名称 |\n雁川市安全生产委员会办公室关于印发《2024年工作清单》的通知 |\n索引号 |\n"
    assert locate([], [], fold(page)) == "雁川市"


def test_a_cited_documents_number_in_brackets_names_no_province():
    text = "为落实《湖北省优化营商环境条例》（鄂政办发〔2022〕52号）要求，县直各单位：\n（一）深化改革。"
    assert locate([], [], fold(text)) is None


def test_the_page_date_dates_a_notice_with_no_dated_title(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "发布日期：2018-07-09\n河湖长制任务分解\n1.到2020年，全县用水总量比2015年下降10%。（县水利局负责）\n",
        encoding="utf-8",
    )
    assert parse_file(page).year == 2018


def test_a_comparisons_baseline_or_target_year_is_not_the_notice_year(tmp_path):
    page = tmp_path / "plan.txt"
    page.write_text(
        "河湖长制任务分解\n2019年重点工作如下。\n1.到2020年，全县用水总量比2015年下降10%。（县水利局负责）\n",
        encoding="utf-8",
    )
    assert parse_file(page).year == 2019


def test_a_common_noun_in_shi_is_no_parent_city():
    from policykg.loaders.extract.jurisdiction import find_parent_city

    text = (
        "青溪县人民政府关于印发青溪县夜间经济实施方案的通知\n1.每月在城区组织一次特色夜市，社区超市延长营业。"
    )
    assert find_parent_city(text, "青溪县") is None
    cited = text + "\n2.落实《白鹭市夜间经济发展规划》。"
    assert find_parent_city(cited, "青溪县") == "白鹭市"
