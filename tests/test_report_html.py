"""`report year --format html` (#14): one self-contained page with the tally and charts by
domain and month beside the previous year, opened in headless Chromium (Debian's `chromium`,
which .ci/run installs) and its drawn numbers read back from the rendered page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import open_args
from tests.ids import credit_code

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def two_years(bureau):  # type: ignore[no-untyped-def]
    """Cases filed in 2022 and 2023, in two domains and several months."""
    n = 500
    for on, domain, count in (("2022-02-14", "food", 2), ("2022-07-04", "drug", 1),
                              ("2023-01-09", "food", 3), ("2023-03-06", "drug", 2),
                              ("2023-03-20", "special_equipment", 1)):
        for _ in range(count):
            n += 1
            assert bureau(*open_args(credit_code(n), domain=domain, on=on)).exit_code == 0
    return bureau


def test_the_page_is_self_contained_and_holds_the_tally(two_years):
    page = two_years("report", "year", "2023", "-f", "html")
    assert page.exit_code == 0, page.stderr
    html = page.stdout
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    # Nothing is fetched: no external script, style, image or font.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    report = two_years("report", "year", "2023", "-f", "json").json
    food = re.search(r'<tr data-row="food">.*?</tr>', html).group(0)
    assert f'<td data-key="filed">{report["rows"][0]["filed"]}</td>' in food
    assert '<tr data-row="previous"><th>上年 2022</th><td data-key="filed">3</td>' in html


def test_compliance_has_no_html_page(bureau):
    result = bureau("report", "compliance", "2023", "-f", "html")
    assert result.exit_code == 2 and "report year" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_draws_the_charts_with_the_reports_numbers(two_years, tmp_path):
    page = tmp_path / "2023.html"
    page.write_text(two_years("report", "year", "2023", "-f", "html").stdout, encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'data-drawn="yes"' in dom.stdout  # the page's script ran to its end
    drawn = {(c, k, s): int(v) for c, k, s, v in re.findall(
        r'<text [^>]*data-chart="(\w+)" data-key="([\w-]+)" data-series="(\w+)">(\d+)</text>',
        dom.stdout)}
    for chart, by in (("domain", "domain"), ("month", "month")):
        for year, series in ((2023, "this"), (2022, "previous")):
            rows = two_years("report", "year", str(year), "--by", by, "-f", "json").json["rows"]
            for row in rows:
                assert drawn[chart, str(row["key"]), series] == row["filed"], (chart, row)
    assert drawn["domain", "food", "this"] == 3 and drawn["domain", "food", "previous"] == 2
    assert drawn["month", "3", "this"] == 3 and drawn["month", "7", "previous"] == 1
