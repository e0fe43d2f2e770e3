"""`write_transaction()`: one commit for the outermost block, nothing kept when it fails."""

import pytest
from sqlalchemy import func, select

from catalog.models import Department
from core.extensions import db
from core.transactions import write_transaction


def departments() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Department.id)))


def test_a_block_commits_what_it_wrote(app):
    with write_transaction():
        db.session.add(Department(slug="teas", name="Teas"))
    assert departments() == 1


def test_a_failing_block_keeps_nothing(app):
    with pytest.raises(RuntimeError), write_transaction():
        db.session.add(Department(slug="teas", name="Teas"))
        db.session.flush()
        raise RuntimeError("refused")
    assert departments() == 0


def test_an_inner_block_joins_the_outer_one_so_a_later_failure_undoes_both(app):
    with pytest.raises(RuntimeError), write_transaction():
        with write_transaction():
            db.session.add(Department(slug="teas", name="Teas"))
        db.session.add(Department(slug="herbs", name="Herbs"))
        raise RuntimeError("refused")
    assert departments() == 0
