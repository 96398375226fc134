"""The Chinese `--help` texts, keyed by the English text Click holds.

Each key is an English help text exactly as Click holds it in the command tree built from
`caseledger.cli.app`: a command's docstring (paragraphs, the no-rewrap marker line and the example
lines included), a group's `typer.Typer(help=...)`, an option's or an argument's `help=`. The value
is its Chinese rendering for legal-review officers (法制审核人员); example command lines and
everything the user types (option names, values, rule ids, formats) stay as they are.

`cli/app.py` swaps these texts in when the language is Chinese; an English text missing here is
shown as it is. A key must equal its English text byte for byte, so changing a help text in
the code means changing its key here too.
"""

from __future__ import annotations

HELP_ZH: dict[str, str] = {
    # caseledger (global options)
    "A tamper-evident ledger of administrative-penalty cases (行政处罚案件).": (
        "行政处罚案件防篡改台账。"
    ),
    "SQLAlchemy URL or SQLite file (default: ledger.db in the user data dir).": (
        "SQLAlchemy URL 或 SQLite 文件（默认：用户数据目录中的 ledger.db）"
    ),
    (
        "Staff login recording the step; the local signing key must be its registered key "
        "(default: the member whose key it is)."
    ): "记录本步骤的工作人员登录名；本机签名密钥须为其登记的密钥（默认：本机密钥所属的人员）",
    "Never prompt.": "不进行交互式提问",
    "Show tracebacks.": "出错时显示调用栈",
    "Language of messages and tables: zh (中文, default) or en.": (
        "消息和表格的语言：zh（中文，默认）或 en（英文）"
    ),
    # init
    "Create or upgrade the ledger and record the bureau; you become its first admin.": (
        "创建或升级台账并登记本局；运行本命令的人员成为台账的首位管理员。"
    ),
    "The bureau's name.": "本局名称",
    "Abbreviation in numbers, e.g. 广区市监.": "案号和决定书文号中使用的机关简称，例如：广区市监",
    # info
    "Which database, schema version, bureau, chain head and counts.": (
        "显示所用的数据库、结构版本、本局、链头及各项计数。"
    ),
    "table, json or csv": "输出格式：table、json 或 csv",
    # verify
    (
        "Recompute the hash chain, every signature and every case's state, replay the rules,\n"
        "and check kept heads; exit 4 at the first mismatch.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger verify\n"
        "  caseledger verify --head 5255:d2d2a1b7…   (a head kept from an earlier report)\n"
        "  caseledger verify -f json"
    ): (
        "重新计算哈希链、每个签名和每件案件的状态，重演各项规则，并核对外部留存的链头；"
        "发现第一处不符即以退出码 4 退出。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger verify\n"
        "  caseledger verify --head 5255:d2d2a1b7…   (a head kept from an earlier report)\n"
        "  caseledger verify -f json"
    ),
    (
        "A head kept outside the database (as `caseledger head` printed it) that must still be "
        "in the chain; repeatable."
    ): "在数据库之外留存的链头（格式同 `caseledger head` 的输出），须仍在链中；可重复指定",
    "Kept heads, one SEQ:HASH a line.": "留存链头的文件，每行一个 SEQ:HASH",
    # head
    "Print the chain head as SEQ:HASH, to keep outside the database (A-5).": (
        "以 SEQ:HASH 格式打印链头，供在数据库之外留存（A-5）。"
    ),
    # demo
    (
        "Build a sample ledger of one synthetic year (the 2023 report's figures) and print its "
        "tally."
    ): "以一个模拟年度（按 2023 年报告的数据）建立示例台账，并打印其年度统计。",
    "Where to build it (default: a scratch ledger).": "示例台账的建立位置（默认：临时台账）",
    "table, json, csv or markdown.": "输出格式：table、json、csv 或 markdown",
    # deadlines
    (
        "Every open clock across the ledger, soonest first; breached ones stand out.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger deadlines --within 5\n"
        "  caseledger deadlines --on 2026-06-30 -f csv"
    ): (
        "列出全台账所有未完成的期限，最早到期的在前；已超期的醒目标出。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger deadlines --within 5\n"
        "  caseledger deadlines --on 2026-06-30 -f csv"
    ),
    "As of this date (default today).": "以此日期为准（默认今天）",
    "Only clocks due within DAYS (breached ones always).": (
        "只列出 DAYS 日内到期的期限（已超期的总是列出）"
    ),
    # backup
    "A consistent copy of a SQLite ledger while others keep working (checked after copying).": (
        "在他人继续工作的同时，为 SQLite 台账制作一致的副本（复制后即行校验）。"
    ),
    "The new file to write.": "要写入的新文件",
    # import
    (
        "Bring a spreadsheet of cases in, each row replayed through every rule; all or nothing.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger import 2025年案件.xlsx --dry-run\n"
        "  caseledger import cases.csv --encoding gb18030"
    ): (
        "导入案件表格，每一行都按全部规则重演；要么全部导入，要么一行都不导入。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger import 2025年案件.xlsx --dry-run\n"
        "  caseledger import cases.csv --encoding gb18030"
    ),
    "CSV (UTF-8 or GB18030) or XLSX.": "CSV 文件（UTF-8 或 GB18030 编码）或 XLSX 文件",
    "Check every row; write nothing.": "只校验每一行，不写入任何内容",
    "auto, utf-8 or gb18030.": "文件编码：auto（自动识别）、utf-8 或 gb18030",
    "XLSX sheet (default: the first).": "XLSX 工作表（默认：第一张）",
    # rules
    "The rules: every id with its title, or one rule's full text (Chinese and English).": (
        "规则：列出每条规则的编号和标题，或显示一条规则的全文（中文和英文）。"
    ),
    "A rule id, e.g. R-1 (default: list them all).": "规则编号，例如 R-1（默认：列出全部规则）",
    # completion
    (
        "Print the shell's completion script: `eval \"$(caseledger completion bash)\"` in "
        "~/.bashrc\n"
        "(zsh: ~/.zshrc; "
        "fish: `caseledger completion fish > ~/.config/fish/completions/caseledger.fish`).\n"
        "Commands, options and choices complete on TAB; nothing is loaded until TAB is pressed."
    ): (
        "打印 shell 的补全脚本：在 ~/.bashrc "
        "中加入 `eval \"$(caseledger completion bash)\"`（zsh：~/.zshrc；"
        "fish：`caseledger completion fish > ~/.config/fish/completions/caseledger.fish`）。按 "
        "TAB 键即可补全命令、选项和可选值；按下 TAB 键之前不加载任何内容。"
    ),
    "Your shell.": "所用的 shell",
    # staff
    "The bureau's staff and their roles.": "本局工作人员及其角色。",
    # staff add
    "Add a staff member (admin).": "添加工作人员（管理员操作）。",
    "The login they record steps with.": "其记录步骤时使用的登录名",
    "Full name.": "姓名",
    "officer, reviewer, head or admin; repeatable.": (
        "officer（执法人员）、reviewer（审核人员）、head（负责人）或 admin（管理员）；可重复指定"
    ),
    "Enforcement certificate (执法证) number.": "执法证号码",
    "Certificate valid until (YYYY-MM-DD, inclusive).": (
        "执法证有效期截止日（YYYY-MM-DD，当日仍有效）"
    ),
    "Holds the legal professional qualification (法律职业资格).": "具有法律职业资格",
    "Their public signing key (`caseledger key show` on their computer).": (
        "其签名公钥（在其本人电脑上运行 `caseledger key show` 获得）"
    ),
    # staff list
    "Everyone on the roster, active and retired.": "人员名册中的全部人员，含在岗和已退休人员。",
    # staff retire
    "Retire a staff member (admin): kept in the record, no longer able to act or be assigned.": (
        "将工作人员设为退休（管理员操作）：其记录仍予保留，但不能再进行操作或被指派办案。"
    ),
    "Who leaves; they can no longer act (P-4).": "离岗人员的登录名；此后不能再进行操作（P-4）",
    # staff key
    (
        "Register or rotate a member's signing key (admin). On a ledger upgraded from before\n"
        "signatures, an admin first registers their own local key."
    ): (
        "登记或更换工作人员的签名密钥（管理员操作）。对于从尚无签名功能的版本升级而来的台账，"
        "管理员须先登记自己的本机密钥。"
    ),
    "Whose key.": "密钥所属人员的登录名",
    "ed25519:... as `caseledger key show` prints it.": (
        "ed25519:... 格式的公钥，即 `caseledger key show` 的输出"
    ),
    # staff export
    (
        "The roster as a file `staff import` reads (CSV with BOM, JSON or XLSX): to carry it to\n"
        "another ledger with the cases."
    ): (
        "将人员名册导出为 `staff import` 可读取的文件（带 BOM 的 CSV、JSON 或 XLSX），"
        "以便连同案件一并带到另一台账。"
    ),
    "csv, json or xlsx.": "输出格式：csv、json 或 xlsx",
    "File to write (default stdout).": "要写入的文件（默认：标准输出）",
    # staff import
    (
        "Bring a roster in (admin, P-5): adds the members the ledger lacks, retires those the "
        "file\n"
        "marks retired, leaves identical ones alone; all or nothing."
    ): (
        "导入人员名册（管理员操作，P-5）：添加台账中没有的人员，"
        "将文件中标为已退休的人员设为退休，完全相同的人员保持不变；要么全部导入，要么一概不导入。"
    ),
    "CSV or XLSX from `staff export` (English keys or Chinese headers).": (
        "由 `staff export` 导出的 CSV 或 XLSX 文件（表头为英文键名或中文均可）"
    ),
    (
        "Add members the file marks retired as active, to import their old cases first; retire "
        "them afterwards."
    ): "将文件中标为已退休的人员以在岗身份添加，以便先导入其以往案件；之后再将其设为退休",
    # case
    "Cases (行政处罚案件): file them and follow them.": "行政处罚案件：立案并记录办案全过程。",
    # case open
    (
        "立案: file a case; prints its case number.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger case open --domain 食品 --party-kind org \\\n"
        "    --party-name 某某商贸有限公司 --party-id 91511602MA6XXXXXXX \\\n"
        "    --violation 销售过期食品 --officer zhang --officer li \\\n"
        "    --approved-by wang --on 2026/3/2\n"
        "  caseledger case open          (on a terminal: asks for each missing answer)"
    ): (
        "立案：登记一件案件，并打印其案号。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger case open --domain 食品 --party-kind org \\\n"
        "    --party-name 某某商贸有限公司 --party-id 91511602MA6XXXXXXX \\\n"
        "    --violation 销售过期食品 --officer zhang --officer li \\\n"
        "    --approved-by wang --on 2026/3/2\n"
        "  caseledger case open          (on a terminal: asks for each missing answer)"
    ),
    "Domain key or label (food, 食品 ...).": "执法领域的键名或中文名称（如 food、食品 等）",
    "org, individual-business, person or other.": (
        "当事人类型：org（单位）、individual-business（个体工商户）、person（自然人）或 "
        "other（其他）"
    ),
    "The party's name.": "当事人名称",
    "Credit code or resident ID.": "统一社会信用代码或身份证号码",
    "For kind other: the document type (passport ...).": (
        "当事人类型为 other 时：证件类型（如护照）"
    ),
    "What the party is suspected of.": "当事人涉嫌的违法行为",
    "Handling officer login; at least two (P-1).": "办案执法人员的登录名；至少两名（P-1）",
    "The head approving the filing (default: you).": "批准立案的负责人（默认：记录人本人）",
    "inspection, complaint, sampling, referral, assigned or other.": (
        "案件来源：inspection（监督检查）、complaint（投诉举报）、sampling（抽样检验）、"
        "referral（移送）、assigned（上级交办）或 other（其他）"
    ),
    "Date the lead was found (starts F-4).": "发现线索的日期（起算 F-4 期限）",
    "The approving head extended F-4 by 15 working days.": (
        "批准立案的负责人已将 F-4 期限延长 15 个工作日"
    ),
    "public-interest, hearing, complex or statutory (R-2).": (
        "重大案件理由（R-2）：public-interest（涉及重大公共利益）、hearing（经过听证）、"
        "complex（案情疑难复杂）或 statutory（法律法规规定）"
    ),
    "Enforcement campaign (专项行动).": "所属专项行动",
    "The party's address (住所); the documents state it.": (
        "当事人住所；告知书、决定书等文书中予以载明"
    ),
    "An organisation's legal representative (法定代表人).": "单位的法定代表人",
    "Business date (default today): 2026-03-02, 2026/3/2, 20260302 or 2026年3月2日.": (
        "业务日期（默认今天）：2026-03-02、2026/3/2、20260302 或 2026年3月2日"
    ),
    "Never prompt: a missing option is an error.": "不进行交互式提问：缺少选项即报错",
    "Print the case as json/csv/table instead of its number.": (
        "以 json/csv/table 格式输出案件，而不是只打印案号"
    ),
    # case show
    "Everything about one case: status, parties, officers, decision, clocks, disclosure.": (
        "显示一件案件的全部信息：状态、当事人、执法人员、决定、期限、公示。"
    ),
    "Case number or short id (2023-17).": "案号或短号（如 2023-17）",
    "Evaluate the clocks (and the S-2 surcharge) as of this date.": (
        "按此日期计算各项期限（及 S-2 加处罚款）"
    ),
    # case history
    "The case's events in order, with actor, business date, recorded time and hash.": (
        "按顺序列出案件的事件，含记录人、业务日期、记录时间和哈希值。"
    ),
    # case list
    (
        "Cases, oldest filing first; without filters, every case.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger case list --year 2026 --domain 食品\n"
        "  caseledger case list --status decided -f csv > decided.csv\n"
        "  caseledger case list --overdue"
    ): (
        "列出案件，按立案先后排列；不加筛选条件时列出全部案件。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger case list --year 2026 --domain 食品\n"
        "  caseledger case list --status decided -f csv > decided.csv\n"
        "  caseledger case list --overdue"
    ),
    "Filing year.": "立案年度",
    "Domain key or label.": "执法领域的键名或中文名称",
    "filed, proposed, ... closed.": (
        "案件状态：filed（已立案）、proposed（调查终结）……closed（已结案）"
    ),
    "Party identifier.": "当事人证件号码",
    "Only undecided cases past their decision limit (X-2).": (
        "只列出已超过作出处罚决定期限而尚未决定的案件（X-2）"
    ),
    # case propose
    (
        "调查终结: propose the outcome (a penalty, no penalty, or a transfer).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger case propose 2026-17 --fine 5000 --basis 《食品安全法》第124条\n"
        "  caseledger case propose 2026-17 --no-penalty first-violation --basis ...\n"
        "  caseledger case propose 2026-17 --transfer judicial --basis 涉嫌犯罪"
    ): (
        "调查终结：提出拟处理意见（给予处罚、不予处罚或移送）。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger case propose 2026-17 --fine 5000 --basis 《食品安全法》第124条\n"
        "  caseledger case propose 2026-17 --no-penalty first-violation --basis ...\n"
        "  caseledger case propose 2026-17 --transfer judicial --basis 涉嫌犯罪"
    ),
    "警告.": "警告",
    "通报批评.": "通报批评",
    "罚款, yuan.": "罚款，单位：元",
    "没收违法所得, yuan.": "没收违法所得，单位：元",
    "没收非法财物: what.": "没收非法财物：写明所没收的财物",
    "Other sanction kind; repeatable.": "其他处罚种类；可重复指定",
    "How long a restriction runs, in months (G-4 keeps a longer one published for its length).": (
        "限制类处罚的期限，以月计（期限较长的，依 G-4 按限制期限公示）"
    ),
    "The provisions the penalty rests on.": "处罚所依据的法律条款",
    "none, mitigated, lighter, standard, heavier (X-4).": (
        "裁量情形（X-4）：none（无）、mitigated（减轻）、lighter（从轻）、standard（一般）、"
        "heavier（从重）"
    ),
    "The list item justifying it.": "作为裁量依据的裁量基准清单条目",
    "minor, first-violation, no-fault, not-established, other.": (
        "不予处罚理由：minor（轻微并及时改正）、first-violation（首违不罚）、"
        "no-fault（无主观过错）、not-established（违法事实不成立）、other（其他）"
    ),
    "Legal basis of an `other` no-penalty ground.": "不予处罚理由为 `other` 时的法律依据",
    "judicial or agency.": (
        "移送：judicial（涉嫌犯罪，移送司法机关）或 agency（不属本局管辖，移送其他机关）"
    ),
    "The facts the investigation found (违法事实); the notice and decision state them.": (
        "调查查明的违法事实；告知书和决定书中予以载明"
    ),
    "An item of evidence (证据); repeatable.": "一项证据；可重复指定",
    # case review
    "法制审核 (major case) or 案件审核: the review of the proposal.": (
        "法制审核（重大案件）或案件审核：对拟处理意见进行审核。"
    ),
    "agree, correct, investigate or other.": (
        "审核结论：agree（同意）、correct（纠正）、investigate（补充调查）或 other（其他意见）"
    ),
    "The reviewer's opinion (always recorded, R-4).": "审核意见（一律记录，R-4）",
    "Who reviewed (default: you).": "审核人员（默认：记录人本人）",
    # case notify
    "告知: the notice of the proposed penalty was served; prints the hearing right (N-3).": (
        "告知：行政处罚告知书已送达；打印当事人是否享有听证权利（N-3）。"
    ),
    # case statement
    "陈述申辩: the party's statement or its waiver (ends the N-2 window).": (
        "陈述申辩：记录当事人的陈述申辩或其放弃（N-2 期间随之结束）。"
    ),
    "The party expressly waived its statement.": "当事人明确放弃陈述申辩",
    "What the party said.": "当事人陈述申辩的内容",
    # case hearing
    "听证: record one hearing event (request, notice, held, withdrawn, absent, waived).": (
        "听证：记录一项听证事件（申请、通知、举行、撤回、未到场、放弃）。"
    ),
    "The party asked for a hearing.": "当事人申请听证之日",
    "The hearing was held.": "举行听证之日",
    "The request was withdrawn.": "当事人撤回听证申请之日",
    "The party failed to appear.": "当事人未到场参加听证之日",
    "The party expressly gave up the hearing.": "当事人明确放弃听证之日",
    "The hearing notice (听证通知书) was served; with --scheduled-for.": (
        "听证通知书送达之日；须同时指定 --scheduled-for"
    ),
    "The hearing date the notice gives (7 working days after it at the earliest).": (
        "听证通知书载明的听证日期（最早为送达后第 7 个工作日）"
    ),
    # case discuss
    "集体讨论: the bureau heads' collective discussion (C-1).": (
        "集体讨论：记录本局负责人的集体讨论（C-1）。"
    ),
    "What the heads concluded.": "集体讨论结论",
    "Who attended; repeatable.": "参加人员的登录名；可重复指定",
    # case extend
    "延期: extend the decision limit (X-2), or with --clock R-5 the review limit.": (
        "延期：延长作出处罚决定的期限（X-2），或加 --clock R-5 延长审核期限。"
    ),
    "30: the head's extension (X-2); working days for R-5.": (
        "延长天数：X-2 为负责人批准延长的 30 日；R-5 以工作日计"
    ),
    "New date fixed after a collective discussion.": "经集体讨论确定的新期限日期",
    "Why (recorded on the event).": "理由（记入事件）",
    "The approving head (default: you).": "批准的负责人（默认：记录人本人）",
    "X-2 (the decision limit, default) or R-5 (the review limit).": (
        "X-2（作出处罚决定的期限，默认）或 R-5（审核期限）"
    ),
    # case suspend
    "中止: the decision limit stops running (testing, appraisal, public notice ...).": (
        "中止：作出处罚决定的期限停止计算（检测、鉴定、公告等）。"
    ),
    # case resume
    "恢复: the decision limit runs again.": "恢复：作出处罚决定的期限恢复计算。",
    # case decide
    "决定: the head decides the reviewed proposal; prints the decision number of a penalty.": (
        "决定：负责人对经审核的拟处理意见作出决定；给予行政处罚的，打印决定书文号。"
    ),
    "The deciding head (default: you).": "作出决定的负责人（默认：记录人本人）",
    # case serve
    "送达: the decision was served.": "送达：决定书已送达。",
    "direct, left, electronic, post, entrusted, public-notice.": (
        "送达方式：direct（直接送达）、left（留置送达）、electronic（电子送达）、"
        "post（邮寄送达）、entrusted（委托送达）、public-notice（公告送达）"
    ),
    # case pay
    "缴款: a payment of the fine and confiscated gains.": (
        "缴款：记录一笔罚款及没收违法所得的缴纳。"
    ),
    "Yuan paid.": "缴纳金额（元）",
    # case disclose
    "公示: the decision was published (masked per G-3, until the G-4 end date).": (
        "公示：处罚决定已公示（按 G-3 遮蔽处理，公示至 G-4 截止日期）。"
    ),
    "Where it was published.": "公示的网址",
    # case revoke
    "The decision was changed, revoked, or confirmed illegal or void.": (
        "处罚决定被变更、撤销，或者被确认违法、无效。"
    ),
    # case withdraw
    "撤回公示: the disclosure was withdrawn (G-5).": "撤回公示：公示信息已撤下（G-5）。",
    # case transfer
    "移送: transfer the case, or record the police's acceptance (--accepted-on).": (
        "移送：移送案件，或记录公安机关已受理立案（--accepted-on）。"
    ),
    "police, procuratorate or agency.": (
        "移送对象：police（公安机关）、procuratorate（检察机关）或 agency（其他行政机关）"
    ),
    "The competent agency's name (T-2).": "有管辖权的机关名称（T-2）",
    "The police opened a case on it.": "公安机关立案之日",
    # case terminate
    "终止调查: the investigation was terminated.": "终止调查：案件已终止调查。",
    # case close
    "结案: close the case with a head's approval (K-1).": "结案：经负责人批准结案（K-1）。",
    # case tag
    "Mark a typical case (典型案例) or its campaign.": "标记典型案例或案件所属的专项行动。",
    "city, province or national 典型案例.": (
        "典型案例级别：city（市级）、province（省级）或 national（国家级）"
    ),
    # case correct
    "A correction: a new event naming the field and why; nothing is overwritten.": (
        "更正：以一条新事件写明所更正的字段及理由；不覆盖任何原有内容。"
    ),
    "major, party_name, violation, campaign, source, party_address, legal_rep.": (
        "要更正的字段：major（重大案件）、party_name（当事人名称）、violation（违法行为）、"
        "campaign（专项行动）、source（案件来源）、party_address（当事人住所）、legal_rep（法定代表人）"
    ),
    "The corrected value (major: a reason code or none).": (
        "更正后的值（major 字段：重大案件理由代码或 none）"
    ),
    # case steps
    "What can be done next: each step allowed now, or the rules blocking it and the fix.": (
        "下一步可以做什么：列出当前允许的每个步骤，或阻止该步骤的规则及解决办法。"
    ),
    # party
    "Parties (当事人).": "当事人。",
    # party history
    "The party's cases, and per domain whether a first-violation ground is open to it.": (
        "当事人的案件，以及在各执法领域能否适用 first-violation（首违不罚）理由。"
    ),
    "Credit code, resident ID or other identifier.": "统一社会信用代码、身份证号码或其他证件号码",
    # report
    "Reports for supervisors and scripts.": "供领导审阅和脚本处理的统计报告。",
    # report year
    (
        "The year's tally (Y-1) with the previous year beside it and the chain head.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger report year 2026          (a table, stacked to fit the terminal)\n"
        "  caseledger report year 2026 --by month -f csv > 2026.csv\n"
        "  caseledger report year 2026 -f json | jq .total.filed\n"
        "  caseledger report year 2026 -f html > 2026年统计.html"
    ): (
        "年度统计（Y-1），并列上一年度数据和链头。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger report year 2026          (a table, stacked to fit the terminal)\n"
        "  caseledger report year 2026 --by month -f csv > 2026.csv\n"
        "  caseledger report year 2026 -f json | jq .total.filed\n"
        "  caseledger report year 2026 -f html > 2026年统计.html"
    ),
    "The year, e.g. 2023.": "年度，例如 2023",
    "domain, group, month, source or campaign.": (
        "统计维度：domain（领域）、group（类别）、month（月份）、source（案件来源）或 "
        "campaign（专项行动）"
    ),
    "table, json, csv, markdown or html (a page with charts, by domain and month).": (
        "输出格式：table、json、csv、markdown 或 html（含按领域和月份图表的页面）"
    ),
    # report compliance
    (
        "The year's compliance (Y-2): missing reviews and discussions, late steps, and the "
        "cases.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  caseledger report compliance 2026\n"
        "  caseledger report compliance 2025 --on 2025-12-31 -f markdown > 合规.md"
    ): (
        "年度合规情况（Y-2）：缺少的审核和集体讨论、逾期的步骤及涉及的案件。\n"
        "\n"
        "\b\n"
        "示例：\n"
        "  caseledger report compliance 2026\n"
        "  caseledger report compliance 2025 --on 2025-12-31 -f markdown > 合规.md"
    ),
    "The year of the decisions.": "处罚决定所在年度",
    "Evaluate as of this date (default today).": "按此日期评估（默认今天）",
    # db
    "Schema migrations.": "数据库结构迁移。",
    # db upgrade
    "Bring the ledger's schema to this program's version.": (
        "将台账的数据库结构升级到本程序的版本。"
    ),
    # db current
    "Print the ledger's schema revision.": "打印台账的数据库结构版本。",
    # db check
    "Exit 5 if the schema differs from what this program's models expect.": (
        "数据库结构与本程序模型的预期不一致时，以退出码 5 退出。"
    ),
    # db roles
    (
        "PostgreSQL: create the group roles caseledger_writer (appends events, never updates,\n"
        "deletes or truncates them) and caseledger_admin (also the roster, settings and "
        "calendar);\n"
        "run as the database owner, again after each upgrade."
    ): (
        "PostgreSQL：创建组角色 caseledger_writer（只能追加事件，不能更新、删除或清空事件）和 "
        "caseledger_admin（还可管理人员名册、设置和日历）；须以数据库所有者身份运行，"
        "每次升级后再次运行。"
    ),
    # settings
    "Thresholds, look-back window, number patterns.": "金额标准、回溯期、编号格式等设置。",
    # settings show
    "Every setting with its current value.": "列出每项设置及其当前值。",
    # settings set
    "Change a setting (admin, rule P-5).": "修改一项设置（管理员操作，规则 P-5）。",
    "Setting name (see `settings show`).": "设置项名称（见 `settings show`）",
    "New value.": "新值",
    # calendar
    "The working-day calendar (holidays, make-up working days).": (
        "工作日日历（法定节假日、调休上班日）。"
    ),
    # calendar show
    "A year's holidays on weekdays and working weekends, and where they come from.": (
        "某年落在周一至周五的节假日和调休上班的周末，及其数据来源。"
    ),
    "The year.": "年度",
    # calendar set
    "Mark a day of an uncovered year a working day or a holiday (admin).": (
        "为数据来源未覆盖的年份，将某日标为工作日或节假日（管理员操作）。"
    ),
    "YYYY-MM-DD.": "日期，格式 YYYY-MM-DD",
    # export
    "Export records.": "导出记录。",
    # export cases
    "Cases, one row each, in the import columns (re-importable).": (
        "导出案件，每件一行，各列与导入格式相同（可重新导入）。"
    ),
    # export events
    "Every event of the record with its hashes.": "导出记录中的全部事件及其哈希值。",
    "Business-date year.": "业务日期所在年度",
    # export disclosures
    "Published records, masked by G-3, with their end dates (G-4).": (
        "导出已公示的信息，按 G-3 遮蔽处理，并附公示截止日期（G-4）。"
    ),
    "Disclosure year.": "公示年度",
    # key
    "Your signing key: every step you record is signed with it (A-4).": (
        "本人的签名密钥：本人记录的每个步骤都以其签名（A-4）。"
    ),
    # key init
    (
        "Create your Ed25519 signing key (mode 0600) and print its public key for an admin to\n"
        "register with `staff key LOGIN PUBLIC_KEY`."
    ): (
        "创建本人的 Ed25519 签名密钥（文件权限 0600），并打印其公钥，"
        "供管理员以 `staff key LOGIN PUBLIC_KEY` 登记。"
    ),
    "Replace an existing key.": "替换已有的密钥",
    # key show
    "Print the public key of your signing key.": "打印本人签名密钥的公钥。",
    # Click's own --help option (not among any command's params)
    "Show this message and exit.": "显示本帮助信息并退出",
    # doc (#15)
    "The case's documents (文书): issue them, list a template's fields, verify a file.": (
        "案件文书：出具文书、列出模板占位符、核验文件"
    ),
    "A bureau's own DOCX with {{ placeholders }} (see `doc fields KIND`).": (
        "本局自有的 DOCX 模板，含 {{ 占位符 }}（见 `doc fields KIND`）"
    ),
    "A document file (DOCX or PDF).": "文书文件（DOCX 或 PDF）",
    "Exit 0 naming the document when FILE is byte for byte one the ledger issued; 4 when it\n"
    "is not.": "FILE 与本台账出具的文书逐字节一致时退出码为 0 并说明是哪份文书；不一致时为 4。",
    "File to write (default: SHORTID_TITLE.docx here).": (
        "写入的文件（默认：当前目录下的 短号_文书名称.docx）"
    ),
    "The {{ placeholders }} a bureau's template of KIND can use, with what each holds.": (
        "KIND 类文书模板可用的 {{ 占位符 }} 及其内容。"
    ),
    "docx (default) or pdf (through LibreOffice).": "docx（默认）或 pdf（经 LibreOffice 转换）",
    "filing, notice, hearing-notice, review, decision, service, closing or disclosure.": (
        "文书种类：filing（立案审批表）、notice（行政处罚告知书）、hearing-notice（听证通知书）、"
        "review（法制审核意见书 / 案件审核表）、decision（行政处罚决定书）、service（送达回证）、"
        "closing（结案审批表）或 disclosure（行政处罚信息公示）"
    ),
    "立案审批表: issue it for CASE (recorded with the file's SHA-256).": (
        "立案审批表：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "行政处罚告知书: issue it for CASE (recorded with the file's SHA-256).": (
        "行政处罚告知书：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "听证通知书: issue it for CASE (recorded with the file's SHA-256).": (
        "听证通知书：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "法制审核意见书 / 案件审核表: issue it for CASE (recorded with the file's SHA-256).": (
        "法制审核意见书 / 案件审核表：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "行政处罚决定书: issue it for CASE (recorded with the file's SHA-256).": (
        "行政处罚决定书：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "送达回证: issue it for CASE (recorded with the file's SHA-256).": (
        "送达回证：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "结案审批表: issue it for CASE (recorded with the file's SHA-256).": (
        "结案审批表：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
    "行政处罚信息公示: issue it for CASE (recorded with the file's SHA-256).": (
        "行政处罚信息公示：为 CASE 出具本文书（记录文件的 SHA-256）。"
    ),
}
