"""The documentation tells the truth: its worked questions give the answers it shows."""

import re

from .conftest import EXAMPLES, ROOT

QUESTION = re.compile(r"```sparql\n(.*?)\n```\n\n```text\n(.*?)```", re.S)


def test_querying_page_answers_are_current(tmp_path):
    from policykg.cli.render import render_solutions
    from policykg.graph.build import build
    from policykg.graph.store import open_store

    page = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
    questions = QUESTION.findall(page)
    assert len(questions) == 10
    build([EXAMPLES], tmp_path / "kg")
    with open_store(tmp_path / "kg", read_only=True) as store:
        for sparql, shown in questions:
            assert render_solutions(store.query(sparql), "table").decode() == shown, sparql


def test_every_command_is_documented():
    from policykg.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "docs" / "querying.md").read_text(
        encoding="utf-8"
    )
    for name, command in cli.commands.items():
        assert f"policykg {name}" in readme, name
        for sub in getattr(command, "commands", {}):
            assert f"policykg {name} {sub}" in readme, f"{name} {sub}"


def test_every_exit_code_is_documented():
    import importlib

    options = importlib.import_module("policykg.cli.options")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = {value for name, value in vars(options).items() if name.startswith("EXIT_")}
    assert codes == {0, 1, 2, 70, 130}
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", readme, re.M)}
    assert documented == codes
