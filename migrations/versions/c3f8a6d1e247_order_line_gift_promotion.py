"""Order lines remember the promotion that gave them free (a free gift); NULL for paid lines

Revision ID: c3f8a6d1e247
Revises: b7c4e2a91d05
Create Date: 2026-12-02 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3f8a6d1e247'
down_revision = 'b7c4e2a91d05'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gift_promotion_id', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_column('gift_promotion_id')
