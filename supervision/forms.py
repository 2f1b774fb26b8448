"""Forms of supervision: issuing and answering a 督办."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _default_due() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=3)


class ChaseForm(forms.Form):
    message = forms.CharField(
        label=_("督办事项"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写督办事项。")},
    )
    due_date = forms.DateField(
        label=_("答复期限"),
        initial=_default_due,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("请填写答复期限。"),
            "invalid": _("答复期限格式不正确，应为 年-月-日。"),
        },
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
