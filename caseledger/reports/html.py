"""`report year --format html`: the year's tally as one self-contained page for supervisors.

One file, nothing fetched: the styles, the data and the small script that draws the charts are
inside it, so it opens offline, from a mail attachment or a USB stick. The table is written out
in the page itself (readable with scripts off and when printed); the two charts (cases filed by
domain, and by month, each beside the previous year) are drawn by the page's script from the
report data embedded as JSON, each bar labelled with its number.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from caseledger.reports.year import COUNTS, LABELS, MONEY

KEYS = COUNTS + MONEY


def year_page(by_domain: dict[str, Any], by_month: dict[str, Any],
              previous_domain: dict[str, Any], previous_month: dict[str, Any]) -> str:
    """The page for `by_domain["year"]`; the `previous_*` reports are of the year before."""
    year, prev = by_domain["year"], by_domain["year"] - 1
    title = f"{by_domain['bureau']} {year}年 行政处罚案件统计"
    data = {
        "year": year, "previous_year": prev,
        "domains": [{"key": r["key"], "label": r["label"], "filed": r["filed"],
                     "decided": r["decided"]} for r in by_domain["rows"]],
        "previous_domains": {r["key"]: {"filed": r["filed"], "decided": r["decided"]}
                             for r in previous_domain["rows"]},
        "months": [{"key": r["key"], "label": r["label"], "filed": r["filed"],
                    "decided": r["decided"]} for r in by_month["rows"]],
        "previous_months": {r["key"]: {"filed": r["filed"], "decided": r["decided"]}
                            for r in previous_month["rows"]},
        "total": by_domain["total"], "previous_total": by_domain["previous"]["total"],
    }
    # `</` inside a script element would end it: JSON allows `\/` for `/`.
    embedded = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.format(
        title=escape(title), year=year, prev=prev, head=escape(by_domain["head"] or ""),
        cards=_cards(by_domain), table=_table(by_domain), data=embedded, script=_SCRIPT,
        style=_STYLE)


def _cards(report: dict[str, Any]) -> str:
    total, before = report["total"], report["previous"]["total"]
    out = []
    for key in ("filed", "decided", "legal_reviews", "disclosed", "closed", "fines"):
        now, then = total[key], before[key]
        shown = _money(now) if key in MONEY else f"{now:,}"
        was = _money(then) if key in MONEY else f"{then:,}"
        kind = "value money" if key in MONEY else "value"
        out.append(f'<div class="card"><div class="label">{escape(LABELS[key])}</div>'
                   f'<div class="{kind}" data-total="{key}">{shown}</div>'
                   f'<div class="before">上年 {was}</div></div>')
    return "\n".join(out)


def _table(report: dict[str, Any]) -> str:
    head = "".join(f"<th>{escape(LABELS[k])}</th>" for k in KEYS)
    rows = []
    for row in report["rows"]:
        cells = "".join(f'<td data-key="{k}">{_cell(k, row[k])}</td>' for k in KEYS)
        rows.append(f'<tr data-row="{escape(str(row["key"]))}"><th>{escape(row["label"])}</th>'
                    f"{cells}</tr>")
    total = "".join(f'<td data-key="{k}">{_cell(k, report["total"][k])}</td>' for k in KEYS)
    before = "".join(f'<td data-key="{k}">{_cell(k, report["previous"]["total"][k])}</td>'
                     for k in KEYS)
    return (f'<table id="tally"><thead><tr><th>领域</th>{head}</tr></thead><tbody>'
            + "".join(rows) + f'</tbody><tfoot><tr data-row="total"><th>合计</th>{total}</tr>'
            f'<tr data-row="previous"><th>上年 {report["previous"]["year"]}</th>{before}</tr>'
            "</tfoot></table>")


def _cell(key: str, value: Any) -> str:
    return _money(value) if key in MONEY else f"{value:,}"


def _money(text: str) -> str:
    whole, _, cents = str(text).partition(".")
    return f"{int(whole):,}" + (f".{cents}" if cents else "")


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="sub">按领域统计，与 {prev} 年对比 · 链头 <code>{head}</code></p>
</header>
<section class="cards">
{cards}
</section>
<section>
<h2>各领域立案数（{year} 年与 {prev} 年）</h2>
<div id="chart-domain" class="chart"></div>
</section>
<section>
<h2>各月立案数（{year} 年与 {prev} 年）</h2>
<div id="chart-month" class="chart"></div>
</section>
<section>
<h2>统计表</h2>
{table}
</section>
<footer>由 caseledger 生成；本页不含外部资源，可离线打开。数字按 Y-1 规则计：各环节计入其业务日期所在年度。</footer>
<script type="application/json" id="report-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; margin: 24px auto; max-width: 1100px; color: #1f2933; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.sub { color: #52606d; margin: 0; } code { font-size: 12px; word-break: break-all; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px;
  margin-top: 18px; }
.card { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 14px; }
.card .label { color: #52606d; font-size: 13px; }
.card .value { font-size: 22px; font-weight: 600; overflow-wrap: anywhere; }
.card .value.money { font-size: 17px; line-height: 31px; }
.card .before { color: #7b8794; font-size: 12px; }
.chart svg { width: 100%; height: auto; } .legend { font-size: 12px; fill: #52606d; }
.bar-this { fill: #2f6fb0; } .bar-before { fill: #b8c6d6; }
text.value { font-size: 11px; fill: #1f2933; } text.axis { font-size: 12px; fill: #323f4b; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 6px; text-align: right; white-space: nowrap; }
tbody th, tfoot th, thead th:first-child { text-align: left; }
tfoot tr { font-weight: 600; } thead th { background: #f0f4f8; }
footer { margin-top: 28px; color: #7b8794; font-size: 12px; }
@media print { .chart { break-inside: avoid; } }
"""

# Draws the two charts into SVG from the embedded data. No library, no network.
_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function chart(id, items, before, thisYear, prevYear) {
    var max = 1;
    items.forEach(function (it) {
      var b = (before[it.key] || {filed: 0}).filed;
      max = Math.max(max, it.filed, b);
    });
    var row = 30, left = 120, width = 900, top = 28;
    var svg = el('svg', {viewBox: '0 0 ' + (left + width + 60) + ' ' + (top + items.length * row + 10),
                         role: 'img', 'data-chart': id});
    svg.appendChild(el('rect', {x: left, y: 6, width: 12, height: 10, 'class': 'bar-this'}));
    svg.appendChild(el('text', {x: left + 16, y: 15, 'class': 'legend'}, thisYear + ' 年'));
    svg.appendChild(el('rect', {x: left + 80, y: 6, width: 12, height: 10, 'class': 'bar-before'}));
    svg.appendChild(el('text', {x: left + 96, y: 15, 'class': 'legend'}, prevYear + ' 年'));
    items.forEach(function (it, i) {
      var y = top + i * row, b = (before[it.key] || {filed: 0}).filed;
      svg.appendChild(el('text', {x: left - 8, y: y + 16, 'text-anchor': 'end', 'class': 'axis'},
                         it.label));
      var w1 = width * it.filed / max, w2 = width * b / max;
      svg.appendChild(el('rect', {x: left, y: y + 2, width: w1, height: 11, 'class': 'bar-this'}));
      svg.appendChild(el('text', {x: left + w1 + 4, y: y + 12, 'class': 'value',
                                  'data-chart': id, 'data-key': String(it.key),
                                  'data-series': 'this'}, String(it.filed)));
      svg.appendChild(el('rect', {x: left, y: y + 15, width: w2, height: 9, 'class': 'bar-before'}));
      svg.appendChild(el('text', {x: left + w2 + 4, y: y + 23, 'class': 'value',
                                  'data-chart': id, 'data-key': String(it.key),
                                  'data-series': 'previous'}, String(b)));
    });
    document.getElementById('chart-' + id).appendChild(svg);
  }
  chart('domain', data.domains, data.previous_domains, data.year, data.previous_year);
  chart('month', data.months, data.previous_months, data.year, data.previous_year);
  document.body.setAttribute('data-drawn', 'yes');
})();
"""
