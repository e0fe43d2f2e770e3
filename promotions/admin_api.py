"""Admin promotions API: the rule format in and out, codes added or generated (staff only)."""

from flask import Response, g
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, pre_dump, validate, validates_schema

from core.auth import ADMIN_API_SECURITY, Role, admin_api_required
from core.fields import PatchSchema, UtcDateTime, WholeNumber
from promotions import queries, service
from promotions.codes import MAX_BATCH, add_code, generate_codes
from promotions.models import PromotionStatus, as_utc
from promotions.schemas import CodeText, PromotionIn

blp = Blueprint(
    "admin_promotions_api",
    __name__,
    url_prefix="/api/v1/admin/promotions",
    description="Admin: promotions and codes",
)
staff = admin_api_required(Role.OWNER, Role.MARKETING)

# Documented examples are sent as they are by Schemathesis's examples phase: valid ones
# reach the service and the database, not only the validation in front of them.
NEW_PROMOTION_EXAMPLE = {
    "name": "Spring sale",
    "trigger": "automatic",
    "benefit": {"type": "percent_off", "percent": 10},
}


class PromotionOut(Schema):
    """The stored rule document plus the server-owned fields (all read-only)."""

    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    terms = fields.String()
    trigger = fields.String()
    codes = fields.List(fields.String())
    priority = fields.Integer()
    stacking = fields.String()
    combines_with = fields.List(fields.String(), allow_none=True)
    starts_at = fields.String(allow_none=True)
    ends_at = fields.String(allow_none=True)
    usage_limit = fields.Integer(allow_none=True)
    usage_limit_per_customer = fields.Integer(allow_none=True)
    budget_cents = fields.Integer(allow_none=True)
    banner = fields.String(allow_none=True)
    show_in_banner = fields.Boolean()
    eligible = fields.Dict()
    conditions = fields.List(fields.Dict())
    benefit = fields.Dict()
    status = fields.String()
    display_status = fields.String()
    times_used = fields.Integer()
    given_cents = fields.Integer()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()

    @pre_dump
    def _document(self, promotion, **kwargs):
        return {
            **promotion.rule,
            "id": promotion.id,
            "show_in_banner": promotion.show_in_banner,
            "status": promotion.status.value,
            "display_status": queries.display_status(promotion).value,
            "times_used": promotion.times_used,
            "given_cents": promotion.given_cents,
            "created_at": as_utc(promotion.created_at),
            "updated_at": as_utc(promotion.updated_at),
        }


class PromotionPatch(PatchSchema, PromotionIn):
    """Some fields of a promotion; the merged rule is validated as a whole."""


class ListQuery(Schema):
    status = fields.String(validate=validate.OneOf([s.value for s in PromotionStatus]))


class CodesIn(Schema):
    """Either one `code`, or `count` generated codes (with an optional `prefix`)."""

    code = CodeText()
    count = WholeNumber(validate=validate.Range(1, MAX_BATCH))
    prefix = fields.String(
        load_default="",
        validate=validate.Regexp(r"^[A-Za-z0-9]{0,12}-?$", error="Up to 12 letters or digits."),
    )
    length = WholeNumber(load_default=8, validate=validate.Range(6, 16))
    usage_limit = WholeNumber(allow_none=True, validate=validate.Range(1, 1_000_000_000))

    @validates_schema
    def _one_way(self, data, **kwargs):
        if ("code" in data) == ("count" in data):
            raise ValidationError("Send either a code or a count.", "code")


class CodesOut(Schema):
    codes = fields.List(fields.String())
    count = fields.Integer()


def _actor() -> str:
    return f"api:{g.admin_user.email}"


@blp.route("")
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.arguments(ListQuery, location="query")
@blp.response(200, PromotionOut(many=True))
def list_promotions(args):
    """Every promotion, highest priority first; filter by stored `status`."""
    status = args.get("status")
    return queries.list_promotions(PromotionStatus(status) if status else None)


@blp.route("", methods=["POST"])
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.arguments(PromotionIn, example=NEW_PROMOTION_EXAMPLE)
@blp.response(201, PromotionOut)
def create(data):
    """Create a promotion from a rule document (see the README's rule format)."""
    return service.create_promotion(data, actor=_actor())


@blp.route("/<int:promotion_id>")
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.response(200, PromotionOut)
def show(promotion_id):
    """One promotion."""
    return queries.get_promotion(promotion_id)


@blp.route("/<int:promotion_id>", methods=["PATCH"])
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.arguments(PromotionPatch, example={"name": "Spring sale", "priority": 5})
@blp.response(200, PromotionOut)
def update(data, promotion_id):
    """Change some fields; the merged rule is validated as a whole."""
    return service.update_promotion(promotion_id, data, actor=_actor())


@blp.route("/<int:promotion_id>", methods=["DELETE"])
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.response(200, PromotionOut, description="The promotion was used, so it was archived.")
@blp.alt_response(204, description="The unused promotion was deleted.")
def delete(promotion_id):
    """Delete an unused promotion; a used one is archived instead (200 with the promotion)."""
    archived = service.delete_promotion(promotion_id, actor=_actor())
    return Response(status=204) if archived is None else archived


@blp.route("/<int:promotion_id>/codes", methods=["POST"])
@blp.doc(security=ADMIN_API_SECURITY)
@staff
@blp.arguments(CodesIn, example={"count": 5, "prefix": "SPRING-"})
@blp.response(201, CodesOut)
def add_codes(data, promotion_id):
    """Add one code (`{"code"}`) or generate `count` unique codes without look-alike characters."""
    if "code" in data:
        row = add_code(
            promotion_id, data["code"], usage_limit=data.get("usage_limit"), actor=_actor()
        )
        codes = [row.code]
    else:
        codes = generate_codes(
            promotion_id,
            data["count"],
            prefix=data["prefix"].upper(),
            length=data["length"],
            usage_limit=data.get("usage_limit", 1),
            actor=_actor(),
        )
    return {"codes": codes, "count": len(codes)}
