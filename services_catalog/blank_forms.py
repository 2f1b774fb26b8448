"""Blank forms (空白表格) and filled samples (示例样表) for the demo guides, as PDF documents.

Each form is a real one-page table of the items the applicant fills in, rendered once by
WeasyPrint and stored as a Wagtail document; materials link to it by title.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from wagtail.documents import get_document_model

from printing.services import pdf_render

# Rows of each form: (label, sample value). Forms not listed use GENERIC_ROWS.
FORM_ROWS: dict[str, list[tuple[str, str]]] = {
    "解除或终止劳动合同证明": [
        ("劳动者姓名", "张伟"),
        ("公民身份号码", "310114198503152313"),
        ("劳动合同期限", "2019年3月1日至2026年2月28日"),
        ("工作岗位", "仓储管理员"),
        ("解除或终止日期", "2026年10月31日"),
        ("解除或终止原因", "劳动合同期满，用人单位不再续订"),
        ("社会保险减员日期", "2026年11月"),
        ("用人单位名称（盖章）", "上海某物流有限公司"),
    ],
    "工伤认定申请表": [
        ("职工姓名", "李强"),
        ("公民身份号码", "310104199001011234"),
        ("用人单位", "上海某建筑工程有限公司"),
        ("事故时间、地点", "2026年9月12日 10时，嘉定区某工地"),
        ("受伤害部位", "右手腕"),
        ("事故经过简述", "在搬运钢管时被滑落的钢管砸伤右手腕"),
        ("申请人签字/单位盖章", "李强"),
    ],
    "申请结婚登记声明书": [
        ("男方姓名", "王磊"),
        ("女方姓名", "陈静"),
        ("本人无配偶声明", "本人无配偶"),
        ("双方没有直系血亲和三代以内旁系血亲关系声明", "双方没有上述关系"),
        ("声明人签名（须在婚姻登记员面前签署）", "王磊　陈静"),
    ],
}
GENERIC_ROWS = [
    ("申请人（单位）名称", "上海嘉禾餐饮管理有限公司"),
    ("统一社会信用代码/公民身份号码", "91310114MA1GT3K5X0"),
    ("法定代表人/负责人", "王芳"),
    ("联系电话", "13800138003"),
    ("住所/经营场所", "上海市嘉定区沪宜公路1185号"),
    ("申请事项", "（按本事项办事指南填写）"),
    ("申请人承诺", "本人（单位）承诺所填写内容和提交材料真实有效，如有不实愿承担法律责任。"),
    ("申请人签字（盖章）", "王芳"),
    ("日期", "2026年11月20日"),
]


def form_pdf(*, title: str, sample: bool) -> bytes:
    rows = FORM_ROWS.get(title, GENERIC_ROWS)
    html = render_to_string(
        "services_catalog/blank_form_pdf.html", {"title": title, "rows": rows, "sample": sample}
    )
    # The short kind line is the phrase checked: long titles may wrap or be split by the layout.
    kind = "示例样表" if sample else "空白表格"
    return pdf_render(html=html, base_url=str(settings.BASE_DIR), expect=kind)


def form_document(*, title: str, sample: bool):
    """The stored Wagtail document for a form (created once)."""
    document_model = get_document_model()
    doc_title = f"{title}（{'示例样表' if sample else '空白表格'}）"
    document = document_model.objects.filter(title=doc_title).first()
    if document is None:
        data = form_pdf(title=title, sample=sample)
        suffix = "sample" if sample else "blank"
        document = document_model(title=doc_title)
        document.file.save(f"{suffix}-form.pdf", ContentFile(data), save=False)
        document.save()
    return document
