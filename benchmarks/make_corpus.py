"""Generate policy notices in the genre's formats, any size, deterministic from a seed.

Usage: python benchmarks/make_corpus.py OUT_DIR [--measures N] [--seed S] [--per-file K]

Each notice is a city's or a county's, in one of five formats: bracketed clauses (牵头负责 /
牵头，…按职责分工负责), a county task list (责任单位：…。依据：《…》，完成时限：…), 〔牵头单位：X；责任单位：Y〕,
labelled lines after each item (牵头单位： / 配合单位： / 完成时限：), and a tab-separated table; task
lists group their items under indicator headings and carry an indicator table (附件2).
Departments follow a Zipf popularity. Beside each notice, ``<name>.expected.jsonl`` holds the facts
the parser should find for every measure, so a benchmark can check correctness too.
"""

from __future__ import annotations

import argparse
import json
import random
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
FORMATS = ["clauses", "task_list", "fields_bracket", "labelled_lines", "table"]
# a task list groups its measures under headings named after the indicators they serve, and carries
# the indicator table as 附件2 (一级指标 / 二级指标 / 分值 / 责任部门)
INDICATORS = ["开办企业", "办理建筑许可", "获得电力", "登记财产", "纳税", "政务服务", "市场监管", "获得信贷"]
MEASURES_PER_INDICATOR = 5
CHINESE_NUMBERS = "一二三四五六七八九十"


class Notice:
    """One generated notice: its text and the facts it states."""

    def __init__(self, rng: random.Random, place: str, level: str, index: int, count: int, fmt: str) -> None:
        self.rng, self.place, self.level, self.fmt = rng, place, level, fmt
        self.prefix = "市" if level == "city" else ("区" if place.endswith("区") else "县")
        self.year = rng.choice([2022, 2023, 2024])
        self.lines: list[str] = []
        self.facts: list[dict] = []
        self.index, self.count = index, count

    def dept(self) -> str:
        weights = [1 / (k + 1) for k in range(len(FUNCTIONS))]
        return self.prefix + self.rng.choices(FUNCTIONS, weights)[0]

    def depts(self, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            d = self.dept()
            if d not in out:
                out.append(d)
        return out

    def header(self) -> None:
        kind = "任务清单" if self.fmt in ("task_list", "table") else "实施方案"
        title = f"{self.place}{self.year}年优化营商环境{TASKS[self.index % len(TASKS)][:4]}{kind}"
        self.lines += [
            f"{self.place}人民政府办公室",
            "",
            f"{self.place[0]}政办发〔{self.year}〕{self.index + 1}号",
            "",
            f"关于印发{title}的通知",
            "",
            "各有关单位：",
            "",
            f"现将《{title}》印发给你们，请认真贯彻落实。",
            "",
            f"{self.place}人民政府办公室",
            "",
            f"{self.year}年3月{self.index % 27 + 1}日",
            "",
            "",
            title,
            "",
        ]
        if self.fmt == "task_list":
            self.lines += [f"根据《{self.basis()}》，制定本{kind[-2:]}。", ""]
        elif self.fmt != "table":
            self.lines += [f"根据《{self.basis()}》，制定本{kind[-2:]}。", "", "一、重点任务", ""]

    def basis(self) -> str:
        prov = "江东省"
        return self.rng.choice(BASES).format(prov=prov, place=self.place)

    def measure(self, number: int) -> None:
        rng = self.rng
        task = rng.choice(TASKS)
        days = rng.choice([1, 3, 5, 10, 15])
        body = f"{task}。围绕市场主体需求，{task}，相关事项办理时间压缩至{days}个工作日以内。"
        fact = {
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
        if self.fmt == "clauses":
            lead = self.depts(rng.choice([1, 1, 2]))
            fact["lead"] = lead
            draw = rng.random()
            if draw < 0.04:  # now and then a measure names no one: the orphans an audit looks for
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
        elif self.fmt == "task_list":
            group = (number - 1) // MEASURES_PER_INDICATOR
            if (number - 1) % MEASURES_PER_INDICATOR == 0:
                self.lines += [f"{CHINESE_NUMBERS[group % 10]}、{self.indicator(group)}", ""]
            fact["indicator"] = self.indicator(group)
            resp = self.depts(rng.choice([1, 2, 3]))
            generic = GENERIC[self.level][0]
            fact["responsible"], fact["generic"] = resp, [generic]
            basis = self.basis()
            fact["citations"] = [{"title": basis, "role": "basis"}]
            if rng.random() < 0.3:
                when, fact["deadline"] = "长年坚持", "ongoing"
            else:
                month = rng.choice([6, 9, 10, 12])
                when = f"{month}月30日" if month != 12 else "12月31日"
                fact["deadline"] = f"{self.year}-{month:02d}-{30 if month != 12 else 31}"
            self.lines += [
                f"{number}. {body}（责任单位：{'、'.join(resp)}，{generic}按职责分工负责。"
                f"依据：《{basis}》，完成时限：{when}）",
                "",
            ]
        elif self.fmt == "fields_bracket":
            lead, co = self.dept(), None
            while co is None or co == lead:
                co = self.dept()
            fact["lead"], fact["co"] = [lead], [co]
            self.lines += [f"{number}. {body}〔牵头单位：{lead}；责任单位：{co}〕", ""]
        elif self.fmt == "labelled_lines":
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
        else:  # table
            lead, co = self.depts(2)
            fact["lead"], fact["co"] = [lead], [co]
            fact["deadline"] = f"{self.year}-12-31"
            self.lines.append(f"{number}\t{body}\t{lead}\t{co}\t{self.year}年底前")
        self.facts.append(fact)

    def indicator(self, group: int) -> str:
        return INDICATORS[group % len(INDICATORS)]

    def indicator_table(self) -> None:
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

    def text(self) -> str:
        self.header()
        if self.fmt == "table":
            self.lines.append("序号\t重点任务\t牵头单位\t责任单位\t完成时限")
        for k in range(1, self.count + 1):
            self.measure(k)
        if self.fmt == "task_list":
            self.indicator_table()
        return "\n".join(self.lines) + "\n"


def generate(out: Path, measures: int, seed: int = 0, per_file: int = 40) -> list[Path]:
    """Write notices holding ``measures`` measures in all into ``out``; return the notice paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths, written, index = [], 0, 0
    while written < measures:
        count = min(per_file, measures - written)
        place, level = PLACES[index % len(PLACES)]
        fmt = FORMATS[index % len(FORMATS)]
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
    args = ap.parse_args()
    paths = generate(args.out, args.measures, args.seed, args.per_file)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} notices, {args.measures} measures, {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
