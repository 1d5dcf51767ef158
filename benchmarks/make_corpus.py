"""Generate policy notices in the genre's formats, any size, deterministic from a seed.

Usage: python benchmarks/make_corpus.py OUT_DIR [--measures N] [--seed S] [--per-file K] [--formats F …]

Each notice is a city's or a county's (or names no place at all), in one of eleven formats:

- ``clauses``: bracketed clauses (牵头负责 / 牵头，…按职责分工负责);
- ``task_list``: a county task list (责任单位：…。依据：《…》，完成时限：…) whose items are grouped under
  indicator headings, with the indicator table as 附件2;
- ``fields_bracket``: 〔牵头单位：X；责任单位：Y〕;
- ``labelled_lines``: labelled lines after each item (牵头单位： / 配合单位： / 完成时限：);
- ``table``: a tab-separated task table;
- ``pipe_table``: a task table flattened as pipe rows (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |)
  with section rows (一 | 提升政务服务效能 | | | |), printed under 附件;
- ``cell_table``: a task table flattened one cell per line, blank lines between;
- ``space_table``: a task table under 附件 whose cells are separated by runs of spaces, header words
  spaced out (工 作 任 务), the names of one cell parted by 、 or by one space;
- ``bare_lists``: items ending in a bare unit list (（市发改委、市财政局）, now and then with a generic
  actor after a comma), or with a list of two or more on a line of its own: the responsible units;
- ``declared_leads``: the notice says 列第一位者为牵头单位 (in one of its wordings): the first of two or
  more listed units leads, the rest co-operate, a unit listed alone stays responsible, a generic
  actor listed last is generic; some lists are labelled 责任单位：;
- ``unplaced``: a notice that names no place (it starts at its addressees; no issuer, 文号 or place in
  its title), whose departments must stay its own.

The three new tables vary their header words from file to file (牵头部门, 协同责任单位, 时间节点 …),
and their time cells (6月底前, 年底前, 长期坚持, 持续推进). Departments follow a Zipf popularity. Beside each notice, ``<name>.expected.jsonl`` holds the facts
the parser should find for every measure (its jurisdiction None where the notice names no place),
so a benchmark can check correctness too. ``--formats`` with the first five alone writes the corpus
the generator wrote before the other six existed, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from pathlib import Path

PLACES = [
    ("江州市", "city"),
    ("湖滨市", "city"),
    ("云岭市", "city"),
    ("清河县", "county"),
    ("北海区", "county"),
    ("南坪县", "county"),
    ("东山市", "city"),
    ("石门县", "county"),
]
FUNCTIONS = [
    "发展改革委",
    "财政局",
    "市场监管局",
    "政务办",
    "住建局",
    "自然资源局",
    "税务局",
    "商务局",
    "工信局",
    "人社局",
    "司法局",
    "公安局",
    "交通运输局",
    "生态环境局",
    "教育局",
    "卫健委",
    "应急管理局",
    "统计局",
    "科技局",
    "文广旅局",
    "水利局",
    "农业农村局",
    "民政局",
    "审计局",
    "金融办",
    "工商联",
    "医保局",
    "城管局",
    "数据局",
    "信访局",
]
GENERIC = {"city": ["市相关部门", "各县区"], "county": ["县各相关单位", "各镇"]}
TASKS = [
    "优化企业开办服务",
    "深化工程建设项目审批改革",
    "提升政务服务效能",
    "加强信用体系建设",
    "推进不动产登记便利化",
    "完善纳税服务",
    "强化知识产权保护",
    "规范涉企收费",
    "优化水电气报装",
    "推进公共资源交易电子化",
    "健全政企沟通机制",
    "加强中小企业权益保护",
    "推行包容审慎监管",
    "提升跨境贸易便利化",
    "完善破产处置机制",
]
BASES = [
    "优化营商环境条例",
    "{prov}优化营商环境条例",
    "{place}优化营商环境办法",
    "国务院关于开展营商环境创新试点工作的意见",
]
PLACELESS_BASES = ["优化营商环境条例", "国务院关于开展营商环境创新试点工作的意见"]
OLD_FORMATS = ["clauses", "task_list", "fields_bracket", "labelled_lines", "table"]
NEW_FORMATS = ["pipe_table", "cell_table", "space_table", "bare_lists", "declared_leads", "unplaced"]
FORMATS = OLD_FORMATS + NEW_FORMATS
TABLE_FORMATS = ("pipe_table", "cell_table", "space_table")
# tables printed as the notice's attachment, under 附件 (a cell-per-line table follows the notice's text)
ATTACHED_TABLES = ("pipe_table", "space_table")
# a task list groups its measures under headings named after the indicators they serve, and carries
# the indicator table as 附件2 (一级指标 / 二级指标 / 分值 / 责任部门)
INDICATORS = ["开办企业", "办理建筑许可", "获得电力", "登记财产", "纳税", "政务服务", "市场监管", "获得信贷"]
MEASURES_PER_INDICATOR = 5
MEASURES_PER_SECTION = 5  # pipe tables, bare lists and declared leads group their items too
SECTIONS = [
    "提升政务服务效能",
    "加强要素保障",
    "优化市场环境",
    "强化法治保障",
    "激发市场活力",
    "完善监管体系",
]
CHINESE_NUMBERS = "一二三四五六七八九十"
ORPHAN_SHARE = 0.04  # a clause-format measure names no one now and then: the orphans an audit looks for
# the column headers a task table may use, one drawn per file for each column
LEAD_HEADERS = ["牵头单位", "牵头部门", "牵头责任单位"]
CO_HEADERS = ["配合单位", "协同责任单位", "参与单位", "责任单位"]
TIME_HEADERS = ["完成时限", "时间节点", "完成时间"]
# how a notice says the first listed unit leads
DECLARATIONS = [
    "任务分工中，列第一位者为牵头单位，其余为配合单位。",
    "各项任务中排在第一位的为牵头单位，其他单位按职责分工配合。",
    "第一责任单位为牵头单位，其余为配合单位。",
    "责任单位中列首位的为牵头部门，其余为配合部门。",
]
# a table's time cell as written and as read: (cell with {year}, date with {year} or "ongoing")
TABLE_TIMES = [
    ("{year}年6月底前", "{year}-06-30"),
    ("{year}年9月底前", "{year}-09-30"),
    ("{year}年12月底前", "{year}-12-31"),
    ("{year}年底前", "{year}-12-31"),
    ("长期坚持", "ongoing"),
    ("持续推进", "ongoing"),
]
SPACE_TABLE_WIDTHS = (10, 112, 24, 44)  # display columns of a space table's cells but the last
BARE_LIST_OWN_LINE_SHARE = 0.2  # a bare unit list stands on the line after its item this often
FIELD_LABEL_SHARE = 0.25  # a declared-lead list is labelled 责任单位： this often
GENERIC_SHARE = 0.3  # a table's co-operating cell or a listed group ends in a generic actor this often


def display_width(text: str) -> int:
    """Return how many columns ``text`` takes in a fixed-width font (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Notice:
    """One generated notice: its text and the facts it states."""

    def __init__(self, rng: random.Random, place: str, level: str, index: int, count: int, fmt: str) -> None:
        self.rng, self.level, self.fmt = rng, level, fmt
        self.place: str | None = None if fmt == "unplaced" else place
        self.prefix = "市" if level == "city" else ("区" if place.endswith("区") else "县")
        self.year = rng.choice([2022, 2023, 2024])
        self.lines: list[str] = []
        self.facts: list[dict] = []
        self.index, self.count = index, count

    # -- departments --------------------------------------------------------------------------------
    def dept(self) -> str:
        """Return a department of the notice's level, drawn by Zipf popularity."""
        weights = [1 / (k + 1) for k in range(len(FUNCTIONS))]
        return self.prefix + self.rng.choices(FUNCTIONS, weights)[0]

    def depts(self, n: int) -> list[str]:
        """Return ``n`` different departments."""
        out: list[str] = []
        while len(out) < n:
            d = self.dept()
            if d not in out:
                out.append(d)
        return out

    def basis(self) -> str:
        """Return the title of a law or plan a measure cites."""
        if self.place is None:
            return self.rng.choice(PLACELESS_BASES)
        return self.rng.choice(BASES).format(prov="江东省", place=self.place)

    # -- the notice around the measures ------------------------------------------------------------
    def kind(self) -> str:
        """Return what the notice's title calls the document it issues."""
        if self.fmt in ("task_list", "table"):
            return "任务清单"
        if self.fmt in TABLE_FORMATS:
            return "重点任务分工表"
        return {"bare_lists": "若干措施", "declared_leads": "重点任务分工方案"}.get(self.fmt, "实施方案")

    def header(self) -> None:
        """Write the covering notice, the document's title and its opening lines."""
        kind = self.kind()
        if self.place is None:
            self.unplaced_header(kind)
            return
        title = f"{self.place}{self.year}年优化营商环境{TASKS[self.index % len(TASKS)][:4]}{kind}"
        note = DECLARATIONS[self.index % len(DECLARATIONS)] if self.fmt == "declared_leads" else ""
        self.lines += [
            f"{self.place}人民政府办公室",
            "",
            f"{self.place[0]}政办发〔{self.year}〕{self.index + 1}号",
            "",
            f"关于印发{title}的通知",
            "",
            "各有关单位：",
            "",
            f"现将《{title}》印发给你们，请认真贯彻落实。{note}",
            "",
            f"{self.place}人民政府办公室",
            "",
            f"{self.year}年3月{self.index % 27 + 1}日",
            "",
            *(["附件", ""] if self.fmt in ATTACHED_TABLES else [""]),
            title,
            "",
        ]
        if self.fmt == "task_list":
            self.lines += [f"根据《{self.basis()}》，制定本{kind[-2:]}。", ""]
        elif self.fmt in ("clauses", "fields_bracket", "labelled_lines"):
            self.lines += [f"根据《{self.basis()}》，制定本{kind[-2:]}。", "", "一、重点任务", ""]

    def unplaced_header(self, kind: str) -> None:
        """Write a notice as a mirror keeps it when its head is lost: addressees, body, date, no place."""
        title = f"{self.year}年优化营商环境{TASKS[self.index % len(TASKS)][:4]}{kind}"
        self.lines += [
            f"各{'县（市、区）' if self.level == 'city' else '乡镇'}人民政府，{self.prefix}政府各部门：",
            "",
            f"现将《{title}》印发给你们，请结合实际认真抓好落实。",
            "",
            f"{self.year}年4月{self.index % 27 + 1}日",
            "",
            title,
            "",
            "一、重点任务",
            "",
        ]

    def section_row(self, number: int) -> int | None:
        """Return the index of the section measure ``number`` opens, None inside a section."""
        if (number - 1) % MEASURES_PER_SECTION:
            return None
        return (number - 1) // MEASURES_PER_SECTION

    def table_header(self) -> list[str]:
        """Return the header cells of this file's task table."""
        pick = self.index // len(FORMATS)  # the files of one format vary their header words
        return [
            "序号",
            "工作任务",
            LEAD_HEADERS[pick % len(LEAD_HEADERS)],
            CO_HEADERS[pick % len(CO_HEADERS)],
            TIME_HEADERS[pick % len(TIME_HEADERS)],
        ]

    def text(self) -> str:
        """Return the whole notice, generating its measures and their facts."""
        self.header()
        if self.fmt == "table":
            self.lines.append("序号\t重点任务\t牵头单位\t责任单位\t完成时限")
        elif self.fmt == "pipe_table":
            self.lines.append(" | ".join(self.table_header()) + " |")
        elif self.fmt == "cell_table":
            for cell in self.table_header():
                self.lines += [cell, ""]
        elif self.fmt == "space_table":
            spaced = [" ".join(c) if c == "工作任务" else c for c in self.table_header()]
            spaced[0] = "序  号"
            self.lines.append(self.space_row(spaced))
        for k in range(1, self.count + 1):
            self.measure(k)
        if self.fmt == "task_list":
            self.indicator_table()
        return "\n".join(self.lines) + "\n"

    # -- measures ----------------------------------------------------------------------------------
    def measure(self, number: int) -> None:
        """Write measure ``number`` in the notice's format and record the facts it states."""
        task = self.rng.choice(TASKS)
        days = self.rng.choice([1, 3, 5, 10, 15])
        body = f"{task}。围绕市场主体需求，{task}，相关事项办理时间压缩至{days}个工作日以内。"
        fact = {
            "jurisdiction": self.place,
            "number": str(number),
            "indicator": None,
            "lead": [],
            "responsible": [],
            "co": [],
            "generic": [],
            "citations": [],
            "deadline": None,
            "targets": [{"value": days, "unit": "个工作日", "comparator": "<="}],
        }
        getattr(self, f"measure_{self.fmt}")(number, task, body, fact)
        self.facts.append(fact)

    def measure_clauses(self, number: int, task: str, body: str, fact: dict) -> None:
        lead = self.depts(self.rng.choice([1, 1, 2]))
        fact["lead"] = lead
        draw = self.rng.random()
        if draw < ORPHAN_SHARE:
            fact["lead"], clause = [], ""
        elif draw < 0.5:
            generic = GENERIC[self.level][0]
            fact["generic"] = [generic]
            clause = f"（{'、'.join(lead)}牵头，{generic}按职责分工负责）"
        else:
            clause = f"（{'、'.join(lead)}牵头负责）"
        basis = self.basis()
        fact["citations"] = [{"title": basis, "role": "implements"}]
        self.lines += [f"{number}. **{task}。**贯彻落实《{basis}》，{body[len(task) + 1 :]}{clause}", ""]

    def measure_task_list(self, number: int, task: str, body: str, fact: dict) -> None:
        group = (number - 1) // MEASURES_PER_INDICATOR
        if (number - 1) % MEASURES_PER_INDICATOR == 0:
            self.lines += [f"{CHINESE_NUMBERS[group % 10]}、{self.indicator(group)}", ""]
        fact["indicator"] = self.indicator(group)
        resp = self.depts(self.rng.choice([1, 2, 3]))
        generic = GENERIC[self.level][0]
        fact["responsible"], fact["generic"] = resp, [generic]
        basis = self.basis()
        fact["citations"] = [{"title": basis, "role": "basis"}]
        if self.rng.random() < 0.3:
            when, fact["deadline"] = "长年坚持", "ongoing"
        else:
            month = self.rng.choice([6, 9, 10, 12])
            when = f"{month}月30日" if month != 12 else "12月31日"
            fact["deadline"] = f"{self.year}-{month:02d}-{30 if month != 12 else 31}"
        self.lines += [
            f"{number}. {body}（责任单位：{'、'.join(resp)}，{generic}按职责分工负责。"
            f"依据：《{basis}》，完成时限：{when}）",
            "",
        ]

    def measure_fields_bracket(self, number: int, task: str, body: str, fact: dict) -> None:
        lead, co = self.dept(), None
        while co is None or co == lead:
            co = self.dept()
        fact["lead"], fact["co"] = [lead], [co]
        self.lines += [f"{number}. {body}〔牵头单位：{lead}；责任单位：{co}〕", ""]

    def measure_labelled_lines(self, number: int, task: str, body: str, fact: dict) -> None:
        lead, co = self.depts(2)
        fact["lead"], fact["co"] = [lead], [co]
        fact["deadline"] = f"{self.year}-06-30"
        self.lines += [
            f"{number}. {body}",
            "",
            f"牵头单位：{lead}",
            "",
            f"配合单位：{co}",
            "",
            f"完成时限：{self.year}年6月底前",
            "",
        ]

    def measure_table(self, number: int, task: str, body: str, fact: dict) -> None:
        lead, co = self.depts(2)
        fact["lead"], fact["co"] = [lead], [co]
        fact["deadline"] = f"{self.year}-12-31"
        self.lines.append(f"{number}\t{body}\t{lead}\t{co}\t{self.year}年底前")

    def table_cells(self, fact: dict) -> tuple[str, list[str], str]:
        """Draw a table row's lead, co-operating units and time cell; record them in ``fact``."""
        lead, *co = self.depts(self.rng.choice([2, 2, 3]))
        fact["lead"], fact["co"] = [lead], co
        units = list(co)
        if self.rng.random() < GENERIC_SHARE:
            fact["generic"] = [GENERIC[self.level][1]]
            units.append(GENERIC[self.level][1])
        when, date = self.rng.choice(TABLE_TIMES)
        fact["deadline"] = date.format(year=self.year)
        return lead, units, when.format(year=self.year)

    def measure_pipe_table(self, number: int, task: str, body: str, fact: dict) -> None:
        section = self.section_row(number)
        if section is not None:
            self.lines.append(
                f"{CHINESE_NUMBERS[section % 10]} | {SECTIONS[section % len(SECTIONS)]} | | | |"
            )
        lead, units, when = self.table_cells(fact)
        self.lines.append(f"{number} | {body} | {lead} | {'、'.join(units)} | {when} |")

    def measure_cell_table(self, number: int, task: str, body: str, fact: dict) -> None:
        lead, units, when = self.table_cells(fact)
        for cell in (str(number), body, lead, "、".join(units), when):
            self.lines += [cell, ""]

    def measure_space_table(self, number: int, task: str, body: str, fact: dict) -> None:
        lead, units, when = self.table_cells(fact)
        # half the files part the names of one cell with a single space, the other half with 、
        joiner = " " if self.index // len(FORMATS) % 2 else "、"
        self.lines.append(self.space_row([str(number), body, lead, joiner.join(units), when]))

    def space_row(self, cells: list[str]) -> str:
        """Return cells padded to the space table's columns (a run of two or more spaces between)."""
        padded = [
            c + " " * max(2, w - display_width(c))
            for c, w in zip(cells[:-1], SPACE_TABLE_WIDTHS, strict=True)
        ]
        return "".join(padded) + cells[-1]

    def section_heading(self, number: int) -> None:
        """Write the heading of the section measure ``number`` opens, if it opens one."""
        section = self.section_row(number)
        if section is not None:
            self.lines += [f"{CHINESE_NUMBERS[section % 10]}、{SECTIONS[section % len(SECTIONS)]}", ""]

    def measure_bare_lists(self, number: int, task: str, body: str, fact: dict) -> None:
        self.section_heading(number)
        units = self.depts(self.rng.choice([1, 1, 2, 3]))
        fact["responsible"] = units
        # a list on a line of its own names two units or more: one name alone there is no list
        if len(units) > 1 and self.rng.random() < BARE_LIST_OWN_LINE_SHARE:
            self.lines += [f"{number}.{body}", "", "、".join(units), ""]
            return
        listed = "、".join(units)
        if self.rng.random() < GENERIC_SHARE:
            fact["generic"] = [GENERIC[self.level][1]]
            listed += f"，{GENERIC[self.level][1]}"
        self.lines += [f"{number}.{body}（{listed}）", ""]

    def measure_declared_leads(self, number: int, task: str, body: str, fact: dict) -> None:
        self.section_heading(number)
        units = self.depts(self.rng.choice([1, 2, 2, 3]))
        listed = list(units)
        if len(units) == 1:
            fact["responsible"] = units
        else:
            fact["lead"], fact["co"] = units[:1], units[1:]
            if self.rng.random() < GENERIC_SHARE:
                fact["generic"] = [GENERIC[self.level][1]]
                listed.append(GENERIC[self.level][1])
        label = "责任单位：" if self.rng.random() < FIELD_LABEL_SHARE else ""
        self.lines += [f"{number}.{body}（{label}{'、'.join(listed)}）", ""]

    def measure_unplaced(self, number: int, task: str, body: str, fact: dict) -> None:
        if self.rng.random() < 0.5:
            lead, co = self.depts(2)
            fact["lead"], fact["co"] = [lead], [co]
            clause = f"（{lead}牵头，{co}配合）"
        else:
            fact["responsible"] = [self.dept()]
            clause = f"（{fact['responsible'][0]}负责）"
        self.lines += [f"{number}.{body}{clause}", ""]

    # -- the task list's indicator table -----------------------------------------------------------
    def indicator(self, group: int) -> str:
        """Return the indicator the measures of ``group`` serve."""
        return INDICATORS[group % len(INDICATORS)]

    def indicator_table(self) -> None:
        """Write the task list's indicator table (附件2)."""
        groups = min(len(INDICATORS), (self.count - 1) // MEASURES_PER_INDICATOR + 1)
        self.lines += [
            "",
            "附件2",
            "",
            f"{self.year}年{self.place}营商环境评价指标任务表",
            "",
            "一级指标\t二级指标\t分值\t\t责任部门",
        ]
        for k in range(groups):
            name = self.indicator(k)
            self.lines.append(f"{k + 1}.{name}\t{name}便利度\t10\t10\t{self.dept()}")


def generate(
    out: Path, measures: int, seed: int = 0, per_file: int = 40, formats: list[str] | None = None
) -> list[Path]:
    """Write notices holding ``measures`` measures in all into ``out``, taking ``formats`` (default:
    all) in turn; return the notice paths."""
    formats = formats or FORMATS
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths, written, index = [], 0, 0
    while written < measures:
        count = min(per_file, measures - written)
        place, level = PLACES[index % len(PLACES)]
        fmt = formats[index % len(formats)]
        notice = Notice(rng, place, level, index, count, fmt)
        path = out / f"notice-{index:05d}-{fmt}.txt"
        path.write_text(notice.text(), encoding="utf-8")
        with open(out / f"{path.stem}.expected.jsonl", "w", encoding="utf-8") as f:
            for fact in notice.facts:
                f.write(json.dumps(fact, ensure_ascii=False) + "\n")
        paths.append(path)
        written += count
        index += 1
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--measures", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-file", type=int, default=40)
    ap.add_argument("--formats", nargs="+", choices=FORMATS, default=FORMATS, help="formats taken in turn")
    args = ap.parse_args()
    paths = generate(args.out, args.measures, args.seed, args.per_file, args.formats)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} notices, {args.measures} measures, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
