"""Integration: PostgreSQL concurrency and a real Celery worker killed mid-render."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from accounts.tests.factories import UserFactory
from applications import services
from applications.constants import Status
from applications.models import Application, Document
from applications.services import _enqueue
from applications.tests.factories import (
    ServiceFactory,
    checked,
    clerk_for,
    reviewer_for,
    submitted_application,
)

pytestmark = pytest.mark.integration


def _require_postgres():
    if connection.vendor != "postgresql":
        from tests.fixtures.common import require

        require(False, "set DATABASE_URL to a PostgreSQL URL")


def test_1000_concurrent_submissions_make_exactly_1000(transactional_db, monkeypatch):
    _require_postgres()
    # documents and notices are not what this test measures
    monkeypatch.setattr(_enqueue, "enqueue", lambda *a, **k: None)
    service = ServiceFactory()
    applicants = [UserFactory() for _ in range(50)]
    jobs = [(applicants[i % 50], f"key-{i}") for i in range(1000)]
    jobs = jobs + jobs[:300]  # double clicks / retries of 300 of them

    def submit(job):
        applicant, key = job
        try:
            app = services.application_submit_direct(
                applicant=applicant,
                service=service,
                form_data={"reason": "并发"},
                idempotency_key=key,
            )
            return app.pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as pool:
        pks = list(pool.map(submit, jobs))
    assert len(set(pks)) == 1000
    assert Application.objects.count() == 1000
    assert Application.objects.filter(status=Status.SUBMITTED).count() == 1000
    assert Application.objects.values("number").distinct().count() == 1000
    assert Application.objects.filter(events__action="submit").count() == 1000


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(entry))
    return kids


def _kill_tree(pid: int) -> None:
    """kill -9 the worker and its pool processes (a machine losing power mid-render)."""
    victims = [pid, *_children(pid)]
    for victim in victims:
        try:
            os.kill(victim, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_worker_killed_mid_render_produces_document_exactly_once(
    transactional_db, monkeypatch, redis_url
):
    _require_postgres()
    from applications.tasks import document_render
    from config.celery import app as celery_app
    from tests.fixtures.services import WorkerProcess, test_database_url

    monkeypatch.setattr(_enqueue, "enqueue", lambda *a, **k: None)
    application = submitted_application()
    services.application_accept(
        application=application, clerk=clerk_for(), checks=checked(application)
    )
    reviewer = reviewer_for(application.department)
    services.application_review_start(application=application, reviewer=reviewer)
    services.application_approve(application=application, reviewer=reviewer)
    application.refresh_from_db()
    assert application.status == Status.APPROVED

    celery_app.conf.task_always_eager = False
    slow = WorkerProcess(
        database_url=test_database_url(),
        redis_url=redis_url,
        extra_env={"APPLICATIONS_RENDER_DELAY_SECONDS": "8"},
    ).start()
    fresh = None
    try:
        slow.wait_ready(celery_app)
        document_render.delay(application.pk, "certificate")
        deadline = time.monotonic() + 20
        while "document_render" not in slow.log() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)
        _kill_tree(slow.proc.pid)
        slow.proc.wait(timeout=10)
        assert not Document.objects.filter(application=application, doc_type="certificate").exists()

        fresh = WorkerProcess(database_url=test_database_url(), redis_url=redis_url).start()
        fresh.wait_ready(celery_app)
        # The restarted worker's start-up sweep finds the owed certificate by itself (no
        # beat tick, no manual call) ...
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            application.refresh_from_db()
            if application.status == Status.COMPLETED:
                break
            time.sleep(0.5)
        assert application.status == Status.COMPLETED, fresh.log()
        # ... and a late duplicate delivery of the killed task must not double it.
        document_render.delay(application.pk, "certificate")
        time.sleep(3)
        docs = Document.objects.filter(application=application, doc_type="certificate")
        assert docs.count() == 1, fresh.log()
        assert application.status == Status.COMPLETED
        from applications.storage import private_path

        assert private_path(docs.get().file_path).read_bytes().startswith(b"%PDF-")
    finally:
        for worker in (slow, fresh):
            if worker is not None:
                worker.stop(kill=True)
        celery_app.conf.task_always_eager = True
