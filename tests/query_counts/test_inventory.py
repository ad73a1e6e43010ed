"""Every page of the project (the URL resolver, Django's admin aside) is either a list page with
a test that reads it at two data sizes and finds the same number of queries, or is classified
as another kind of page. A new URL fails ``test_every_url_is_classified`` until it is put in one
of the tables below, with its query-count test when it lists rows."""

import contextlib
import re

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from tests.ops.conftest import ROOT

# List page → the test that reads it at two data sizes (path::function).
LIST_PAGES = {
    "dashboard": "tests/organizations/test_unit_list.py::"
    "test_dashboard_query_count_does_not_grow_with_units",
    "organizations:unit_list": "tests/organizations/test_unit_list.py::"
    "test_unit_list_query_count_does_not_grow_with_units",
    "organizations:person_list": "tests/exports_lists/test_people_units.py::"
    "test_people_page_reads_as_many_queries_for_ninety_people_as_for_nine",
    "organizations:unit_detail": "tests/query_counts/test_unit_and_campaign_pages.py::"
    "test_unit_page_lists_twelve_more_units_and_thirty_more_people_in_as_many_queries",
    "plans:plan_list": "tests/plans/test_plan_pages.py::test_plan_list_query_count_does_not_grow",
    "plans:plan_detail": "tests/plans/test_plan_pages.py::test_plan_detail_query_count_is_fixed",
    "plans:plan_edit": "tests/plans/test_plan_authoring.py::"
    "test_edit_page_query_count_does_not_grow",
    "awards:grant_list": "tests/exports_lists/test_grants.py::"
    "test_page_reads_as_many_queries_for_eighty_grants_as_for_eight",
    "awards:lookup": "tests/awards/test_lookup.py::test_search_results_query_count_does_not_grow",
    "awards:lookup_person": "tests/awards/test_lookup.py::"
    "test_person_page_query_count_does_not_grow",
    "awards:lookup_unit": "tests/awards/test_lookup.py::test_unit_page_query_count_does_not_grow",
    "awards:import_preview": "tests/awards/test_history_import.py::"
    "test_preview_query_count_does_not_grow_with_rows",
    "campaigns:campaign_list": "tests/campaigns/test_campaigns.py::"
    "test_campaign_list_query_count_does_not_grow",
    "campaigns:campaign_detail": "tests/query_counts/test_unit_and_campaign_pages.py::"
    "test_campaign_page_lists_more_participants_and_documents_in_as_many_queries",
    "campaigns:campaign_create": "tests/query_counts/test_unit_and_campaign_pages.py::"
    "test_campaign_and_cluster_forms_offer_twenty_more_units_in_as_many_queries",
    "campaigns:cluster_list": "tests/campaigns/test_clusters.py::"
    "test_cluster_list_query_count_does_not_grow",
    "campaigns:cluster_detail": "tests/campaigns/test_clusters.py::"
    "test_cluster_page_query_count_does_not_grow_with_versions",
    "campaigns:cluster_create": "tests/query_counts/test_unit_and_campaign_pages.py::"
    "test_campaign_and_cluster_forms_offer_twenty_more_units_in_as_many_queries",
    "campaigns:scoring_overview": "tests/campaigns/test_scoring_pages.py::"
    "test_overview_query_count_does_not_grow_with_members",
    "campaigns:scoring_assign": "tests/query_counts/test_unit_and_campaign_pages.py::"
    "test_scoring_assignment_page_lists_eight_more_members_in_as_many_queries",
    "registrations:home": "tests/registrations/test_list_queries.py::"
    "test_secretariat_pages_stay_constant_as_windows_grow",
    "registrations:window_list": "tests/registrations/test_list_queries.py::"
    "test_secretariat_pages_stay_constant_as_windows_grow",
    "registrations:overview": "tests/registrations/test_overview.py::"
    "test_overview_query_count_is_constant",
    "registrations:cluster_list": "tests/registrations/test_list_queries.py::"
    "test_cluster_list_page_stays_constant_as_members_grow",
    "registrations:detail": "tests/query_counts/test_registration_pages.py::"
    "test_the_officers_draft_shows_fifteen_more_lines_in_as_many_queries",
    "registrations:edit": "tests/query_counts/test_registration_pages.py::"
    "test_the_officers_draft_shows_fifteen_more_lines_in_as_many_queries",
    "registrations:people": "tests/query_counts/test_registration_pages.py::"
    "test_people_found_for_a_line_list_thirty_more_in_as_many_queries",
    "registrations:import_preview": "tests/registrations/test_import.py::"
    "test_preview_and_save_run_the_same_queries_for_5_and_50_rows",
    "dossiers:home": "tests/dossiers/test_unit_pages.py::"
    "test_home_reads_as_many_queries_for_twenty_rounds_as_for_two",
    "dossiers:round_list": "tests/dossiers/test_list_queries.py::"
    "test_round_list_reads_as_many_queries_for_twenty_rounds_as_for_two",
    "dossiers:public": "tests/dossiers/test_list_queries.py::"
    "test_public_list_reads_as_many_queries_for_forty_nominees_as_for_two",
    "dossiers:queue": "tests/dossiers/test_review_queue.py::"
    "test_queue_reads_a_fixed_number_of_queries",
    "dossiers:session_list": "tests/dossiers/test_council_views.py::"
    "test_session_list_query_count_does_not_grow",
    "dossiers:detail": "tests/query_counts/test_dossier_pages.py::"
    "test_dossier_page_shows_eight_more_nominations_and_their_documents_in_as_many_queries",
    "dossiers:edit": "tests/query_counts/test_dossier_pages.py::"
    "test_dossier_form_lists_eight_more_nominations_in_as_many_queries",
    "dossiers:versions": "tests/query_counts/test_dossier_pages.py::"
    "test_versions_page_shows_seven_more_versions_in_as_many_queries",
    "dossiers:appraisal": "tests/query_counts/test_dossier_pages.py::"
    "test_appraisal_page_shows_ten_more_nominations_in_as_many_queries",
    "dossiers:session_create": "tests/query_counts/test_dossier_pages.py::"
    "test_session_form_lists_twelve_more_appraised_dossiers_in_as_many_queries",
    "dossiers:session_detail": "tests/query_counts/test_dossier_pages.py::"
    "test_session_page_shows_ten_more_ballots_in_as_many_queries",
    "dossiers:decision_create": "tests/query_counts/test_dossier_pages.py::"
    "test_decision_form_lists_ten_more_approved_nominations_in_as_many_queries",
    "dossiers:decision_detail": "tests/query_counts/test_dossier_pages.py::"
    "test_decision_page_shows_twelve_more_grants_in_as_many_queries",
    "reminders:list": "tests/reminders/test_views_list.py::"
    "test_deadline_list_query_count_does_not_grow_for_an_officer",
    "reminders:deadline": "tests/reminders/test_views_secretariat.py::"
    "test_deadline_page_query_count_does_not_grow_with_units",
    "reminders:council": "tests/reminders/test_views_secretariat.py::"
    "test_council_page_query_count_does_not_grow_with_units",
    "reminders:outbox": "tests/reminders/test_views_outbox.py::"
    "test_outbox_query_count_does_not_grow",
    "reminders:deadline_create": "tests/query_counts/test_reminder_pages.py::"
    "test_deadline_form_offers_twenty_more_units_in_as_many_queries",
    "reminders:calendar_feed": "tests/query_counts/test_reminder_pages.py::"
    "test_calendar_feed_holds_fifteen_more_deadlines_in_as_many_queries",
    "notifications:list": "tests/notifications/test_views.py::"
    "test_notification_list_query_count_does_not_grow",
    "reports:job_list": "tests/reports/jobs/test_views.py::"
    "test_the_list_takes_a_fixed_number_of_queries",
    "reports:summary_page": "tests/reports/summary/test_page.py::"
    "test_page_queries_do_not_grow_with_the_data",
    "reports:statutory_page": "tests/reports/statutory/test_statutory_access.py::"
    "test_the_page_runs_as_many_queries_whatever_the_data",
}

# The other pages, by kind.
OTHER_PAGES = {
    "a form or an action on one object (a list it shows is that of a tested page, or bounded: "
    "the catalog, a cluster's criteria and members, the plan document's own text)": {
        *("awards:import", "campaigns:acclamation", "campaigns:campaign_document_upload"),
        *("campaigns:campaign_edit", "campaigns:campaign_launch", "campaigns:campaign_propose"),
        *("campaigns:cluster_document_upload", "campaigns:cluster_edit"),
        *("campaigns:cluster_election", "campaigns:from_plan", "campaigns:scoring_close"),
        *("campaigns:scoring_scale", "campaigns:sheet_fill"),
        *("dossiers:act", "dossiers:appraisal_save", "dossiers:appraise"),
        *("dossiers:attachment_upload", "dossiers:grant_revoke", "dossiers:nomination_delete"),
        *("dossiers:nomination_edit", "dossiers:return", "dossiers:round_create"),
        *("dossiers:round_edit", "dossiers:session_close", "dossiers:session_votes"),
        *("dossiers:start", "dossiers:take"),
        *("notifications:mark_read", "notifications:settings"),
        *("plans:plan_copy", "plans:plan_create", "plans:plan_issue", "plans:plan_pdf_render"),
        *("plans:plan_review", "plans:plan_upload"),
        *("registrations:autosave", "registrations:check_line", "registrations:consolidate"),
        *("registrations:import", "registrations:list_extension", "registrations:list_review"),
        *("registrations:list_submit", "registrations:open", "registrations:review"),
        *("registrations:submit", "registrations:unit_extension"),
        *("registrations:window_deadline", "registrations:window_open"),
        *("reminders:calendar", "reminders:deadline_offsets", "reminders:outbox_run"),
        *("reminders:plan_offsets", "reminders:target_done", "reminders:target_reopen"),
        "reports:job_new",
    },
    "the account: log-in, password, two-factor authentication, language": {
        *("login", "logout", "password_change", "password_change_done", "password_reset"),
        *("password_reset_complete", "password_reset_confirm", "password_reset_done"),
        *("security:backup_codes", "security:overview", "security:setup", "security:verify"),
        "set_language",
    },
    "a file download (the list exports render in background jobs with their own query tests)": {
        *("awards:import_template", "awards:lookup_person_pdf", "awards:lookup_person_xlsx"),
        *("awards:lookup_unit_pdf", "awards:lookup_unit_xlsx"),
        *("campaigns:campaign_document_download", "campaigns:cluster_document_download"),
        *("dossiers:attachment_download", "dossiers:decision_pdf", "dossiers:nominees_docx"),
        *("dossiers:nominees_pdf", "dossiers:proposal_docx", "dossiers:proposal_pdf"),
        *("dossiers:session_minutes", "plans:plan_pdf", "registrations:export_download"),
        *("registrations:import_template", "registrations:list_export"),
        *("registrations:overview_export", "reminders:proof_download", "reports:job_download"),
    },
    "a status, a count, a redirect or a health check": {
        *("home", "healthz", "notifications:count", "plans:plan_pdf_status"),
        *("registrations:export_status", "reports:job_detail", "reports:job_status"),
    },
    "one object whose page lists nothing that grows (a state's counts, a unit's proofs)": {
        *("awards:import_done", "certificates:verify", "dossiers:round_detail"),
        "reminders:target",
    },
}


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            names |= _url_names(entry.url_patterns, prefix)
        elif entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_url_is_classified():
    names = _url_names(get_resolver().url_patterns)
    project = {name for name in names if not name.startswith("admin:")}
    others = set().union(*OTHER_PAGES.values())
    classified = set(LIST_PAGES) | others

    assert not set(LIST_PAGES) & others
    assert sorted(project - classified) == [], (
        "new pages: add each to LIST_PAGES with its two-size query-count test, or to OTHER_PAGES"
    )
    assert sorted(classified - project) == [], "pages that no longer exist"


def test_every_list_page_names_a_test_that_reads_it():
    for name, reference in LIST_PAGES.items():
        path, function = reference.split("::")
        source = (ROOT / path).read_text()
        assert re.search(rf"^def {function}\(", source, re.MULTILINE), reference
        short = name.rpartition(":")[2]  # also through a helper adding the namespace
        spellings = [f'"{name}"', f"'{name}'", f'"{short}"']
        with contextlib.suppress(NoReverseMatch):  # a page without arguments, by its address
            spellings.append(f'"{reverse(name)}"')
        assert any(spelling in source for spelling in spellings), f"{reference} lacks {name}"
