"""The demo cases: one per (applicant, service, target state), plus the ratings some receive."""

from __future__ import annotations

from applications.constants import Status

# (key, applicant username, service code, target state, form data)
CASES = [
    (
        1,
        "citizen",
        "GONGAN-07-0001",
        Status.SUBMITTED,
        {"居住地址": "嘉定区安亭镇墨玉南路888弄12号"},
    ),
    (2, "citizen", "RSJ-20-0002", Status.COMPLETED, {"领卡方式": "邮寄"}),
    (3, "citizen", "GONGAN-01-0001", Status.DRAFT, {}),
    (4, "citizen2", "RSJ-20-0001", Status.SUBMITTED, {"失业原因": "劳动合同期满终止"}),
    (5, "citizen2", "RSJ-20-0002", Status.ACCEPTED, {"领卡方式": "网点自取"}),
    (6, "citizen2", "RSJ-05-0002", Status.UNDER_REVIEW, {"创业项目": "社区便利店"}),
    (7, "citizen2", "WJW-07-0001", Status.SUPPLEMENT, {}),
    (8, "citizen2", "RSJ-20-0001", Status.SUSPENDED, {"失业原因": "用人单位裁员"}),
    (9, "citizen2", "MZJ-07-0001", Status.WITHDRAWN, {}),
    (10, "business", "SCJG-01-0002", Status.SUBMITTED, {"经营场所": "嘉定区曹安公路4800号"}),
    (11, "business", "RSJ-05-0003", Status.UNDER_REVIEW, {"缓缴月数": "3"}),
    (12, "business", "RSJ-05-0001", Status.EVALUATED, {}),
    (13, "business", "SCJG-01-0003", Status.NOT_ACCEPTED, {}),
    (14, "citizen", "RSJ-05-0002", Status.PRE_REVIEW, {"创业项目": "网店"}),
    (15, "citizen2", "RSJ-20-0002", Status.COMPLETED, {"领卡方式": "邮寄"}),
    (16, "business", "RSJ-05-0003", Status.ACCEPTED, {"缓缴月数": "6"}),
    (17, "citizen", "RSJ-20-0002", Status.COMPLETED, {"领卡方式": "网点自取"}),
]

# Cases rated 差评 whose ticket the department has already worked on, so that `supervisor`
# has a rectification to review; case 12's 差评 stays 待回访/待整改 for `reviewer`.
HANDLED_NEGATIVE = {
    17: {
        "level": 5,
        "text": "网点自取时窗口说系统未同步，白跑一趟。",
        "callback": "电话回访：已致歉，说明系统同步延迟原因，申请人表示理解。",
        "measures": "已修复制卡系统与网点的数据同步，网点每日核对待领卡清单。",
    },
}

# Cases the applicant rated well, so the published 好评率 reflects more than complaints.
RATED_POSITIVE = {
    15: {"level": 1, "text": "邮寄到家，全程网上办，没跑一次腿。", "sub_scores": {"efficiency": 5}},
}
