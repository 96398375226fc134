"""The enforcement-domain vocabulary (执法领域), loaded from the package's domains.csv.

Its order is the order of report rows. Keys are English; labels are what a Chinese reader sees.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t


@dataclass(frozen=True)
class Domain:
    key: str
    label: str
    group: str
    group_label: str


@cache
def domains() -> tuple[Domain, ...]:
    text = resources.files("caseledger.domain").joinpath("domains.csv").read_text("utf-8")
    return tuple(Domain(**row) for row in csv.DictReader(io.StringIO(text)))


@cache
def _by_key_or_label() -> dict[str, Domain]:
    table = {d.key: d for d in domains()}
    table.update({d.label: d for d in domains()})
    return table


def domain(key_or_label: str) -> Domain:
    """The domain named by its key (`food`) or its Chinese label (`食品`); F-1 refuses others."""
    found = _by_key_or_label().get(key_or_label.strip())
    if found is None:
        keys = ", ".join(d.key for d in domains())
        labelled = "、".join(f"{d.key}（{d.label}）" for d in domains())
        raise InputError(t(f"未知的执法领域 {key_or_label!r}；可选：{labelled}",
                           f"unknown domain {key_or_label!r}; one of: {keys}"), rule="F-1")
    return found


def groups() -> list[tuple[str, str]]:
    """The groups in vocabulary order, each once: (key, label)."""
    seen: dict[str, str] = {}
    for d in domains():
        seen.setdefault(d.group, d.group_label)
    return list(seen.items())
