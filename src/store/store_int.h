/*
 * store_int.h — helpers shared by the store's files (not part of its API).
 */
#ifndef BAOMI_STORE_INT_H
#define BAOMI_STORE_INT_H

#include "store.h"

/* Copies a column's text (NULL as ""), truncated to n - 1 bytes. */
void store_copy_text(char *dst, size_t n, const unsigned char *src);
/* A text column, "" for NULL. */
const char *store_col_text(sqlite3_stmt *s, int i);
/* Steps a statement that returns no row and gives it back (store_finish). */
enum store_err store_step_done(struct db *db, sqlite3_stmt *s);
/*
 * Prepares a statement, mapping a failure into db->errmsg.  Statements are
 * kept on the connection and handed out again for the same SQL text, so
 * hot queries are compiled once per connection; give each back with
 * store_finish(), never sqlite3_finalize().
 */
enum store_err store_prepare(struct db *db, const char *sql, sqlite3_stmt **s);
/* Resets a statement from store_prepare() for its next use (or frees it). */
void store_finish(struct db *db, sqlite3_stmt *s);
/* store_prepare() answering an SQLite result code. */
int store_prepare_rc(struct db *db, const char *sql, sqlite3_stmt **s);
/* Binds v, or NULL when v is 0 (no id, no date). */
void store_bind_opt(sqlite3_stmt *s, int i, int64_t v);
/*
 * Runs a one-row SELECT whose single parameter is id; row() fills out.
 * STORE_NOTFOUND when no row matches.
 */
enum store_err store_get_row(struct db *db, const char *sql, int64_t id,
                             void (*row)(sqlite3_stmt *s, void *out), void *out);
/* "YYYY-MM-DD" of a day count, or JSON null when day == none. */
json_t *store_day_json(int32_t day, int32_t none);
/* Beijing "YYYY-MM-DDTHH:MM:SS+08:00" of epoch ms, or JSON null when ms == 0. */
json_t *store_time_json(int64_t ms);
/* Column i as an id, or JSON null when it is NULL or 0 (the reading of store_bind_opt). */
json_t *store_id_json(sqlite3_stmt *s, int i);
/* A column holding JSON text, parsed (an empty object when NULL or unparsable). */
json_t *store_json_col(sqlite3_stmt *s, int i);
/* Binds a JSON value as compact text (sorted keys). */
void store_bind_json(sqlite3_stmt *s, int i, const json_t *v);

/* A carriers row as store_row_to_carrier() reads it; the table is aliased c. */
#define CARRIER_COLS                                                                               \
	"c.id, c.unit_id, c.number, c.type, c.title, c.level, c.state, c.period_years, "           \
	"c.release_on, c.release_condition, c.period_defaulted, c.period_basis, c.issued_on, "     \
	"c.expires_on, c.classifier, c.classify_basis, c.custodian_id, c.handler_id, "             \
	"c.holder_id, c.due_on, c.location, c.copies, c.copy_no, c.origin, c.sender, c.doc_no, "   \
	"c.pages, c.serial, c.asset_tag, c.model, c.capacity, c.classified_use, c.parent_id, "     \
	"c.readers, c.notes, c.created_at, c.updated_at, c.reviewed_on, c.review_due"
/* Reads a row of CARRIER_COLS into a struct carrier_rec (out). */
void store_row_to_carrier(sqlite3_stmt *s, void *out);

/*
 * After records were lost (a rollback, a restore of an older backup):
 * raises every id sequence so that no id is issued twice, and the carrier
 * number and filing counters since day `since_ms` by `records` plus what
 * the anchor may have trailed by.  Inside a write transaction.  *raised
 * gets the amount the id sequences rose by.
 */
enum store_err store_raise_sequences(struct db *db, int64_t records, int64_t since_ms,
                                     int64_t *raised);

struct buf;
/*
 * The need-to-know rule in SQL on a carriers row c, the same rule as
 * carrier_may_see(), with its parameters :clear, :pid and :dept bound by
 * store_visible_bind().
 */
void store_visible_pred(struct buf *b, const struct carrier_viewer *v);
void store_visible_bind(sqlite3_stmt *s, const struct carrier_viewer *v);

#endif
