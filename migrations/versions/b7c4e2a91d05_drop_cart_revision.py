"""Drop carts.revision: cart pages are no longer cached, so nothing keys on it

Revision ID: b7c4e2a91d05
Revises: f1e9caf688d2
Create Date: 2026-12-02 02:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7c4e2a91d05'
down_revision = 'b7d41c2e9a05'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('carts', schema=None) as batch_op:
        batch_op.drop_column('revision')


def downgrade():
    with op.batch_alter_table('carts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))
