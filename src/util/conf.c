/*
 * conf.c — see conf.h.
 */
#include "conf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->insecure_cookie = -1;
}

void conf_release(struct conf *c)
{
	free(c->data);
	free(c->listen);
	free(c->tls_cert);
	free(c->tls_key);
	free(c->backup_dir);
	conf_init(c);
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool parse_number(const char *v, long long lo, long long hi, long long *out)
{
	long long n = 0;

	if (!*v)
		return false;
	for (; *v; v++) {
		if (*v < '0' || *v > '9')
			return false;
		n = n * 10 + (*v - '0');
		if (n > hi)
			return false;
	}
	if (n < lo)
		return false;
	*out = n;
	return true;
}

/* Applies one key = value; returns NULL or the reason it is refused. */
static const char *conf_set(struct conf *c, const char *key, const char *v, enum conf_err *e)
{
	static const struct {
		const char *key;
		size_t off;
	} text_keys[] = {
	    {"data", offsetof(struct conf, data)},
	    {"listen", offsetof(struct conf, listen)},
	    {"tls-cert", offsetof(struct conf, tls_cert)},
	    {"tls-key", offsetof(struct conf, tls_key)},
	    {"backup-dir", offsetof(struct conf, backup_dir)},
	};
	long long n;

	for (size_t i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++) {
		char **slot = (char **)((char *)c + text_keys[i].off);

		if (strcmp(key, text_keys[i].key) != 0)
			continue;
		if (*slot)
			return "设置重复 / set twice";
		*slot = strdup(v);
		if (!*slot) {
			*e = CONF_NOMEM;
			return "内存不足 / out of memory";
		}
		return NULL;
	}
	if (!strcmp(key, "threads")) {
		if (c->threads)
			return "设置重复 / set twice";
		if (!parse_number(v, 1, 16, &n))
			return "须为 1 到 16 的整数 / expected a number from 1 to 16";
		c->threads = (int)n;
	} else if (!strcmp(key, "max-body")) {
		if (c->max_body)
			return "设置重复 / set twice";
		if (!parse_number(v, 1024, 256LL << 20, &n))
			return "须为 1024 到 268435456 的整数 / expected a number of bytes from "
			       "1024 "
			       "to 268435456";
		c->max_body = n;
	} else if (!strcmp(key, "backup-keep")) {
		if (c->backup_keep)
			return "设置重复 / set twice";
		if (!parse_number(v, 1, 3650, &n))
			return "须为 1 到 3650 的整数 / expected a number from 1 to 3650";
		c->backup_keep = (int)n;
	} else if (!strcmp(key, "insecure-cookie")) {
		if (c->insecure_cookie >= 0)
			return "设置重复 / set twice";
		if (!strcmp(v, "yes"))
			c->insecure_cookie = 1;
		else if (!strcmp(v, "no"))
			c->insecure_cookie = 0;
		else
			return "须为 yes 或 no / expected yes or no";
	} else {
		return "未知设置项 / unknown key";
	}
	return NULL;
}

enum conf_err conf_parse(struct conf *c, const char *name, const char *text, size_t len, char *err,
                         size_t errlen)
{
	size_t pos = 0;
	unsigned line = 0;

	if (len > CONF_MAX_BYTES) {
		snprintf(err, errlen, "%s: 文件过大 / file larger than %d bytes", name,
		         CONF_MAX_BYTES);
		return CONF_SYNTAX;
	}
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char buf[CONF_MAX_VALUE + 64], *key, *eq, *v, *end;
		const char *why = NULL;
		enum conf_err e = CONF_SYNTAX;

		pos += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n >= sizeof(buf)) {
			snprintf(err, errlen, "%s:%u: 行过长 / line longer than %zu bytes", name,
			         line, sizeof(buf) - 1);
			return CONF_SYNTAX;
		}
		memcpy(buf, s, n);
		buf[n] = '\0';
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)buf[i] < 0x20 && buf[i] != '\t') {
				snprintf(err, errlen,
				         "%s:%u: 含控制字符 / control character in the line", name,
				         line);
				return CONF_SYNTAX;
			}
		key = buf;
		while (is_blank(*key))
			key++;
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			snprintf(err, errlen, "%s:%u: 缺少 '=' / expected 'key = value'", name,
			         line);
			return CONF_SYNTAX;
		}
		v = eq + 1;
		for (end = eq; end > key && is_blank(end[-1]); end--)
			;
		*end = '\0';
		while (is_blank(*v))
			v++;
		for (end = v + strlen(v); end > v && is_blank(end[-1]); end--)
			;
		*end = '\0';
		if (!*key)
			why = "缺少设置项名 / no key before '='";
		else if (!*v)
			why = "值为空 / empty value";
		else if (strlen(v) > CONF_MAX_VALUE)
			why = "值过长 / value too long";
		else
			why = conf_set(c, key, v, &e);
		if (why) {
			snprintf(err, errlen, "%s:%u: %s: %s", name, line, *key ? key : "=", why);
			return e;
		}
	}
	return CONF_OK;
}

enum conf_err conf_load(struct conf *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *text;
	size_t n;
	enum conf_err e;

	if (!f) {
		snprintf(err, errlen, "%s: 无法读取 / cannot read: %s", path, strerror(errno));
		return CONF_IO;
	}
	text = malloc(CONF_MAX_BYTES + 1);
	if (!text) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return CONF_NOMEM;
	}
	n = fread(text, 1, CONF_MAX_BYTES + 1, f);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: 无法读取 / cannot read: %s", path, strerror(errno));
		e = CONF_IO;
	} else {
		e = conf_parse(c, path, text, n, err, errlen);
	}
	free(text);
	fclose(f);
	return e;
}
