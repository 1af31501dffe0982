/*
 * store_notify.c — notifications: one inbox per person, generic over what
 * they are about (carriers now, incidents later).
 */
#include "store.h"
#include "store_int.h"

#include <stdio.h>

#include "../util/bjtime.h"

enum store_err notification_add(struct db *db, const struct notification *n)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "INSERT INTO notifications(person_id, kind, object_type, "
	                  "object_id, text_zh, text_en, created_at) "
	                  "VALUES (?,?,?,?,?,?,?)",
	                  &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, n->person_id);
	sqlite3_bind_text(s, 2, n->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, n->object_type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, n->object_id);
	sqlite3_bind_text(s, 5, n->text_zh, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, n->text_en, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, bjtime_now_ms());
	rc = sqlite3_step(s);
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

#define NOTIFICATION_COLS "id, kind, object_type, object_id, text_zh, text_en, created_at, read_at"

static json_t *time_json(sqlite3_stmt *s, int col)
{
	char ts[BJTIME_ISO_LEN];

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return json_null();
	bjtime_format_iso(sqlite3_column_int64(s, col), ts);
	return json_string(ts);
}

static json_t *row_json(sqlite3_stmt *s)
{
	return json_pack("{sI ss ss sI ss ss so so}", "id", (json_int_t)sqlite3_column_int64(s, 0),
	                 "kind", (const char *)sqlite3_column_text(s, 1), "object_type",
	                 (const char *)sqlite3_column_text(s, 2), "object_id",
	                 (json_int_t)sqlite3_column_int64(s, 3), "text",
	                 (const char *)sqlite3_column_text(s, 4), "text_en",
	                 (const char *)sqlite3_column_text(s, 5), "created_at", time_json(s, 6),
	                 "read_at", time_json(s, 7));
}

static enum store_err count(struct db *db, const char *sql, int64_t person_id, int64_t *n)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, sql, &s);
	int rc;

	*n = 0;
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, person_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	store_finish(db, s);
	return rc == SQLITE_ROW ? STORE_OK : db_fail(db, rc);
}

enum store_err notification_list(struct db *db, int64_t person_id, bool unread_only, int limit,
                                 int offset, json_t **items, int64_t *total, int64_t *unread)
{
	sqlite3_stmt *s;
	enum store_err ret;
	int rc;

	*items = json_array();
	ret =
	    count(db, "SELECT count(*) FROM notifications WHERE person_id = ? AND read_at IS NULL",
	          person_id, unread);
	if (!ret && unread_only)
		*total = *unread;
	else if (!ret)
		ret = count(db, "SELECT count(*) FROM notifications WHERE person_id = ?", person_id,
		            total);
	if (ret)
		return ret;
	ret = store_prepare(db,
	                    unread_only ? "SELECT " NOTIFICATION_COLS " FROM notifications "
	                                  "WHERE person_id = ? AND read_at IS NULL "
	                                  "ORDER BY id DESC LIMIT ? OFFSET ?"
	                                : "SELECT " NOTIFICATION_COLS " FROM notifications "
	                                  "WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	                    &s);
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int(s, 3, offset);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*items, row_json(s));
	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

enum store_err notification_read(struct db *db, int64_t person_id, int64_t id, json_t **out)
{
	sqlite3_stmt *s;
	enum store_err ret =
	    store_prepare(db,
	                  "UPDATE notifications SET read_at = coalesce(read_at, ?) "
	                  "WHERE id = ? AND person_id = ? RETURNING " NOTIFICATION_COLS,
	                  &s);
	int rc;

	*out = NULL;
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, bjtime_now_ms());
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, person_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = row_json(s);
		rc = sqlite3_step(s);
	}
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return *out ? STORE_OK : STORE_NOTFOUND;
}

enum store_err notification_read_all(struct db *db, int64_t person_id, int64_t *n)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(
	    db, "UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL", &s);
	int rc;

	*n = 0;
	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, bjtime_now_ms());
	sqlite3_bind_int64(s, 2, person_id);
	rc = sqlite3_step(s);
	store_finish(db, s);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	*n = sqlite3_changes(db->h);
	return STORE_OK;
}
