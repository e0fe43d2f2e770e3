"""Time to generate a batch of unique codes as the admin's job does it (staged chunks, one publish).

    python -m benchmarks.code_batches                       # 100,000 codes, PostgreSQL and SQLite
    python -m benchmarks.code_batches --count 20000 --backends sqlite

The job runs inline (QUEUE_URL=immediate), so the figure is the worker's own time: drawing codes,
checking them against existing ones, writing 2,000-code chunks with a progress report after
each, and copying the batch into promotion_codes. Never asserted in tests.
"""

import argparse
import tempfile
import time

from benchmarks.checkout import add_database_arguments, database_urls


def measure(url: str, count: int) -> tuple[float, int]:
    from core.extensions import db
    from promotions import service
    from promotions.schemas import PromotionIn
    from storefront import create_app
    from storefront.config import normalise_database_url
    from storefront.jobs.code_batches import start_batch
    from storefront.jobs.models import Job

    app = create_app({"SQLALCHEMY_DATABASE_URI": normalise_database_url(url), "SECRET_KEY": "bench",
                      "QUEUE_URL": "immediate"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        rule = {"name": "Bench codes", "trigger": "code", "codes": [],
                "benefit": {"type": "amount_off_order", "amount_cents": 500}}
        promotion_id = service.create_promotion(PromotionIn().load(rule)).id
        started = time.perf_counter()
        job_id = start_batch(promotion_id, count, prefix="", length=8, usage_limit=1, actor="bench")
        elapsed = time.perf_counter() - started
        made = db.session.scalar(db.select(db.func.count()).select_from(db.text("promotion_codes")))
        status = db.session.get(Job, job_id).status
        db.session.remove()
        db.engine.dispose()
    if status != "done":
        raise RuntimeError(f"the batch ended {status}")
    return elapsed, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    add_database_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(backend, *measure(url, args.count)) for backend, url in database_urls(args, tmp)]
    print(f"\ncode batch of {args.count:,} as a job (inline)")
    print(f"{'backend':<11} {'codes':>8} {'seconds':>8} {'codes/s':>9}")
    for backend, seconds, made in rows:
        print(f"{backend:<11} {made:>8,} {seconds:>8.1f} {made / seconds:>9,.0f}")


if __name__ == "__main__":
    main()
