/*
 * store — the data directory and its SQLite database.
 *
 * A data directory holds baomi.db (SQLite, WAL, foreign keys on, schema
 * versioned by migrations applied at open), audit.key (the HMAC-SM3 key of
 * the audit chain, kept outside the database file, mode 0400) and a lock
 * file that `baomi serve` holds so that `baomi restore` cannot run under a
 * live server.  A struct store is shared by all threads; each thread opens
 * its own struct db connection.
 */
#ifndef BAOMI_STORE_H
#define BAOMI_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <sqlite3.h>

#include "../core/audit.h"
#include "../core/carrier.h"
#include "../core/person.h"
#include "../core/policy.h"
#include "../core/role.h"

enum store_err {
	STORE_OK = 0,
	STORE_NOTFOUND,
	STORE_CONFLICT, /* a unique value already exists */
	STORE_INVALID,  /* a reference or check constraint failed */
	STORE_BUSY,     /* locked by another process */
	STORE_IO,       /* file system or SQLite failure */
	STORE_CORRUPT,  /* file is not a baomi database */
};

#define STORE_ERRMSG_MAX 256
#define STORE_DB_FILE "baomi.db"
#define STORE_KEY_FILE "audit.key"
#define STORE_LOCK_FILE "baomi.lock"
#define STORE_ANCHOR_FILE "audit.anchor"
#define STORE_SCHEMA_VERSION 1

struct store {
	char *dir;
	char *db_path;
	struct hmac_sm3 audit_key;
	int lock_fd; /* -1 unless store_lock() succeeded */
	/*
	 * One write transaction at a time in this process: writers queue here
	 * instead of meeting SQLite's lock and sleeping in its busy handler,
	 * and all of them run on one connection (writer), whose page cache
	 * stays warm: a connection's cache is dropped whenever another one
	 * has committed.
	 */
	pthread_mutex_t write_lock;
	sqlite3 *writer;
	unsigned policy_gen; /* bumped by each commit that saved the policy */
	/* audit.anchor: the newest committed record, written by one thread at a time */
	pthread_mutex_t anchor_lock;
	bool anchor_busy, anchor_due;
	uint64_t commits, anchor_commit; /* commits that appended audit records, in order */
	int64_t anchor_id;
	uint8_t anchor_mac[AUDIT_MAC_LEN];
	/*
	 * Bulk loading (the demo's seeding, before anyone is served): commits
	 * skip their WAL sync and leave audit.anchor to store_bulk_end.
	 */
	bool bulk;
};

/* A statement kept prepared on a connection for the next use of the same SQL. */
#define STORE_STMT_CACHE 48
struct store_stmt {
	sqlite3 *h; /* the connection it was prepared on */
	sqlite3_stmt *s;
	uint32_t hash; /* of its SQL text */
	bool busy;     /* handed out by store_prepare, not yet back by store_finish */
	uint64_t used; /* the least recently used is replaced first */
};

struct db {
	sqlite3 *h;
	struct store *st;
	char errmsg[STORE_ERRMSG_MAX];
	bool in_tx;   /* in a write transaction: holds st->write_lock, h is st->writer */
	sqlite3 *own; /* this connection's handle, while h is st->writer */
	struct store_stmt stmts[STORE_STMT_CACHE];
	uint64_t stmt_clock;
	/* the policy as last read, valid while st->policy_gen is policy_gen */
	struct policy policy;
	unsigned policy_gen;
	bool policy_cached, policy_dirty;
	/* the newest audit record of the open transaction, anchored after COMMIT */
	bool anchor_pending;
	int64_t anchor_id;
	uint8_t anchor_mac[AUDIT_MAC_LEN];
	/*
	 * Bulk loading (the demo's seeding, before anyone is served): commits
	 * skip their WAL sync and leave audit.anchor to store_bulk_end.
	 */
	bool bulk;
};

/* Who does something, for the audit record and for access checks. */
struct actor {
	int64_t account_id; /* 0 = nobody (login attempts, CLI) */
	const char *username;
	enum admin_role admin;
	uint32_t roles;
	int64_t person_id;
	int64_t department_id; /* of the linked person, 0 if none */
	const char *source;    /* client address or "cli" */
};

/* A string member of a JSON object, "" when absent or not a string. */
const char *json_str(const json_t *o, const char *key);

/* ---- data directory ---- */
struct store_init_opts {
	const char *unit_name;
	const char *unit_code;
	const char *init_password; /* NULL: generate one per account */
};
/* Generated passwords come back in pw[ADMIN_ROLE_COUNT] (index by admin role). */
enum store_err store_create(const char *dir, const struct store_init_opts *o,
                            char pw[ADMIN_ROLE_COUNT][40], char *err, size_t errlen);
enum store_err store_open(struct store **out, const char *dir, char *err, size_t errlen);
void store_free(struct store *st);
/* Exclusive lock on the data directory for a server; STORE_BUSY if held. */
enum store_err store_lock(struct store *st, char *err, size_t errlen);

/*
 * Bulk loading: from store_bulk_begin on, commits do not wait for the disk;
 * store_bulk_end syncs the WAL and writes audit.anchor once.  Only for a
 * store nobody else uses yet.
 */
void store_bulk_begin(struct store *st);
enum store_err store_bulk_end(struct store *st);
enum store_err db_open(struct db **out, struct store *st);
void db_close(struct db *db);
/*
 * A write transaction (BEGIN IMMEDIATE): until db_commit or db_rollback,
 * db->h is the store's one writer connection.  db_commit returns once the
 * transaction is on disk.
 */
enum store_err db_begin(struct db *db);
enum store_err db_commit(struct db *db);
void db_rollback(struct db *db);
/* Maps the last SQLite error to a store_err and fills db->errmsg. */
enum store_err db_fail(struct db *db, int rc);

/* Online backup (consistent while the server runs) and restore (server stopped). */
enum store_err store_backup(struct store *st, const char *file, char *err, size_t errlen);
enum store_err store_restore(struct store *st, const char *file, char *err, size_t errlen);

/* ---- audit (store_audit.c) ---- */
/* Appends within the caller's write transaction. */
enum store_err audit_append(struct db *db, const struct actor *a, const char *event,
                            const char *object_type, const char *object_id,
                            enum audit_result result, const char *detail);
/* Appends in a transaction of its own (denials, failed logins). */
enum store_err audit_append_tx(struct db *db, const struct actor *a, const char *event,
                               const char *object_type, const char *object_id,
                               enum audit_result result, const char *detail);

/* the longest free-text audit search, in bytes */
#define AUDIT_Q_MAX 100
struct audit_filter {
	int64_t from_ms, to_ms; /* 0 = open */
	const char *username, *event, *object_type, *object_id;
	/* free text: the detail, the user's name or display name, an event's or object type's
	 * label (查阅载体, 载体), a level's label (机密 finds "secret") */
	const char *q;
	int result; /* -1 any */
	int limit, offset;
};
enum store_err audit_query(struct db *db, const struct audit_filter *f, json_t **items,
                           int64_t *total);
/* A record as the API shows it (AuditRecord in docs/openapi.yaml). */
json_t *audit_rec_json(const struct audit_rec *r);
/* Streams matching records oldest first to cb; stops when cb returns non-zero. */
enum store_err audit_each(struct db *db, const struct audit_filter *f,
                          int (*cb)(const struct audit_rec *r, void *arg), void *arg);

struct audit_verify_result {
	bool ok;
	int64_t records;
	int64_t first_bad_id;
	char reason[160];
};
/*
 * Verifies the whole chain; `threads` > 1 splits it into ranges.  With
 * check_anchor, the chain must also hold the record named by audit.anchor
 * (kept beside the key, rewritten after each commit): a database rolled back
 * to an older state, or emptied, fails.
 */
enum store_err audit_verify(struct store *st, int threads, bool check_anchor,
                            struct audit_verify_result *res);
/* Rewrites audit.anchor (after a commit, and after restore). */
enum store_err audit_anchor_write(struct store *st, int64_t id, const uint8_t mac[AUDIT_MAC_LEN]);

/*
 * Rollback evidence: the log against audit.anchor, the newest record this
 * data directory is known to have committed.  A log that ends before the
 * anchored record lost records (an older copy of the database put back, a
 * WAL cut short); the server then refuses to start until an operator
 * acknowledges the gap (audit_gap_acknowledge), which leaves it in the log.
 */
enum audit_gap_kind {
	AUDIT_GAP_NONE,       /* the anchored record is in the log, unchanged */
	AUDIT_GAP_BEHIND,     /* the log ends before the anchored record */
	AUDIT_GAP_REWRITTEN,  /* the anchored id holds another record: a different history */
	AUDIT_GAP_NO_ANCHOR,  /* audit.anchor is missing */
	AUDIT_GAP_BAD_ANCHOR, /* audit.anchor is unreadable or altered */
	AUDIT_GAP_NO_HEAD,    /* the log has no chain head: emptied or not a baomi log */
};
struct audit_gap {
	enum audit_gap_kind kind;
	int64_t anchor_id; /* the anchored record, 0 when the anchor cannot be read */
	int64_t head_id;   /* the log's newest record */
	int64_t missing;   /* records lost: anchor_id - head_id when BEHIND or NO_HEAD, else 0 */
	int64_t head_ms;   /* the time of the log's newest record */
};
/* Compares the anchor with the log: two lookups, no chain walk. */
enum store_err audit_gap_check(struct store *st, struct audit_gap *g);
/* "behind", "rewritten", ... and the sentence an operator reads, in Chinese and English. */
const char *audit_gap_code(enum audit_gap_kind k);
const char *audit_gap_zh(enum audit_gap_kind k);
const char *audit_gap_en(enum audit_gap_kind k);
/*
 * Records a gap found by audit_gap_check (g, checked again here) as an
 * audit.gap_acknowledged record with the operator's reason, raises every
 * id sequence and number counter past what the lost records can have
 * issued, and so moves the anchor to the new record.  The caller holds
 * the data directory's lock (store_lock).  STORE_NOTFOUND when there is
 * no gap; *raised gets the amount the id sequences rose by.
 */
enum store_err audit_gap_acknowledge(struct store *st, const char *reason, struct audit_gap *g,
                                     int64_t *raised, char *err, size_t errlen);

/* ---- policy and settings (store_account.c) ---- */
enum store_err policy_load(struct db *db, struct policy *p);
enum store_err policy_save(struct db *db, const struct policy *p);
/* A setting's text (malloc'ed) or *out NULL when unset. */
enum store_err setting_get(struct db *db, const char *key, char **out);
/* Sets a setting; "" removes it. */
enum store_err setting_put(struct db *db, const char *key, const char *value);

/* ---- accounts, sessions, tokens (store_account.c) ---- */
struct account {
	int64_t id;
	char username[65];
	char display_name[129];
	int64_t person_id;
	enum admin_role admin;
	uint32_t roles;
	bool must_change;
	bool disabled;
	int failed_logins;
	int64_t locked_until;
	int64_t last_login;
	int64_t password_changed_at;
	int64_t created_at;
	char password_hash[128];
};

enum store_err account_get(struct db *db, int64_t id, struct account *a);
enum store_err account_by_name(struct db *db, const char *username, struct account *a);
json_t *account_json(const struct account *a);
enum store_err account_list(struct db *db, int limit, int offset, json_t **items, int64_t *total);
/*
 * Enabled business accounts whose display name holds q (ASCII case folded), at most `limit`, each
 * {id, display_name, department} with the department's name or null; *total counts every match.
 */
enum store_err account_directory(struct db *db, const char *q, int limit, json_t **items,
                                 int64_t *total);
/* Hashes `password` with argon2id and inserts; a->id is set. */
enum store_err account_insert(struct db *db, struct account *a, const char *password);
/*
 * The same with a password hash made earlier (account_insert's): the demo's
 * accounts share their first password, which each must change at first
 * login, and hashing it once keeps `baomi demo` fast.
 */
enum store_err account_insert_hashed(struct db *db, struct account *a, const char *hash);
/*
 * Each writes only its own columns (call inside the write transaction, on an
 * account read there): the display name, person link and disabled flag; the
 * business roles; the lockout (cleared).
 */
enum store_err account_set_profile(struct db *db, const struct account *a);
enum store_err account_set_roles(struct db *db, int64_t id, uint32_t roles);
enum store_err account_unlock(struct db *db, int64_t id);
/* *other: an enabled business account of person_id other than `except`, or 0. */
enum store_err account_person_enabled(struct db *db, int64_t person_id, int64_t except,
                                      int64_t *other);
enum store_err account_set_password(struct db *db, int64_t id, const char *password,
                                    bool must_change);
bool account_password_ok(const struct account *a, const char *password);
/* Records a failed login; returns the new count and sets *locked_until when it locks. */
enum store_err account_login_failed(struct db *db, struct account *a, const struct policy *p,
                                    int64_t now_ms, bool *locked);
enum store_err account_login_ok(struct db *db, struct account *a, int64_t now_ms);

#define SESSION_TOKEN_LEN 43 /* base64url of 32 random bytes */
enum session_kind { SESSION_LOGIN = 0, SESSION_API_TOKEN = 1 };
struct session {
	int64_t id;
	int64_t account_id;
	enum session_kind kind;
	char csrf[SESSION_TOKEN_LEN + 1];
	int64_t last_seen;
	int64_t expires_at;
};
/* Creates a session or API token; the clear token goes to token_out only. */
enum store_err session_create(struct db *db, int64_t account_id, enum session_kind kind,
                              const char *name, int64_t expires_at, const char *source,
                              char token_out[SESSION_TOKEN_LEN + 1], struct session *s);
enum store_err session_lookup(struct db *db, const char *token, struct session *s);
enum store_err session_touch(struct db *db, int64_t id, int64_t now_ms);
enum store_err session_delete(struct db *db, int64_t id);
enum store_err session_delete_account(struct db *db, int64_t account_id, enum session_kind kind);
/* Ends every session and token of the account except `keep` (0 keeps none). */
enum store_err session_delete_others(struct db *db, int64_t account_id, int64_t keep);
/* One page of the account's API tokens; *total counts them all. */
enum store_err token_list(struct db *db, int64_t account_id, int limit, int offset, json_t **items,
                          int64_t *total);
enum store_err token_delete(struct db *db, int64_t account_id, int64_t id);

/* ---- organisation (store_org.c) ---- */
struct unit {
	int64_t id;
	char name[129];
	char code[33];
	int64_t parent_id;
};
struct department {
	int64_t id;
	int64_t unit_id;
	char name[129];
	char code[33];
};
enum store_err unit_insert(struct db *db, struct unit *u);
enum store_err unit_update(struct db *db, const struct unit *u);
enum store_err unit_get(struct db *db, int64_t id, struct unit *u);
/* Would setting parent create a cycle? */
bool unit_parent_cycles(struct db *db, int64_t id, int64_t parent_id);
json_t *unit_json(const struct unit *u);
enum store_err unit_list(struct db *db, int limit, int offset, json_t **items, int64_t *total);
int64_t unit_home(struct db *db); /* the unit this installation belongs to */

enum store_err dept_insert(struct db *db, struct department *d);
enum store_err dept_update(struct db *db, const struct department *d);
enum store_err dept_get(struct db *db, int64_t id, struct department *d);
json_t *dept_json(const struct department *d);
enum store_err dept_list(struct db *db, int64_t unit_id, json_t **items, int64_t *total);
/* One page of dept_list; *total counts them all. */
enum store_err dept_list_page(struct db *db, int64_t unit_id, int limit, int offset, json_t **items,
                              int64_t *total);

enum store_err person_insert(struct db *db, struct person *p);
enum store_err person_update(struct db *db, const struct person *p);
enum store_err person_get(struct db *db, int64_t id, struct person *p);
/* names_only: the view for account linking (id, name, department, status). */
json_t *person_json(const struct person *p, bool names_only);
struct person_filter {
	int64_t department_id; /* 0 any */
	int status;            /* -1 any */
	int staff_class;       /* -1 any */
	const char *q;         /* substring of name, title or phone */
	int limit, offset;
};
enum store_err person_list(struct db *db, const struct person_filter *f, bool names_only,
                           json_t **items, int64_t *total);

/* ---- the carrier ledger (store_carrier.c) ---- */
#define CARRIER_SCOPE_MAX 64
#define CARRIER_READERS_MAX 32

struct carrier_rec {
	int64_t id;
	int64_t unit_id;
	char number[64];
	enum carrier_type type;
	char title[257];
	enum level level;
	enum carrier_state state;
	int period_years;
	int32_t release_on; /* days, 0 none */
	char release_condition[257];
	bool period_defaulted;
	char period_basis[257]; /* override basis for a longer period */
	int32_t issued_on;
	int32_t expires_on;  /* 0: by condition */
	int32_t reviewed_on; /* last yearly review, 0 never */
	int32_t review_due;  /* next yearly review, 0 none (set by the store) */
	char classifier[129];
	char classify_basis[257];
	int64_t custodian_id, handler_id, holder_id;
	int32_t due_on;
	char location[257];
	int copies;
	char copy_no[65];
	char origin[16]; /* "made" or "received" */
	char sender[129];
	char doc_no[129];
	int pages;
	char serial[129];
	char asset_tag[129];
	char model[129];
	char capacity[65];
	bool classified_use;
	int64_t parent_id;
	int64_t readers[CARRIER_READERS_MAX]; /* circulation still to sign, in order */
	int nreaders;
	char notes[2049];
	int64_t created_at, updated_at;
	int64_t scope_people[CARRIER_SCOPE_MAX];
	size_t nscope_people;
	int64_t scope_depts[CARRIER_SCOPE_MAX];
	size_t nscope_depts;
};

struct carrier_filter {
	int type, level, state; /* -1 any */
	int64_t custodian_id;   /* 0 any */
	const char *q;          /* full-text words */
	int expiring_days;      /* > 0: period ends within that many days */
	int overdue;            /* 1: lent or taken out past due */
	int expired;            /* 1: period over, not yet declassified or extended */
	int review_days;        /* > 0: yearly review due within that many days (or late) */
	int32_t today;
	int limit, offset;
};

void carrier_rec_init(struct carrier_rec *c);
/* Allocates the number (单位代码-年份-类别-序号, never reused) and inserts with the scope. */
enum store_err carrier_insert(struct db *db, struct carrier_rec *c, const char *unit_code);
enum store_err carrier_get(struct db *db, int64_t id, struct carrier_rec *c);
/* Writes the whole record, knowledge scope included. */
enum store_err carrier_save(struct db *db, const struct carrier_rec *c);
/*
 * Writes only what lifecycle actions change: level, state, period and expiry,
 * holder and due day, location, copies, readers and review days (with the
 * search tokens they imply); never the description, the people or the scope.
 */
enum store_err carrier_save_lifecycle(struct db *db, const struct carrier_rec *c);
/*
 * Writes the officer's correction: only the columns of the fields named
 * (JSON names, see carrier_correctable), with what they imply (expiry and
 * review day for issued_on; the scope rows and search tokens for the scope).
 */
enum store_err carrier_save_correction(struct db *db, const struct carrier_rec *c,
                                       const char *const *fields, size_t nfields);
/*
 * The state a carrier was in when a verified leak last made it lost or
 * leaked (its "compromised" history event); CS_COUNT when none is recorded.
 */
enum store_err carrier_state_before_leak(struct db *db, int64_t carrier_id,
                                         enum carrier_state *out);
json_t *carrier_json(const struct carrier_rec *c);
void carrier_access_of(const struct carrier_rec *c, struct carrier_access *a);
/*
 * How carrier_list picks its plan (see store_carrier.c); the answer is the
 * same whichever it picks.  Tests set the numbers low to reach every plan.
 */
struct carrier_list_tuning {
	int scan_rows, row_probe, collect_viewer, collect_officer;
};
extern struct carrier_list_tuning carrier_list_tuning;
/* Lists only what the viewer may see; total counts the same set. */
enum store_err carrier_list(struct db *db, const struct carrier_viewer *v,
                            const struct carrier_filter *f, json_t **items, int64_t *total);
/* Counts by level and state of what the viewer may see. */
enum store_err carrier_stats(struct db *db, const struct carrier_viewer *v, int32_t today,
                             json_t **out);
enum store_err carrier_event(struct db *db, const struct actor *a, int64_t carrier_id,
                             const char *action, const char *detail);
enum store_err carrier_history(struct db *db, int64_t carrier_id, json_t **items);
/*
 * The numbers of the carriers a person holds now, borrowed or taken out, in
 * number order (the first 50); *total counts them all.
 */
enum store_err carrier_held_by(struct db *db, int64_t person_id, json_t **numbers, int64_t *total);

/* Approval steps (roles, comma-separated) for an action at a level; "" = none needed. */
enum store_err approval_steps(struct db *db, const char *action, enum level l, char *out, size_t n);
struct carrier_request {
	int64_t id;
	int64_t carrier_id;
	char action[32];
	char reason[513];
	int64_t requested_by;
	int64_t requested_at;
	char steps[128];
	int step;
	char status[16];
	char decisions[4096];
};
enum store_err request_insert(struct db *db, struct carrier_request *r);
enum store_err request_get(struct db *db, int64_t id, struct carrier_request *r);
/*
 * Writes one decision (step, status, decisions) if the request is still
 * pending at step `at_step`; STORE_CONFLICT if it was decided meanwhile.
 */
enum store_err request_decide(struct db *db, const struct carrier_request *r, int at_step);
/* Marks an approved request used, once: STORE_CONFLICT if it is no longer approved. */
enum store_err request_use(struct db *db, int64_t id);
json_t *request_json(const struct carrier_request *r);
/* The approved, unused request of this action on this carrier, if any. */
enum store_err request_find_approved(struct db *db, int64_t carrier_id, const char *action,
                                     struct carrier_request *r);
/* The role code of a request's current step (into out), and its index. */
int request_step_role(const struct carrier_request *r, char *out, size_t n);
/*
 * Whether a person may decide a step on a carrier at `l`: in post (在岗) and
 * cleared for the level.  The role and "not the requester" are the caller's.
 */
bool request_approver_cleared(int person_status, enum staff_class sc, enum level l);
/* One account that may decide a step. */
struct request_approver {
	int64_t account_id;
	int64_t person_id;
	char display_name[129];
};
/*
 * The accounts that may decide a step of `role` (one role bit) on a carrier
 * at `l`: enabled, holding the role, tied to a person in post cleared for the
 * level, of department `dept` unless it is 0, and not `requester`.  Up to
 * `max` of them, in account order.
 */
enum store_err request_approvers(struct db *db, uint32_t role, enum level l, int64_t dept,
                                 int64_t requester, struct request_approver *out, size_t max,
                                 size_t *n);
/* Which requests a list holds. */
enum request_view {
	REQUEST_VIEW_PENDING, /* 待办: what the caller may decide now, and their own requests */
	REQUEST_VIEW_DONE,    /* 已办: requests they decided, and their own decided ones */
};
struct request_query {
	enum request_view view;
	int64_t account_id;   /* the caller */
	const char *username; /* decisions name their approver by username */
	uint32_t roles;       /* the caller's business roles */
	bool in_post;         /* the caller's person is in post (在岗) */
	int limit, offset;    /* REQUEST_VIEW_DONE only; the pending view holds up to 500 */
};
/*
 * The requests of a view, newest first, each with its carrier's summary
 * (carrier_number, carrier_title, carrier_level) and requester's name.  A
 * request on a carrier outside the viewer's need-to-know is listed only to
 * an approver of its current step (cleared for its level) or, in the done
 * view, to one who decided a step of it; it says "summary_only": true.
 */
enum store_err request_list(struct db *db, const struct carrier_viewer *v,
                            const struct request_query *q, json_t **items, int64_t *total);

/* ---- notifications (store_notify.c) ---- */
struct notification {
	int64_t person_id;       /* whose inbox */
	const char *kind;        /* "carrier.declassified", "carrier.level_changed", … */
	const char *object_type; /* "carrier" */
	int64_t object_id;
	const char *text_zh, *text_en;
};
/* Puts a notification in a person's inbox, within the caller's transaction. */
enum store_err notification_add(struct db *db, const struct notification *n);
/*
 * A person's notifications, newest first ({id, kind, object_type,
 * object_id, text, text_en, created_at, read_at}); total counts those the
 * filter matches, unread all unread ones.
 */
enum store_err notification_list(struct db *db, int64_t person_id, bool unread_only, int limit,
                                 int offset, json_t **items, int64_t *total, int64_t *unread);
/* Marks one of the person's notifications read (STORE_NOTFOUND if not theirs). */
enum store_err notification_read(struct db *db, int64_t person_id, int64_t id, json_t **out);
/* Marks all of the person's notifications read; *n is how many were unread. */
enum store_err notification_read_all(struct db *db, int64_t person_id, int64_t *n);

#endif
