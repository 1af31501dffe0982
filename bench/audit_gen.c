/*
 * audit_gen — fills a fresh data directory with N chained audit records,
 * for the verify benchmark (bench/run.sh).
 *
 *   audit_gen DIR N
 */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "../src/store/store.h"

int main(int argc, char **argv)
{
	struct store_init_opts io = {.unit_name = "基准测试单位",
	                             .init_password = "Bench-Pass-2026!"};
	struct actor a = {
	    .account_id = 2, .username = "secadmin", .admin = ADMIN_SEC, .source = "192.168.10.25"};
	char err[512], pw[ADMIN_ROLE_COUNT][40], oid[24];
	struct store *st;
	struct db *db;
	long n;

	if (argc != 3 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: audit_gen DIR N\n");
		return 2;
	}
	if (sodium_init() < 0 || store_create(argv[1], &io, pw, err, sizeof(err)) ||
	    store_open(&st, argv[1], err, sizeof(err)) || db_open(&db, st)) {
		fprintf(stderr, "audit_gen: %s\n", err);
		return 2;
	}
	sqlite3_exec(db->h, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	for (long i = 0; i < n; i++) {
		if (i % 50000 == 0 && (i ? db_commit(db) : 0) + db_begin(db))
			return 2;
		snprintf(oid, sizeof(oid), "%ld", 1000 + i % 5000);
		/* a typical record: a person changed, with a short JSON detail */
		if (audit_append(
		        db, &a, i % 7 ? "person.update" : "login.success", "person", oid,
		        AUDIT_SUCCESS,
		        "{\"staff_class_from\":\"general\",\"staff_class_to\":\"important\"}"))
			return 2;
	}
	if (db_commit(db))
		return 2;
	db_close(db);
	store_free(st);
	return 0;
}
