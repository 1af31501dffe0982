/*
 * store.c — data directory lifecycle, connections, transactions, migrations,
 * online backup and restore.
 */
#include "store.h"
#include "fts_bigram.h"
#include "schema.h"
#include "store_int.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../util/bjtime.h"
#include "../util/buf.h"

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void set_err(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, a ? a : "", b ? b : "");
}

enum store_err db_fail(struct db *db, int rc)
{
	int ext = sqlite3_extended_errcode(db->h);

	snprintf(db->errmsg, sizeof(db->errmsg), "%s", sqlite3_errmsg(db->h));
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			return STORE_CONFLICT;
		return STORE_INVALID;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return STORE_CORRUPT;
	default:
		return STORE_IO;
	}
}

static int exec(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/*
 * Waits for another process's write lock (a backup, a console command) in
 * short steps: SQLite's own handler sleeps a whole millisecond and more per
 * retry, which caps a busy server at a few hundred commits a second.
 * Gives up after about 15 seconds.
 */
static int busy_wait(void *arg, int count)
{
	(void)arg;
	if (count < 200)
		usleep(50);
	else if (count < 200 + 15000)
		usleep(1000);
	else
		return 0;
	return 1;
}

static enum store_err db_connect(const char *path, int flags, sqlite3 **out, char *err,
                                 size_t errlen)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, flags | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc != SQLITE_OK) {
		set_err(err, errlen, "cannot open database %s: %s", path,
		        h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return STORE_IO;
	}
	sqlite3_busy_handler(h, busy_wait, NULL);
	sqlite3_extended_result_codes(h, 1);
	if (fts_bigram_register(h) != SQLITE_OK) {
		set_err(err, errlen, "cannot register the search tokenizer on %s: %s", path,
		        sqlite3_errmsg(h));
		sqlite3_close(h);
		return STORE_IO;
	}
	/*
	 * NORMAL: db_commit syncs the WAL itself, after COMMIT (see there).
	 * 6 MB of page cache per connection holds a search's posting lists.
	 */
	if (exec(h,
	         "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-6144;") !=
	    SQLITE_OK) {
		set_err(err, errlen, "cannot configure database %s: %s", path, sqlite3_errmsg(h));
		sqlite3_close(h);
		return STORE_CORRUPT;
	}
	*out = h;
	return STORE_OK;
}

static int user_version(sqlite3 *h)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Rebuilds table name with "id INTEGER PRIMARY KEY AUTOINCREMENT", the way
 * SQLite's documentation changes a table's definition: a new table from the
 * old one's CREATE statement, the rows copied with their ids, the old table
 * dropped, the new one renamed, its indexes and triggers created again.
 * Runs inside the migration's transaction with foreign keys off, so the
 * drop neither cascades nor fails; the references of other tables name
 * the table and so point at the new one after the rename.
 */
static int rebuild_autoincrement(sqlite3 *h, const char *name)
{
	static const char pk[] = "id INTEGER PRIMARY KEY,";
	sqlite3_stmt *s = NULL;
	struct buf create, later, q;
	const char *def, *cols, *at;
	int rc = SQLITE_ERROR, bad;

	buf_init(&create, 64 * 1024);
	buf_init(&later, 64 * 1024);
	buf_init(&q, 1024);
	if (sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
	                       -1, &s, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) /* created by a later migration, with AUTOINCREMENT */
		rc = SQLITE_OK;
	if (rc != SQLITE_ROW)
		goto out;
	rc = SQLITE_ERROR;
	def = (const char *)sqlite3_column_text(s, 0);
	cols = def ? strchr(def, '(') : NULL;
	at = cols ? strstr(cols, pk) : NULL;
	if (!at || strstr(at + 1, pk)) /* exactly one id column, as schema_id_tables promises */
		goto out;
	bad = buf_printf(&create, "CREATE TABLE \"%s__autoinc\"", name) |
	      buf_append(&create, cols, (size_t)(at - cols)) |
	      buf_puts(&create, "id INTEGER PRIMARY KEY AUTOINCREMENT,") |
	      buf_puts(&create, at + strlen(pk));
	sqlite3_finalize(s);
	s = NULL;
	/* the table's own indexes and triggers (not those UNIQUE makes), to create again */
	if (sqlite3_prepare_v2(
	        h,
	        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
	        "AND type IN ('index', 'trigger') ORDER BY type = 'trigger', name",
	        -1, &s, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		bad |= buf_printf(&later, "%s;", (const char *)sqlite3_column_text(s, 0));
	if (rc != SQLITE_DONE || bad)
		goto fail;
	bad = buf_printf(&q,
	                 "INSERT INTO \"%s__autoinc\" SELECT * FROM \"%s\"; DROP TABLE \"%s\";"
	                 "ALTER TABLE \"%s__autoinc\" RENAME TO \"%s\";",
	                 name, name, name, name, name);
	if (bad)
		goto fail;
	rc = exec(h, create.ptr);
	if (rc == SQLITE_OK)
		rc = exec(h, q.ptr);
	if (rc == SQLITE_OK && later.len)
		rc = exec(h, later.ptr);
	goto out;
fail:
	rc = SQLITE_ERROR;
out:
	sqlite3_finalize(s);
	buf_release(&create);
	buf_release(&later);
	buf_release(&q);
	return rc;
}

/* Applies the migrations the database lacks, all in one transaction. */
static enum store_err migrate(sqlite3 *h, char *err, size_t errlen)
{
	int v;
	char sql[64];

	/* a table rebuild must not cascade; the pragma is ignored inside a transaction */
	if (exec(h, "PRAGMA foreign_keys=OFF") != SQLITE_OK ||
	    exec(h, "BEGIN IMMEDIATE") != SQLITE_OK) {
		set_err(err, errlen, "cannot lock database for migration: %s", sqlite3_errmsg(h),
		        NULL);
		return STORE_BUSY;
	}
	v = user_version(h);
	if (v < 0) {
		set_err(err, errlen, "not a baomi database: %s", sqlite3_errmsg(h), NULL);
		goto fail;
	}
	if (v > schema_count()) {
		set_err(err, errlen, "database schema %s is newer than this program%s", "", NULL);
		goto fail;
	}
	for (int i = v + 1; i <= schema_count(); i++) {
		if (exec(h, schema_migration(i)) != SQLITE_OK) {
			set_err(err, errlen, "migration failed: %s%s", sqlite3_errmsg(h), NULL);
			goto fail;
		}
		for (int t = 0; i == SCHEMA_AUTOINCREMENT && schema_id_tables[t]; t++) {
			if (rebuild_autoincrement(h, schema_id_tables[t]) != SQLITE_OK) {
				set_err(err, errlen,
				        "migration failed: cannot rebuild table %s: %s",
				        schema_id_tables[t], sqlite3_errmsg(h));
				goto fail;
			}
		}
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", schema_count());
	if (exec(h, sql) != SQLITE_OK || exec(h, "COMMIT") != SQLITE_OK) {
		set_err(err, errlen, "migration commit failed: %s%s", sqlite3_errmsg(h), NULL);
		goto fail;
	}
	return STORE_OK;
fail:
	exec(h, "ROLLBACK");
	return STORE_CORRUPT;
}

static enum store_err read_key(const char *dir, uint8_t key[AUDIT_KEY_LEN], char *err,
                               size_t errlen)
{
	char *path = path_join(dir, STORE_KEY_FILE);
	enum store_err ret = STORE_IO;
	ssize_t n;
	int fd;

	if (!path)
		return STORE_IO;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_err(err, errlen, "cannot read audit key %s: %s", path, strerror(errno));
		goto out;
	}
	n = read(fd, key, AUDIT_KEY_LEN);
	close(fd);
	if (n != AUDIT_KEY_LEN) {
		set_err(err, errlen, "audit key %s is not %s bytes long", path, "32");
		ret = STORE_CORRUPT;
		goto out;
	}
	ret = STORE_OK;
out:
	free(path);
	return ret;
}

static enum store_err write_key(const char *dir, char *err, size_t errlen)
{
	uint8_t key[AUDIT_KEY_LEN];
	char *path = path_join(dir, STORE_KEY_FILE);
	enum store_err ret = STORE_IO;
	int fd;

	if (!path)
		return STORE_IO;
	randombytes_buf(key, sizeof(key));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
	if (fd < 0) {
		set_err(err, errlen, "cannot create audit key %s: %s", path, strerror(errno));
		goto out;
	}
	if (write(fd, key, sizeof(key)) != (ssize_t)sizeof(key) || fsync(fd) != 0) {
		set_err(err, errlen, "cannot write audit key %s: %s", path, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	ret = STORE_OK;
out:
	sodium_memzero(key, sizeof(key));
	free(path);
	return ret;
}

enum store_err store_open(struct store **out, const char *dir, char *err, size_t errlen)
{
	struct store *st = NULL;
	uint8_t key[AUDIT_KEY_LEN];
	sqlite3 *h = NULL;
	enum store_err ret;
	struct stat sb;

	*out = NULL;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		set_err(err, errlen, "data directory %s does not exist (run 'baomi init')%s", dir,
		        NULL);
		return STORE_NOTFOUND;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		return STORE_IO;
	st->lock_fd = -1;
	pthread_mutex_init(&st->write_lock, NULL);
	pthread_mutex_init(&st->anchor_lock, NULL);
	st->dir = strdup(dir);
	st->db_path = path_join(dir, STORE_DB_FILE);
	if (!st->dir || !st->db_path) {
		ret = STORE_IO;
		goto fail;
	}
	if (stat(st->db_path, &sb) != 0) {
		set_err(err, errlen, "%s has no database (run 'baomi init --data %s')", dir, dir);
		ret = STORE_NOTFOUND;
		goto fail;
	}
	ret = read_key(dir, key, err, errlen);
	if (ret)
		goto fail;
	hmac_sm3_init(&st->audit_key, key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	ret = db_connect(st->db_path, SQLITE_OPEN_READWRITE, &h, err, errlen);
	if (ret)
		goto fail;
	ret = migrate(h, err, errlen);
	/*
	 * A backup file is in rollback-journal mode: one copied over baomi.db
	 * by hand goes back to WAL, on which db_commit's durability rests.
	 */
	if (!ret && exec(h, "PRAGMA journal_mode=WAL") != SQLITE_OK) {
		set_err(err, errlen, "cannot enable WAL: %s%s", sqlite3_errmsg(h), NULL);
		ret = STORE_IO;
	}
	sqlite3_close(h);
	if (ret)
		goto fail;
	*out = st;
	return STORE_OK;
fail:
	store_free(st);
	return ret;
}

void store_free(struct store *st)
{
	if (!st)
		return;
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	sqlite3_close_v2(st->writer);
	pthread_mutex_destroy(&st->write_lock);
	pthread_mutex_destroy(&st->anchor_lock);
	hmac_sm3_wipe(&st->audit_key);
	free(st->dir);
	free(st->db_path);
	free(st);
}

enum store_err store_lock(struct store *st, char *err, size_t errlen)
{
	char *path = path_join(st->dir, STORE_LOCK_FILE);
	int fd;

	if (!path)
		return STORE_IO;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		set_err(err, errlen, "cannot open lock file %s: %s", path, strerror(errno));
		free(path);
		return STORE_IO;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		set_err(err, errlen, "data directory %s is in use by a running baomi server%s",
		        st->dir, NULL);
		close(fd);
		free(path);
		return STORE_BUSY;
	}
	free(path);
	st->lock_fd = fd;
	return STORE_OK;
}

enum store_err db_open(struct db **out, struct store *st)
{
	struct db *db = calloc(1, sizeof(*db));
	enum store_err ret;

	*out = NULL;
	if (!db)
		return STORE_IO;
	db->st = st;
	ret =
	    db_connect(st->db_path, SQLITE_OPEN_READWRITE, &db->h, db->errmsg, sizeof(db->errmsg));
	if (ret) {
		free(db);
		return ret;
	}
	*out = db;
	return STORE_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_rollback(db);
	for (int i = 0; i < STORE_STMT_CACHE; i++) {
		/* every statement handed out must have come back */
		assert(!db->stmts[i].busy);
		sqlite3_finalize(db->stmts[i].s);
	}
	sqlite3_close(db->h);
	free(db);
}

enum store_err db_begin(struct db *db)
{
	struct store *st = db->st;
	int rc;

	if (db->in_tx) { /* a programmer error; locking again would deadlock */
		snprintf(db->errmsg, sizeof(db->errmsg), "transaction already open");
		return STORE_IO;
	}
	pthread_mutex_lock(&st->write_lock);
	if (!st->writer) {
		enum store_err e = db_connect(st->db_path, SQLITE_OPEN_READWRITE, &st->writer,
		                              db->errmsg, sizeof(db->errmsg));

		if (e) {
			pthread_mutex_unlock(&st->write_lock);
			return e;
		}
		/* the write path's indexes and FTS pages stay cached: 16 MB */
		exec(st->writer, "PRAGMA cache_size=-16384");
	}
	rc = exec(st->writer, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK) {
		enum store_err e = (rc & 0xff) == SQLITE_BUSY ? STORE_BUSY : STORE_IO;

		snprintf(db->errmsg, sizeof(db->errmsg), "%s", sqlite3_errmsg(st->writer));
		pthread_mutex_unlock(&st->write_lock);
		return e;
	}
	db->own = db->h;
	db->h = st->writer;
	db->in_tx = true;
	return STORE_OK;
}

/*
 * Moves audit.anchor to the newest committed record.  Under load one thread
 * writes while the others only leave their newer record for it, so the file
 * is rewritten once per round instead of once per commit; the writer loops
 * until nothing newer is left, so the anchor never stays behind once the
 * writes stop.  Best effort: a lost update only makes it older, never wrong.
 */
static void anchor_publish(struct store *st, uint64_t commit, int64_t id,
                           const uint8_t mac[AUDIT_MAC_LEN])
{
	pthread_mutex_lock(&st->anchor_lock);
	if (commit > st->anchor_commit) {
		st->anchor_commit = commit;
		st->anchor_id = id;
		memcpy(st->anchor_mac, mac, AUDIT_MAC_LEN);
		st->anchor_due = true;
	}
	if (st->anchor_busy || st->bulk) {
		pthread_mutex_unlock(&st->anchor_lock);
		return;
	}
	st->anchor_busy = true;
	while (st->anchor_due) {
		uint8_t m[AUDIT_MAC_LEN];
		int64_t v = st->anchor_id;

		memcpy(m, st->anchor_mac, AUDIT_MAC_LEN);
		st->anchor_due = false;
		pthread_mutex_unlock(&st->anchor_lock);
		if (audit_anchor_write(st, v, m))
			fprintf(stderr, "baomi: cannot write %s/%s\n", st->dir, STORE_ANCHOR_FILE);
		pthread_mutex_lock(&st->anchor_lock);
	}
	st->anchor_busy = false;
	pthread_mutex_unlock(&st->anchor_lock);
}

/*
 * Forces the WAL (and with it every transaction committed so far) to disk
 * through h's handle on it; with !sync only says whether h has one open
 * (SQLITE_OK) or not (SQLITE_NOTFOUND).
 */
static int wal_sync(sqlite3 *h, bool sync)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods)
		return SQLITE_NOTFOUND;
	return sync ? f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) : SQLITE_OK;
}

/*
 * Commits, and returns only once the transaction is on disk.  SQLite runs
 * with synchronous=NORMAL, so COMMIT writes the WAL without waiting for the
 * disk; the fdatasync of the WAL follows here, after the write lock is
 * released.  A commit is thus exactly as durable as under synchronous=FULL
 * before the caller hears of it, but the next writer does not wait for
 * this one's disk flush, and flushes that overlap share the disk's work
 * (group commit by the kernel).  A checkpoint never copies WAL frames into
 * the database before it has synced the WAL, so no frame can be lost
 * between COMMIT and this sync.
 */
enum store_err db_commit(struct db *db)
{
	int rc = exec(db->h, "COMMIT");
	uint64_t commit = 0;

	if (rc != SQLITE_OK) {
		enum store_err e = db_fail(db, rc);

		db_rollback(db);
		return e;
	}
	rc = SQLITE_NOTFOUND;
	if (db->in_tx) {
		/* numbered under the write lock: the order the records were committed in */
		if (db->anchor_pending)
			commit = ++db->st->commits;
		db->h = db->own;
		db->in_tx = false;
		/*
		 * Sync through this connection's own handle on the WAL, outside the
		 * lock; one that never opened the WAL syncs through the writer's,
		 * under the lock.
		 */
		if (!db->st->bulk && wal_sync(db->h, false) == SQLITE_NOTFOUND)
			rc = wal_sync(db->st->writer, true);
		pthread_mutex_unlock(&db->st->write_lock);
	}
	if (rc == SQLITE_NOTFOUND && !db->st->bulk)
		rc = wal_sync(db->h, true);
	if (db->policy_dirty) {
		/* every connection reads the policy afresh */
		__atomic_add_fetch(&db->st->policy_gen, 1, __ATOMIC_RELEASE);
		db->policy_dirty = false;
	}
	if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND) { /* NOTFOUND: not in WAL mode */
		/* committed and visible, but not known to be on disk: say so */
		snprintf(db->errmsg, sizeof(db->errmsg), "cannot sync the WAL: %s",
		         sqlite3_errstr(rc));
		db->anchor_pending = false;
		return STORE_IO;
	}
	if (db->anchor_pending) {
		if (!commit) { /* committed outside db_begin */
			pthread_mutex_lock(&db->st->write_lock);
			commit = ++db->st->commits;
			pthread_mutex_unlock(&db->st->write_lock);
		}
		anchor_publish(db->st, commit, db->anchor_id, db->anchor_mac);
		db->anchor_pending = false;
	}
	return STORE_OK;
}

void store_bulk_begin(struct store *st)
{
	st->bulk = true;
}

enum store_err store_bulk_end(struct store *st)
{
	uint8_t mac[AUDIT_MAC_LEN];
	uint64_t commit;
	int64_t id;
	bool due;
	int rc = SQLITE_OK;

	pthread_mutex_lock(&st->write_lock);
	st->bulk = false;
	if (st->writer)
		rc = wal_sync(st->writer, true);
	pthread_mutex_unlock(&st->write_lock);
	if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND)
		return STORE_IO;
	pthread_mutex_lock(&st->anchor_lock);
	due = st->anchor_due;
	commit = st->anchor_commit;
	id = st->anchor_id;
	memcpy(mac, st->anchor_mac, AUDIT_MAC_LEN);
	pthread_mutex_unlock(&st->anchor_lock);
	if (due) /* the newest record every commit left for it */
		anchor_publish(st, commit, id, mac);
	return STORE_OK;
}

void db_rollback(struct db *db)
{
	db->anchor_pending = false;
	db->policy_dirty = false;
	if (!sqlite3_get_autocommit(db->h))
		exec(db->h, "ROLLBACK");
	if (db->in_tx) {
		db->h = db->own;
		db->in_tx = false;
		pthread_mutex_unlock(&db->st->write_lock);
	}
}

/* A password that meets the default policy: 16 random letters/digits plus a symbol. */
static void generate_password(char out[40])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	size_t i;

	for (i = 0; i < 16; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[i++] = '-';
	out[i++] = (char)('2' + randombytes_uniform(8));
	out[i++] = (char)('A' + randombytes_uniform(26));
	out[i++] = (char)('a' + randombytes_uniform(26));
	out[i] = '\0';
}

enum store_err store_create(const char *dir, const struct store_init_opts *o,
                            char pw[ADMIN_ROLE_COUNT][40], char *err, size_t errlen)
{
	static const char *const names[ADMIN_ROLE_COUNT] = {"", "sysadmin", "secadmin", "auditor"};
	struct store *st = NULL;
	struct db *db = NULL;
	struct policy pol;
	struct unit u;
	struct actor cli = {.username = "baomi-init", .source = "cli"};
	enum store_err ret;
	char *dbpath = NULL;
	struct stat sb;
	sqlite3 *h = NULL;

	policy_defaults(&pol);
	if (o->init_password) {
		enum policy_err pe = policy_check_password(&pol, NULL, NULL, o->init_password);

		if (pe) {
			set_err(err, errlen, "BAOMI_INIT_PASSWORD: %s (%s)", policy_err_en(pe),
			        policy_err_zh(pe));
			return STORE_INVALID;
		}
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		set_err(err, errlen, "cannot create data directory %s: %s", dir, strerror(errno));
		return STORE_IO;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		set_err(err, errlen, "%s is not a directory%s", dir, NULL);
		return STORE_IO;
	}
	dbpath = path_join(dir, STORE_DB_FILE);
	if (!dbpath)
		return STORE_IO;
	if (stat(dbpath, &sb) == 0) {
		set_err(err, errlen, "%s is already initialised (%s exists)", dir, dbpath);
		free(dbpath);
		return STORE_CONFLICT;
	}
	ret = write_key(dir, err, errlen);
	if (ret)
		goto out;
	ret = db_connect(dbpath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &h, err, errlen);
	if (ret)
		goto out;
	if (exec(h, "PRAGMA journal_mode=WAL") != SQLITE_OK) {
		set_err(err, errlen, "cannot enable WAL: %s%s", sqlite3_errmsg(h), NULL);
		ret = STORE_IO;
		goto out;
	}
	sqlite3_close(h);
	h = NULL;
	ret = store_open(&st, dir, err, errlen);
	if (ret)
		goto out;
	ret = db_open(&db, st);
	if (ret)
		goto out;
	ret = db_begin(db);
	if (ret)
		goto out;
	memset(&u, 0, sizeof(u));
	snprintf(u.name, sizeof(u.name), "%s", o->unit_name);
	snprintf(u.code, sizeof(u.code), "%s", o->unit_code ? o->unit_code : "UNIT");
	ret = unit_insert(db, &u);
	if (!ret && sqlite3_exec(db->h, "UPDATE units SET is_home = 1", NULL, NULL, NULL))
		ret = db_fail(db, SQLITE_ERROR);
	if (!ret)
		ret = audit_append(db, &cli, "system.init", "unit", u.code, AUDIT_SUCCESS, "{}");
	if (!ret)
		ret = policy_save(db, &pol);
	for (int r = ADMIN_SYS; !ret && r <= ADMIN_AUDIT; r++) {
		struct account a;
		char id[24];

		memset(&a, 0, sizeof(a));
		snprintf(a.username, sizeof(a.username), "%s", names[r]);
		snprintf(a.display_name, sizeof(a.display_name), "%s", admin_role_zh(r));
		a.admin = (enum admin_role)r;
		a.must_change = true;
		if (o->init_password)
			snprintf(pw[r], 40, "%s", o->init_password);
		else
			generate_password(pw[r]);
		ret = account_insert(db, &a, pw[r]);
		snprintf(id, sizeof(id), "%lld", (long long)a.id);
		if (!ret)
			ret = audit_append(db, &cli, "account.create", "account", id, AUDIT_SUCCESS,
			                   "{\"admin_role\":true}");
	}
	if (ret) {
		set_err(err, errlen, "cannot initialise database: %s%s", db->errmsg, NULL);
		db_rollback(db);
		goto out;
	}
	ret = db_commit(db);
out:
	if (h)
		sqlite3_close(h);
	db_close(db);
	store_free(st);
	free(dbpath);
	return ret;
}

static enum store_err copy_db(sqlite3 *dst, sqlite3 *src, char *err, size_t errlen)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc;

	if (!b) {
		set_err(err, errlen, "backup failed: %s%s", sqlite3_errmsg(dst), NULL);
		return STORE_IO;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		set_err(err, errlen, "backup failed: %s%s", sqlite3_errstr(rc), NULL);
		return STORE_IO;
	}
	return STORE_OK;
}

enum store_err store_backup(struct store *st, const char *file, char *err, size_t errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	enum store_err ret;
	size_t n = strlen(file) + 8;
	int fd;
	char *tmp = malloc(n);

	if (!tmp)
		return STORE_IO;
	snprintf(tmp, n, "%s.tmp", file);
	unlink(tmp);
	/* the copy holds password hashes and the people register: owner only */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		set_err(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return STORE_IO;
	}
	close(fd);
	ret = db_connect(st->db_path, SQLITE_OPEN_READONLY, &src, err, errlen);
	if (ret)
		goto out;
	ret = db_connect(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst, err, errlen);
	if (ret)
		goto out;
	ret = copy_db(dst, src, err, errlen);
	if (!ret && exec(dst, "PRAGMA journal_mode=DELETE") != SQLITE_OK) {
		set_err(err, errlen, "backup failed: %s%s", sqlite3_errmsg(dst), NULL);
		ret = STORE_IO;
	}
	sqlite3_close(dst);
	dst = NULL;
	fd = ret ? -1 : open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) != 0)
			ret = STORE_IO;
		close(fd);
	}
	if (!ret && rename(tmp, file) != 0) {
		set_err(err, errlen, "cannot write %s: %s", file, strerror(errno));
		ret = STORE_IO;
	}
out:
	if (ret)
		unlink(tmp);
	sqlite3_close(src);
	sqlite3_close(dst);
	free(tmp);
	return ret;
}

/* A backup must be a sound baomi database whose audit chain holds under our key. */
static enum store_err check_backup(struct store *st, sqlite3 *b, char *err, size_t errlen)
{
	sqlite3_stmt *s = NULL;
	int v = user_version(b);
	const unsigned char *res = NULL;
	enum store_err ret = STORE_CORRUPT;

	if (v < 1 || v > schema_count()) {
		set_err(err, errlen, "backup is not a baomi database of a known schema%s%s", NULL,
		        NULL);
		return STORE_CORRUPT;
	}
	if (sqlite3_prepare_v2(b, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		res = sqlite3_column_text(s, 0);
	if (!res || strcmp((const char *)res, "ok") != 0) {
		set_err(err, errlen, "backup fails the integrity check: %s%s",
		        res ? (const char *)res : "unreadable", NULL);
		goto out;
	}
	ret = STORE_OK;
out:
	sqlite3_finalize(s);
	(void)st;
	return ret;
}

/*
 * After a restore: nobody stays logged in with sessions or tokens from the
 * backup (some may have been revoked since), ids and numbers issued after
 * the backup was taken are not issued again (the anchor still names the
 * newest record before the restore), and the log says what happened,
 * chained on to the restored records; the anchor moves to that record.
 */
static enum store_err restore_finish(struct store *st, const char *file, char *err, size_t errlen)
{
	struct actor cli = {.username = "console", .source = "cli"};
	struct db *db = NULL;
	struct audit_gap g;
	char detail[600];
	enum store_err ret;
	int64_t raised = 0;
	sqlite3 *h = NULL;
	json_t *d;
	char *ds;

	/* a backup of an older schema is brought up to this program's */
	ret = db_connect(st->db_path, SQLITE_OPEN_READWRITE, &h, err, errlen);
	if (!ret)
		ret = migrate(h, err, errlen);
	sqlite3_close(h);
	if (ret)
		return ret;
	ret = db_open(&db, st);
	if (ret) {
		set_err(err, errlen, "cannot reopen the restored database%s%s", NULL, NULL);
		return ret;
	}
	ret = audit_gap_check(st, &g);
	if (!ret)
		ret = db_begin(db);
	if (!ret && g.kind != AUDIT_GAP_NONE)
		ret = store_raise_sequences(db, g.missing, g.head_ms, &raised);
	d = json_pack("{ss sI}", "backup", file, "records_after_backup", (json_int_t)g.missing);
	ds = d ? json_dumps(d, JSON_COMPACT) : NULL;
	snprintf(detail, sizeof(detail), "%s", ds ? ds : "{}");
	free(ds);
	json_decref(d);
	if (!ret && exec(db->h, "DELETE FROM sessions") != SQLITE_OK)
		ret = db_fail(db, SQLITE_ERROR);
	if (!ret)
		ret =
		    audit_append(db, &cli, "system.restore", "database", "", AUDIT_SUCCESS, detail);
	if (!ret)
		ret = db_commit(db);
	if (ret) {
		set_err(err, errlen, "restored, but cannot record the restore: %s%s", db->errmsg,
		        NULL);
		db_rollback(db);
	}
	db_close(db);
	return ret;
}

/* The database and its -wal and -shm, owner only, whatever mode they had before. */
static void db_files_owner_only(const char *db_path)
{
	static const char *const tails[] = {"", "-wal", "-shm"};
	char path[4096];

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", db_path, tails[i]);
		if (chmod(path, 0600) != 0 && errno != ENOENT)
			fprintf(stderr, "baomi: cannot chmod %s: %s\n", path, strerror(errno));
	}
}

enum store_err store_restore(struct store *st, const char *file, char *err, size_t errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	struct store tmp;
	struct audit_verify_result vr;
	enum store_err ret;

	if (st->lock_fd < 0) {
		ret = store_lock(st, err, errlen);
		if (ret)
			return ret;
	}
	ret = db_connect(file, SQLITE_OPEN_READONLY, &src, err, errlen);
	if (ret)
		goto out;
	ret = check_backup(st, src, err, errlen);
	if (ret)
		goto out;
	/* The backup's audit chain must verify under this data directory's key. */
	tmp = *st;
	tmp.db_path = (char *)file;
	ret = audit_verify(&tmp, 1, false, &vr);
	if (ret || !vr.ok) {
		set_err(
		    err, errlen,
		    "backup's audit chain does not verify under this data directory's key: %s%s",
		    vr.reason, NULL);
		ret = STORE_CORRUPT;
		goto out;
	}
	ret = db_connect(st->db_path, SQLITE_OPEN_READWRITE, &dst, err, errlen);
	if (ret)
		goto out;
	ret = copy_db(dst, src, err, errlen);
	if (ret)
		goto out;
	db_files_owner_only(st->db_path);
	ret = restore_finish(st, file, err, errlen);
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return ret;
}

void store_copy_text(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

static uint32_t sql_hash(const char *sql)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

enum store_err store_prepare(struct db *db, const char *sql, sqlite3_stmt **s)
{
	uint32_t h = sql_hash(sql);
	struct store_stmt *slot = NULL;
	int rc;

	for (int i = 0; i < STORE_STMT_CACHE; i++) {
		struct store_stmt *e = &db->stmts[i];

		if (e->s && !e->busy && e->h == db->h && e->hash == h &&
		    strcmp(sqlite3_sql(e->s), sql) == 0) {
			e->busy = true;
			e->used = ++db->stmt_clock;
			*s = e->s;
			return STORE_OK;
		}
		if (!e->busy && (!slot || (slot->s && (!e->s || e->used < slot->used))))
			slot = e;
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, slot ? SQLITE_PREPARE_PERSISTENT : 0, s, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc);
	if (slot) {
		if (slot->s)
			sqlite3_finalize(slot->s);
		slot->h = db->h;
		slot->s = *s;
		slot->hash = h;
		slot->busy = true;
		slot->used = ++db->stmt_clock;
	}
	return STORE_OK;
}

int store_prepare_rc(struct db *db, const char *sql, sqlite3_stmt **s)
{
	if (store_prepare(db, sql, s) == STORE_OK)
		return SQLITE_OK;
	return sqlite3_errcode(db->h) != SQLITE_OK ? sqlite3_errcode(db->h) : SQLITE_ERROR;
}

void store_finish(struct db *db, sqlite3_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < STORE_STMT_CACHE; i++)
		if (db->stmts[i].s == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			db->stmts[i].busy = false;
			return;
		}
	sqlite3_finalize(s);
}

void store_bind_opt(sqlite3_stmt *s, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

json_t *store_day_json(int32_t day, int32_t none)
{
	int y;
	unsigned m, d;
	char buf[16];

	if (day == none)
		return json_null();
	bjtime_civil_from_days(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y % 10000, m % 100, d % 100);
	return json_string(buf);
}

const char *store_col_text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

enum store_err store_step_done(struct db *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	store_finish(db, s);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(db, rc);
}

const char *json_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

json_t *store_id_json(sqlite3_stmt *s, int i)
{
	int64_t id = sqlite3_column_int64(s, i);

	return id ? json_integer(id) : json_null();
}

json_t *store_time_json(int64_t ms)
{
	char buf[BJTIME_ISO_LEN];

	if (!ms)
		return json_null();
	bjtime_format_iso(ms, buf);
	return json_string(buf);
}

json_t *store_json_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	json_t *v = t ? json_loads(t, JSON_REJECT_DUPLICATES, NULL) : NULL;

	return v ? v : json_object();
}

void store_bind_json(sqlite3_stmt *s, int i, const json_t *v)
{
	char *t;

	if (!v) {
		sqlite3_bind_text(s, i, "{}", 2, SQLITE_STATIC);
		return;
	}
	t = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	if (t)
		sqlite3_bind_text(s, i, t, -1, free);
	else
		sqlite3_bind_null(s, i);
}

enum store_err store_get_row(struct db *db, const char *sql, int64_t id,
                             void (*row)(sqlite3_stmt *s, void *out), void *out)
{
	sqlite3_stmt *s;
	enum store_err ret = store_prepare(db, sql, &s);
	int rc;

	if (ret)
		return ret;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row(s, out);
	store_finish(db, s);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : db_fail(db, rc);
}
