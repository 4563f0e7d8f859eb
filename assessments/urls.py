from __future__ import annotations

from django.urls import path

from assessments import views
from assessments.account import token_views
from assessments.account import views as account_views
from assessments.charter import views as charter_views
from assessments.questionnaire import scenario_views
from assessments.questionnaire import views as questionnaire_views
from assessments.report import views as pdf_views
from assessments.team import member_views, panel_views, share_link_views
from assessments.webhooks import views as webhook_views

app_name = "assessments"

urlpatterns = [
    path("account/", account_views.account_settings, name="account"),
    path("account/data/", account_views.account_data_page, name="account-data"),
    path("account/data/export.json", account_views.account_export, name="account-export"),
    path("account/data/import/", account_views.account_import, name="account-import"),
    path("account/tokens/", token_views.token_create, name="token-create"),
    path("account/tokens/<int:token_pk>/revoke/", token_views.token_revoke, name="token-revoke"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/import/", views.assessment_import, name="assessment-import"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation-delete"),
    path("organisations/<int:pk>/assess/", views.assessment_start, name="assessment-start"),
    path("organisations/<int:pk>/compare/", views.assessment_compare, name="assessment-compare"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path(
        "assessments/<int:pk>/step/<slug:step>/", questionnaire_views.assessment_step, name="assessment-step"
    ),
    path(
        "assessments/<int:pk>/step/<slug:step>/autosave/",
        questionnaire_views.assessment_autosave,
        name="assessment-autosave",
    ),
    path("answers/<slug:key>/read/", questionnaire_views.read_answer_view, name="read-answer"),
    path("assessments/<int:pk>/review/", questionnaire_views.assessment_review, name="assessment-review"),
    path("assessments/<int:pk>/results/", views.assessment_results, name="assessment-results"),
    path("assessments/<int:pk>/rescore/", views.assessment_rescore, name="assessment-rescore"),
    path("assessments/<int:pk>/scenario/", scenario_views.scenario, name="scenario"),
    path("assessments/<int:pk>/scenario/save/", scenario_views.scenario_save, name="scenario-save"),
    path("assessments/<int:pk>/name/", views.assessment_rename, name="assessment-rename"),
    path("assessments/<int:pk>/delete/", views.assessment_delete, name="assessment-delete"),
    path("assessments/<int:pk>/export.json", views.assessment_export, name="assessment-export"),
    path("assessments/<int:pk>/report.pdf", pdf_views.assessment_report_pdf, name="report-pdf"),
    path("assessments/<int:pk>/report/retry/", pdf_views.assessment_report_retry, name="report-retry"),
    path("assessments/<int:pk>/report/status.json", pdf_views.assessment_report_status, name="report-status"),
    path("organisations/<int:pk>/members/", member_views.members, name="members"),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/role/", member_views.member_role, name="member-role"
    ),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/remove/",
        member_views.member_remove,
        name="member-remove",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        member_views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("organisations/<int:pk>/activity/", member_views.activity, name="activity"),
    path("organisations/<int:pk>/webhooks/", webhook_views.webhook_list, name="webhook-list"),
    path(
        "organisations/<int:pk>/webhooks/<int:hook_pk>/", webhook_views.webhook_detail, name="webhook-detail"
    ),
    path(
        "organisations/<int:pk>/webhooks/<int:hook_pk>/delete/",
        webhook_views.webhook_delete,
        name="webhook-delete",
    ),
    path("assessments/<int:pk>/panel/", panel_views.panel, name="panel"),
    path("assessments/<int:pk>/panel/settle/<slug:key>/", panel_views.panel_settle, name="panel-settle"),
    path("assessments/<int:pk>/panel/use/", panel_views.panel_use, name="panel-use"),
    path("assessments/<int:pk>/panel/due/", panel_views.panel_due, name="panel-due"),
    path("assessments/<int:pk>/panel/remind/<int:rating_pk>/", panel_views.panel_remind, name="panel-remind"),
    path("organisations/<int:pk>/assess/panel/", panel_views.panel_start, name="panel-start"),
    path("assessments/<int:pk>/rating/step/<slug:step>/", panel_views.rating_step, name="rating-step"),
    path(
        "assessments/<int:pk>/rating/step/<slug:step>/autosave/",
        panel_views.rating_autosave,
        name="rating-autosave",
    ),
    path("assessments/<int:pk>/rating/review/", panel_views.rating_review, name="rating-review"),
    path("assessments/<int:pk>/share/", share_link_views.share_links, name="share-links"),
    path(
        "assessments/<int:pk>/share/<int:link_pk>/revoke/", share_link_views.share_revoke, name="share-revoke"
    ),
    path("assessments/<int:pk>/charter/", charter_views.charter_start, name="charter-start"),
    path("organisations/<int:pk>/charters/", charter_views.charter_list, name="charter-list"),
    path("organisations/<int:pk>/charters/compare/", charter_views.charter_compare, name="charter-compare"),
    path("charters/<int:pk>/", charter_views.charter_detail, name="charter-detail"),
    path("charters/<int:pk>/edit/", charter_views.charter_edit, name="charter-edit"),
    path("charters/<int:pk>/sign/", charter_views.charter_sign, name="charter-sign"),
    path("charters/<int:pk>/new-version/", charter_views.charter_new_version, name="charter-new-version"),
    path("charters/<int:pk>/delete/", charter_views.charter_delete, name="charter-delete"),
    path("charters/<int:pk>/charter.xlsx", charter_views.charter_export_xlsx, name="charter-xlsx"),
    path("charters/<int:pk>/charter.csv", charter_views.charter_export_csv, name="charter-csv"),
]
