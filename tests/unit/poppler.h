/*
 * poppler.h — helpers the PDF tests share: the output written to a temp
 * file and read back with poppler-utils (pdfinfo, pdftotext, pdftoppm).
 * Include after cmocka; define OUT_MAX (cap of a command's output) and
 * KEEP_ENV (the variable naming a directory for copies) first.
 */
#ifndef BAOMI_TEST_POPPLER_H
#define BAOMI_TEST_POPPLER_H

#include <time.h>
#include <unistd.h>

#include "../../src/util/buf.h"

/* Writes b to a new temp file; path holds 256 bytes. */
static void write_temp(const struct buf *b, char *path)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(path, 256, "%s/baomi-test-XXXXXX", dir && dir[0] ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->ptr, b->len), (ssize_t)b->len);
	close(fd);
}

/* With KEEP_ENV=DIR set, a copy of the output for a person to look at. */
static void keep(const struct buf *b, const char *name)
{
	const char *dir = getenv(KEEP_ENV);
	char path[512];
	FILE *fp;

	if (!dir || !dir[0])
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(b->ptr, 1, b->len, fp), b->len);
	fclose(fp);
}

/* Output of a shell command (its arguments are our own temp paths), as a string to free(). */
__attribute__((format(printf, 1, 2))) static char *run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	FILE *p;
	struct buf b;
	char chunk[4096];
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	buf_init(&b, OUT_MAX);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), BUF_OK);
	assert_int_equal(pclose(p), 0);
	if (!b.ptr)
		buf_puts(&b, "");
	return buf_detach(&b, NULL);
}

static int pdf_pages(const char *path)
{
	char *info = run("pdfinfo '%s'", path);
	const char *p = strstr(info, "Pages:");
	int n;

	assert_non_null(p);
	n = atoi(p + 6);
	free(info);
	return n;
}

/* Pixels darker than mid-grey on page n rendered in grey at dpi; *total gets all pixels. */
static long page_dark(const char *path, int n, int dpi, long *total)
{
	char prefix[300], pgm[320];
	FILE *fp;
	int w, h, maxval;
	long dark = 0;
	unsigned char *px;
	char *out;

	snprintf(prefix, sizeof(prefix), "%s-p%d", path, n);
	out =
	    run("pdftoppm -gray -r %d -f %d -l %d -singlefile '%s' '%s'", dpi, n, n, path, prefix);
	free(out);
	snprintf(pgm, sizeof(pgm), "%s.pgm", prefix);
	fp = fopen(pgm, "rb");
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "P5 %d %d %d", &w, &h, &maxval), 3);
	fgetc(fp); /* the one whitespace after maxval */
	assert_true(w > 300 && h > 400 && maxval == 255);
	px = malloc((size_t)w * (size_t)h);
	assert_non_null(px);
	assert_int_equal(fread(px, 1, (size_t)w * (size_t)h, fp), (size_t)w * (size_t)h);
	fclose(fp);
	unlink(pgm);
	for (long i = 0; i < (long)w * h; i++)
		if (px[i] < 128)
			dark++;
	free(px);
	*total = (long)w * h;
	return dark;
}

/* Per mille of dark pixels on page n at 50 dpi: 0 is a blank page. */
static int page_ink(const char *path, int n)
{
	long total, dark = page_dark(path, n, 50, &total);

	return (int)(dark * 1000 / total);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

#endif
