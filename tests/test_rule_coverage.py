"""Every rule of RULES.md has a test that shows it refusing and a test that shows it allowing.

The marks (`@refuses(ID)`, `@allows(ID)` from tests/rules.py) are read from the test files' source,
so the check does not depend on which tests a run selects.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from caseledger.domain.rules import BY_ID, RULES

TESTS = Path(__file__).parent
SPEC = TESTS.parent.parent / "shared" / "spec" / "RULES.md"

# Rules the spec has gained whose work is an open issue; each leaves this list with its tests.
PENDING: dict[str, str] = {}


def marks() -> dict[str, dict[str, list[str]]]:
    """rule id -> verdict -> the tests that carry that mark."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and isinstance(deco.func, ast.Name) \
                        and deco.func.id in ("refuses", "allows"):
                    for arg in deco.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            found[arg.value][deco.func.id].append(f"{path.name}::{node.name}")
    return found


def test_every_rule_has_a_refusing_and_an_allowing_test():
    found = marks()
    missing = [f"{r.id} has no test marked @{verdict}" for r in RULES if r.id not in PENDING
               for verdict in ("refuses", "allows") if not found[r.id][verdict]]
    assert not missing, "\n".join(missing)


def test_pending_rules_are_listed_only_while_they_have_no_tests():
    found = marks()
    done = [rule for rule in PENDING if found[rule]["refuses"] and found[rule]["allows"]]
    assert not done, f"{done} now have tests: take them off PENDING"


def test_marks_name_only_known_rules():
    unknown = sorted(set(marks()) - set(BY_ID))
    assert not unknown, f"tests name rules RULES.md does not have: {unknown}"


def test_the_rule_list_is_the_one_rules_md_holds():
    if not SPEC.exists():
        pytest.skip(f"the specification is not beside this checkout ({SPEC})")
    ids = re.findall(r"^- \*\*([A-Z]-\d+)\*\*", SPEC.read_text("utf-8"), flags=re.MULTILINE)
    assert ids == [r.id for r in RULES]


def test_every_rule_has_its_text_in_both_languages():
    """`caseledger rules ID` prints what the package ships: every id of RULES, in its order, with
    the same English title, and a Chinese title and text (#14)."""
    from caseledger.domain.rules import texts

    shipped = texts()
    assert list(shipped) == [r.id for r in RULES]
    for rule in RULES:
        entry = shipped[rule.id]
        assert entry["title_en"] == rule.title, rule.id
        assert all(entry[k].strip() for k in ("title_zh", "text_zh", "text_en", "section_zh")), \
            rule.id
        assert re.search(r"[\u4e00-\u9fff]", entry["text_zh"]), rule.id


def test_every_id_the_code_names_is_a_rule_with_a_text():
    """A refusal names a rule id; `caseledger rules` must explain each one the code can name."""
    from caseledger.domain.rules import texts

    source = "\n".join(p.read_text("utf-8") for p in (TESTS.parent / "caseledger").rglob("*.py"))
    named = set(re.findall(r"""(?:Problem\(|rule=|\[)["']?([A-Z]-\d+)\b""", source))
    assert named, "the pattern no longer finds the ids the code names"
    assert named <= set(texts()), sorted(named - set(texts()))
