/*
 * fuzz_conf — libFuzzer target for the config file parser (src/util/conf.h).
 *
 * Checks the promises of conf.h besides crashes, leaks and undefined
 * behaviour: on failure a non-empty message that starts with the file
 * name; on success every string set is non-empty, at most CONF_MAX_VALUE
 * bytes, free of control characters and of blanks at either end, and every
 * number within its range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util/conf.h"

static void text_ok(const char *s)
{
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	if (!n || n > CONF_MAX_VALUE || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf c;
	char err[160];
	enum conf_err e;

	conf_init(&c);
	memset(err, 0, sizeof(err));
	e = conf_parse(&c, "f.conf", (const char *)data, size, err, sizeof(err));
	if (e != CONF_OK) {
		if (strncmp(err, "f.conf", 6) != 0 || !memchr(err, '\0', sizeof(err)))
			abort();
	} else {
		text_ok(c.data);
		text_ok(c.listen);
		text_ok(c.tls_cert);
		text_ok(c.tls_key);
		text_ok(c.backup_dir);
		if (c.threads < 0 || c.threads > 16 || (c.max_body && c.max_body < 1024) ||
		    c.max_body > (256LL << 20) || c.backup_keep < 0 || c.backup_keep > 3650 ||
		    c.insecure_cookie < -1 || c.insecure_cookie > 1)
			abort();
	}
	conf_release(&c);
	return 0;
}
