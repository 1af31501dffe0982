/*
 * store_incident.h — storage of emergency plans, incidents, their versions,
 * timeline, tasks and deadlines, filing numbers, warnings, the working-day
 * calendar, and reports received from subordinate units.
 *
 * Rows that carry free-form report fields keep them as JSON text; the
 * columns that rules, lists and need-to-know look at are typed.  Need-to-
 * know is decided by inc_may_see() (core) and applied in SQL by the lists.
 */
#ifndef BAOMI_STORE_INCIDENT_H
#define BAOMI_STORE_INCIDENT_H

#include "../core/calendar.h"
#include "../core/deadline.h"
#include "../core/incident.h"
#include "store.h"

/* ---- shipped data and the calendar (store_plan.c) ---- */
/* An embedded data file ("calendar/cn.txt", "plans/leak.json"): text and length, or NULL. */
const char *data_file(const char *path, size_t *len);
/*
 * The calendar in force: the operator's file if one was loaded
 * (settings key "calendar"), else the shipped one.  *source says which.
 */
enum store_err calendar_load(struct db *db, struct calendar *c, const char **source);
/* Stores the operator's calendar text after it parsed; "" returns to the shipped one. */
enum store_err calendar_save(struct db *db, const char *text);

/* ---- plans (store_plan.c) ---- */
struct plan_rec {
	int64_t id;
	int64_t unit_id;
	char name[129];
	enum plan_kind kind;
	int version;
	enum plan_status status;
	json_t *body; /* owned */
	char template_code[33];
	int64_t created_by, created_at, updated_at;
	int64_t approved_by, approved_at;
	char filed_with[129];
	int64_t filed_at, retired_at;
};
void plan_rec_release(struct plan_rec *p);
enum store_err plan_insert(struct db *db, struct plan_rec *p);
enum store_err plan_get(struct db *db, int64_t id, struct plan_rec *p);
enum store_err plan_save(struct db *db, const struct plan_rec *p);
json_t *plan_json(const struct plan_rec *p, bool with_body);
/* kind, status: -1 any. */
enum store_err plan_list(struct db *db, int kind, int status, json_t **items, int64_t *total);
/* The newest approved or filed plan of the unit that covers this kind of incident. */
enum store_err plan_in_force_for(struct db *db, int64_t unit_id, enum inc_kind k,
                                 struct plan_rec *p);
/* The next version number for a plan name in a unit. */
int plan_next_version(struct db *db, int64_t unit_id, const char *name);

/* ---- incidents (store_incident.c) ---- */
struct inc_rec {
	int64_t id;
	int64_t unit_id;
	enum inc_kind kind;
	enum inc_category category;
	char subcategory[33];
	char title[257];
	enum inc_state state;
	enum level info_level; /* of the information involved; LEVEL_NONE if none */
	enum inc_level prelim_level, proposed_level, confirmed_level, response_level;
	int64_t confirmed_by, confirmed_at;
	int64_t plan_id;
	int64_t discovered_at, reported_at, reported_by;
	int64_t activated_at, handling_at, handled_at;
	int64_t summarised_at, summarised_by, closed_at, closed_by, evaluated_at;
	int32_t filing_day;
	int64_t filing_nth, filing_total;
	int version;
	json_t *report, *factors, *summary, *evaluation; /* owned objects */
	int64_t updated_at;
	int64_t investigated_at, investigated_by; /* a leak's investigation result approved */
	char investigation[2049];
	bool drill; /* an emergency drill (应急演练), not a real incident */
};
void inc_rec_init(struct inc_rec *r);
void inc_rec_release(struct inc_rec *r);
/* Inserts the incident and its report as version 1. */
enum store_err inc_insert(struct db *db, struct inc_rec *r);
enum store_err inc_get(struct db *db, int64_t id, struct inc_rec *r);
/*
 * Writes what an action changes (state, levels, times, texts, version); the
 * caller read r inside the same write transaction.
 */
enum store_err inc_save(struct db *db, const struct inc_rec *r);
json_t *inc_json(const struct inc_rec *r);
/* Stores r->report as version r->version (after the caller bumped it). */
enum store_err inc_add_version(struct db *db, const struct inc_rec *r, int64_t by);
enum store_err inc_versions(struct db *db, int64_t id, json_t **items);
/* A timeline entry; detail may be NULL (stolen otherwise). */
enum store_err inc_event(struct db *db, int64_t incident_id, int64_t account_id, const char *action,
                         json_t *detail);
enum store_err inc_timeline(struct db *db, int64_t id, json_t **items);
/* Is this account assigned a task of the incident? */
bool inc_is_assignee(struct db *db, int64_t incident_id, int64_t account_id);

struct inc_filter {
	int kind, state, level; /* -1 any; level: confirmed */
	bool open_only;         /* not closed, evaluated or dismissed */
	bool overdue_only;      /* has an overdue duty */
	const char *q;          /* substring of the title */
	int drill;              /* 0 real incidents only, 1 drills only, -1 both */
	int limit, offset;
};
/* Lists only what the viewer may see (inc_may_see in SQL); total counts the same set. */
/*
 * inc_may_see() in SQL on an incidents row i: A the viewer's account, W 1
 * when their roles watch the unit's incidents, C their clearance (SQL
 * parameters or literals).
 */
#define INC_VISIBLE(A, W, C)                                                                       \
	"((" W " OR i.reported_by = " A " OR EXISTS (SELECT 1 FROM incident_tasks t "              \
	"WHERE t.incident_id = i.id AND t.assignee_id = " A ")) AND (i.info_level < 2 OR "         \
	"i.info_level <= " C " OR i.reported_by = " A "))"

enum store_err inc_list(struct db *db, const struct inc_viewer *v, const struct inc_filter *f,
                        int64_t now_ms, json_t **items, int64_t *total);
/* Assigns the next filing number of the unit for the Beijing day of now_ms (in the caller's tx). */
enum store_err inc_file_number(struct db *db, int64_t unit_id, int64_t now_ms, int32_t *day,
                               int64_t *nth, int64_t *total);
enum store_err inc_link_carrier(struct db *db, int64_t incident_id, int64_t carrier_id);
enum store_err inc_carriers(struct db *db, int64_t incident_id, json_t **ids);

/* ---- tasks ---- */
enum task_status { TASK_OPEN = 0, TASK_DONE = 1, TASK_CANCELLED = 2 };
struct task_rec {
	int64_t id;
	int64_t incident_id;
	char step[33];
	char phase[33];
	char title[513];
	int64_t assignee_id;
	int64_t due_at;
	enum task_status status;
	char note[1025];
	int64_t done_at, done_by, created_at;
	char role[17]; /* the plan role the task was given to ("duty", "leader"), "" if none */
};
enum store_err task_insert(struct db *db, struct task_rec *t);
enum store_err task_get(struct db *db, int64_t id, struct task_rec *t);
enum store_err task_save(struct db *db, const struct task_rec *t);
enum store_err task_list(struct db *db, int64_t incident_id, int64_t now_ms, json_t **items);
int task_open_count(struct db *db, int64_t incident_id);

/*
 * The open tasks assigned to the viewer, on incidents the viewer may see
 * (INC_VISIBLE), soonest due first (no due time last): {id, incident_id,
 * incident_title, title, due_at, overdue}, the first `limit`; *total counts them all.
 */
enum store_err task_list_assigned(struct db *db, const struct inc_viewer *v, int64_t now_ms,
                                  int limit, json_t **items, int64_t *total);

/* ---- deadlines ---- */
struct duty_rec {
	int64_t id;
	int64_t incident_id;
	int seq;
	char code[72]; /* chain/duty */
	char to_whom[257];
	char what[513];
	int amount;
	enum dl_unit unit;
	enum dl_anchor anchor;
	int prev_seq; /* DL_FROM_PREVIOUS: the duty it follows */
	char escalate_to[33];
	int64_t anchor_at, due_at;
	bool fallback;
	int64_t met_at, met_by;
	char note[513];
	int64_t escalated_at;
	enum dl_source source;
	char basis[257];     /* the legal basis of a statutory duty, the chain's of a plan's */
	char recipient[129]; /* who receives the report: the key a report meets duties by */
	bool superior;       /* the recipient is a superior (closing waits for it) */
	char plan_code[72];  /* a plan duty merged into this statutory one */
	struct dl_limit plan_limit; /* its limit, when plan_code is set */
	int64_t recorded_at;        /* when met_at was entered */
};
enum store_err duty_insert(struct db *db, struct duty_rec *d);
enum store_err duty_get(struct db *db, int64_t id, struct duty_rec *d);
enum store_err duty_save(struct db *db, const struct duty_rec *d);
enum store_err duty_list(struct db *db, int64_t incident_id, int64_t now_ms, json_t **items);
/*
 * Sets the anchor and due time of every duty of the incident whose anchor
 * has now happened (discovered, reported, graded, handled, previous met).
 */
enum store_err duty_refresh(struct db *db, const struct inc_rec *r, const struct calendar *c);
/*
 * Marks the duties that passed their due time unmet as escalated, once
 * each, with a timeline entry naming who is told.  Returns how many.
 */
enum store_err duty_sweep(struct db *db, int64_t now_ms, int *escalated);
/*
 * Tightens a statutory duty with a plan's limit for the same report: its
 * due time is cleared and becomes the earlier of the two at the next
 * duty_refresh.
 */
enum store_err duty_set_plan_limit(struct db *db, int64_t id, const char *plan_code,
                                   const struct dl_limit *limit);
/* Running duties to a superior not yet met (their anchor happened). */
int duty_open_superior(struct db *db, int64_t incident_id, json_t *codes);
/* The seq of the incident's duty of this code (or merged plan code), 0 when it has none. */
int duty_seq(struct db *db, int64_t incident_id, const char *code);
/*
 * On-time rate per unit for duties due in [from, to), of the real incidents
 * the viewer may see (a drill's duties are not counted).
 */
enum store_err duty_stats(struct db *db, const struct inc_viewer *v, int64_t from_ms, int64_t to_ms,
                          int64_t now_ms, json_t **out);

/*
 * The running reporting duties (anchor happened, not met) of the incidents
 * the viewer may see, except dismissed ones, soonest due first: {id,
 * incident_id, incident_title, what, to, due_at, overdue}, the first `limit`;
 * *total counts them all.
 */
enum store_err duty_list_running(struct db *db, const struct inc_viewer *v, int64_t now_ms,
                                 int limit, json_t **items, int64_t *total);

/* ---- warnings ---- */
struct warn_rec {
	int64_t id;
	int64_t unit_id;
	int64_t plan_id; /* the plan whose scale the level is in; 0: the national I–IV */
	int level;       /* rank in the scale, 1 the most severe */
	json_t *scale;   /* the plan's warning_levels (owned); NULL: the national I–IV */
	char plan_name[129];
	char category[33];
	char title[257];
	enum warn_state state;
	int version;
	json_t *body; /* audience, scope, items, measures, issuer ... (owned) */
	int64_t start_at, created_by, created_at, updated_at, lifted_at;
};
void warn_rec_release(struct warn_rec *w);
enum store_err warn_insert(struct db *db, struct warn_rec *w);
enum store_err warn_get(struct db *db, int64_t id, struct warn_rec *w);
/* Saves and records the new version. */
enum store_err warn_save(struct db *db, const struct warn_rec *w, int64_t by);
/* A level of a scale (NULL: the national I–IV) as {rank, code, zh, color, color_zh}. */
json_t *warn_level_json(const json_t *scale, int rank);
/* Levels in a scale (4 for the national one). */
int warn_scale_size(const json_t *scale);
/* The warning, its level by its plan's names, the plan and the whole scale. */
json_t *warn_json(const struct warn_rec *w);
enum store_err warn_list(struct db *db, bool active_only, json_t **items, int64_t *total);
enum store_err warn_versions(struct db *db, const struct warn_rec *w, json_t **items);
/*
 * Puts a notification in the inbox of everyone the warning's audience_to
 * ({all} or {roles, departments}) names, except the account acting; *n
 * gets how many.
 */
enum store_err warn_notify(struct db *db, const struct warn_rec *w, int64_t by_account,
                           const char *kind, const char *zh, const char *en, int *n);

/* ---- upward reporting: trusted keys and received reports ---- */
/* A key trusted by account `by` at time `at` (ms); its id into *id. */
enum store_err tkey_insert(struct db *db, const char *unit_code, const char *unit_name,
                           const char *fpr, const char *pem, int64_t by, int64_t at, int64_t *id);
enum store_err tkey_delete(struct db *db, int64_t id);
enum store_err tkey_list(struct db *db, json_t **items);
/* The PEM of a trusted key by fingerprint into out (malloc'ed), with its unit name. */
enum store_err tkey_find(struct db *db, const char *fpr, char **pem, char *unit_name, size_t n);

struct recv_rec {
	int64_t id;
	char signer[65];
	char unit_code[33];
	char unit_name[129];
	int64_t source_id;
	int source_version;
	enum inc_kind kind;
	char title[257];
	enum level info_level;
	enum inc_level level;
	char state[33];
	char signed_at[32];
	int64_t received_by, received_at;
	char digest[65];
};
/* STORE_CONFLICT when the same package was received before. */
enum store_err recv_insert(struct db *db, struct recv_rec *r, const char *payload,
                           const char *package);
/* clearance: rows above it are left out (need-to-know). */
enum store_err recv_list(struct db *db, enum level clearance, json_t **items, int64_t *total);
/* The record and its payload (JSON, owned) */
enum store_err recv_get(struct db *db, int64_t id, struct recv_rec *r, json_t **payload);
json_t *recv_json(const struct recv_rec *r);

#endif
