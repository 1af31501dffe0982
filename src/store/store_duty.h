/*
 * store_duty.h — storage of the duty roster (值班表): shifts, handover notes
 * (交接班), the duty log (值班日志), and who takes the work a plan gives to
 * a role (the one on duty, else the A role, else the B role).
 */
#ifndef BAOMI_STORE_DUTY_H
#define BAOMI_STORE_DUTY_H

#include "../core/duty.h"
#include "store.h"

#define DUTY_NOTE_MAX 512
#define DUTY_TEXT_MAX 2048
#define DUTY_CALLER_MAX 128

/* A stored shift: the rule's view plus the row's own columns. */
struct dshift_rec {
	struct duty_shift s;
	int64_t unit_id;
	int version;
	char note[DUTY_NOTE_MAX + 1];
	int64_t created_by, updated_at;
};

enum store_err dshift_insert(struct db *db, struct dshift_rec *r);
enum store_err dshift_get(struct db *db, int64_t id, struct dshift_rec *r);
/* Writes the times, people, absences, phone and note; bumps the version. */
enum store_err dshift_update(struct db *db, struct dshift_rec *r);
/*
 * Removes the unit's shifts starting in [from, to) before a generation.
 * STORE_CONFLICT, removing nothing, when there are some and !replace, or
 * when *kept (counted) of them have a handover or log entry.
 */
enum store_err dshift_clear(struct db *db, int64_t unit_id, int64_t from, int64_t to, bool replace,
                            int *kept);
/* The unit of a person, 0 when unknown. */
int64_t duty_person_unit(struct db *db, int64_t person_id);
/* The unit's shifts overlapping [from, to), by start, with the people's names. */
enum store_err dshift_list(struct db *db, int64_t unit_id, int64_t from, int64_t to,
                           json_t **items);
/* The shift on duty at `at` (duty_on_at), STORE_NOTFOUND in a gap. */
enum store_err dshift_at(struct db *db, int64_t unit_id, int64_t at, struct dshift_rec *r);
/* A shift as JSON, with the people's names (one query per named slot). */
json_t *dshift_json(struct db *db, const struct dshift_rec *r);

/* Who takes work given to a plan role. */
struct duty_taker {
	int64_t account_id; /* 0: nobody */
	int64_t shift_id;   /* the shift asked, 0 when none was on duty */
	int slot;           /* enum duty_slot picked, -1 none */
	enum duty_how how;
	bool by_role; /* nobody on duty could: the first enabled account with the role */
};
/*
 * The person who takes work a plan gives to `role` at `at`: for the roles
 * the roster carries (duty_slot_for_role) the shift's person by duty_pick;
 * else, or when nobody on the shift can, the first enabled account with
 * the role (by_role, which the caller records).
 */
enum store_err duty_taker(struct db *db, int64_t unit_id, uint32_t role, int64_t at,
                          struct duty_taker *t);
/* Text for the record of a fallback: "无人值班（值班员），已分派给 X". */
void duty_taker_note(struct db *db, uint32_t role, const struct duty_taker *t, json_t *detail);

/*
 * Hands the open tasks of `account` on open incidents of the unit to the
 * next who can take them (by each task's role at `at`), each with an
 * incident event "task_reassigned"; *n counts them.
 */
enum store_err duty_reassign_tasks(struct db *db, int64_t account, int64_t at, int64_t by,
                                   const char *why, int *n);

/* Tells the account's person (their inbox) of a task given to them ("incident.task"). */
enum store_err duty_notify_task(struct db *db, int64_t account, int64_t incident_id,
                                const char *title);

/* The duty phone of the shift on duty at `at`, "" when none. */
void duty_phone_at(struct db *db, int64_t unit_id, int64_t at, char *out, size_t n);

/* ---- handovers and the log ---- */
enum store_err dhandover_add(struct db *db, int64_t shift_id, int64_t by, const char *text,
                             const char *pending, int64_t at, int64_t *id);
enum store_err dhandover_list(struct db *db, int64_t shift_id, json_t **items);

enum dlog_kind { DL_CALL = 0, DL_EVENT = 1, DL_OTHER = 2 };
#define DLOG_KIND_COUNT 3
const char *dlog_kind_code(enum dlog_kind k);
const char *dlog_kind_zh(enum dlog_kind k);
int dlog_kind_parse(const char *s, enum dlog_kind *out);

struct dlog_rec {
	int64_t id, unit_id, shift_id;
	enum dlog_kind kind;
	int64_t at;
	char caller[DUTY_CALLER_MAX + 1];
	char text[DUTY_TEXT_MAX + 1];
	int64_t by_account, incident_id, created_at;
};
enum store_err dlog_insert(struct db *db, struct dlog_rec *r);
enum store_err dlog_get(struct db *db, int64_t id, struct dlog_rec *r);
/* Links the entry to an incident once (STORE_CONFLICT when it already has one). */
enum store_err dlog_link(struct db *db, int64_t id, int64_t incident_id);
/* The unit's entries with `at` in [from, to), newest first. */
enum store_err dlog_list(struct db *db, int64_t unit_id, int64_t from, int64_t to, int limit,
                         json_t **items, int64_t *total);
/* The entry an incident was opened from: {id, at, kind, text} or NULL. */
json_t *dlog_of_incident(struct db *db, int64_t incident_id);
json_t *dlog_json(struct db *db, const struct dlog_rec *r);

#endif
