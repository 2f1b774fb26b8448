"""Demo service guides of the 政务服务中心 (zwfw): one build_service(...) per 事项."""

from __future__ import annotations

from services_catalog.constants import (
    Audience,
    CaseType,
    ItemType,
    MaterialForm,
)
from services_catalog.demo.builders import (
    build_service,
    faq,
    id_card,
    material,
)

SERVICES: list[dict] = [
    build_service(
        "ZWFW-20-0001",
        "政务服务帮办代办",
        "zwfw",
        Audience.BOTH,
        ItemType.PUBLIC_SERVICE,
        20001,
        legal_basis="《国务院办公厅关于加快推进“一件事一次办”打造政务服务升级版的指导意见》（国办发〔2022〕32号）",
        conditions="老年人、残疾人等特殊群体，以及重大投资项目、初次办事的企业，可申请帮办代办服务。",
        materials=[id_card()],
        legal_limit_days=1,
        promised_limit_days=0,
        visits=0,
        case_type=CaseType.IMMEDIATE,
        result_name="帮办代办服务确认单",
        themes=["p-relief", "b-establish"],
        life_events=["retirement-care"],
        online=True,
        appointment=True,
        service_objects=["1", "2"],
        faq=faq(("帮办代办收费吗？", "帮办代办服务全程免费。")),
    ),
    build_service(
        "ZWFW-20-0002",
        "政务服务“好差评”与投诉处理",
        "zwfw",
        Audience.BOTH,
        ItemType.PUBLIC_SERVICE,
        20002,
        legal_basis="《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）",
        conditions="对政务服务事项办理情况进行评价，或对服务不满意的事项提出投诉。",
        materials=[
            material(
                "complaint_detail",
                "投诉事项说明",
                form=MaterialForm.ELECTRONIC,
                original_count=1,
                acceptance_standard="写明办件编号、时间和问题",
            )
        ],
        legal_limit_days=15,
        promised_limit_days=5,
        visits=0,
        case_type=CaseType.PROMISED,
        result_name="差评整改反馈",
        themes=["p-relief", "b-establish"],
        life_events=[],
        online=True,
        service_objects=["1", "2"],
        faq=faq(
            (
                "实名差评会回访吗？",
                "实名差评由承办部门在1个工作日内回访，简单问题当场整改，复杂问题限期整改。",
            )
        ),
    ),
]
