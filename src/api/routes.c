/*
 * routes.c — every route the server answers.  docs/openapi.yaml describes
 * exactly these; tests/integration compares the two.
 */
#include "api.h"

#include <stdlib.h>
#include <string.h>

const struct api_route api_routes[] = {
    {"GET", "/healthz", api_healthz, API_PUBLIC},
    {"GET", "/api/v1/meta", api_meta, API_PUBLIC},
    {"POST", "/api/v1/session", api_session_create, API_PUBLIC | API_BODY},
    {"GET", "/api/v1/session", api_session_get, API_MUST_CHANGE_OK},
    {"DELETE", "/api/v1/session", api_session_delete, API_MUST_CHANGE_OK},
    {"PUT", "/api/v1/session/password", api_session_password, API_MUST_CHANGE_OK | API_BODY},
    {"GET", "/api/v1/tokens", api_tokens_list, 0},
    {"POST", "/api/v1/tokens", api_tokens_create, API_BODY},
    {"DELETE", "/api/v1/tokens/{id}", api_tokens_delete, 0},
    {"GET", "/api/v1/units", api_units_list, 0},
    {"POST", "/api/v1/units", api_units_create, API_BODY},
    {"GET", "/api/v1/units/{id}", api_units_get, 0},
    {"PATCH", "/api/v1/units/{id}", api_units_update, API_BODY},
    {"GET", "/api/v1/departments", api_depts_list, 0},
    {"POST", "/api/v1/departments", api_depts_create, API_BODY},
    {"GET", "/api/v1/departments/{id}", api_depts_get, 0},
    {"PATCH", "/api/v1/departments/{id}", api_depts_update, API_BODY},
    {"GET", "/api/v1/people", api_people_list, 0},
    {"POST", "/api/v1/people", api_people_create, API_BODY},
    {"GET", "/api/v1/people/{id}", api_people_get, 0},
    {"PATCH", "/api/v1/people/{id}", api_people_update, API_BODY},
    {"GET", "/api/v1/accounts", api_accounts_list, 0},
    {"POST", "/api/v1/accounts", api_accounts_create, API_BODY},
    {"GET", "/api/v1/accounts/{id}", api_accounts_get, 0},
    {"PATCH", "/api/v1/accounts/{id}", api_accounts_update, API_BODY},
    {"PUT", "/api/v1/accounts/{id}/roles", api_accounts_roles, API_BODY},
    {"POST", "/api/v1/accounts/{id}/password-reset", api_accounts_reset, API_BODY},
    {"POST", "/api/v1/accounts/{id}/unlock", api_accounts_unlock, 0},
    {"GET", "/api/v1/account-directory", api_directory_list, 0},
    {"GET", "/api/v1/policy", api_policy_get, 0},
    {"PUT", "/api/v1/policy", api_policy_put, API_BODY},
    {"GET", "/api/v1/audit", api_audit_list, 0},
    {"GET", "/api/v1/audit/export", api_audit_export, 0},
    {"GET", "/api/v1/audit/verify", api_audit_verify, 0},
    {"GET", "/api/v1/carriers", api_carriers_list, 0},
    {"POST", "/api/v1/carriers", api_carriers_create, API_BODY},
    {"GET", "/api/v1/carriers/stats", api_carriers_stats, 0},
    {"GET", "/api/v1/carriers/export", api_carriers_export, 0},
    {"POST", "/api/v1/carriers/import", api_carriers_import, 0},
    {"GET", "/api/v1/carriers/reminders", api_carriers_reminders, 0},
    {"GET", "/api/v1/carriers/{id}", api_carriers_get, 0},
    {"PATCH", "/api/v1/carriers/{id}", api_carriers_correct, API_BODY},
    {"GET", "/api/v1/carriers/{id}/history", api_carriers_history, 0},
    {"POST", "/api/v1/carriers/{id}/actions", api_carriers_action, API_BODY},
    {"POST", "/api/v1/carriers/{id}/requests", api_carriers_request, API_BODY},
    {"GET", "/api/v1/carrier-requests", api_requests_list, 0},
    {"POST", "/api/v1/carrier-requests/{id}/decision", api_requests_decide, API_BODY},
    {"GET", "/api/v1/approval-rules", api_rules_get, 0},
    {"PUT", "/api/v1/approval-rules", api_rules_put, API_BODY},
    {"GET", "/api/v1/plan-templates", api_plan_templates, 0},
    {"GET", "/api/v1/plans", api_plans_list, 0},
    {"POST", "/api/v1/plans", api_plans_create, API_BODY},
    {"GET", "/api/v1/plans/{id}", api_plans_get, 0},
    {"PATCH", "/api/v1/plans/{id}", api_plans_update, API_BODY},
    {"POST", "/api/v1/plans/{id}/status", api_plans_status, API_BODY},
    {"POST", "/api/v1/plans/{id}/revise", api_plans_revise, 0},
    {"GET", "/api/v1/incidents", api_incidents_list, 0},
    {"POST", "/api/v1/incidents", api_incidents_create, API_BODY},
    {"POST", "/api/v1/incidents/grade-preview", api_incidents_grade_preview, API_BODY},
    {"GET", "/api/v1/incidents/deadline-stats", api_deadlines_stats, 0},
    {"GET", "/api/v1/incidents/{id}", api_incidents_get, 0},
    {"GET", "/api/v1/incidents/{id}/versions", api_incidents_versions, 0},
    {"GET", "/api/v1/incidents/{id}/timeline", api_incidents_timeline, 0},
    {"POST", "/api/v1/incidents/{id}/actions", api_incidents_action, API_BODY},
    {"POST", "/api/v1/incidents/{id}/tasks", api_incidents_task_create, API_BODY},
    {"GET", "/api/v1/incidents/{id}/form", api_incidents_form, 0},
    {"GET", "/api/v1/incidents/{id}/package", api_incidents_package, 0},
    {"PATCH", "/api/v1/incident-tasks/{id}", api_tasks_update, API_BODY},
    {"POST", "/api/v1/incident-deadlines/{id}/met", api_deadlines_meet, API_BODY},
    {"GET", "/api/v1/warnings", api_warnings_list, 0},
    {"POST", "/api/v1/warnings", api_warnings_create, API_BODY},
    {"GET", "/api/v1/warnings/{id}", api_warnings_get, 0},
    {"PATCH", "/api/v1/warnings/{id}", api_warnings_adjust, API_BODY},
    {"POST", "/api/v1/warnings/{id}/lift", api_warnings_lift, API_BODY},
    {"GET", "/api/v1/calendar", api_calendar_get, 0},
    {"PUT", "/api/v1/calendar", api_calendar_put, API_BODY},
    {"GET", "/api/v1/signing-key", api_signing_key, 0},
    {"GET", "/api/v1/trusted-keys", api_tkeys_list, 0},
    {"POST", "/api/v1/trusted-keys", api_tkeys_create, API_BODY},
    {"DELETE", "/api/v1/trusted-keys/{id}", api_tkeys_delete, 0},
    {"GET", "/api/v1/received-reports", api_received_list, 0},
    {"POST", "/api/v1/received-reports", api_received_create, 0},
    {"GET", "/api/v1/received-reports/{id}", api_received_get, 0},
    {"GET", "/api/v1/carrier-media-list", api_media_list, 0},
    {"GET", "/api/v1/checklists", api_checklists_list, 0},
    {"POST", "/api/v1/checklists", api_checklists_create, API_BODY},
    {"GET", "/api/v1/checklists/{id}", api_checklists_get, 0},
    {"GET", "/api/v1/campaigns", api_campaigns_list, 0},
    {"POST", "/api/v1/campaigns", api_campaigns_create, API_BODY},
    {"GET", "/api/v1/campaigns/{id}", api_campaigns_get, 0},
    {"PATCH", "/api/v1/campaigns/{id}", api_campaigns_update, API_BODY},
    {"PUT", "/api/v1/campaigns/{id}/results", api_campaigns_result, API_BODY},
    {"GET", "/api/v1/campaigns/{id}/results", api_campaigns_results, 0},
    {"POST", "/api/v1/campaigns/{id}/evidence", api_campaigns_evidence, 0},
    {"GET", "/api/v1/campaigns/{id}/evidence", api_campaigns_evidence_list, 0},
    {"GET", "/api/v1/evidence/{id}", api_evidence_get, 0},
    {"GET", "/api/v1/campaigns/{id}/scores", api_campaigns_scores, 0},
    {"POST", "/api/v1/campaigns/{id}/check-reports", api_campaigns_import, 0},
    {"GET", "/api/v1/campaigns/{id}/check-reports", api_campaigns_reports, 0},
    {"PUT", "/api/v1/check-key", api_check_key_put, API_BODY},
    {"GET", "/api/v1/campaigns/{id}/findings", api_campaigns_findings, 0},
    {"POST", "/api/v1/campaigns/{id}/findings", api_campaigns_finding_create, API_BODY},
    {"POST", "/api/v1/findings/{id}/task", api_findings_task, API_BODY},
    {"GET", "/api/v1/rect-tasks", api_rtasks_list, 0},
    {"POST", "/api/v1/rect-tasks/{id}/actions", api_rtasks_action, API_BODY},
    {"POST", "/api/v1/campaigns/{id}/spot-checks", api_campaigns_spot, API_BODY},
    {"GET", "/api/v1/campaigns/{id}/spot-checks", api_campaigns_spots, 0},
    {"GET", "/api/v1/campaigns/{id}/report", api_campaigns_report, 0},
    {"GET", "/api/v1/notifications", api_notifications_list, 0},
    {"POST", "/api/v1/notifications/read-all", api_notifications_read_all, 0},
    {"POST", "/api/v1/notifications/{id}/read", api_notifications_read, 0},
    {"GET", "/api/v1/todo", api_todo_list, 0},
    {"GET", "/api/v1/review-keywords", api_pubkw_list, 0},
    {"POST", "/api/v1/review-keywords", api_pubkw_create, API_BODY},
    {"PATCH", "/api/v1/review-keywords/{id}", api_pubkw_update, API_BODY},
    {"DELETE", "/api/v1/review-keywords/{id}", api_pubkw_delete, 0},
    {"GET", "/api/v1/publication-chain", api_pubchain_get, 0},
    {"PUT", "/api/v1/publication-chain", api_pubchain_put, API_BODY},
    {"GET", "/api/v1/publication-reviews", api_pubrev_list, 0},
    {"POST", "/api/v1/publication-reviews", api_pubrev_create, 0},
    {"GET", "/api/v1/publication-reviews/{id}", api_pubrev_get, 0},
    {"POST", "/api/v1/publication-reviews/{id}/versions", api_pubrev_upload, 0},
    {"GET", "/api/v1/publication-reviews/{id}/file", api_pubrev_file, 0},
    {"POST", "/api/v1/publication-reviews/{id}/decision", api_pubrev_decide, API_BODY},
    {"POST", "/api/v1/publication-reviews/{id}/publications", api_pubrev_publish, API_BODY},
    {"POST", "/api/v1/publication-hits/{id}/clear", api_pubhit_clear, API_BODY},
    {"GET", "/api/v1/publications", api_publications_list, 0},
};
const int api_nroutes = (int)(sizeof(api_routes) / sizeof(api_routes[0]));

bool api_route_match(const char *pattern, const char *path, int64_t *id)
{
	while (*pattern && *path) {
		if (strncmp(pattern, "{id}", 4) == 0) {
			int64_t v = 0;
			int digits = 0;

			while (*path >= '0' && *path <= '9') {
				if (digits >= 18)
					return false;
				v = v * 10 + (*path - '0');
				path++;
				digits++;
			}
			if (!digits || v == 0)
				return false;
			*id = v;
			pattern += 4;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}
