/*
 * baomi-check-ceiling — the physical limits that bench/check/run.sh compares with.
 *
 *   baomi-check-ceiling read DIR JOBS
 *       page-cache read with JOBS threads: every regular file under DIR read
 *       into a reused 1 MiB buffer and discarded (no process or buffer per
 *       file, unlike cat).  Prints "read SECONDS".
 *   baomi-check-ceiling match KEYWORDS DIR JOBS [ac|hs]
 *       the matcher alone: every file under DIR loaded into memory first (not
 *       timed), then matched with JOBS threads, once with all keyword forms
 *       (UTF-8, GBK, UTF-16LE: what baomi-check does) and once with the UTF-8
 *       forms only (what ripgrep is given).  match_all matches as the scan
 *       does (a window that is UTF-8 text gets only the forms that can occur
 *       in it, scan.h), match_every_form gives every window every form.
 *       Prints "match_all SECONDS", "match_every_form SECONDS" and
 *       "match_utf8 SECONDS".  No scan of files can beat match_all.
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kw.h"
#include "match.h"
#include "scan.h"

#define MAX_JOBS 64

struct file {
	char *path;
	unsigned char *data;
	size_t len;
};

static struct file *files;
static size_t nfiles, fcap;
static atomic_size_t next_file;

static int add_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	if (nfiles == fcap) {
		size_t ncap = fcap ? fcap * 2 : 1024;
		struct file *p = realloc(files, ncap * sizeof(*p));

		if (!p)
			return -1;
		files = p;
		fcap = ncap;
	}
	memset(&files[nfiles], 0, sizeof(files[nfiles]));
	files[nfiles].path = strdup(path);
	if (!files[nfiles].path)
		return -1;
	nfiles++;
	return 0;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *reader(void *arg)
{
	unsigned char *buf = malloc(1u << 20);
	size_t i;

	(void)arg;
	if (!buf)
		return (void *)1;
	while ((i = atomic_fetch_add(&next_file, 1)) < nfiles) {
		int fd = open(files[i].path, O_RDONLY | O_CLOEXEC);
		ssize_t r;

		if (fd < 0)
			continue;
		while ((r = read(fd, buf, 1u << 20)) > 0)
			;
		close(fd);
	}
	free(buf);
	return NULL;
}

static int load(struct file *f)
{
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t r;

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	f->data = malloc((size_t)st.st_size + 1);
	while (f->data && f->len < (size_t)st.st_size &&
	       (r = read(fd, f->data + f->len, (size_t)st.st_size - f->len)) > 0)
		f->len += (size_t)r;
	close(fd);
	return f->data ? 0 : -1;
}

struct matcher {
	struct scan_engine *eng;
	unsigned long long matches;
	int failed;
};

static int count_match(unsigned id, size_t end, void *ctx)
{
	(void)id;
	(void)end;
	((struct matcher *)ctx)->matches++;
	return 0;
}

static void *match_main(void *arg)
{
	struct matcher *m = arg;
	struct scan_scratch *s;
	size_t i;

	if (scan_scratch_new(m->eng, &s) != MATCH_OK) {
		m->failed = 1;
		return NULL;
	}
	while ((i = atomic_fetch_add(&next_file, 1)) < nfiles)
		if (scan_engine_match(m->eng, s, files[i].data, files[i].len, count_match, m) !=
		    MATCH_OK)
			m->failed = 1;
	scan_scratch_free(s);
	return NULL;
}

/*
 * Times matching every loaded file with the patterns of ks whose encoding is
 * in mask, the way the scan matches them (flags as scan_engine_init takes).
 */
static int time_match(const char *label, const struct kw_set *ks, unsigned mask, unsigned flags,
                      enum match_engine engine, unsigned jobs)
{
	struct kw_set sub = *ks;
	struct scan_engine eng;
	struct matcher m[MAX_JOBS];
	pthread_t th[MAX_JOBS];
	unsigned long long total = 0;
	size_t i;
	double t0, t1;
	int failed = 0;

	sub.pats = malloc(ks->npats * sizeof(*sub.pats));
	if (!sub.pats)
		return -1;
	sub.npats = 0;
	for (i = 0; i < ks->npats; i++)
		if (mask & (1u << ks->pats[i].enc))
			sub.pats[sub.npats++] = ks->pats[i];
	/* Compiling is not matching: both databases are built before the clock starts. */
	if (scan_engine_init(&eng, &sub, engine, flags) != SCAN_OK ||
	    scan_engine_build_all(&eng) != MATCH_OK) {
		fprintf(stderr, "ceiling: cannot build the matcher\n");
		scan_engine_release(&eng);
		free(sub.pats);
		return -1;
	}
	scan_engine_wait(&eng);
	atomic_store(&next_file, 0);
	t0 = now();
	for (i = 0; i < jobs; i++) {
		memset(&m[i], 0, sizeof(m[i]));
		m[i].eng = &eng;
		if (pthread_create(&th[i], NULL, match_main, &m[i]))
			return -1;
	}
	for (i = 0; i < jobs; i++) {
		pthread_join(th[i], NULL);
		total += m[i].matches;
		failed |= m[i].failed;
	}
	t1 = now();
	printf("%s %.3f (%zu patterns, %llu raw matches, %s)\n", label, t1 - t0, sub.npats, total,
	       scan_engine_name(&eng));
	scan_engine_release(&eng);
	free(sub.pats);
	return failed ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned jobs;
	size_t i;
	int rc = 0;

	if (argc >= 4 && strcmp(argv[1], "read") == 0) {
		pthread_t th[MAX_JOBS];
		double t0;

		jobs = (unsigned)atoi(argv[3]);
		if (jobs < 1 || jobs > MAX_JOBS || nftw(argv[2], add_file, 64, FTW_PHYS) != 0)
			return 2;
		t0 = now();
		for (i = 0; i < jobs; i++)
			if (pthread_create(&th[i], NULL, reader, NULL))
				return 2;
		for (i = 0; i < jobs; i++)
			pthread_join(th[i], NULL);
		printf("read %.3f (%zu files)\n", now() - t0, nfiles);
	} else if (argc >= 5 && strcmp(argv[1], "match") == 0) {
		struct kw_set ks;
		size_t line;
		enum match_engine engine = MATCH_AUTO;

		jobs = (unsigned)atoi(argv[4]);
		if (argc >= 6)
			engine = strcmp(argv[5], "ac") == 0 ? MATCH_AC : MATCH_HS;
		kw_set_init(&ks);
		if (jobs < 1 || jobs > MAX_JOBS || kw_set_load(&ks, argv[2], &line) != KW_OK ||
		    nftw(argv[3], add_file, 64, FTW_PHYS) != 0)
			return 2;
		for (i = 0; i < nfiles; i++)
			if (load(&files[i]))
				return 2;
		if (time_match("match_all", &ks, 7u, 0, engine, jobs) ||
		    time_match("match_every_form", &ks, 7u, SCAN_ENGINE_ALL_FORMS, engine, jobs) ||
		    time_match("match_utf8", &ks, 1u << KW_UTF8, SCAN_ENGINE_ALL_FORMS, engine,
		               jobs))
			rc = 2;
		kw_set_release(&ks);
	} else {
		fprintf(stderr, "usage: baomi-check-ceiling read DIR JOBS\n"
		                "       baomi-check-ceiling match KEYWORDS DIR JOBS [ac|hs]\n");
		return 2;
	}
	for (i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
	return rc;
}
