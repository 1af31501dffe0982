/*
 * The schema, as numbered migrations.  PRAGMA user_version records the last
 * one applied; store_open() applies the rest in one transaction.  SQL stays
 * portable (no SQLite-only types) so that a PostgreSQL backend can follow.
 */
#include "schema.h"

static const char *const migrations[] = {
    /* 1: organisation, accounts, sessions, settings, audit */
    "CREATE TABLE units("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  code TEXT NOT NULL UNIQUE,"
    "  parent_id INTEGER REFERENCES units(id),"
    "  is_home INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE departments("
    "  id INTEGER PRIMARY KEY,"
    "  unit_id INTEGER NOT NULL REFERENCES units(id),"
    "  name TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  UNIQUE(unit_id, code), UNIQUE(unit_id, name));"
    "CREATE TABLE people("
    "  id INTEGER PRIMARY KEY,"
    "  unit_id INTEGER NOT NULL REFERENCES units(id),"
    "  department_id INTEGER REFERENCES departments(id),"
    "  name TEXT NOT NULL,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  staff_class INTEGER NOT NULL CHECK (staff_class BETWEEN 0 AND 3),"
    "  commitment_signed_on INTEGER,"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 2),"
    "  declassify_until INTEGER,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE INDEX people_dept ON people(department_id);"
    "CREATE TABLE accounts("
    "  id INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL,"
    "  person_id INTEGER REFERENCES people(id),"
    "  admin_role INTEGER NOT NULL DEFAULT 0 CHECK (admin_role BETWEEN 0 AND 3),"
    "  roles INTEGER NOT NULL DEFAULT 0,"
    "  password_hash TEXT NOT NULL,"
    "  password_changed_at INTEGER NOT NULL,"
    "  must_change INTEGER NOT NULL DEFAULT 1,"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  failed_logins INTEGER NOT NULL DEFAULT 0,"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  last_login INTEGER,"
    "  created_at INTEGER NOT NULL,"
    "  CHECK (admin_role = 0 OR roles = 0));"
    "CREATE UNIQUE INDEX accounts_one_admin ON accounts(admin_role) WHERE admin_role <> 0;"
    "CREATE TABLE sessions("
    "  id INTEGER PRIMARY KEY,"
    "  token_hash BLOB NOT NULL UNIQUE,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  kind INTEGER NOT NULL,"
    "  name TEXT NOT NULL DEFAULT '',"
    "  csrf TEXT NOT NULL DEFAULT '',"
    "  source TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX sessions_account ON sessions(account_id);"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE audit("
    "  id INTEGER PRIMARY KEY,"
    "  ts INTEGER NOT NULL,"
    "  account_id INTEGER NOT NULL,"
    "  username TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  event TEXT NOT NULL,"
    "  object_type TEXT NOT NULL,"
    "  object_id TEXT NOT NULL,"
    "  result INTEGER NOT NULL,"
    "  source TEXT NOT NULL,"
    "  detail TEXT NOT NULL,"
    "  mac BLOB NOT NULL);"
    "CREATE INDEX audit_ts ON audit(ts);"
    "CREATE INDEX audit_event ON audit(event);"
    "CREATE INDEX audit_user ON audit(username);"
    "CREATE TABLE audit_head("
    "  one INTEGER PRIMARY KEY CHECK (one = 1),"
    "  last_id INTEGER NOT NULL,"
    "  last_mac BLOB NOT NULL,"
    "  head_mac BLOB NOT NULL);",
};

int schema_count(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *schema_migration(int version)
{
	if (version < 1 || version > schema_count())
		return 0;
	return migrations[version - 1];
}
