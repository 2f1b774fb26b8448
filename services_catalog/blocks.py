"""The structured editors of a guide's lists (one home for them): 办理流程, 常见问题, 申请表字段.

The guide keeps storing these lists as plain JSON (lists of dicts), which every consumer
reads (guide pages, the PDF, the apply form, the API, search). Only the admin edits them
through these blocks (`GuideListField`), converting to and from the stored shape, so a
publisher adds, reorders and removes items instead of typing JSON.
"""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from services_catalog.constants import FieldType


class ProcessStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("步骤名称"), max_length=100)
    detail = blocks.TextBlock(label=_("步骤说明"), required=False)

    class Meta:
        label = _("办理步骤")
        icon = "list-ol"


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=300)
    answer = blocks.TextBlock(label=_("解答"))

    class Meta:
        label = _("常见问题")
        icon = "help"


class FormFieldBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("字段代码"),
        max_length=40,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]*$",
                _("字段代码只能由小写英文字母、数字和下划线组成，以字母开头。"),
            )
        ],
        help_text=_("保存在办件中的键名，在本申请表内唯一，例如 applicant_name"),
    )
    label = blocks.CharBlock(label=_("字段名称"), max_length=100)
    type = blocks.ChoiceBlock(label=_("字段类型"), choices=FieldType.choices, default="text")
    required = blocks.BooleanBlock(label=_("必填"), required=False, default=True)
    choices = blocks.TextBlock(
        label=_("选项"),
        required=False,
        help_text=_("仅“单选”使用：每行一个选项；代码与名称不同时写作“代码|名称”"),
    )
    help = blocks.CharBlock(label=_("填写说明"), required=False, max_length=200)

    class Meta:
        label = _("申请表字段")
        icon = "form"


def _choices_text(choices) -> str:
    lines = []
    for c in choices or []:
        if isinstance(c, str):
            lines.append(c)
        else:
            code, label = c
            lines.append(code if code == label else f"{code}|{label}")
    return "\n".join(lines)


def _choices_list(text: str) -> list:
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code, _sep, label = line.partition("|")
        out.append([code.strip(), label.strip()] if label.strip() else code.strip())
    return out


def _field_to_block(item: dict) -> dict:
    value = dict(item)
    value["choices"] = _choices_text(item.get("choices"))
    return value


def _field_from_block(value: dict) -> dict:
    item = {
        "name": value["name"].strip(),
        "label": value["label"].strip(),
        "type": value["type"],
        "required": bool(value["required"]),
    }
    if value.get("type") == FieldType.CHOICE or value.get("choices"):
        item["choices"] = _choices_list(value.get("choices", ""))
    if (value.get("help") or "").strip():
        item["help"] = value["help"].strip()
    return item


def _plain(value: dict) -> dict:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in value.items()}


# What each stored list is made of, and how one stored item maps to a block value and back.
GUIDE_LISTS = {
    "process_steps": (ProcessStepBlock, dict, _plain),
    "faq": (FaqBlock, dict, _plain),
    "form_fields": (FormFieldBlock, _field_to_block, _field_from_block),
}


class GuideListField(forms.Field):
    """A form field editing one of GUIDE_LISTS with Wagtail's list editor."""

    def __init__(self, *, list_name: str, **kwargs):
        child, self._to_block, self._from_block = GUIDE_LISTS[list_name]
        self.block = blocks.ListBlock(child(), collapsed=True)
        self.block.set_name(list_name)
        self._inner = blocks.BlockField(block=self.block, required=False)
        kwargs.setdefault("widget", self._inner.widget)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, list):
            return self.block.to_python([self._to_block(item) for item in value or []])
        return value

    def to_python(self, value):
        return value

    def clean(self, value):
        cleaned = self._inner.clean(value)
        return [self._from_block(dict(item)) for item in cleaned]

    def has_changed(self, initial, data):
        return True
