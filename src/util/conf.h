/*
 * conf — the server's configuration file (/etc/baomi/baomi.conf).
 *
 * One setting a line, `key = value`; blank lines and lines starting with
 * '#' are ignored.  The keys are the long options of `baomi serve` and
 * `baomi backup` without their dashes; a value runs to the end of the line
 * (surrounding blanks trimmed, no quoting).  An unknown key, a repeated
 * key, a line without '=', an empty or out-of-range value, a control
 * character or a NUL byte is an error naming file:line.
 */
#ifndef BAOMI_CONF_H
#define BAOMI_CONF_H

#include <stdbool.h>
#include <stddef.h>

#define CONF_MAX_BYTES (64 * 1024)
#define CONF_MAX_VALUE 1024

enum conf_err { CONF_OK = 0, CONF_SYNTAX, CONF_NOMEM, CONF_IO };

struct conf {
	/* NULL when the file does not set them */
	char *data, *listen, *tls_cert, *tls_key, *backup_dir;
	int threads;         /* 0: not set, else 1..16 */
	long long max_body;  /* 0: not set, else 1024..256 MiB */
	int backup_keep;     /* 0: not set, else 1..3650 */
	int insecure_cookie; /* -1: not set, 0 no, 1 yes */
};

void conf_init(struct conf *c);
void conf_release(struct conf *c);
/*
 * Parses len bytes of text; name is the file name used in messages
 * ("NAME:LINE: ...").  On an error c keeps what was set before it.
 */
enum conf_err conf_parse(struct conf *c, const char *name, const char *text, size_t len, char *err,
                         size_t errlen);
/* Reads and parses a file (at most CONF_MAX_BYTES). */
enum conf_err conf_load(struct conf *c, const char *path, char *err, size_t errlen);

#endif
