"""Code batches run as jobs: progress in the jobs table, all codes or none, one batch at a time."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.errors import JobAlreadyRunning
from core.extensions import db
from promotions.models import PromotionCode
from storefront.jobs.code_batches import start_batch
from storefront.jobs.models import Job, JobStatus, StagedCode
from storefront.jobs.tasks import sweep
from tests.integration.promotions.builders import make_code_promotion
from tests.integration.queue import queue_config, run_worker, wait_for

ROOT = Path(__file__).resolve().parents[3]


def codes_of(promotion_id: int) -> int:
    return db.session.scalar(select(func.count(PromotionCode.id)).where(PromotionCode.promotion_id == promotion_id))


def job(job_id: int) -> Job:
    return db.session.get(Job, job_id, populate_existing=True)


def batch(promotion_id: int, count: int) -> int:
    return start_batch(promotion_id, count, prefix="VIP", length=8, usage_limit=1, actor="owner@example.com")


def test_a_finished_batch_says_how_many_codes_it_made_and_offers_them_as_csv(app):
    promotion = make_code_promotion()
    job_id = batch(promotion.id, 5_000)
    finished = job(job_id)
    assert (finished.status, finished.result, finished.percent) == (JobStatus.DONE, "5,000 codes created.", 100)
    rows = finished.output.strip().splitlines()
    assert rows[0] == "code,usage_limit,times_used" and len(set(rows[1:])) == 5_000
    assert codes_of(promotion.id) == 5_000 + 1  # and the promotion's public code
    assert db.session.scalar(select(func.count(StagedCode.id))) == 0


class TestOnARealQueue:
    @pytest.fixture
    def app_config(self, tmp_path):
        return queue_config(tmp_path) | {"JOB_STALE_AFTER": 1}

    def test_a_second_batch_for_the_same_promotion_is_refused_while_one_waits(self, app):
        promotion = make_code_promotion()
        first = batch(promotion.id, 100)
        with pytest.raises(JobAlreadyRunning) as refused:
            batch(promotion.id, 100)
        assert refused.value.job_id == first and refused.value.status == 409

    def test_killing_the_worker_mid_batch_shows_no_codes_and_the_sweep_finishes_the_batch(self, app):
        promotion = make_code_promotion()
        job_id = batch(promotion.id, 60_000)
        env = os.environ | {"DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": "test",
                            "QUEUE_URL": app.config["QUEUE_URL"]}
        worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--workers", "1",
                                   "--no-periodic"], cwd=ROOT, env=env)
        try:
            wait_for(lambda: job(job_id).done > 0, timeout=60)
        finally:
            worker.kill()
            worker.wait()
        halfway = job(job_id)
        assert halfway.status == JobStatus.RUNNING and 0 < halfway.done < 60_000
        assert codes_of(promotion.id) == 1  # none of the batch is visible, only the public code
        time.sleep(1.1)  # the dead worker's last heartbeat is now older than JOB_STALE_AFTER
        sweep.call_local()
        consumer = run_worker()
        try:
            wait_for(lambda: job(job_id).status == JobStatus.DONE, timeout=120)
        finally:
            consumer.stop(graceful=True)
        assert codes_of(promotion.id) == 60_000 + 1
        assert job(job_id).attempt == 2 and db.session.scalar(select(func.count(StagedCode.id))) == 0
