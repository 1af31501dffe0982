/* The store: creation, audit chain tamper detection, backup and restore. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "../../src/store/fts_bigram.h"
#include "../../src/store/schema.h"
#include "../../src/store/store.h"

static char base[256];
static int seq;

static struct store *fresh_store(int records)
{
	struct store_init_opts io = {
	    .unit_name = "测试单位", .unit_code = "T", .init_password = "Init-Pass-2026!"};
	struct actor a = {.account_id = 1, .username = "tester", .source = "test"};
	char dir[300], err[512], pw[ADMIN_ROLE_COUNT][40];
	struct store *st;
	struct db *db;

	snprintf(dir, sizeof(dir), "%s/s%d", base, seq++);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_open(&st, dir, err, sizeof(err)), STORE_OK);
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	for (int i = 0; i < records; i++) {
		char oid[16];

		snprintf(oid, sizeof(oid), "%d", i);
		assert_int_equal(
		    audit_append(db, &a, "test.event", "thing", oid, AUDIT_SUCCESS, "{\"n\":1}"),
		    STORE_OK);
	}
	assert_int_equal(db_commit(db), STORE_OK);
	db_close(db);
	return st;
}

static void sql(struct store *st, const char *q)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(st->db_path, &h), SQLITE_OK);
	if (sqlite3_exec(h, q, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(h));
	sqlite3_close(h);
}

static int64_t first_bad(struct store *st, int threads)
{
	struct audit_verify_result r;

	assert_int_equal(audit_verify(st, threads, true, &r), STORE_OK);
	return r.ok ? 0 : r.first_bad_id;
}

/* init writes system.init, policy and three account.create records */
#define INIT_RECORDS 4

static void test_intact_chain_verifies(void **state)
{
	struct store *st = fresh_store(100);
	struct audit_verify_result r;

	(void)state;
	assert_int_equal(audit_verify(st, 2, true, &r), STORE_OK);
	assert_true(r.ok);
	assert_int_equal(r.records, 100 + INIT_RECORDS);
	store_free(st);
}

static void test_edited_row_detected(void **state)
{
	struct store *st = fresh_store(50);

	(void)state;
	sql(st, "UPDATE audit SET detail = '{\"n\":2}' WHERE id = 20");
	assert_int_equal(first_bad(st, 1), 20);
	store_free(st);
}

static void test_deleted_row_detected(void **state)
{
	struct store *st = fresh_store(50);

	(void)state;
	sql(st, "DELETE FROM audit WHERE id = 30");
	assert_int_equal(first_bad(st, 1), 30);
	store_free(st);
}

static void test_reordered_rows_detected(void **state)
{
	struct store *st = fresh_store(50);

	(void)state;
	/* swap two rows' ids: the rows come back in another order */
	sql(st, "UPDATE audit SET id = -1 WHERE id = 10; UPDATE audit SET id = 10 WHERE id = 11;"
	        "UPDATE audit SET id = 11 WHERE id = -1;");
	assert_int_equal(first_bad(st, 1), 10);
	store_free(st);
}

static void test_inserted_row_detected(void **state)
{
	struct store *st = fresh_store(50);

	(void)state;
	sql(st, "INSERT INTO audit SELECT id + 1000, ts, account_id, username, role, event, "
	        "object_type, object_id, result, source, detail, mac FROM audit WHERE id = 5");
	assert_int_equal(first_bad(st, 1), 50 + INIT_RECORDS + 1);
	store_free(st);
}

static void test_cut_tail_detected(void **state)
{
	struct store *st = fresh_store(50);

	(void)state;
	sql(st, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)");
	assert_int_not_equal(first_bad(st, 1), 0);
	store_free(st);
}

static void test_emptied_log_detected(void **state)
{
	struct store *st = fresh_store(10);

	(void)state;
	sql(st, "DELETE FROM audit; DELETE FROM audit_head;");
	assert_int_not_equal(first_bad(st, 1), 0);
	store_free(st);
}

static void test_rollback_to_old_head_detected(void **state)
{
	struct store *st = fresh_store(10);
	struct db *db;
	struct actor a = {.username = "t", .source = "t"};

	(void)state;
	/* keep the head as it is now, add records, then cut them and put the old head back */
	sql(st, "CREATE TABLE old_head AS SELECT * FROM audit_head");
	assert_int_equal(db_open(&db, st), STORE_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(audit_append_tx(db, &a, "later", "", "", AUDIT_SUCCESS, "{}"),
		                 STORE_OK);
	db_close(db);
	assert_int_equal(first_bad(st, 1), 0);
	sql(st, "DELETE FROM audit WHERE id > (SELECT last_id FROM old_head);"
	        "DELETE FROM audit_head; INSERT INTO audit_head SELECT * FROM old_head;");
	assert_int_not_equal(first_bad(st, 1), 0);
	store_free(st);
}

static void test_recast_value_detected(void **state)
{
	struct store *st = fresh_store(10);

	(void)state;
	/* same bytes, other storage type: hashes alike but escapes typed searches */
	sql(st, "UPDATE audit SET username = CAST(username AS BLOB) WHERE id = 6");
	assert_int_equal(first_bad(st, 1), 6);
	sql(st, "UPDATE audit SET username = CAST(username AS TEXT), "
	        "result = CAST(CAST(result AS TEXT) AS BLOB) WHERE id = 6");
	assert_int_equal(first_bad(st, 1), 6);
	store_free(st);
}

static void test_parallel_verify_finds_first(void **state)
{
	struct store *st = fresh_store(30000);

	(void)state;
	assert_int_equal(first_bad(st, 2), 0);
	sql(st, "UPDATE audit SET username = 'x' WHERE id = 25000");
	assert_int_equal(first_bad(st, 2), 25000);
	sql(st, "UPDATE audit SET username = 'x' WHERE id = 7");
	assert_int_equal(first_bad(st, 2), 7);
	store_free(st);
}

static int64_t count_audit(const char *path)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM audit", -1, &s, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

static void test_backup_restore(void **state)
{
	struct store *st = fresh_store(40), *other = fresh_store(1);
	char file[400], bad[400], err[512];
	FILE *f;

	(void)state;
	snprintf(file, sizeof(file), "%s/backup.db", base);
	assert_int_equal(store_backup(st, file, err, sizeof(err)), STORE_OK);
	assert_int_equal(count_audit(file), 40 + INIT_RECORDS);
	/* more work after the backup, then restore: the backup's state returns whole */
	sql(st, "DELETE FROM people");
	{
		struct db *db;
		struct actor a = {.username = "t", .source = "t"};

		assert_int_equal(db_open(&db, st), STORE_OK);
		assert_int_equal(audit_append_tx(db, &a, "later", "", "", AUDIT_SUCCESS, "{}"),
		                 STORE_OK);
		db_close(db);
	}
	assert_int_equal(count_audit(st->db_path), 41 + INIT_RECORDS);
	assert_int_equal(store_restore(st, file, err, sizeof(err)), STORE_OK);
	/* the backup's records, plus the record of the restore chained on */
	assert_int_equal(count_audit(st->db_path), 41 + INIT_RECORDS);
	assert_int_equal(first_bad(st, 1), 0);
	/* a backup from another data directory does not verify under our key */
	assert_int_equal(store_restore(other, file, err, sizeof(err)), STORE_CORRUPT);
	assert_non_null(strstr(err, "key"));
	assert_int_equal(count_audit(other->db_path), 1 + INIT_RECORDS);
	/* garbage is refused and nothing is touched */
	snprintf(bad, sizeof(bad), "%s/garbage.db", base);
	f = fopen(bad, "w");
	fputs("this is not a database at all, just text that goes on for a while......", f);
	fclose(f);
	assert_int_not_equal(store_restore(st, bad, err, sizeof(err)), STORE_OK);
	assert_int_equal(count_audit(st->db_path), 41 + INIT_RECORDS);
	store_free(st);
	store_free(other);
}

static void test_init_twice_refused(void **state)
{
	struct store_init_opts io = {.unit_name = "x", .init_password = "Init-Pass-2026!"};
	char dir[300], err[512], pw[ADMIN_ROLE_COUNT][40];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/twice", base);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_OK);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_CONFLICT);
	io.init_password = "weak";
	snprintf(dir, sizeof(dir), "%s/weak", base);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_INVALID);
	assert_non_null(strstr(err, "BAOMI_INIT_PASSWORD"));
}

static void test_generated_passwords(void **state)
{
	struct store_init_opts io = {.unit_name = "x"};
	char dir[300], err[512], pw[ADMIN_ROLE_COUNT][40];
	struct policy p;
	struct store *st;
	struct db *db;
	struct account a;

	(void)state;
	policy_defaults(&p);
	snprintf(dir, sizeof(dir), "%s/gen", base);
	assert_int_equal(store_create(dir, &io, pw, err, sizeof(err)), STORE_OK);
	assert_string_not_equal(pw[ADMIN_SYS], pw[ADMIN_SEC]);
	assert_int_equal(policy_check_password(&p, "sysadmin", NULL, pw[ADMIN_SYS]), POLICY_OK);
	assert_int_equal(store_open(&st, dir, err, sizeof(err)), STORE_OK);
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(account_by_name(db, "auditor", &a), STORE_OK);
	assert_true(account_password_ok(&a, pw[ADMIN_AUDIT]));
	assert_false(account_password_ok(&a, pw[ADMIN_SEC]));
	assert_true(a.must_change);
	assert_int_equal(a.admin, ADMIN_AUDIT);
	assert_int_equal(strncmp(a.password_hash, "$argon2id$", 10), 0);
	/* the schema refuses a second auditor and an administrator with business roles */
	assert_int_not_equal(
	    sqlite3_exec(db->h,
	                 "INSERT INTO accounts(username, display_name, admin_role, "
	                 "password_hash, password_changed_at, created_at) "
	                 "VALUES ('aud2', 'x', 3, 'h', 0, 0)",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db->h, "UPDATE accounts SET roles = 1 WHERE username = 'secadmin'", NULL,
	                 NULL, NULL),
	    SQLITE_OK);
	db_close(db);
	store_free(st);
}

static int64_t query_int(const char *path, const char *q)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(fts_bigram_register(h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, q, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(h));
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

static int64_t add_person(struct db *db, int64_t unit, const char *name)
{
	struct actor a = {.username = "t", .source = "t"};
	struct person p;

	person_init(&p);
	p.unit_id = unit;
	snprintf(p.name, sizeof(p.name), "%s", name);
	assert_int_equal(person_insert(db, &p), STORE_OK);
	assert_int_equal(audit_append(db, &a, "person.create", "person", name, AUDIT_SUCCESS, "{}"),
	                 STORE_OK);
	return p.id;
}

/*
 * A data directory made by the program before migration 8 (schema 7, ids
 * without AUTOINCREMENT), written through the store as it was then: it
 * opens, migrates, keeps every row, index, trigger and search entry, and
 * its audit chain and anchor still verify.
 */
static void test_migration_keeps_old_data(void **state)
{
	static const char carrier[] =
	    "INSERT INTO carriers(unit_id, number, type, title, level, state, issued_on, "
	    "created_at, updated_at, acl) VALUES (1, 'T-2026-WJ-000001', 0, '旧库保密检查通知', 2, "
	    "0, "
	    "20000, 0, 0, 'l2 s0 t0');"
	    "INSERT INTO carrier_seq VALUES (1, 2026, 'WJ', 1);"
	    /* a chain the security administrator set, which migration 11 leaves alone */
	    "INSERT INTO approval_rules(action, min_level, steps) VALUES ('repair', 4, 'officer');";
	static const char schema_objects[] =
	    "SELECT count(*) FROM sqlite_master WHERE type IN ('index', 'trigger')";
	uint8_t key[AUDIT_KEY_LEN];
	char dir[300], path[400], err[512];
	struct store *st;
	struct db *db;
	struct unit u = {.parent_id = 0};
	struct audit_verify_result r;
	struct audit_gap g;
	int64_t objects, last;
	sqlite3 *h;
	int fd;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/schema7", base);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, STORE_KEY_FILE);
	randombytes_buf(key, sizeof(key));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0400);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, key, sizeof(key)), (ssize_t)sizeof(key));
	close(fd);
	snprintf(path, sizeof(path), "%s/%s", dir, STORE_DB_FILE);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(fts_bigram_register(h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL), SQLITE_OK);
	for (int i = 1; i < SCHEMA_AUTOINCREMENT; i++)
		assert_int_equal(sqlite3_exec(h, schema_migration(i), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=7", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	/* the store of that day, without store_open's migration */
	st = calloc(1, sizeof(*st));
	st->lock_fd = -1;
	pthread_mutex_init(&st->write_lock, NULL);
	pthread_mutex_init(&st->anchor_lock, NULL);
	st->dir = strdup(dir);
	st->db_path = strdup(path);
	hmac_sm3_init(&st->audit_key, key, sizeof(key));
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	snprintf(u.name, sizeof(u.name), "旧单位");
	snprintf(u.code, sizeof(u.code), "T");
	assert_int_equal(unit_insert(db, &u), STORE_OK);
	for (int i = 0; i < 5; i++)
		add_person(db, u.id, i % 2 ? "甲" : "乙");
	assert_int_equal(sqlite3_exec(db->h, carrier, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_commit(db), STORE_OK);
	db_close(db);
	store_free(st);
	objects = query_int(path, schema_objects);
	assert_true(objects > 30);
	/* the names of those objects, to find each again after the migrations (which may add more)
	 */
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(h,
	                 "CREATE TABLE objects_before AS SELECT name FROM sqlite_master "
	                 "WHERE type IN ('index', 'trigger')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(store_open(&st, dir, err, sizeof(err)), STORE_OK);
	assert_int_equal(query_int(path, "PRAGMA user_version"), schema_count());
	for (int i = 0; schema_id_tables[i]; i++) {
		char q[300];

		snprintf(q, sizeof(q),
		         "SELECT count(*) FROM sqlite_master WHERE name = '%s' AND sql LIKE "
		         "'%%id INTEGER PRIMARY KEY AUTOINCREMENT,%%'",
		         schema_id_tables[i]);
		assert_int_equal(query_int(path, q), 1);
	}
	assert_int_equal(query_int(path, "SELECT count(*) FROM sqlite_master WHERE type IN "
	                                 "('index', 'trigger') AND name IN (SELECT name FROM "
	                                 "objects_before)"),
	                 objects);
	assert_int_equal(query_int(path, "SELECT count(*) FROM people"), 5);
	assert_int_equal(query_int(path, "SELECT max(id) FROM people"), 5);
	assert_int_equal(query_int(path, "SELECT seq FROM sqlite_sequence WHERE name = 'people'"),
	                 5);
	assert_int_equal(
	    query_int(path, "SELECT rowid FROM carriers_fts WHERE carriers_fts MATCH '保密检查'"),
	    1);
	assert_int_equal(query_int(path, "SELECT n FROM carrier_tally"), 1);
	assert_int_equal(query_int(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* migration 11: off-site repair's default chain reaches the 分管领导; a set one stays */
	assert_int_equal(query_int(path,
	                           "SELECT count(*) FROM approval_rules WHERE action = 'repair' "
	                           "AND min_level = 2 AND steps = 'officer,leader'"),
	                 1);
	assert_int_equal(query_int(path,
	                           "SELECT count(*) FROM approval_rules WHERE action = 'repair' "
	                           "AND min_level = 4 AND steps = 'officer'"),
	                 1);
	assert_int_equal(audit_verify(st, 1, true, &r), STORE_OK);
	assert_true(r.ok);
	assert_int_equal(r.records, 5);
	assert_int_equal(audit_gap_check(st, &g), STORE_OK);
	assert_int_equal(g.kind, AUDIT_GAP_NONE);
	/* the triggers still work on the rebuilt tables: a new row is indexed and counted */
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	assert_int_equal(add_person(db, u.id, "丙"), 6);
	assert_int_equal(sqlite3_exec(db->h, "DELETE FROM carriers", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_commit(db), STORE_OK);
	db_close(db);
	last = query_int(path, "SELECT count(*) FROM carriers_fts WHERE carriers_fts MATCH '保密'");
	assert_int_equal(last, 0);
	assert_int_equal(query_int(path, "SELECT n FROM carrier_tally"), 0);
	assert_int_equal(audit_verify(st, 1, true, &r), STORE_OK);
	assert_true(r.ok);
	store_free(st);
}

/*
 * A log cut back behind the anchor: the gap is found by two lookups,
 * acknowledged once into the log, and no id or number is issued again.
 */
static void test_gap_acknowledged(void **state)
{
	struct store *st = fresh_store(3);
	struct audit_verify_result r;
	struct audit_gap g;
	struct db *db;
	int64_t raised, before, lost, anchor;
	char err[512], backup[400], q[200];

	(void)state;
	assert_int_equal(audit_gap_check(st, &g), STORE_OK);
	assert_int_equal(g.kind, AUDIT_GAP_NONE);
	assert_int_equal(audit_gap_acknowledge(st, "x", &g, &raised, err, sizeof(err)),
	                 STORE_NOTFOUND);
	snprintf(backup, sizeof(backup), "%s/gap-backup.db", base);
	assert_int_equal(store_backup(st, backup, err, sizeof(err)), STORE_OK);
	before = query_int(st->db_path, "SELECT last_id FROM audit_head");
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	for (int i = 0; i < 4; i++)
		lost = add_person(db, 1, "回退前");
	assert_int_equal(db_commit(db), STORE_OK);
	db_close(db);
	anchor = query_int(st->db_path, "SELECT last_id FROM audit_head");
	assert_int_equal(anchor, before + 4);

	/* the older copy put back over the live database */
	{
		sqlite3 *dst, *src;
		sqlite3_backup *b;

		assert_int_equal(sqlite3_open(st->db_path, &dst), SQLITE_OK);
		assert_int_equal(sqlite3_open(backup, &src), SQLITE_OK);
		b = sqlite3_backup_init(dst, "main", src, "main");
		assert_non_null(b);
		assert_int_equal(sqlite3_backup_step(b, -1), SQLITE_DONE);
		sqlite3_backup_finish(b);
		sqlite3_close(src);
		sqlite3_close(dst);
	}
	assert_int_equal(audit_gap_check(st, &g), STORE_OK);
	assert_int_equal(g.kind, AUDIT_GAP_BEHIND);
	assert_int_equal(g.anchor_id, anchor);
	assert_int_equal(g.head_id, before);
	assert_int_equal(g.missing, 4);
	assert_int_equal(first_bad(st, 1), before + 1);

	assert_int_equal(audit_gap_acknowledge(st, "旧副本覆盖", &g, &raised, err, sizeof(err)),
	                 STORE_OK);
	assert_true(raised >= 4);
	assert_int_equal(first_bad(st, 1), 0);
	assert_int_equal(audit_verify(st, 1, true, &r), STORE_OK);
	assert_true(r.ok);
	assert_int_equal(query_int(st->db_path,
	                           "SELECT count(*) FROM audit WHERE event = "
	                           "'audit.gap_acknowledged' AND detail LIKE "
	                           "'%\"missing\":4,%' AND detail LIKE '%旧副本覆盖%'"),
	                 1);
	/* every carrier category of this year starts past the numbers the lost records used */
	assert_int_equal(query_int(st->db_path, "SELECT count(DISTINCT category) FROM carrier_seq"),
	                 CC_COUNT);
	assert_true(query_int(st->db_path, "SELECT min(last) FROM carrier_seq") >= 4);
	assert_true(query_int(st->db_path, "SELECT min(n) FROM filing_counters") >= 4);
	assert_int_equal(db_open(&db, st), STORE_OK);
	assert_int_equal(db_begin(db), STORE_OK);
	assert_true(add_person(db, 1, "回退后") > lost);
	assert_int_equal(db_commit(db), STORE_OK);
	db_close(db);
	assert_int_equal(audit_gap_acknowledge(st, "again", &g, &raised, err, sizeof(err)),
	                 STORE_NOTFOUND);
	/* an emptied log lost every anchored record */
	anchor = query_int(st->db_path, "SELECT last_id FROM audit_head");
	sql(st, "CREATE TABLE keep AS SELECT * FROM audit; CREATE TABLE keep_head AS SELECT * FROM "
	        "audit_head; DELETE FROM audit; DELETE FROM audit_head;");
	assert_int_equal(audit_gap_check(st, &g), STORE_OK);
	assert_int_equal(g.kind, AUDIT_GAP_NO_HEAD);
	assert_int_equal(g.missing, anchor);
	sql(st, "INSERT INTO audit SELECT * FROM keep; INSERT INTO audit_head SELECT * FROM "
	        "keep_head;");
	snprintf(q, sizeof(q), "%s/%s", st->dir, STORE_ANCHOR_FILE);
	assert_int_equal(unlink(q), 0);
	assert_int_equal(audit_gap_check(st, &g), STORE_OK);
	assert_int_equal(g.kind, AUDIT_GAP_NO_ANCHOR);
	store_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intact_chain_verifies),
	    cmocka_unit_test(test_edited_row_detected),
	    cmocka_unit_test(test_deleted_row_detected),
	    cmocka_unit_test(test_reordered_rows_detected),
	    cmocka_unit_test(test_inserted_row_detected),
	    cmocka_unit_test(test_cut_tail_detected),
	    cmocka_unit_test(test_emptied_log_detected),
	    cmocka_unit_test(test_rollback_to_old_head_detected),
	    cmocka_unit_test(test_recast_value_detected),
	    cmocka_unit_test(test_parallel_verify_finds_first),
	    cmocka_unit_test(test_backup_restore),
	    cmocka_unit_test(test_init_twice_refused),
	    cmocka_unit_test(test_generated_passwords),
	    cmocka_unit_test(test_migration_keeps_old_data),
	    cmocka_unit_test(test_gap_acknowledged),
	};
	int rc;
	char cmd[300];

	snprintf(base, sizeof(base), "/tmp/baomi-test-store-XXXXXX");
	if (!mkdtemp(base))
		return 2;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		return 2;
	return rc;
}
