"""What the API returns, as REST framework serializers: they shape the JSON and describe it in the schema."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from assessments.models import Assessment, Charter, Organisation, ReportStatus


def _link(serializer: serializers.Serializer[Any], name: str, pk: int) -> str:
    request = serializer.context["request"]
    return request.build_absolute_uri(reverse(name, args=[pk]))


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    role = serializers.CharField(read_only=True, help_text="Your role in the organisation.")
    assessments = serializers.SerializerMethodField()
    charters = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "sector", "region", "headcount", "notes", "paper_size", "role", "created_at",
            "updated_at", "assessments", "charters",
        ]  # fmt: skip

    def get_assessments(self, obj: Organisation) -> str:
        return _link(self, "api:assessment-list", obj.pk)

    def get_charters(self, obj: Organisation) -> str:
        return _link(self, "api:charter-list", obj.pk)


class AssessmentSummarySerializer(serializers.ModelSerializer[Assessment]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id", "url", "organisation", "name", "status", "created_at", "completed_at", "methodology_version",
            "recommendation", "need_confidence", "caio_signals", "absorb_conditions", "rescored_from",
        ]  # fmt: skip

    def get_url(self, obj: Assessment) -> str:
        return _link(self, "api:assessment-detail", obj.pk)


class AssessmentSerializer(AssessmentSummarySerializer):
    answers = serializers.JSONField(help_text="The answers, as validated (a draft may hold only some).")
    result = serializers.JSONField(
        allow_null=True,
        help_text="The complete result snapshot stored when the assessment was scored (null for a draft); "
        "the same document `assess --format json` prints.",
    )
    report = serializers.SerializerMethodField()

    class Meta(AssessmentSummarySerializer.Meta):
        fields = [*AssessmentSummarySerializer.Meta.fields, "answers", "result", "report"]

    def get_report(self, obj: Assessment) -> str | None:
        return _link(self, "api:report", obj.pk) if obj.is_complete else None


class CharterSerializer(serializers.ModelSerializer[Charter]):
    signatures = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Charter
        fields = [
            "id", "url", "organisation", "number", "status", "source_assessment", "parent", "created_at",
            "agreed_at", "content", "advice", "signatures",
        ]  # fmt: skip

    def get_signatures(self, obj: Charter) -> list[dict[str, str]]:
        return [{"name": s.name, "signed_at": s.signed_at.isoformat()} for s in obj.signatures.all()]

    def get_url(self, obj: Charter) -> str:
        return _link(self, "api:charter-detail", obj.pk)


class CharterSummarySerializer(CharterSerializer):
    class Meta(CharterSerializer.Meta):
        fields = [
            "id",
            "url",
            "organisation",
            "number",
            "status",
            "source_assessment",
            "created_at",
            "agreed_at",
        ]


class ReportSerializer(serializers.Serializer[Any]):
    assessment = serializers.IntegerField()
    size = serializers.ChoiceField(choices=["a4", "letter"])
    language = serializers.ChoiceField(choices=["en", "fr", "de"])
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    reason = serializers.CharField(
        allow_null=True, help_text="Why the render failed: `too_long` (it will fail again) or `error`."
    )
    download = serializers.URLField(help_text="The PDF, once `status` is `ready`.")


class ErrorSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(allow_null=True, help_text="The field a problem is about, or null.")
    message = serializers.CharField()


class ErrorsSerializer(serializers.Serializer[Any]):
    errors = ErrorSerializer(many=True)


class DocumentSerializer(serializers.Serializer[Any]):
    """A caio-assessment document, as `manage.py assess` reads it (see examples/northwind.json)."""

    schema = serializers.CharField(help_text="caio-assessment/2")
    organisation = serializers.JSONField(help_text='{"name": ..., "sector": ..., "region": ...}')
    answers = serializers.JSONField(help_text="Every question's answer, keyed by the question's key.")
