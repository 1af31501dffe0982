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
