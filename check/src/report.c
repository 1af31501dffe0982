#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cbuf.h"
#include "jw.h"
#include "kw.h"
#include "scan.h"
#include "sys.h"

#define REPORT_MAX ((size_t)1 << 30)
#define KEY_MAX 4096

static const char prefix_fmt[] =
    "{\"format\":\"baomi-check-report\",\"version\":1,\"digest_alg\":\"%s\",\"report\":";
static const char digest_key[] = ",\"digest\":\"";

/* Lowercase hex digest of data: SHA-256, or HMAC-SM3 when key is given. */
static int digest_hex(const unsigned char *data, size_t n, const unsigned char *key, size_t klen,
                      char hex[129])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (key) {
		if (!HMAC(EVP_sm3(), key, (int)klen, data, n, md, &mdlen))
			return -1;
	} else if (!EVP_Digest(data, n, md, &mdlen, EVP_sha256(), NULL)) {
		return -1;
	}
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

static int read_file(const char *path, struct cbuf *b)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t r;

	if (!f)
		return errno;
	while ((r = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (cbuf_append(b, tmp, r)) {
			fclose(f);
			return EFBIG;
		}
	fclose(f);
	if (!b->ptr)
		cbuf_append(b, "", 0);
	return 0;
}

static int load_key(const char *path, struct cbuf *key)
{
	int e;

	cbuf_init(key, KEY_MAX);
	if (!path)
		return 0;
	e = read_file(path, key);
	if (e) {
		fprintf(stderr, "baomi-check: HMAC 密钥文件 key file %s: %s\n", path, strerror(e));
		return 2;
	}
	while (key->len && (key->ptr[key->len - 1] == '\n' || key->ptr[key->len - 1] == '\r'))
		key->len--;
	if (key->len == 0) {
		fprintf(stderr, "baomi-check: HMAC 密钥文件为空 key file %s is empty\n", path);
		return 2;
	}
	return 0;
}

static void host_identity(struct cbuf *o)
{
	char host[256] = "", mid[64] = "", os[512] = "", line[512];
	struct utsname u;
	FILE *f;
	DIR *d;
	struct dirent *de;
	struct passwd *pw = getpwuid(geteuid());
	const char *sudo = getenv("SUDO_USER");
	time_t now = time(NULL);
	struct tm tm;
	char ts[64];
	int first = 1;

	gethostname(host, sizeof(host) - 1);
	f = fopen("/etc/machine-id", "r");
	if (f) {
		if (fgets(mid, sizeof(mid), f))
			mid[strcspn(mid, "\n")] = '\0';
		fclose(f);
	}
	f = fopen("/etc/os-release", "r");
	if (f) {
		while (fgets(line, sizeof(line), f))
			if (strncmp(line, "PRETTY_NAME=", 12) == 0) {
				char *v = line + 12;

				v[strcspn(v, "\n")] = '\0';
				if (*v == '"') {
					v++;
					v[strcspn(v, "\"")] = '\0';
				}
				snprintf(os, sizeof(os), "%s", v);
			}
		fclose(f);
	}
	uname(&u);
	localtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S%z", &tm);
	cbuf_puts(o, "\"host\":{\"hostname\":");
	jw_cstr(o, host);
	cbuf_puts(o, ",\"machine_id\":");
	jw_cstr(o, mid);
	cbuf_puts(o, ",\"os\":");
	jw_cstr(o, os);
	cbuf_puts(o, ",\"kernel\":");
	jw_cstr(o, u.release);
	cbuf_puts(o, ",\"arch\":");
	jw_cstr(o, u.machine);
	/* Disk identities from /dev/disk/by-id names (model and serial), no root needed. */
	cbuf_puts(o, ",\"disks\":[");
	d = opendir("/dev/disk/by-id");
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' || strstr(de->d_name, "-part") ||
			    strncmp(de->d_name, "wwn-", 4) == 0 ||
			    strncmp(de->d_name, "nvme-eui", 8) == 0)
				continue;
			if (!first)
				cbuf_putc(o, ',');
			first = 0;
			jw_cstr(o, de->d_name);
		}
		closedir(d);
	}
	cbuf_puts(o, "]},\"time\":");
	jw_cstr(o, ts);
	cbuf_puts(o, ",\"operator\":{\"user\":");
	jw_cstr(o, pw ? pw->pw_name : "?");
	cbuf_printf(o, ",\"uid\":%u,\"sudo_user\":", (unsigned)geteuid());
	jw_cstr(o, sudo);
	cbuf_putc(o, '}');
}

int report_all(const char *role, const char *keywords, const char *media, const char *root,
               const char *hmac_key, unsigned jobs, enum match_engine engine, double file_timeout,
               size_t file_memory, int ocr, unsigned ocr_dpi, const char *ocr_lang,
               const char *const *paths, size_t npaths, const char *output, const char *version)
{
	struct sys_report sr;
	struct kw_set ks;
	struct scan_result res;
	struct scan_opts opts;
	struct cbuf body, file, key;
	static const char *const default_paths[] = {"/home"};
	char why[512], hex[129];
	size_t line = 0;
	int rc = 0;
	enum kw_err kerr;
	enum scan_err serr;
	FILE *f;

	sys_report_init(&sr);
	kw_set_init(&ks);
	scan_result_init(&res);
	cbuf_init(&body, REPORT_MAX);
	cbuf_init(&file, REPORT_MAX);
	rc = load_key(hmac_key, &key);
	if (rc)
		goto out;
	if (!keywords) {
		fprintf(stderr, "baomi-check all: 缺少 --keywords FILE missing --keywords FILE\n");
		rc = 2;
		goto out;
	}
	kerr = kw_set_load(&ks, keywords, &line);
	if (kerr) {
		if (line)
			fprintf(stderr, "baomi-check: 关键词文件 keywords file %s:%zu: %s\n",
			        keywords, line, kw_strerror(kerr));
		else
			fprintf(stderr, "baomi-check: 关键词文件 keywords file %s: %s\n", keywords,
			        kerr == KW_IO ? strerror(errno) : kw_strerror(kerr));
		rc = 2;
		goto out;
	}
	if (sys_run(&sr, root, role, media)) {
		rc = 2;
		goto out;
	}
	memset(&opts, 0, sizeof(opts));
	opts.paths = npaths ? paths : default_paths;
	opts.npaths = npaths ? npaths : 1;
	opts.jobs = jobs;
	opts.engine = engine;
	opts.file_timeout = file_timeout;
	opts.file_memory = file_memory;
	opts.ocr = ocr;
	opts.ocr_dpi = ocr_dpi;
	opts.ocr_lang = ocr_lang;
	serr = scan_run(&ks, &opts, &res, why, sizeof(why));
	if (serr) {
		fprintf(stderr, "baomi-check all: %s\n",
		        serr == SCAN_NOMEM ? "内存不足 out of memory" : why);
		rc = 2;
		goto out;
	}
	cbuf_printf(&body, "{\"tool\":\"baomi-check\",\"tool_version\":\"%s\",\"role\":\"%s\",",
	            version, role);
	host_identity(&body);
	cbuf_printf(&body,
	            ",\"summary\":{\"system_failed\":%u,\"files_with_hits\":%llu,"
	            "\"files_with_errors\":%llu,\"files_encrypted\":%llu},\n\"system\":",
	            sr.failed, (unsigned long long)res.files_with_hits,
	            (unsigned long long)res.files_with_errors,
	            (unsigned long long)res.files_encrypted);
	sys_report_json(&sr, &body);
	cbuf_puts(&body, ",\n\"scan\":");
	if (scan_result_json(&res, &ks, &body) || cbuf_putc(&body, '}')) {
		fprintf(stderr, "baomi-check all: 报告过大 report too large\n");
		rc = 2;
		goto out;
	}
	if (digest_hex((const unsigned char *)body.ptr, body.len,
	               hmac_key ? (const unsigned char *)key.ptr : NULL, key.len, hex)) {
		fprintf(stderr, "baomi-check all: 无法计算摘要 digest failed\n");
		rc = 2;
		goto out;
	}
	cbuf_printf(&file, prefix_fmt, hmac_key ? "hmac-sm3" : "sha256");
	cbuf_append(&file, body.ptr, body.len);
	cbuf_printf(&file, "%s%s\"}\n", digest_key, hex);
	f = fopen(output, "wb");
	if (!f || fwrite(file.ptr, 1, file.len, f) != file.len || fclose(f) != 0) {
		fprintf(stderr, "baomi-check all: 无法写入报告 cannot write report %s: %s\n",
		        output, strerror(errno));
		rc = 2;
		goto out;
	}
	fprintf(stderr,
	        "报告已写入 %s：系统检查 %u 项不通过，%llu 个文件命中关键词，%llu 个文件已加密。\n"
	        "Report written to %s: %u system checks failed, %llu files with keyword hits, "
	        "%llu files encrypted.\n",
	        output, sr.failed, (unsigned long long)res.files_with_hits,
	        (unsigned long long)res.files_encrypted, output, sr.failed,
	        (unsigned long long)res.files_with_hits, (unsigned long long)res.files_encrypted);
	rc = (sr.failed || res.files_with_hits || res.files_encrypted) ? 1
	     : res.files_with_errors                                   ? 3
	                                                               : 0;
out:
	cbuf_release(&body);
	cbuf_release(&file);
	if (key.ptr)
		OPENSSL_cleanse(key.ptr, key.len);
	cbuf_release(&key);
	scan_result_release(&res);
	kw_set_release(&ks);
	sys_report_release(&sr);
	return rc;
}

int report_verify_mem(const char *data, size_t len, const unsigned char *key, size_t keylen,
                      char *why, size_t whylen)
{
	char pre[160], hex[129];
	const char *body, *d = NULL, *p;
	size_t plen, hexlen;
	const char *alg = key ? "hmac-sm3" : "sha256";

	/* The tail: ,"digest":"HEX"} and an optional newline. */
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	snprintf(pre, sizeof(pre), prefix_fmt, alg);
	plen = strlen(pre);
	if (len < plen || memcmp(data, pre, plen) != 0) {
		snprintf(why, whylen,
		         "文件头不符或摘要算法不是 %s header does not match or digest algorithm is "
		         "not %s",
		         alg, alg);
		return 2;
	}
	for (p = data + plen; p && (size_t)(p - data) < len;) {
		p = cbuf_find(p, len - (size_t)(p - data), digest_key, sizeof(digest_key) - 1);
		if (p) {
			d = p;
			p++;
		}
	}
	if (!d || len < 2 || data[len - 1] != '}' || data[len - 2] != '"') {
		snprintf(why, whylen, "缺少 digest 字段 missing digest field");
		return 2;
	}
	body = data + plen;
	hexlen = (size_t)(data + len - 2 - (d + sizeof(digest_key) - 1));
	if (digest_hex((const unsigned char *)body, (size_t)(d - body), key, keylen, hex)) {
		snprintf(why, whylen, "无法计算摘要 digest failed");
		return 2;
	}
	if (hexlen != strlen(hex) || memcmp(hex, d + sizeof(digest_key) - 1, hexlen) != 0) {
		snprintf(why, whylen,
		         "摘要不符：报告被修改过 digest mismatch: the report was changed");
		return 1;
	}
	snprintf(why, whylen, "摘要正确 digest ok (%s)", alg);
	return 0;
}

int report_verify(const char *path, const char *hmac_key)
{
	struct cbuf b, key;
	char why[256];
	int rc, e;

	cbuf_init(&b, REPORT_MAX);
	rc = load_key(hmac_key, &key);
	if (rc)
		goto out;
	e = read_file(path, &b);
	if (e) {
		fprintf(stderr, "baomi-check verify: %s: %s\n", path, strerror(e));
		rc = 2;
		goto out;
	}
	rc = report_verify_mem(b.ptr, b.len, hmac_key ? (const unsigned char *)key.ptr : NULL,
	                       key.len, why, sizeof(why));
	if (rc == 2)
		fprintf(stderr, "baomi-check verify: %s: %s\n", path, why);
	else
		printf("%s: %s\n", path, why);
out:
	cbuf_release(&b);
	if (key.ptr)
		OPENSSL_cleanse(key.ptr, key.len);
	cbuf_release(&key);
	return rc;
}
