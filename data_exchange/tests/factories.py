"""Users matching the simulator's records (the demo citizens and business)."""

from __future__ import annotations

from accounts import services as account_services
from data_exchange.simulator import records


def zhang_wei(username: str = "zw"):
    return account_services.citizen_create(
        username=username,
        email=f"{username}@example.cn",
        password="pw-123456789",
        real_name="张伟",
        id_number=records.ZHANG_WEI,
    )


def li_na(username: str = "ln"):
    return account_services.citizen_create(
        username=username,
        email=f"{username}@example.cn",
        password="pw-123456789",
        real_name="李娜",
        id_number=records.LI_NA,
    )


def wang_fang_business(username: str = "wf"):
    return account_services.business_agent_create(
        username=username,
        email=f"{username}@example.cn",
        password="pw-123456789",
        real_name="王芳",
        id_number=records.WANG_FANG,
        organisation_name="上海嘉禾餐饮管理有限公司",
        uscc=records.JIAHE,
    )
