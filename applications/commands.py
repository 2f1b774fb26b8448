"""POST actions as small command objects: each validates its input and calls one service.

A command is a Django form bound to the request's POST data and to its target (a case or a
差评 ticket). `run(actor=...)` calls exactly one service, which keeps the action consistent in
one transaction. The views pick the command from a table by the posted `action` and show its
`success` message (views/_common.run_command).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from accounts.models import User
from applications import forms as app_forms
from applications import services
from applications.models import Application, NegativeTicket


class Command(forms.Form):
    """A POST action on one target. Subclasses declare fields and run one service."""

    success = ""

    def __init__(self, data, *, target: Application | NegativeTicket, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.target = target

    def run(self, *, actor: User) -> object:
        """Call the action's one service with the cleaned input (and return what it returns)."""
        raise TypeError(f"{type(self).__name__} does not say what it runs")


def _text() -> forms.CharField:
    # Text as posted (not stripped here): the services clean it and say what a step requires.
    return forms.CharField(required=False, strip=False)


# --- The applicant ---------------------------------------------------------------------------


class WithdrawCommand(Command):
    success = gettext_lazy("申请已撤回。")
    reason = _text()

    def run(self, *, actor: User) -> None:
        services.application_withdraw(
            application=self.target, actor=actor, reason=self.cleaned_data["reason"]
        )


class SupplementSubmitCommand(Command):
    success = gettext_lazy("补正材料已提交，办理时限恢复计算。")

    def run(self, *, actor: User) -> None:
        services.application_supplement_submit(application=self.target, actor=actor)


APPLICANT_COMMANDS: dict[str, type[Command]] = {
    "withdraw": WithdrawCommand,
    "supplement": SupplementSubmitCommand,
}


class EvidenceDecisionCommand(Command):
    """使用 / 不使用 a 免提交 item (a walk-in clerk also confirms it was agreed in person)."""

    evidence_type = _text()
    decision = _text()
    confirmed_in_person = _text()

    def run(self, *, actor: User) -> None:
        services.application_evidence_decide(
            application=self.target,
            actor=actor,
            evidence_type=self.cleaned_data["evidence_type"],
            use=self.cleaned_data["decision"] == "use",
            confirmed_in_person=self.cleaned_data["confirmed_in_person"] == "1",
        )


class MaterialModeCommand(Command):
    """告知承诺 for a material that allows it, or back to upload."""

    code = _text()
    mode = _text()

    def run(self, *, actor: User) -> None:
        services.material_set_mode(
            application=self.target,
            actor=actor,
            code=self.cleaned_data["code"],
            mode=self.cleaned_data["mode"],
        )


# --- The window ------------------------------------------------------------------------------


class CounterCommand(Command):
    """Every window action also saves the item-by-item checks posted with it (check_<code>,
    note_<code>), in the same transaction as the step."""

    reason = _text()

    def clean(self) -> dict:
        data = super().clean()
        posted = self.data
        data["checks"] = {
            m.code: (posted.get(f"check_{m.code}", ""), posted.get(f"note_{m.code}", ""))
            for m in self.target.materials.all()
            if posted.get(f"check_{m.code}")
        }
        return data


class CheckCommand(CounterCommand):
    success = gettext_lazy("材料核验结果已保存。")

    def run(self, *, actor: User) -> None:
        services.material_check(
            application=self.target, clerk=actor, results=self.cleaned_data["checks"]
        )


class PreReviewCommand(CounterCommand):
    def run(self, *, actor: User) -> None:
        services.application_pre_review(
            application=self.target, clerk=actor, checks=self.cleaned_data["checks"]
        )


class AcceptCommand(CounterCommand):
    success = gettext_lazy("已受理，受理通知书正在生成。")
    commitment_signed = _text()

    def clean(self) -> dict:
        data = super().clean()
        # The posted codes as they are; the service says which ones may be tolerated.
        data["tolerate"] = self.data.getlist("tolerate")
        return data

    def run(self, *, actor: User) -> None:
        services.application_accept(
            application=self.target,
            clerk=actor,
            tolerate=self.cleaned_data["tolerate"],
            reason=self.cleaned_data["reason"],
            checks=self.cleaned_data["checks"],
            commitment_signed=bool(self.cleaned_data["commitment_signed"]),
        )


class ProblemItemsCommand(CounterCommand):
    """The ticked materials (items) with their problems (note_<code>)."""

    def clean(self) -> dict:
        data = super().clean()
        data["items"] = {
            c: self.data.get(f"note_{c}") or "" for c in dict.fromkeys(self.data.getlist("items"))
        }
        return data


class RejectIntakeCommand(ProblemItemsCommand):
    success = gettext_lazy("已作出不予受理决定。")
    confirm_reject = _text()

    def run(self, *, actor: User) -> None:
        services.application_reject_intake(
            application=self.target,
            clerk=actor,
            reason=self.cleaned_data["reason"],
            items=self.cleaned_data["items"],
            confirmed=self.cleaned_data["confirm_reject"] == "1",
            checks=self.cleaned_data["checks"],
        )


class SupplementRequestCommand(ProblemItemsCommand):
    """一次性告知: the ticked materials with their problems, and a note."""

    success = gettext_lazy("已一次性告知补正，办理时限暂停计算。")

    def run(self, *, actor: User) -> None:
        services.application_request_supplement(
            application=self.target,
            clerk=actor,
            items=self.cleaned_data["items"],
            note=self.cleaned_data["reason"],
            checks=self.cleaned_data["checks"],
        )


COUNTER_COMMANDS: dict[str, type[Command]] = {
    "accept": AcceptCommand,
    "reject": RejectIntakeCommand,
    "supplement": SupplementRequestCommand,
    "pre_review": PreReviewCommand,
    "check": CheckCommand,
}


# --- Department review -----------------------------------------------------------------------


class ReviewStartCommand(Command):
    def run(self, *, actor: User) -> None:
        services.application_review_start(application=self.target, reviewer=actor)


class SuspendCommand(Command):
    success = gettext_lazy("已启动特别程序，办理时限暂停计算。")
    reason_code = _text()
    note = _text()

    def run(self, *, actor: User) -> None:
        services.application_suspend(
            application=self.target,
            reviewer=actor,
            reason_code=self.cleaned_data["reason_code"],
            note=self.cleaned_data["note"],
        )


class ResumeCommand(Command):
    reason = _text()

    def run(self, *, actor: User) -> None:
        services.application_resume(
            application=self.target, reviewer=actor, result=self.cleaned_data["reason"]
        )


class ApproveCommand(Command):
    success = gettext_lazy("已准予；决定书和证书正在生成。")
    reason = _text()

    def run(self, *, actor: User) -> None:
        services.application_approve(
            application=self.target, reviewer=actor, opinion=self.cleaned_data["reason"]
        )


class RefuseCommand(Command):
    success = gettext_lazy("已作出不予许可决定。")
    reason = _text()

    def run(self, *, actor: User) -> None:
        services.application_refuse(
            application=self.target, reviewer=actor, reason=self.cleaned_data["reason"]
        )


REVIEW_COMMANDS: dict[str, type[Command]] = {
    "start": ReviewStartCommand,
    "suspend": SuspendCommand,
    "resume": ResumeCommand,
    "approve": ApproveCommand,
    "refuse": RefuseCommand,
}


# --- 差评 handling ---------------------------------------------------------------------------


class CallbackCommand(Command, app_forms.CallbackForm):
    success = gettext_lazy("回访情况已记录。")

    def run(self, *, actor: User) -> None:
        services.ticket_callback_record(
            ticket=self.target,
            actor=actor,
            called_at=self.cleaned_data["called_at"],
            method=self.cleaned_data["method"],
            result=self.cleaned_data["result"],
            satisfied=self.cleaned_data["satisfied"] == "yes",
        )


class PlanCommand(Command, app_forms.PlanForm):
    success = gettext_lazy("限期整改措施已记录。")

    def run(self, *, actor: User) -> None:
        services.ticket_plan(
            ticket=self.target,
            actor=actor,
            measures=self.cleaned_data["measures"],
            days=self.cleaned_data["days"],
        )


class RectifyCommand(Command):
    success = gettext_lazy("整改结果已提交，等待效能监督审核。")
    measures = _text()

    def run(self, *, actor: User) -> None:
        services.ticket_rectify(
            ticket=self.target, actor=actor, measures=self.cleaned_data["measures"]
        )


class AppealCommand(Command):
    success = gettext_lazy("申诉已提交，等待效能监督审核。")
    reason = _text()

    def run(self, *, actor: User) -> None:
        services.ticket_appeal(ticket=self.target, actor=actor, reason=self.cleaned_data["reason"])


DEPARTMENT_TICKET_COMMANDS: dict[str, type[Command]] = {
    "callback": CallbackCommand,
    "plan": PlanCommand,
    "rectify": RectifyCommand,
    "appeal": AppealCommand,
}


# --- Drafts ----------------------------------------------------------------------------------


class StartCommand(Command):
    """Start (or return, per idempotency key) the draft of the one form; target: the service."""

    idempotency_key = _text()

    def run(self, *, actor: User) -> Application:
        return services.application_start(
            applicant=actor,
            service=self.target,
            idempotency_key=self.cleaned_data["idempotency_key"][:64],
        )


class AutosaveCommand(Command):
    """Step 2's periodic autosave: what was typed into the service's own fields, unvalidated."""

    def clean(self) -> dict:
        data = super().clean()
        names = {f["name"] for f in self.target.service.form_fields if f.get("name")}
        data["form_data"] = {k: v[:2000] for k, v in self.data.items() if k in names}
        return data

    def run(self, *, actor: User) -> None:
        services.application_save_form(
            application=self.target,
            actor=actor,
            form_data=self.cleaned_data["form_data"],
            partial=True,
        )
