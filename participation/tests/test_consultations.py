"""征求意见: who may comment when, moderation before showing, and the feedback report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from accounts.constants import AssuranceLevel
from participation.consultations import services
from participation.consultations.models import (
    CommentState,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from participation.tests.factories import citizen, consultation_page, home_page, publisher

pytestmark = pytest.mark.django_db


def _comment(client, page, user, text="建议明确适用范围包括郊区。"):
    client.force_login(user)
    section = page.sections.first()
    url = reverse("participation:comment_submit", args=[page.pk])
    return client.post(url, {"section": section.pk, "text": text}, follow=True)


def test_comment_is_moderated_before_it_shows(client):
    page = consultation_page()
    response = _comment(client, page, citizen())
    assert "审核通过后公开显示" in response.content.decode()
    comment = ConsultationComment.objects.get()
    client.logout()
    assert comment.text not in client.get(page.url).content.decode()
    services.comment_moderate(comment=comment, actor=publisher(), approve=True)
    assert comment.text in client.get(page.url).content.decode()


def test_rejected_comment_tells_its_author_why(client):
    page = consultation_page()
    author = citizen()
    _comment(client, page, author, text="与草案无关的广告内容")
    comment = ConsultationComment.objects.get()
    with pytest.raises(ValidationError):
        services.comment_moderate(comment=comment, actor=publisher(), approve=False, reason="")
    services.comment_moderate(
        comment=comment, actor=publisher(), approve=False, reason="与草案无关"
    )
    client.force_login(author)
    page_html = client.get(page.url).content.decode()
    assert "未通过" in page_html and "与草案无关" in page_html


def test_comment_below_level_three_is_refused_with_the_reason(client):
    page = consultation_page()
    response = _comment(client, page, citizen(level=AssuranceLevel.FORMAT_CHECKED))
    assert "三级及以上实名认证" in response.content.decode()
    assert ConsultationComment.objects.count() == 0


def test_comment_after_the_close_is_refused_with_the_reason(client):
    page = consultation_page(opens_delta_days=-40, closes_delta_days=-1)
    response = _comment(client, page, citizen())
    assert "已于" in response.content.decode() and "截止" in response.content.decode()
    assert ConsultationComment.objects.count() == 0


def test_comment_on_another_pages_section_or_too_long_is_refused(client):
    page = consultation_page()
    other = consultation_page()
    user = citizen()
    client.force_login(user)
    url = reverse("participation:comment_submit", args=[page.pk])
    client.post(url, {"section": other.sections.first().pk, "text": "有效的意见内容"})
    client.post(url, {"section": "abc", "text": "有效的意见内容"})
    client.post(url, {"section": page.sections.first().pk, "text": "长" * 20000})
    assert ConsultationComment.objects.count() == 0


def test_feedback_report_after_close_shows_outcomes_and_figures(client):
    page = consultation_page()
    author = citizen()
    _comment(client, page, author)
    comment = ConsultationComment.objects.get()
    moderator = publisher()
    services.comment_moderate(comment=comment, actor=moderator, approve=True)
    with pytest.raises(ValidationError, match="截止后"):
        services.comment_set_outcome(
            comment=comment, actor=moderator, outcome="adopted", reason="x"
        )
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.refresh_from_db()
    comment.refresh_from_db()
    with pytest.raises(ValidationError, match="未填写采纳情况"):
        services.feedback_publish(page=page, actor=moderator, summary="说明")
    services.comment_set_outcome(
        comment=comment, actor=moderator, outcome="partly", reason="郊区另行规定"
    )
    services.feedback_publish(page=page, actor=moderator, summary="共收到意见1条。")
    client.logout()
    html = client.get(page.url).content.decode()
    assert "意见采纳情况" in html and "部分采纳" in html and "郊区另行规定" in html
    assert "收到意见 <strong>1</strong>" in html


def test_citizen_cannot_moderate(client):
    page = consultation_page()
    _comment(client, page, citizen())
    comment = ConsultationComment.objects.get()
    client.force_login(citizen())
    url = reverse("participation:comment_moderate", args=[comment.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING


class ConsultationPageTests(WagtailPageTestCase):
    def test_page_types(self):
        home = home_page()
        self.assertCanCreateAt(type(home), ConsultationIndexPage)
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {ConsultationPage})
        self.assertPageIsRenderable(consultation_page())
