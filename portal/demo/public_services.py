"""The demo 公共服务清单 entries."""

from __future__ import annotations

# fmt: off
# Public services (type 20) that the list must carry even before the catalogue is loaded.
PUBLIC_SERVICES = [
    ("RSJ-20-0001", "失业登记", "rsj", "person", "《中华人民共和国就业促进法》第三十五条；《就业服务与就业管理规定》第六十三条",
     "为在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城镇常住人员办理失业登记，提供就业服务和享受失业保险待遇的凭证。"),
    ("RSJ-20-0002", "社会保障卡申领", "rsj", "person", "《中华人民共和国社会保险法》第五十八条",
     "为参保人员办理社会保障卡，用于就医结算、待遇领取和身份凭证。"),
]
# fmt: on
