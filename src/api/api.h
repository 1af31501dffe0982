/*
 * api — the JSON API under /api/v1 and the embedded web UI.
 *
 * api_handle() is the one entry the HTTP adapter calls.  It matches the
 * route, authenticates (bearer token or session cookie plus CSRF header),
 * enforces the forced password change, takes a database connection from
 * the pool and calls the route's handler with a struct api_ctx.  Handlers
 * check permissions with api_require() and answer with api_reply() or
 * api_error(); every error is JSON with a code, a Chinese and an English
 * message and the offending field.
 */
#ifndef BAOMI_API_H
#define BAOMI_API_H

#include <pthread.h>
#include <stdbool.h>

#include <jansson.h>

#include "../http/http.h"
#include "../store/store.h"

#define API_POOL_MAX 16

/* Login attempts per client address per minute (in memory; it only slows guessing). */
#define API_LOGIN_RATE 20
#define API_RL_SLOTS 1024
struct api_rl_slot {
	uint32_t hash;
	int count;
	int64_t window_ms;
};

/*
 * Need-to-know refusals audited per account and kind of object per minute;
 * repeats beyond that are counted and reported in the next record written.
 */
#define API_HIDDEN_RATE 10
#define API_HIDDEN_SLOTS 256
struct api_hidden_slot {
	uint32_t hash;
	int count;      /* refusals in this window */
	int suppressed; /* of them, not written, not yet reported */
	int64_t window_ms;
};

struct api {
	struct store *st;
	pthread_mutex_t rl_lock;
	struct api_rl_slot rl[API_RL_SLOTS];
	struct api_hidden_slot hidden[API_HIDDEN_SLOTS]; /* under rl_lock */
	bool secure_cookie;
	/* connection pool: one struct db per worker thread */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct db *pool[API_POOL_MAX];
	int npool, nfree;
	struct db *free_list[API_POOL_MAX];
};

struct api_ctx {
	struct api *app;
	struct db *db;
	const struct http_request *req;
	struct http_response *resp;
	json_t *body; /* parsed request body, when the route takes one */
	bool authed;
	bool via_cookie;
	struct account acct;
	struct session ses;
	struct actor actor;
	int64_t id; /* the {id} of the route, if any */
	struct policy policy;
};

enum api_route_flags {
	API_PUBLIC = 1 << 0,         /* no login needed */
	API_MUST_CHANGE_OK = 1 << 1, /* reachable before the forced password change */
	API_BODY = 1 << 2,           /* takes a JSON object body */
};

struct api_route {
	const char *method;
	const char *pattern; /* "/api/v1/people/{id}" */
	void (*fn)(struct api_ctx *c);
	int flags;
};

int api_init(struct api *app, struct store *st, int pool_size, bool secure_cookie);
void api_release(struct api *app);
void api_handle(void *app, const struct http_request *req, struct http_response *resp);
/*
 * Calls the route METHOD PATH ("?k=v&..." undecoded) in process as account
 * `username` (no session; audit source "demo"): the demo seeds through the
 * handlers.  Returns the HTTP status (500 when no route matched) and the
 * answer parsed into *out (NULL when empty), owned by the caller.
 */
int api_call_as(struct api *app, const char *username, const char *method, const char *path,
                json_t *body, json_t **out);
/* The same with a raw request body (an upload) instead of a JSON one. */
int api_call_raw_as(struct api *app, const char *username, const char *method, const char *path,
                    json_t *body, const void *raw, size_t rawlen, json_t **out);
/* Counts a login attempt from `client`; false once over API_LOGIN_RATE this minute. */
bool api_login_rate_ok(struct api *app, const char *client, int64_t now_ms);

/* The route table (routes.c), for dispatch and for `baomi routes`. */
extern const struct api_route api_routes[];
extern const int api_nroutes;
/* Matches a path against a pattern; sets *id for a {id} segment. */
bool api_route_match(const char *pattern, const char *path, int64_t *id);

/* ---- replies ---- */
void api_reply(struct api_ctx *c, int status, json_t *obj); /* steals obj */
void api_reply_list(struct api_ctx *c, json_t *items, int64_t total);
void api_no_content(struct api_ctx *c);
void api_error(struct api_ctx *c, int status, const char *code, const char *zh, const char *en,
               const char *field);
/* Maps a store error to 404/409/400/503/500 with a message. */
void api_store_error(struct api_ctx *c, enum store_err e, const char *field);
/* Answers 400 weak_password with the reason and the policy's numbers. */
void api_weak_password(struct api_ctx *c, enum policy_err pe, const char *field);
/* Answers 403 and records the denial (why: a short reason for the audit record). */
void api_deny(struct api_ctx *c, const char *why);
/*
 * Answers 404 for an object that does not exist or that need-to-know hides
 * (one text for both), and records the refusal as access.denied, at most
 * API_HIDDEN_RATE records per account and object type per minute.  Rolls back
 * the handler's open transaction first, like api_deny.
 */
void api_hidden(struct api_ctx *c, const char *otype, int64_t oid, const char *zh, const char *en);
/* Answers 403 and records the denial unless the account may `p`. */
bool api_require(struct api_ctx *c, enum perm p);

/*
 * ---- request fields; each returns -1 after answering 400 naming the field ----
 * *out stays unchanged when the field is absent.  A JSON null is refused,
 * except by the _or_null forms, for fields the API marks nullable: there null
 * sets *out to "none" (id 0, PERSON_NO_DATE).
 */
int api_only_fields(struct api_ctx *c, const char *const *allowed);
/* The same for a nested object at `path` ("rules[0]"): an unknown key is named "path.key". */
int api_only_keys(struct api_ctx *c, json_t *obj, const char *path, const char *const *allowed);
/* Answers 400 "must not be null" for a field (or a nested "a.b") read directly. */
int api_refuse_null(struct api_ctx *c, const char *field);
int api_field_str(struct api_ctx *c, const char *field, char *out, size_t cap, bool required);
int api_field_id(struct api_ctx *c, const char *field, int64_t *out, bool required);
int api_field_id_or_null(struct api_ctx *c, const char *field, int64_t *out);
int api_field_int(struct api_ctx *c, const char *field, int *out, int lo, int hi, bool required);
int api_field_bool(struct api_ctx *c, const char *field, bool *out, bool required);
/* "YYYY-MM-DD" */
int api_field_date(struct api_ctx *c, const char *field, int32_t *out, bool required);
int api_field_date_or_null(struct api_ctx *c, const char *field, int32_t *out);
int api_query_int(struct api_ctx *c, const char *name, int64_t *out, int64_t lo, int64_t hi);
void api_paging(struct api_ctx *c, int *limit, int *offset, bool *ok);

/* ---- audit from a handler: within the caller's transaction ---- */
enum store_err api_audit(struct api_ctx *c, const char *event, const char *otype, int64_t oid,
                         enum audit_result result, json_t *detail);
/* Runs a change and its audit record in one transaction; answers errors itself. */
bool api_tx_begin(struct api_ctx *c);
bool api_tx_commit(struct api_ctx *c);

/* ---- handlers ---- */
void api_healthz(struct api_ctx *c);
void api_meta(struct api_ctx *c);
void api_ui_asset(struct api_ctx *c);
void api_session_create(struct api_ctx *c);
void api_session_get(struct api_ctx *c);
void api_session_delete(struct api_ctx *c);
void api_session_password(struct api_ctx *c);
void api_tokens_list(struct api_ctx *c);
void api_tokens_create(struct api_ctx *c);
void api_tokens_delete(struct api_ctx *c);
void api_units_list(struct api_ctx *c);
void api_units_create(struct api_ctx *c);
void api_units_get(struct api_ctx *c);
void api_units_update(struct api_ctx *c);
void api_depts_list(struct api_ctx *c);
void api_depts_create(struct api_ctx *c);
void api_depts_get(struct api_ctx *c);
void api_depts_update(struct api_ctx *c);
void api_people_list(struct api_ctx *c);
void api_people_create(struct api_ctx *c);
void api_people_get(struct api_ctx *c);
void api_people_update(struct api_ctx *c);
void api_accounts_list(struct api_ctx *c);
void api_accounts_create(struct api_ctx *c);
void api_accounts_get(struct api_ctx *c);
void api_accounts_update(struct api_ctx *c);
void api_accounts_roles(struct api_ctx *c);
void api_accounts_reset(struct api_ctx *c);
void api_accounts_unlock(struct api_ctx *c);
void api_directory_list(struct api_ctx *c);
void api_policy_get(struct api_ctx *c);
void api_policy_put(struct api_ctx *c);
void api_audit_list(struct api_ctx *c);
void api_audit_export(struct api_ctx *c);
void api_audit_verify(struct api_ctx *c);
/* The caller as need-to-know sees them (clearance only while the person is in post). */
void api_carrier_viewer(struct api_ctx *c, struct carrier_viewer *v);
/* The ledger list's filters from the query (type, level, state, q...); false after a 400. */
bool api_carrier_filter(struct api_ctx *c, struct carrier_filter *f);
void api_carriers_export(struct api_ctx *c);
void api_carriers_import(struct api_ctx *c);
void api_carriers_list(struct api_ctx *c);
void api_carriers_create(struct api_ctx *c);
void api_carriers_correct(struct api_ctx *c);
void api_carriers_get(struct api_ctx *c);
void api_carriers_history(struct api_ctx *c);
void api_carriers_action(struct api_ctx *c);
void api_carriers_request(struct api_ctx *c);
void api_carriers_stats(struct api_ctx *c);
void api_carriers_reminders(struct api_ctx *c);
/*
 * The pending inbox (GET /carrier-requests, 待办): the caller's own requests
 * and those waiting for the caller's decision.  With audit_summaries, the
 * summaries of carriers read by the right to decide are audited (the
 * caller shows them).
 */
enum store_err api_request_inbox(struct api_ctx *c, bool audit_summaries, json_t **items,
                                 int64_t *total);
/* The lists of GET /carriers/reminders, within the viewer's need-to-know. */
enum api_reminder {
	API_REMIND_OVERDUE,  /* lent or taken out past the due day */
	API_REMIND_EXPIRING, /* period ends within `days` */
	API_REMIND_EXPIRED,  /* period over, awaiting the declassification review */
	API_REMIND_YEARLY,   /* yearly review due within `days`, or late */
};
enum store_err api_carrier_reminder(struct api_ctx *c, const struct carrier_viewer *v,
                                    enum api_reminder which, int days, int limit, int offset,
                                    json_t **items, int64_t *total);
void api_requests_list(struct api_ctx *c);
void api_requests_decide(struct api_ctx *c);
void api_rules_get(struct api_ctx *c);
void api_rules_put(struct api_ctx *c);
void api_plan_templates(struct api_ctx *c);
void api_plans_list(struct api_ctx *c);
void api_plans_create(struct api_ctx *c);
void api_plans_get(struct api_ctx *c);
void api_plans_update(struct api_ctx *c);
void api_plans_status(struct api_ctx *c);
void api_plans_revise(struct api_ctx *c);
void api_incidents_list(struct api_ctx *c);
void api_incidents_create(struct api_ctx *c);
/*
 * POST /incidents with a hook run inside the new incident's write
 * transaction once it is stored (it links the incident elsewhere); a hook
 * that answers returns nonzero and the whole incident is rolled back.
 */
typedef int (*api_inc_hook)(struct api_ctx *c, int64_t incident_id, void *arg);
void api_incidents_create_with(struct api_ctx *c, api_inc_hook hook, void *arg);
void api_incidents_grade_preview(struct api_ctx *c);
void api_deadlines_stats(struct api_ctx *c);
void api_incidents_get(struct api_ctx *c);
void api_incidents_versions(struct api_ctx *c);
void api_incidents_timeline(struct api_ctx *c);
void api_incidents_action(struct api_ctx *c);
void api_incidents_task_create(struct api_ctx *c);
void api_tasks_update(struct api_ctx *c);
void api_deadlines_meet(struct api_ctx *c);
void api_warnings_list(struct api_ctx *c);
void api_warnings_create(struct api_ctx *c);
void api_warnings_get(struct api_ctx *c);
void api_warnings_adjust(struct api_ctx *c);
void api_warnings_lift(struct api_ctx *c);
void api_calendar_get(struct api_ctx *c);
void api_calendar_put(struct api_ctx *c);
void api_incidents_form(struct api_ctx *c);
void api_incidents_package(struct api_ctx *c);
void api_signing_key(struct api_ctx *c);
void api_tkeys_list(struct api_ctx *c);
void api_tkeys_create(struct api_ctx *c);
void api_tkeys_delete(struct api_ctx *c);
void api_received_list(struct api_ctx *c);
void api_received_create(struct api_ctx *c);
void api_received_get(struct api_ctx *c);
void api_media_list(struct api_ctx *c);
void api_checklists_list(struct api_ctx *c);
void api_checklists_create(struct api_ctx *c);
void api_checklists_get(struct api_ctx *c);
void api_campaigns_list(struct api_ctx *c);
void api_campaigns_create(struct api_ctx *c);
void api_campaigns_get(struct api_ctx *c);
void api_campaigns_update(struct api_ctx *c);
void api_campaigns_result(struct api_ctx *c);
void api_campaigns_results(struct api_ctx *c);
void api_campaigns_evidence(struct api_ctx *c);
void api_campaigns_evidence_list(struct api_ctx *c);
void api_evidence_get(struct api_ctx *c);
void api_campaigns_scores(struct api_ctx *c);
void api_campaigns_import(struct api_ctx *c);
void api_campaigns_reports(struct api_ctx *c);
void api_check_key_put(struct api_ctx *c);
void api_campaigns_findings(struct api_ctx *c);
void api_campaigns_finding_create(struct api_ctx *c);
void api_findings_task(struct api_ctx *c);
void api_rtasks_list(struct api_ctx *c);
void api_rtasks_action(struct api_ctx *c);
void api_campaigns_spot(struct api_ctx *c);
void api_campaigns_spots(struct api_ctx *c);
void api_campaigns_report(struct api_ctx *c);
void api_notifications_list(struct api_ctx *c);
void api_notifications_read(struct api_ctx *c);
void api_notifications_read_all(struct api_ctx *c);
void api_todo_list(struct api_ctx *c);
void api_stats_get(struct api_ctx *c);
void api_stats_records(struct api_ctx *c);
void api_stats_export(struct api_ctx *c);
void api_stats_package(struct api_ctx *c);
void api_stats_received_create(struct api_ctx *c);
void api_places_list(struct api_ctx *c);
void api_places_create(struct api_ctx *c);
void api_places_get(struct api_ctx *c);
void api_places_update(struct api_ctx *c);
void api_places_visit_create(struct api_ctx *c);
void api_places_entry(struct api_ctx *c);
void api_visits_pending(struct api_ctx *c);
void api_visits_decide(struct api_ctx *c);
void api_visits_action(struct api_ctx *c);
void api_campaign_places_put(struct api_ctx *c);
void api_incident_places_get(struct api_ctx *c);
void api_incident_places_put(struct api_ctx *c);
/*
 * The caller's key-place reminders for the to-do list: overdue reviews (the
 * officer) and visit requests whose current step is theirs, each {kind
 * (place_review, visit_approval), title, title_en, context, due_day, route}.
 */
enum store_err api_place_reminders(struct api_ctx *c, json_t **items);
void api_training_list(struct api_ctx *c);
void api_training_create(struct api_ctx *c);
void api_training_get(struct api_ctx *c);
void api_training_update(struct api_ctx *c);
void api_training_attendance(struct api_ctx *c);
void api_training_person(struct api_ctx *c);
void api_training_stats(struct api_ctx *c);
void api_training_report(struct api_ctx *c);
void api_training_targets_get(struct api_ctx *c);
void api_training_targets_put(struct api_ctx *c);
/*
 * A change that confirms a person in a classified post (training_post_confirm)
 * needs a 岗前 training attended and a signed 保密承诺书; false after
 * answering 409 naming what is missing.  Within the caller's transaction.
 */
bool api_training_post_check(struct api_ctx *c, const struct person *old, const struct person *p);
/*
 * The officer's 节前保密教育 reminder: *due when a public holiday begins
 * within TRAINING_HOLIDAY_LEAD days after `day` (its first day in *start, its
 * name in name) and no 节前教育 session is recorded in the
 * TRAINING_HOLIDAY_WINDOW days before it.
 */
enum store_err api_training_holiday_due(struct api_ctx *c, int32_t day, int32_t *start, char *name,
                                        size_t cap, bool *due);
void api_inventories_list(struct api_ctx *c);
void api_inventories_create(struct api_ctx *c);
void api_inventories_get(struct api_ctx *c);
void api_inventories_scan(struct api_ctx *c);
void api_inventories_close(struct api_ctx *c);
void api_inventories_report(struct api_ctx *c);
void api_inventories_incident(struct api_ctx *c);
void api_inventories_pack(struct api_ctx *c);
void api_label_layouts(struct api_ctx *c);
void api_labels_print(struct api_ctx *c);

/* emergency drills (api_drill.c) */
void api_drills_list(struct api_ctx *c);
void api_drills_people(struct api_ctx *c);
void api_drills_create(struct api_ctx *c);
void api_drills_get(struct api_ctx *c);
void api_drills_action(struct api_ctx *c);
void api_drills_finding(struct api_ctx *c);
void api_drills_notice(struct api_ctx *c);
/* 信息发布保密审查 (api_pubrev.c) */
void api_pubkw_list(struct api_ctx *c);
void api_pubkw_create(struct api_ctx *c);
void api_pubkw_update(struct api_ctx *c);
void api_pubkw_delete(struct api_ctx *c);
void api_pubchain_get(struct api_ctx *c);
void api_pubchain_put(struct api_ctx *c);
void api_pubrev_list(struct api_ctx *c);
void api_pubrev_create(struct api_ctx *c);
void api_pubrev_get(struct api_ctx *c);
void api_pubrev_upload(struct api_ctx *c);
void api_pubrev_file(struct api_ctx *c);
void api_pubrev_decide(struct api_ctx *c);
void api_pubrev_publish(struct api_ctx *c);
void api_pubhit_clear(struct api_ctx *c);
void api_publications_list(struct api_ctx *c);
/* The submissions under review at a step the caller decides (summaries), for the to-do list. */
enum store_err api_pubrev_pending(struct api_ctx *c, json_t **items);

#endif
