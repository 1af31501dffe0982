#include "sys.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "boot.h"
#include "jw.h"

#define SYS_FILE_MAX (8u << 20) /* one config file or /proc file */
#define SYS_LOG_LINES 4000000   /* log lines read for USB history */
#define SYS_MAX_DEVICES 4096    /* USB devices remembered */
#define SYS_AGE_DAYS 30         /* antivirus signatures older than this fail */

struct ctx {
	struct sys_report *r;
	const char *root; /* "" for / */
	int classified;
	struct media *media;
	size_t nmedia;
	int have_media;
	struct cbuf pkgs; /* installed Debian packages, NUL-separated, read once */
	int pkgs_read, pkgs_err;
};

struct media {
	char serial[128];
	int classified;
};

struct usbdev {
	char path[32];
	char vid[8], pid[8];
	char vendor[96], product[96], serial[128];
	char first[40], last[40];
	unsigned seen;
	int storage;
	unsigned cls; /* enum usb_class bits: what it is, from drivers and interfaces */
	int now;      /* attached now */
};

/* What a USB device is.  Phones, network adapters and radios on a classified host fail. */
enum usb_class {
	USB_STORAGE = 1,
	USB_PHONE = 2,   /* MTP/PTP (still image) or a phone maker's device */
	USB_NETWORK = 4, /* RNDIS/CDC/iPhone tethering, USB modems: a phone giving internet */
	USB_WIFI = 8,    /* Wi-Fi dongles */
	USB_BLUETOOTH = 16,
	USB_CAMERA = 32,
	USB_PRINTER = 64,
};

#define USB_WIRELESS (USB_PHONE | USB_NETWORK | USB_WIFI | USB_BLUETOOTH)

/* Kernel drivers and the class of the devices they bind to. */
static const struct {
	const char *driver;
	unsigned cls;
} usb_drivers[] = {
    {"usb-storage", USB_STORAGE}, {"uas", USB_STORAGE},       {"rndis_host", USB_NETWORK},
    {"cdc_ether", USB_NETWORK},   {"cdc_ncm", USB_NETWORK},   {"cdc_mbim", USB_NETWORK},
    {"ipheth", USB_NETWORK},      {"qmi_wwan", USB_NETWORK},  {"option", USB_NETWORK},
    {"btusb", USB_BLUETOOTH},     {"uvcvideo", USB_CAMERA},   {"usblp", USB_PRINTER},
    {"rtl8xxxu", USB_WIFI},       {"rtl8192cu", USB_WIFI},    {"rtl8187", USB_WIFI},
    {"r8188eu", USB_WIFI},        {"rtw_8822bu", USB_WIFI},   {"rtw88_8822bu", USB_WIFI},
    {"rtw_8821cu", USB_WIFI},     {"rtw88_8821cu", USB_WIFI}, {"rt2800usb", USB_WIFI},
    {"rt73usb", USB_WIFI},        {"mt7601u", USB_WIFI},      {"mt76x0u", USB_WIFI},
    {"mt76x2u", USB_WIFI},        {"mt7921u", USB_WIFI},      {"ath9k_htc", USB_WIFI},
    {"carl9170", USB_WIFI},       {"zd1211rw", USB_WIFI},     {"88XXau", USB_WIFI},
    {"8821cu", USB_WIFI},         {"8188eu", USB_WIFI},
};

/* Vendor ids of phone makers (Huawei, Xiaomi, OPPO, vivo, Apple, Samsung, Google,
 * OnePlus, Meizu, Honor, ZTE, Lenovo/Motorola). */
static const char *const phone_vendors[] = {"12d1", "2717", "22d9", "2d95", "05ac", "04e8", "18d1",
                                            "2a70", "2a45", "339b", "19d2", "17ef", "22b8"};

static int ci_contains(const char *hay, const char *needle);

static unsigned usb_driver_class(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(usb_drivers) / sizeof(usb_drivers[0]); i++)
		if (strcmp(usb_drivers[i].driver, name) == 0)
			return usb_drivers[i].cls;
	return 0;
}

/* Whether a device is a phone by its maker or what it calls itself. */
static int usb_is_phone(const struct usbdev *u)
{
	size_t i;

	for (i = 0; i < sizeof(phone_vendors) / sizeof(phone_vendors[0]); i++)
		if (strcmp(u->vid, phone_vendors[i]) == 0 &&
		    /* Apple and Samsung also make disks and keyboards: by name then */
		    (strcmp(u->vid, "05ac") != 0 || ci_contains(u->product, "iPhone") ||
		     ci_contains(u->product, "iPad")) &&
		    (strcmp(u->vid, "04e8") != 0 || !(u->cls & USB_STORAGE)))
			return 1;
	return ci_contains(u->product, "Android") || ci_contains(u->product, "MTP") ||
	       ci_contains(u->product, "iPhone");
}

static void usb_class_names(unsigned cls, char *out, size_t n)
{
	static const char *const names[] = {"storage",   "phone",  "network", "wifi",
	                                    "bluetooth", "camera", "printer"};
	size_t i, w = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (cls & (1u << i))
			w += (size_t)snprintf(out + w, w < n ? n - w : 0, "%s%s", w ? "," : "",
			                      names[i]);
	if (!out[0])
		snprintf(out, n, "other");
}

struct usblist {
	struct usbdev *d;
	size_t n, cap;
};

const char *sys_status_name(enum sys_status s)
{
	switch (s) {
	case SYS_PASS:
		return "pass";
	case SYS_FAIL:
		return "fail";
	case SYS_NA:
		return "not_applicable";
	case SYS_UNKNOWN:
		return "could_not_check";
	}
	return "?";
}

static const char *status_zh(enum sys_status s)
{
	switch (s) {
	case SYS_PASS:
		return "通过";
	case SYS_FAIL:
		return "不通过";
	case SYS_NA:
		return "不适用";
	case SYS_UNKNOWN:
		return "无法检查";
	}
	return "?";
}

void sys_report_init(struct sys_report *r)
{
	memset(r, 0, sizeof(*r));
}

void sys_report_release(struct sys_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->checks[i].detail);
		free(r->checks[i].evidence);
		free(r->checks[i].items);
	}
	free(r->checks);
	sys_report_init(r);
}

/* The check being filled: evidence and items grow in buffers until done(). */
struct cur {
	struct ctx *c;
	struct sys_check chk;
	struct cbuf ev;
	struct cbuf items;
	int nitems;
};

static void begin(struct cur *k, struct ctx *c, const char *id, const char *zh, const char *en)
{
	memset(k, 0, sizeof(*k));
	k->c = c;
	k->chk.id = id;
	k->chk.title_zh = zh;
	k->chk.title_en = en;
	k->chk.status = SYS_PASS;
	cbuf_init(&k->ev, 64 * 1024);
	cbuf_init(&k->items, 4u << 20);
}

static void evidence(struct cur *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void evidence(struct cur *k, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (k->ev.len)
		cbuf_puts(&k->ev, "; ");
	cbuf_puts(&k->ev, line);
}

static void done(struct cur *k, enum sys_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void done(struct cur *k, enum sys_status st, const char *fmt, ...)
{
	struct sys_report *r = k->c->r;
	char d[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d, sizeof(d), fmt, ap);
	va_end(ap);
	k->chk.status = st;
	k->chk.detail = strdup(d);
	k->chk.evidence = strdup(k->ev.ptr ? k->ev.ptr : "");
	if (k->nitems) {
		cbuf_putc(&k->items, ']');
		k->chk.items = strdup(k->items.ptr);
	}
	cbuf_release(&k->ev);
	cbuf_release(&k->items);
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 32;
		struct sys_check *p = realloc(r->checks, ncap * sizeof(*p));

		if (!p) {
			free(k->chk.detail);
			free(k->chk.evidence);
			free(k->chk.items);
			return;
		}
		r->checks = p;
		r->cap = ncap;
	}
	r->checks[r->n++] = k->chk;
	if (st == SYS_FAIL)
		r->failed++;
}

/* Starts one record of the check's items array; the caller appends members. */
static struct cbuf *item(struct cur *k)
{
	cbuf_puts(&k->items, k->nitems++ ? ",{" : "[{");
	return &k->items;
}

static void kv(struct cbuf *b, const char *key, const char *val, int last)
{
	jw_key(b, key);
	jw_cstr(b, val);
	cbuf_puts(b, last ? "}" : ",");
}

static void path_of(const struct ctx *c, const char *rel, char *out, size_t n)
{
	snprintf(out, n, "%s%s", c->root, rel);
}

/* Reads a whole small file; returns 0 or an errno. */
static int slurp(const char *path, struct cbuf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char tmp[65536];
	ssize_t r;

	cbuf_reset(b);
	if (fd < 0)
		return errno;
	while ((r = read(fd, tmp, sizeof(tmp))) > 0)
		if (cbuf_append(b, tmp, (size_t)r))
			break;
	close(fd);
	if (!b->ptr)
		cbuf_append(b, "", 0);
	return 0;
}

/* The first line of a small sysfs file, trimmed; "" when unreadable. */
static void read_attr(const char *dir, const char *name, char *out, size_t n)
{
	char p[PATH_MAX];
	FILE *f;

	out[0] = '\0';
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	if (!f)
		return;
	if (fgets(out, (int)n, f))
		out[strcspn(out, "\r\n")] = '\0';
	fclose(f);
}

typedef void (*line_fn)(char *line, void *arg);

/*
 * Calls fn with each line of the file at path that is not blank, its leading
 * blanks and a trailing CR removed (fn may change the line).  Returns 0, or
 * the errno of opening the file.
 */
static int for_each_line(const char *path, line_fn fn, void *arg)
{
	struct cbuf b;
	char *line, *save = NULL;
	int err;

	cbuf_init(&b, SYS_FILE_MAX);
	err = slurp(path, &b);
	if (!err)
		for (line = strtok_r(b.ptr, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			size_t l;

			line += strspn(line, " \t");
			l = strlen(line);
			if (l && line[l - 1] == '\r')
				line[--l] = '\0';
			if (l)
				fn(line, arg);
		}
	cbuf_release(&b);
	return err;
}

static int exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

/* Whether hay contains needle, ASCII case ignored (strcasestr is not POSIX). */
static int ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

/* ---- network -------------------------------------------------------- */

/* An IPv4 address as /proc/net/route writes it (hex, in memory order: 010200C0) for people. */
static void route_addr(const char *hex, char *out, size_t n)
{
	char *end;
	unsigned long v = strtoul(hex, &end, 16);

	if (*end || strlen(hex) != 8)
		snprintf(out, n, "%s", hex);
	else
		snprintf(out, n, "%lu.%lu.%lu.%lu", v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF,
		         (v >> 24) & 0xFF);
}

static void check_route(struct ctx *c)
{
	struct cur k;
	struct cbuf b;
	char p[PATH_MAX];
	char *line, *save = NULL;
	int found = 0, err;

	begin(&k, c, "net.default_route", "默认路由", "default route");
	cbuf_init(&b, SYS_FILE_MAX);
	path_of(c, "/proc/net/route", p, sizeof(p));
	err = slurp(p, &b);
	if (err) {
		done(&k, SYS_UNKNOWN, "无法读取 cannot read %s: %s", p, strerror(err));
		goto out;
	}
	for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char ifn[64], dst[16], gw[16], ip[20];

		if (sscanf(line, "%63s %15s %15s", ifn, dst, gw) == 3 &&
		    strcmp(dst, "00000000") == 0) {
			route_addr(gw, ip, sizeof(ip));
			evidence(&k, "%s: 默认路由经 default route via %s, 网关 gateway %s", p, ifn,
			         ip);
			found = 1;
		}
	}
	if (!found)
		evidence(&k, "%s: 无默认路由 no default route", p);
	if (found && c->classified)
		done(&k, SYS_FAIL, "涉密计算机存在默认路由 a classified host has a default route");
	else
		done(&k, SYS_PASS,
		     found ? "存在默认路由 default route present" : "无默认路由 no default route");
out:
	cbuf_release(&b);
}

static void check_interfaces(struct ctx *c)
{
	struct cur k, kw, kb;
	char p[PATH_MAX], d[PATH_MAX + 300], state[32];
	DIR *dir;
	struct dirent *de;
	int wireless = 0, bt = 0, up = 0;

	begin(&k, c, "net.interfaces", "网络接口", "network interfaces");
	begin(&kw, c, "net.wireless", "无线网卡", "wireless interfaces");
	path_of(c, "/sys/class/net", p, sizeof(p));
	dir = opendir(p);
	if (!dir) {
		done(&k, SYS_UNKNOWN, "无法读取 cannot read %s: %s", p, strerror(errno));
		done(&kw, SYS_UNKNOWN, "无法读取 cannot read %s", p);
	} else {
		while ((de = readdir(dir)) != NULL) {
			char wp[PATH_MAX + 600], wp2[PATH_MAX + 600];

			if (de->d_name[0] == '.' || strcmp(de->d_name, "lo") == 0)
				continue;
			snprintf(d, sizeof(d), "%s/%s", p, de->d_name);
			read_attr(d, "operstate", state, sizeof(state));
			evidence(&k, "%s: %s", de->d_name, state[0] ? state : "?");
			if (strcmp(state, "up") == 0)
				up++;
			snprintf(wp, sizeof(wp), "%s/wireless", d);
			snprintf(wp2, sizeof(wp2), "%s/phy80211", d);
			if (exists(wp) || exists(wp2)) {
				wireless++;
				evidence(&kw, "%s/%s: 无线 wireless (%s)", p, de->d_name,
				         state[0] ? state : "?");
			}
		}
		closedir(dir);
		done(&k, SYS_PASS, "%d 个接口处于 up %d interfaces up", up, up);
		if (!wireless)
			evidence(&kw, "%s: 无无线接口 no wireless interface", p);
		if (wireless && c->classified)
			done(&kw, SYS_FAIL, "涉密计算机有无线网卡 a classified host has wireless");
		else
			done(&kw, SYS_PASS, "%d 个无线接口 %d wireless interfaces", wireless,
			     wireless);
	}
	begin(&kb, c, "net.bluetooth", "蓝牙", "Bluetooth");
	path_of(c, "/sys/class/bluetooth", p, sizeof(p));
	dir = opendir(p);
	if (dir) {
		while ((de = readdir(dir)) != NULL)
			if (strncmp(de->d_name, "hci", 3) == 0) {
				bt++;
				evidence(&kb, "%s/%s", p, de->d_name);
			}
		closedir(dir);
	}
	if (!bt)
		evidence(&kb, "%s: 无蓝牙适配器 no Bluetooth adapter", p);
	if (bt && c->classified)
		done(&kb, SYS_FAIL, "涉密计算机有蓝牙 a classified host has Bluetooth");
	else
		done(&kb, SYS_PASS, "%d 个蓝牙适配器 %d Bluetooth adapters", bt, bt);
}

static void check_dns_proxy(struct ctx *c)
{
	struct cur k, kp;
	struct cbuf b;
	char p[PATH_MAX];
	char *line, *save = NULL;
	int ns = 0, proxies = 0;
	static const char *const envs[] = {"http_proxy", "https_proxy", "all_proxy",
	                                   "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"};
	size_t i;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "net.dns", "DNS 设置", "DNS settings");
	path_of(c, "/etc/resolv.conf", p, sizeof(p));
	if (slurp(p, &b) == 0) {
		for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (strncmp(line, "nameserver", 10) == 0) {
				evidence(&k, "%s: %s", p, line);
				ns++;
			}
		done(&k, SYS_PASS, "%d 个域名服务器 %d name servers", ns, ns);
	} else {
		done(&k, SYS_PASS, "无 resolv.conf no resolv.conf");
	}
	begin(&kp, c, "net.proxy", "代理设置", "proxy settings");
	if (!c->root[0])
		for (i = 0; i < sizeof(envs) / sizeof(envs[0]); i++)
			if (getenv(envs[i]) && getenv(envs[i])[0]) {
				evidence(&kp, "环境变量 environment %s=%s", envs[i],
				         getenv(envs[i]));
				proxies++;
			}
	path_of(c, "/etc/environment", p, sizeof(p));
	save = NULL;
	if (slurp(p, &b) == 0)
		for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (ci_contains(line, "_proxy=")) {
				evidence(&kp, "%s: %s", p, line);
				proxies++;
			}
	path_of(c, "/etc/apt/apt.conf", p, sizeof(p));
	save = NULL;
	if (slurp(p, &b) == 0)
		for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if (ci_contains(line, "::proxy")) {
				evidence(&kp, "%s: %s", p, line);
				proxies++;
			}
	if (proxies && c->classified)
		done(&kp, SYS_FAIL,
		     "涉密计算机配置了代理 a classified host has a proxy configured");
	else
		done(&kp, SYS_PASS, "%d 处代理设置 %d proxy settings", proxies, proxies);
	cbuf_release(&b);
}

/* ---- browser history ------------------------------------------------ */

static void fmt_time(long long unix_us, char *out, size_t n)
{
	time_t t = (time_t)(unix_us / 1000000);
	struct tm tm;

	if (unix_us <= 0 || !gmtime_r(&t, &tm)) {
		snprintf(out, n, "%s", "");
		return;
	}
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	char buf[65536];
	ssize_t r;
	int rc = 0;

	if (in < 0)
		return errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		rc = errno;
		close(in);
		return rc;
	}
	while ((r = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)r) != r) {
			rc = EIO;
			break;
		}
	if (r < 0)
		rc = errno;
	close(in);
	close(out);
	return rc;
}

/*
 * Counts visits in a browser history database.  The database (and its WAL)
 * is copied first: the browser may hold a lock, and nothing of the user's
 * must change.
 */
static int history_visits(const char *db, int firefox, long long *n, long long *first,
                          long long *last, char *why, size_t whylen)
{
	char dir[] = "/tmp/baomi-check-XXXXXX", copy[64], wal[PATH_MAX + 8], cwal[80];
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1, e;
	const char *sql = firefox ? "SELECT count(*), min(visit_date), max(visit_date) FROM "
	                            "moz_historyvisits"
	                          : "SELECT count(*), min(visit_time), max(visit_time) FROM visits";

	*n = *first = *last = 0;
	if (!mkdtemp(dir)) {
		snprintf(why, whylen, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	snprintf(copy, sizeof(copy), "%s/h.db", dir);
	snprintf(cwal, sizeof(cwal), "%s/h.db-wal", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	e = copy_file(db, copy);
	if (e) {
		snprintf(why, whylen, "%s", strerror(e));
		goto out;
	}
	if (exists(wal))
		copy_file(wal, cwal);
	if (sqlite3_open_v2(copy, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(why, whylen, "sqlite: %s", h ? sqlite3_errmsg(h) : "open failed");
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		*first = sqlite3_column_int64(st, 1);
		*last = sqlite3_column_int64(st, 2);
		if (!firefox) {
			/* Chromium counts microseconds from 1601-01-01. */
			const long long off = 11644473600LL * 1000000LL;

			*first = *first ? *first - off : 0;
			*last = *last ? *last - off : 0;
		}
		rc = 0;
	}
out:
	if (st)
		sqlite3_finalize(st);
	if (h)
		sqlite3_close(h);
	unlink(cwal);
	snprintf(wal, sizeof(wal), "%s/h.db-shm", dir);
	unlink(wal);
	unlink(copy);
	rmdir(dir);
	return rc;
}

static void history_one(struct cur *k, const char *user, const char *browser, const char *db,
                        int firefox, long long *total, int *errors)
{
	long long n, first, last;
	char why[256], f[40], l[40];
	struct cbuf *b;

	if (history_visits(db, firefox, &n, &first, &last, why, sizeof(why))) {
		evidence(k, "%s: 无法读取 cannot read: %s", db, why);
		(*errors)++;
		return;
	}
	fmt_time(first, f, sizeof(f));
	fmt_time(last, l, sizeof(l));
	evidence(k, "%s: %lld 次访问 visits", db, n);
	*total += n;
	b = item(k);
	kv(b, "user", user, 0);
	kv(b, "browser", browser, 0);
	kv(b, "path", db, 0);
	cbuf_printf(b, "\"visits\":%lld,", n);
	kv(b, "first_visit", f, 0);
	kv(b, "last_visit", l, 1);
}

static void history_home(struct cur *k, const char *home, const char *user, long long *total,
                         int *errors, int *homes)
{
	char p[PATH_MAX], q[PATH_MAX + 300], db[PATH_MAX + 600];
	static const char *const ff[] = {"/.mozilla/firefox",
	                                 "/snap/firefox/common/.mozilla/firefox"};
	DIR *d, *d2;
	struct dirent *de, *de2;
	size_t i;

	if (access(home, R_OK | X_OK) != 0) {
		evidence(k, "%s: 无权读取（需 root）not readable (needs root)", home);
		(*errors)++;
		return;
	}
	(*homes)++;
	for (i = 0; i < sizeof(ff) / sizeof(ff[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", home, ff[i]);
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(db, sizeof(db), "%s/%s/places.sqlite", p, de->d_name);
			if (exists(db))
				history_one(k, user, "firefox", db, 1, total, errors);
		}
		closedir(d);
	}
	/* Chromium and its derivatives (Chrome, Edge, UOS and 360 browsers): */
	/* ~/.config/<browser>/<profile>/History. */
	snprintf(p, sizeof(p), "%s/.config", home);
	d = opendir(p);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(q, sizeof(q), "%s/%s", p, de->d_name);
		d2 = opendir(q);
		if (!d2)
			continue;
		while ((de2 = readdir(d2)) != NULL) {
			if (de2->d_name[0] == '.')
				continue;
			if (strcmp(de2->d_name, "Default") != 0 &&
			    strncmp(de2->d_name, "Profile ", 8) != 0)
				continue;
			snprintf(db, sizeof(db), "%s/%s/History", q, de2->d_name);
			if (exists(db))
				history_one(k, user, de->d_name, db, 0, total, errors);
		}
		closedir(d2);
	}
	closedir(d);
}

static void check_history(struct ctx *c)
{
	struct cur k;
	char p[PATH_MAX], home[PATH_MAX + 300];
	DIR *d;
	struct dirent *de;
	long long total = 0;
	int errors = 0, homes = 0;

	begin(&k, c, "internet.browser_history", "浏览器上网记录", "browser history");
	path_of(c, "/root", home, sizeof(home));
	if (exists(home))
		history_home(&k, home, "root", &total, &errors, &homes);
	path_of(c, "/home", p, sizeof(p));
	d = opendir(p);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(home, sizeof(home), "%s/%s", p, de->d_name);
			history_home(&k, home, de->d_name, &total, &errors, &homes);
		}
		closedir(d);
	}
	if (total && c->classified)
		done(&k, SYS_FAIL, "涉密计算机有上网记录 %lld 条 a classified host has %lld visits",
		     total, total);
	else if (errors && !total)
		done(&k, SYS_UNKNOWN,
		     "%d 处无法读取（非 root 运行？）%d places could not be read (not root?)",
		     errors, errors);
	else
		done(&k, SYS_PASS, "%d 个用户目录，%lld 条访问记录 %d homes, %lld visits", homes,
		     total, homes, total);
}

/* ---- USB storage ---------------------------------------------------- */

static struct usbdev *usb_add(struct usblist *l)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 32;
		struct usbdev *p;

		if (ncap > SYS_MAX_DEVICES)
			return NULL;
		p = realloc(l->d, ncap * sizeof(*p));
		if (!p)
			return NULL;
		l->d = p;
		l->cap = ncap;
	}
	memset(&l->d[l->n], 0, sizeof(l->d[0]));
	return &l->d[l->n++];
}

/* Merges a device seen at some time into the aggregated list (by vid:pid:serial). */
static void usb_merge(struct usblist *agg, const struct usbdev *u)
{
	size_t i;
	struct usbdev *a;

	for (i = 0; i < agg->n; i++) {
		a = &agg->d[i];
		if (strcmp(a->vid, u->vid) == 0 && strcmp(a->pid, u->pid) == 0 &&
		    strcmp(a->serial, u->serial) == 0) {
			a->seen += u->seen ? u->seen : 1;
			if (u->last[0])
				snprintf(a->last, sizeof(a->last), "%s", u->last);
			if (!a->first[0])
				snprintf(a->first, sizeof(a->first), "%s", u->first);
			a->now |= u->now;
			a->storage |= u->storage;
			a->cls |= u->cls;
			if (!a->product[0])
				snprintf(a->product, sizeof(a->product), "%s", u->product);
			if (!a->vendor[0])
				snprintf(a->vendor, sizeof(a->vendor), "%s", u->vendor);
			return;
		}
	}
	/* root hubs (Linux Foundation) are the computer's own */
	if (strcmp(u->vid, "1d6b") == 0 || !u->vid[0])
		return;
	a = usb_add(agg);
	if (!a)
		return;
	*a = *u;
	if (!a->seen)
		a->seen = 1;
}

/* Interface class codes (bInterfaceClass, SubClass, Protocol) and what they say. */
static unsigned usb_interface_class(const char *ip)
{
	char cls[8], sub[8], proto[8], name[128], link[PATH_MAX + 700], tgt[PATH_MAX];
	const char *base;
	ssize_t l;
	unsigned c = 0;

	read_attr(ip, "bInterfaceClass", cls, sizeof(cls));
	read_attr(ip, "bInterfaceSubClass", sub, sizeof(sub));
	read_attr(ip, "bInterfaceProtocol", proto, sizeof(proto));
	read_attr(ip, "interface", name, sizeof(name));
	if (strcmp(cls, "08") == 0)
		c |= USB_STORAGE;
	else if (strcmp(cls, "06") == 0 || ci_contains(name, "MTP"))
		c |= USB_PHONE;
	else if (strcmp(cls, "e0") == 0 && strcmp(sub, "01") == 0)
		c |= strcmp(proto, "03") == 0 ? USB_NETWORK : USB_BLUETOOTH;
	else if (strcmp(cls, "02") == 0 &&
	         (strcmp(sub, "06") == 0 || strcmp(sub, "0d") == 0 || strcmp(sub, "0e") == 0))
		c |= USB_NETWORK;
	else if (strcmp(cls, "0e") == 0)
		c |= USB_CAMERA;
	else if (strcmp(cls, "07") == 0)
		c |= USB_PRINTER;
	/* The driver bound to it says the rest (Wi-Fi dongles are vendor-specific). */
	snprintf(link, sizeof(link), "%s/driver", ip);
	l = readlink(link, tgt, sizeof(tgt) - 1);
	if (l > 0) {
		tgt[l] = '\0';
		base = strrchr(tgt, '/');
		c |= usb_driver_class(base ? base + 1 : tgt);
	}
	return c;
}

static void usb_current(struct ctx *c, struct usblist *agg, struct cur *k)
{
	char p[PATH_MAX], d[PATH_MAX + 300];
	DIR *dir, *sub;
	struct dirent *de, *se;

	path_of(c, "/sys/bus/usb/devices", p, sizeof(p));
	dir = opendir(p);
	if (!dir) {
		evidence(k, "%s: %s", p, strerror(errno));
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		struct usbdev u;

		/* interfaces (1-2:1.0) and root hubs (usb1) are not devices */
		if (de->d_name[0] == '.' || strchr(de->d_name, ':') ||
		    strncmp(de->d_name, "usb", 3) == 0)
			continue;
		snprintf(d, sizeof(d), "%s/%s", p, de->d_name);
		memset(&u, 0, sizeof(u));
		read_attr(d, "idVendor", u.vid, sizeof(u.vid));
		if (!u.vid[0])
			continue;
		sub = opendir(d);
		if (!sub)
			continue;
		while ((se = readdir(sub)) != NULL) {
			char ip[PATH_MAX + 600];

			if (!strchr(se->d_name, ':'))
				continue;
			snprintf(ip, sizeof(ip), "%s/%s", d, se->d_name);
			u.cls |= usb_interface_class(ip);
		}
		closedir(sub);
		u.storage = (u.cls & USB_STORAGE) != 0;
		read_attr(d, "idProduct", u.pid, sizeof(u.pid));
		read_attr(d, "manufacturer", u.vendor, sizeof(u.vendor));
		read_attr(d, "product", u.product, sizeof(u.product));
		read_attr(d, "serial", u.serial, sizeof(u.serial));
		snprintf(u.path, sizeof(u.path), "%.31s", de->d_name);
		snprintf(u.last, sizeof(u.last), "%s", "now");
		u.now = 1;
		evidence(k, "%s: 当前接入 attached %s:%s %s %s serial=%s", d, u.vid, u.pid,
		         u.vendor, u.product, u.serial);
		usb_merge(agg, &u);
	}
	closedir(dir);
}

/* The time stamp at the start of a log line: ISO token or "Mon DD HH:MM:SS". */
static void line_time(const char *line, char *out, size_t n)
{
	if (line[0] >= '0' && line[0] <= '9')
		snprintf(out, n, "%.*s", (int)strcspn(line, " "), line);
	else
		snprintf(out, n, "%.15s", line);
}

/* Copies the value after "key" in msg up to a comma or the end. */
static int field(const char *msg, const char *key, char *out, size_t n)
{
	const char *p = strstr(msg, key);
	size_t l;

	if (!p)
		return 0;
	p += strlen(key);
	l = strcspn(p, ",\r\n");
	while (l && p[l - 1] == ' ')
		l--;
	snprintf(out, n, "%.*s", (int)l, p);
	return 1;
}

struct usbparse {
	struct usblist open; /* devices being described, by bus path */
	struct usblist *agg;
	unsigned lines;
};

static struct usbdev *by_path(struct usbparse *up, const char *path)
{
	size_t i;

	for (i = 0; i < up->open.n; i++)
		if (strcmp(up->open.d[i].path, path) == 0)
			return &up->open.d[i];
	return NULL;
}

static void usb_flush(struct usbparse *up)
{
	size_t i;

	for (i = 0; i < up->open.n; i++)
		usb_merge(up->agg, &up->open.d[i]);
	up->open.n = 0;
}

/* "rndis_host 1-3:1.0 usb0: register ..." and the like: a driver bound to a device's interface. */
static void usb_driver_line(struct usbparse *up, const char *line)
{
	size_t i;

	for (i = 0; i < sizeof(usb_drivers) / sizeof(usb_drivers[0]); i++) {
		const char *p = strstr(line, usb_drivers[i].driver);
		size_t dl = strlen(usb_drivers[i].driver), pl;
		char path[32];
		struct usbdev *d;

		if (!p || (p > line && p[-1] != ' ') || p[dl] != ' ')
			continue;
		p += dl + 1;
		pl = strcspn(p, ": ");
		if (pl == 0 || pl >= sizeof(path) || p[pl] != ':' || p[0] < '0' || p[0] > '9')
			continue;
		snprintf(path, sizeof(path), "%.*s", (int)pl, p);
		d = by_path(up, path);
		if (d) {
			d->cls |= usb_drivers[i].cls;
			d->storage |= (usb_drivers[i].cls & USB_STORAGE) != 0;
		}
		return;
	}
}

/* One kernel log line: "usb 1-1.2: New USB device found, idVendor=0781, ...". */
static void usb_line(struct usbparse *up, const char *line)
{
	const char *u = strstr(line, "usb ");
	const char *s = strstr(line, "usb-storage ");
	char path[32], t[40];
	struct usbdev *d;
	size_t pl;

	if (s) {
		s += 12;
		pl = strcspn(s, ":");
		snprintf(path, sizeof(path), "%.*s", (int)pl, s);
		if (strstr(s, "Mass Storage device detected") && (d = by_path(up, path)) != NULL) {
			d->storage = 1;
			d->cls |= USB_STORAGE;
		}
		return;
	}
	usb_driver_line(up, line);
	if (!u)
		return;
	u += 4;
	pl = strcspn(u, ": ");
	if (pl == 0 || pl >= sizeof(path) || u[pl] != ':')
		return;
	snprintf(path, sizeof(path), "%.*s", (int)pl, u);
	u += pl + 1;
	d = by_path(up, path);
	if (strstr(u, "New USB device found")) {
		if (d)
			usb_merge(up->agg, d);
		if (!d) {
			if (up->open.n >= 256)
				usb_flush(up);
			d = usb_add(&up->open);
			if (!d)
				return;
		}
		memset(d, 0, sizeof(*d));
		snprintf(d->path, sizeof(d->path), "%s", path);
		field(u, "idVendor=", d->vid, sizeof(d->vid));
		field(u, "idProduct=", d->pid, sizeof(d->pid));
		line_time(line, t, sizeof(t));
		snprintf(d->first, sizeof(d->first), "%s", t);
		snprintf(d->last, sizeof(d->last), "%s", t);
		return;
	}
	if (!d)
		return;
	if (!field(u, "Product: ", d->product, sizeof(d->product)) &&
	    !field(u, "Manufacturer: ", d->vendor, sizeof(d->vendor)))
		field(u, "SerialNumber: ", d->serial, sizeof(d->serial));
}

static void usb_logfile(struct usbparse *up, const char *path, struct cur *k)
{
	gzFile f = gzopen(path, "rb");
	char line[2048];
	unsigned before = up->lines;

	if (!f) {
		evidence(k, "%s: %s", path, strerror(errno));
		return;
	}
	while (up->lines < SYS_LOG_LINES && gzgets(f, line, sizeof(line))) {
		up->lines++;
		if (strstr(line, "usb") || strstr(line, ":1."))
			usb_line(up, line);
	}
	gzclose(f);
	usb_flush(up);
	evidence(k, "%s: %u 行 lines", path, up->lines - before);
}

static void usb_history(struct ctx *c, struct usblist *agg, struct cur *k)
{
	char p[PATH_MAX], f[PATH_MAX + 300];
	DIR *d;
	struct dirent *de;
	struct usbparse up;

	memset(&up, 0, sizeof(up));
	up.agg = agg;
	path_of(c, "/var/log", p, sizeof(p));
	d = opendir(p);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, "kern.log", 8) != 0 &&
			    strncmp(de->d_name, "syslog", 6) != 0 &&
			    strncmp(de->d_name, "messages", 8) != 0)
				continue;
			snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
			usb_logfile(&up, f, k);
		}
		closedir(d);
	}
	/* The systemd journal, through journalctl, only for the real root. */
	if (!c->root[0] && (exists("/usr/bin/journalctl") || exists("/bin/journalctl"))) {
		FILE *j = popen("journalctl -k -q --no-pager -o short-iso 2>/dev/null", "r");
		char line[2048];
		unsigned before = up.lines;

		if (j) {
			while (up.lines < SYS_LOG_LINES && fgets(line, sizeof(line), j)) {
				up.lines++;
				if (strstr(line, "usb") || strstr(line, ":1."))
					usb_line(&up, line);
			}
			pclose(j);
			usb_flush(&up);
			evidence(k, "journalctl -k: %u 行 lines", up.lines - before);
		}
	}
	free(up.open.d);
}

static const struct media *media_find(const struct ctx *c, const char *serial)
{
	size_t i;

	for (i = 0; serial[0] && i < c->nmedia; i++)
		if (strcmp(c->media[i].serial, serial) == 0)
			return &c->media[i];
	return NULL;
}

static void check_usb(struct ctx *c)
{
	struct cur k, kx, ka;
	struct usblist agg;
	size_t i, nstorage = 0, nwireless = 0;
	int bad = 0;

	memset(&agg, 0, sizeof(agg));
	begin(&k, c, "usb.storage", "USB 存储设备（当前与历史）", "USB storage (now and past)");
	begin(&ka, c, "usb.devices", "USB 设备（各类，当前与历史）",
	      "USB devices of every class (now and past)");
	usb_current(c, &agg, &ka);
	usb_history(c, &agg, &ka);
	cbuf_puts(&k.ev, ka.ev.ptr ? ka.ev.ptr : "");
	/* Storage devices first, as the checks below read them; then the rest. */
	for (i = 0, nstorage = 0; i < agg.n; i++)
		if (agg.d[i].storage) {
			struct usbdev t = agg.d[nstorage];

			agg.d[nstorage++] = agg.d[i];
			agg.d[i] = t;
		}
	for (i = 0; i < agg.n; i++) {
		struct usbdev *u = &agg.d[i];
		char cls[80];
		struct cbuf *b;

		if (usb_is_phone(u))
			u->cls |= USB_PHONE;
		usb_class_names(u->cls, cls, sizeof(cls));
		b = item(&ka);
		kv(b, "class", cls, 0);
		kv(b, "vendor_id", u->vid, 0);
		kv(b, "product_id", u->pid, 0);
		kv(b, "vendor", u->vendor, 0);
		kv(b, "product", u->product, 0);
		kv(b, "serial", u->serial, 0);
		kv(b, "first_seen", u->first, 0);
		kv(b, "last_seen", u->last, 0);
		cbuf_printf(b, "\"times_seen\":%u,\"attached_now\":%s}", u->seen,
		            u->now ? "true" : "false");
		if (u->cls & USB_WIRELESS) {
			nwireless++;
			evidence(&ka, "%s %s:%s %s %s serial=%s (%s .. %s)", cls, u->vid, u->pid,
			         u->vendor, u->product, u->serial[0] ? u->serial : "?", u->first,
			         u->last);
		}
	}
	if (nwireless && c->classified)
		done(
		    &ka, SYS_FAIL,
		    "涉密计算机接入过手机、网络或无线设备 %zu 个 a classified host had %zu phones, "
		    "network or radio devices attached",
		    nwireless, nwireless);
	else
		done(&ka, SYS_PASS,
		     "%zu 个 USB 设备，其中手机、网络或无线设备 %zu 个 %zu USB devices, "
		     "%zu of them phones, network or radio devices",
		     agg.n, nwireless, agg.n, nwireless);
	for (i = 0; i < nstorage; i++) {
		const struct usbdev *u = &agg.d[i];
		struct cbuf *b = item(&k);

		kv(b, "vendor_id", u->vid, 0);
		kv(b, "product_id", u->pid, 0);
		kv(b, "vendor", u->vendor, 0);
		kv(b, "product", u->product, 0);
		kv(b, "serial", u->serial, 0);
		kv(b, "first_seen", u->first, 0);
		kv(b, "last_seen", u->last, 0);
		cbuf_printf(b, "\"times_seen\":%u,\"attached_now\":%s}", u->seen,
		            u->now ? "true" : "false");
	}
	done(&k, SYS_PASS, "发现 %zu 个 USB 存储设备 %zu USB storage devices found", nstorage,
	     nstorage);
	agg.n = nstorage; /* cross-use concerns storage only */

	begin(&kx, c, "usb.cross_use", "存储介质交叉使用", "removable media cross-use");
	if (!c->have_media) {
		done(&kx, SYS_NA, "未提供介质登记表（--media）no registered-media list (--media)");
		goto out;
	}
	for (i = 0; i < agg.n; i++) {
		const struct usbdev *u = &agg.d[i];
		const struct media *m = media_find(c, u->serial);

		if (c->classified && !m) {
			evidence(
			    &kx,
			    "未登记介质接入涉密计算机 unregistered medium on a classified host: "
			    "%s:%s %s serial=%s (%s .. %s)",
			    u->vid, u->pid, u->product, u->serial[0] ? u->serial : "?", u->first,
			    u->last);
			bad++;
		} else if (c->classified && !m->classified) {
			evidence(&kx,
			         "非涉密介质接入涉密计算机 unclassified medium on a classified "
			         "host: serial=%s (%s .. %s)",
			         u->serial, u->first, u->last);
			bad++;
		} else if (!c->classified && m && m->classified) {
			evidence(&kx,
			         "涉密介质接入非涉密计算机 classified medium on an unclassified "
			         "host: serial=%s (%s .. %s)",
			         u->serial, u->first, u->last);
			bad++;
		}
	}
	if (bad)
		done(&kx, SYS_FAIL, "%d 次交叉使用 %d cross-uses", bad, bad);
	else
		done(&kx, SYS_PASS, "无交叉使用 no cross-use (%zu 个设备 devices)", agg.n);
out:
	free(agg.d);
}

/* ---- Wi-Fi networks joined and VPN profiles --------------------------- */

struct netprof {
	struct cur wifi, vpn;
	unsigned nwifi, nvpn, unreadable;
};

static void wifi_item(struct netprof *np, const char *ssid, const char *last, const char *src)
{
	struct cbuf *b = item(&np->wifi);

	kv(b, "ssid", ssid, 0);
	kv(b, "last_used", last, 0);
	kv(b, "source", src, 1);
	evidence(&np->wifi, "%s: SSID「%s」%s%s", src, ssid, last[0] ? "last used " : "", last);
	np->nwifi++;
}

static void vpn_item(struct netprof *np, const char *name, const char *type, const char *src)
{
	struct cbuf *b = item(&np->vpn);

	kv(b, "name", name, 0);
	kv(b, "type", type, 0);
	kv(b, "source", src, 1);
	evidence(&np->vpn, "%s: %s (%s)", src, name, type);
	np->nvpn++;
}

/* A profile that could not be read (most need root). */
static void unreadable(struct netprof *np, const char *path, int err)
{
	evidence(&np->wifi, "%s: %s", path, strerror(err));
	np->unreadable++;
}

/* The keys read from a NetworkManager keyfile: the first of each in its [section]. */
struct nmconn {
	char sect[64];
	char type[64], id[256], ts[32], ssid[256], ssid_80211[256], svc[256];
};

static void nm_line(char *line, void *arg)
{
	static const struct {
		const char *sect, *key;
		size_t off, size;
	} keys[] = {
#define NM_KEY(s, k, f) {s, k, offsetof(struct nmconn, f), sizeof(((struct nmconn *)0)->f)}
	    NM_KEY("connection", "type", type),
	    NM_KEY("connection", "id", id),
	    NM_KEY("connection", "timestamp", ts),
	    NM_KEY("wifi", "ssid", ssid),
	    NM_KEY("802-11-wireless", "ssid", ssid_80211),
	    NM_KEY("vpn", "service-type", svc),
#undef NM_KEY
	};
	struct nmconn *nc = arg;
	char *eq = strchr(line, '=');
	size_t i;

	if (*line == '[') {
		snprintf(nc->sect, sizeof(nc->sect), "%.*s", (int)strcspn(line + 1, "]"), line + 1);
		return;
	}
	if (!eq)
		return;
	*eq = '\0';
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *dst = (char *)nc + keys[i].off;

		if (!dst[0] && strcmp(nc->sect, keys[i].sect) == 0 &&
		    strcmp(line, keys[i].key) == 0)
			snprintf(dst, keys[i].size, "%s", eq + 1);
	}
}

/* NetworkManager keyfiles: Wi-Fi (ssid, last use) and VPN/WireGuard connections. */
static void nm_profiles(struct ctx *c, struct netprof *np)
{
	char p[PATH_MAX], f[PATH_MAX + 300], last[40];
	DIR *d;
	struct dirent *de;

	path_of(c, "/etc/NetworkManager/system-connections", p, sizeof(p));
	d = opendir(p);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		struct nmconn nc;
		int err;

		if (de->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
		memset(&nc, 0, sizeof(nc));
		err = for_each_line(f, nm_line, &nc);
		if (err) {
			unreadable(np, f, err);
			continue;
		}
		fmt_time(atoll(nc.ts) * 1000000LL, last, sizeof(last));
		if (strcmp(nc.type, "wifi") == 0 || strcmp(nc.type, "802-11-wireless") == 0)
			wifi_item(np,
			          nc.ssid[0]         ? nc.ssid
			          : nc.ssid_80211[0] ? nc.ssid_80211
			                             : nc.id,
			          last, f);
		else if (strcmp(nc.type, "vpn") == 0 || strcmp(nc.type, "wireguard") == 0)
			vpn_item(np, nc.id, nc.svc[0] ? nc.svc : nc.type, f);
	}
	closedir(d);
}

struct wpafile {
	struct netprof *np;
	const char *path;
};

/* wpa_supplicant: the ssid="..." lines of its network={ } blocks (not bssid=, scan_ssid=). */
static void wpa_line(char *line, void *arg)
{
	struct wpafile *wf = arg;
	char ssid[256];
	const char *q = line + 5;

	if (strncmp(line, "ssid=", 5) != 0)
		return;
	if (*q == '"')
		q++;
	snprintf(ssid, sizeof(ssid), "%.*s", (int)strcspn(q, "\""), q);
	wifi_item(wf->np, ssid, "", wf->path);
}

static void wpa_profiles(struct ctx *c, struct netprof *np)
{
	static const char *const files[] = {"/etc/wpa_supplicant.conf",
	                                    "/etc/wpa_supplicant/wpa_supplicant.conf"};
	char p[PATH_MAX];
	struct wpafile wf = {np, p};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int err;

		path_of(c, files[i], p, sizeof(p));
		err = for_each_line(p, wpa_line, &wf);
		if (err && err != ENOENT)
			unreadable(np, p, err);
	}
}

/* OpenVPN, WireGuard and PPP (PPTP/L2TP) configurations. */
static void vpn_files(struct ctx *c, struct netprof *np)
{
	static const struct {
		const char *dir, *suffix, *type;
	} dirs[] = {{"/etc/openvpn", ".conf", "openvpn"},
	            {"/etc/openvpn/client", ".conf", "openvpn"},
	            {"/etc/openvpn", ".ovpn", "openvpn"},
	            {"/etc/wireguard", ".conf", "wireguard"},
	            {"/etc/ppp/peers", "", "ppp"}};
	char p[PATH_MAX], f[PATH_MAX + 300];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d;
		struct dirent *de;

		path_of(c, dirs[i].dir, p, sizeof(p));
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name), sl = strlen(dirs[i].suffix);
			struct stat st;

			snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
			if (de->d_name[0] == '.' || l <= sl ||
			    strcmp(de->d_name + l - sl, dirs[i].suffix) != 0 || stat(f, &st) != 0 ||
			    !S_ISREG(st.st_mode))
				continue;
			vpn_item(np, de->d_name, dirs[i].type, f);
		}
		closedir(d);
	}
}

static void check_net_profiles(struct ctx *c)
{
	struct netprof np;

	memset(&np, 0, sizeof(np));
	begin(&np.wifi, c, "net.wifi_history", "连接过的无线网络", "Wi-Fi networks joined");
	begin(&np.vpn, c, "net.vpn", "VPN 配置", "VPN profiles");
	nm_profiles(c, &np);
	wpa_profiles(c, &np);
	vpn_files(c, &np);
	if (np.nwifi && c->classified)
		done(&np.wifi, SYS_FAIL,
		     "涉密计算机连接过 %u 个无线网络 a classified host joined %u Wi-Fi networks",
		     np.nwifi, np.nwifi);
	else if (!np.nwifi && np.unreadable)
		done(
		    &np.wifi, SYS_UNKNOWN,
		    "%u 个网络配置无法读取（需要 root）%u network profiles unreadable (needs root)",
		    np.unreadable, np.unreadable);
	else
		done(&np.wifi, SYS_PASS, "%u 个无线网络配置 %u Wi-Fi profiles", np.nwifi, np.nwifi);
	if (np.nvpn && c->classified)
		done(&np.vpn, SYS_FAIL,
		     "涉密计算机有 %u 个 VPN 配置 a classified host has %u VPN profiles", np.nvpn,
		     np.nvpn);
	else if (!np.nvpn && np.unreadable)
		done(
		    &np.vpn, SYS_UNKNOWN,
		    "%u 个网络配置无法读取（需要 root）%u network profiles unreadable (needs root)",
		    np.unreadable, np.unreadable);
	else
		done(&np.vpn, SYS_PASS, "%u 个 VPN 配置 %u VPN profiles", np.nvpn, np.nvpn);
}

/* ---- software, printing, recent documents, services and shares ------- */

/* Remote-control, instant-messaging and virtual-machine software, by package or directory name. */
static const struct {
	const char *token;
	const char *kind;
} risky_sw[] = {
    {"teamviewer", "remote"}, {"anydesk", "remote"},    {"todesk", "remote"},
    {"sunlogin", "remote"},   {"rustdesk", "remote"},   {"nomachine", "remote"},
    {"x11vnc", "remote"},     {"vncserver", "remote"},  {"xrdp", "remote"},
    {"realvnc", "remote"},    {"wechat", "im"},         {"weixin", "im"},
    {"linuxqq", "im"},        {"com.qq.im", "im"},      {"dingtalk", "im"},
    {"feishu", "im"},         {"lark", "im"},           {"wemeet", "im"},
    {"telegram", "im"},       {"skype", "im"},          {"zoom", "im"},
    {"virtualbox", "vm"},     {"vmware", "vm"},         {"qemu-system", "vm"},
    {"qemu-kvm", "vm"},       {"libvirt-daemon", "vm"}, {"gnome-boxes", "vm"},
};

static const char *risky_kind(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(risky_sw) / sizeof(risky_sw[0]); i++)
		if (ci_contains(name, risky_sw[i].token))
			return risky_sw[i].kind;
	return NULL;
}

static void software_item(struct cur *k, const char *name, const char *kind, const char *src,
                          unsigned *n)
{
	struct cbuf *b = item(k);

	kv(b, "name", name, 0);
	kv(b, "kind", kind, 0);
	kv(b, "source", src, 1);
	evidence(k, "%s: %s (%s)", src, name, kind);
	(*n)++;
}

typedef void (*package_fn)(const char *name, const char *src, void *arg);

/*
 * Calls fn with each package dpkg lists as installed ("Package: x" blocks
 * with "Status: install ok installed"); returns 0 or the errno of reading
 * its status file.  The names are read once for all checks.
 */
static int dpkg_installed(struct ctx *c, package_fn fn, void *arg)
{
	char p[PATH_MAX];
	const char *name;

	path_of(c, "/var/lib/dpkg/status", p, sizeof(p));
	if (!c->pkgs_read) {
		struct cbuf b;
		char *blk, *next;

		c->pkgs_read = 1;
		cbuf_init(&b, 64u << 20);
		c->pkgs_err = slurp(p, &b);
		for (blk = c->pkgs_err ? NULL : b.ptr; blk && *blk; blk = next) {
			next = strstr(blk, "\n\n");
			if (next) {
				*next = '\0';
				next += 2;
			}
			if (strncmp(blk, "Package: ", 9) == 0 &&
			    strstr(blk, "Status: install ok installed") &&
			    (cbuf_append(&c->pkgs, blk + 9, strcspn(blk + 9, "\n")) ||
			     cbuf_append(&c->pkgs, "", 1)))
				break; /* over the cap: the names so far */
		}
		cbuf_release(&b);
	}
	for (name = c->pkgs.ptr; name && name < c->pkgs.ptr + c->pkgs.len;
	     name += strlen(name) + 1) {
		char one[256];

		snprintf(one, sizeof(one), "%s", name);
		fn(one, p, arg);
	}
	return c->pkgs_err;
}

struct swscan {
	struct cur *k;
	unsigned *n;
};

static void software_package(const char *name, const char *src, void *arg)
{
	struct swscan *sw = arg;
	const char *kind = risky_kind(name);

	if (kind)
		software_item(sw->k, name, kind, src, sw->n);
}

static void check_software(struct ctx *c)
{
	static const char *const dirs[] = {"/opt", "/opt/apps", "/usr/local"};
	struct cur k;
	char p[PATH_MAX];
	unsigned n = 0;
	struct swscan sw = {&k, &n};
	size_t i;
	int err;

	begin(&k, c, "software.remote_im_vm", "远程控制、即时通信与虚拟机软件",
	      "remote-control, instant-messaging and virtual-machine software");
	err = dpkg_installed(c, software_package, &sw);
	if (err && err != ENOENT) {
		path_of(c, "/var/lib/dpkg/status", p, sizeof(p));
		evidence(&k, "%s: %s", p, strerror(err));
	}
	/* Programs unpacked outside the package manager (/opt/todesk, UOS /opt/apps). */
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d;
		struct dirent *de;

		path_of(c, dirs[i], p, sizeof(p));
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)) != NULL) {
			const char *kind = de->d_name[0] == '.' ? NULL : risky_kind(de->d_name);

			if (kind)
				software_item(&k, de->d_name, kind, p, &n);
		}
		closedir(d);
	}
	if (n && c->classified)
		done(&k, SYS_FAIL,
		     "涉密计算机装有远程控制、即时通信或虚拟机软件 %u 项 a classified host has %u "
		     "remote-control, messaging or virtual-machine programs",
		     n, n);
	else
		done(&k, SYS_PASS, "%u 项远程控制、即时通信或虚拟机软件 %u such programs", n, n);
}

#define SYS_PRINT_ITEMS 500 /* print log lines listed */

/* CUPS: the printers (network ones fail on a classified host) and the jobs of page_log. */
static void check_printing(struct ctx *c)
{
	struct cur k;
	struct cbuf b;
	char p[PATH_MAX], f[PATH_MAX + 300], name[256] = "";
	unsigned nprinters = 0, nnet = 0, jobs = 0;
	DIR *d;
	struct dirent *de;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "print.cups", "打印机与打印记录", "printers and print history");
	path_of(c, "/etc/cups/printers.conf", p, sizeof(p));
	if (slurp(p, &b) == 0) {
		char *line, *save = NULL;

		for (line = strtok_r(b.ptr, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (strncmp(line, "<Printer ", 9) == 0 ||
			    strncmp(line, "<DefaultPrinter ", 16) == 0)
				snprintf(name, sizeof(name), "%.*s",
				         (int)strcspn(strchr(line, ' ') + 1, ">"),
				         strchr(line, ' ') + 1);
			else if (strncmp(line, "DeviceURI ", 10) == 0) {
				const char *uri = line + 10;
				int net = strncmp(uri, "usb:", 4) != 0 &&
				          strncmp(uri, "parallel:", 9) != 0 &&
				          strncmp(uri, "hp:/usb", 7) != 0 &&
				          strncmp(uri, "file:", 5) != 0;
				struct cbuf *it = item(&k);

				kv(it, "record", "printer", 0);
				kv(it, "printer", name, 0);
				kv(it, "uri", uri, 0);
				cbuf_printf(it, "\"network\":%s}", net ? "true" : "false");
				evidence(&k, "%s: %s %s", p, name, uri);
				nprinters++;
				nnet += net;
			}
		}
	}
	/* page_log: "printer user job-id [date] ..." in the current and rotated logs. */
	path_of(c, "/var/log/cups", p, sizeof(p));
	d = opendir(p);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			gzFile g;
			char line[1024];

			if (strncmp(de->d_name, "page_log", 8) != 0)
				continue;
			snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
			g = gzopen(f, "rb");
			if (!g)
				continue;
			while (gzgets(g, line, sizeof(line))) {
				const char *lb = strchr(line, '['),
				           *rb = lb ? strchr(lb, ']') : NULL;
				char t[64], printer[128], user[128], job[32];
				struct cbuf *it;

				if (!lb || !rb ||
				    sscanf(line, "%127s %127s %31s", printer, user, job) != 3)
					continue;
				snprintf(t, sizeof(t), "%.*s", (int)(rb - lb - 1), lb + 1);
				jobs++;
				if (jobs > SYS_PRINT_ITEMS)
					continue;
				it = item(&k);
				kv(it, "record", "job", 0);
				kv(it, "printer", printer, 0);
				kv(it, "user", user, 0);
				kv(it, "job", job, 0);
				kv(it, "time", t, 1);
			}
			gzclose(g);
			evidence(&k, "%s", f);
		}
		closedir(d);
	}
	if (jobs)
		evidence(&k, "打印记录 %u 行 print log: %u lines", jobs, jobs);
	if (nnet && c->classified)
		done(&k, SYS_FAIL,
		     "涉密计算机配置了网络打印机 %u 台 a classified host has %u network printers",
		     nnet, nnet);
	else
		done(&k, SYS_PASS, "%u 台打印机，打印记录 %u 条 %u printers, %u print log lines",
		     nprinters, jobs, nprinters, jobs);
	cbuf_release(&b);
}

#define SYS_RECENT_PER_USER 50 /* recently opened documents listed per user */

/* The desktop's recently-used list of one home (freedesktop recently-used.xbel). */
static void recent_item(struct cur *k, const char *user, const char *from, const char *doc,
                        const char *when)
{
	struct cbuf *it = item(k);

	kv(it, "user", user, 0);
	kv(it, "from", from, 0);
	kv(it, "document", doc, 0);
	kv(it, "modified", when, 1);
}

/* LibreOffice's recent documents: the PickList of its registrymodifications.xcu. */
static void recent_libreoffice(struct cur *k, struct cbuf *b, const char *home, const char *user,
                               unsigned *n)
{
	static const char tok[] = "HistoryInfo['PickList']/ItemList\"><node oor:name=\"";
	char p[PATH_MAX + 64], path[1024];
	const char *q;
	unsigned mine = 0;

	snprintf(p, sizeof(p), "%s/.config/libreoffice/4/user/registrymodifications.xcu", home);
	if (slurp(p, b) != 0)
		return;
	for (q = b->ptr; (q = strstr(q, tok)) != NULL && mine < SYS_RECENT_PER_USER; mine++) {
		q += sizeof(tok) - 1;
		snprintf(path, sizeof(path), "%.*s", (int)strcspn(q, "\""), q);
		recent_item(k, user, "libreoffice", path, "");
	}
	if (mine)
		evidence(k, "%s: %u", p, mine);
	*n += mine;
}

static void recent_home(struct cur *k, struct cbuf *b, const char *home, const char *user,
                        unsigned *n)
{
	char p[PATH_MAX + 64], path[1024], when[40];
	const char *q;
	unsigned mine = 0;

	recent_libreoffice(k, b, home, user, n);
	snprintf(p, sizeof(p), "%s/.local/share/recently-used.xbel", home);
	if (slurp(p, b) != 0)
		return;
	for (q = b->ptr; (q = strstr(q, "<bookmark ")) != NULL && mine < SYS_RECENT_PER_USER; q++) {
		const char *h = strstr(q, "href=\""), *m = strstr(q, "modified=\"");
		const char *end = strchr(q, '>');

		if (!h || !end || h > end)
			continue;
		h += 6;
		snprintf(path, sizeof(path), "%.*s", (int)strcspn(h, "\""), h);
		when[0] = '\0';
		if (m && m < end)
			snprintf(when, sizeof(when), "%.*s", (int)strcspn(m + 10, "\""), m + 10);
		recent_item(k, user, "desktop", path, when);
		mine++;
	}
	if (mine)
		evidence(k, "%s: %u", p, mine);
	*n += mine;
}

static void check_recent_docs(struct ctx *c)
{
	struct cur k;
	struct cbuf b;
	char p[PATH_MAX], home[PATH_MAX + 300];
	DIR *d;
	struct dirent *de;
	unsigned n = 0;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "docs.recent", "最近打开的文档", "recently opened documents");
	path_of(c, "/root", home, sizeof(home));
	recent_home(&k, &b, home, "root", &n);
	path_of(c, "/home", p, sizeof(p));
	d = opendir(p);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(home, sizeof(home), "%s/%s", p, de->d_name);
			recent_home(&k, &b, home, de->d_name, &n);
		}
		closedir(d);
	}
	done(&k, SYS_PASS, "%u 个最近打开的文档 %u recently opened documents", n, n);
	cbuf_release(&b);
}

/* Listening TCP sockets of /proc/net/tcp and tcp6 (state 0A) that are not loopback. */
static void listening(struct cur *k, struct cbuf *b, const char *path, int v6, unsigned *n)
{
	char *line, *save = NULL;

	if (slurp(path, b) != 0)
		return;
	for (line = strtok_r(b->ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char local[64], rem[64], st[8], addr[72];
		unsigned port;
		char *colon;
		struct cbuf *it;

		if (sscanf(line, "%*s %63s %63s %7s", local, rem, st) != 3 || strcmp(st, "0A") != 0)
			continue;
		colon = strchr(local, ':');
		if (!colon)
			continue;
		*colon = '\0';
		port = (unsigned)strtoul(colon + 1, NULL, 16);
		if (!v6) {
			route_addr(local, addr, sizeof(addr));
			if (strncmp(addr, "127.", 4) == 0)
				continue;
		} else {
			if (strcmp(local, "00000000000000000000000001000000") == 0)
				continue; /* ::1 */
			snprintf(addr, sizeof(addr), "%s",
			         strcmp(local, "00000000000000000000000000000000") == 0 ? "::"
			                                                                : local);
		}
		it = item(k);
		kv(it, "address", addr, 0);
		cbuf_printf(it, "\"port\":%u}", port);
		evidence(k, "%s:%u", addr, port);
		(*n)++;
	}
}

/* The shared folders of one configuration file. */
struct shares {
	struct cur *k;
	const char *path;
	unsigned n;
};

static void share_item(struct shares *sh, const char *name, const char *kind, const char *shown)
{
	struct cbuf *it = item(sh->k);

	kv(it, "share", name, 0);
	kv(it, "kind", kind, 1);
	evidence(sh->k, "%s: %s", sh->path, shown);
	sh->n++;
}

/* smb.conf: every [section] but the global and printer ones is a share. */
static void samba_line(char *line, void *arg)
{
	char sect[128], shown[132];

	if (*line != '[')
		return;
	snprintf(sect, sizeof(sect), "%.*s", (int)strcspn(line + 1, "]"), line + 1);
	if (strcmp(sect, "global") == 0 || strcmp(sect, "printers") == 0 ||
	    strcmp(sect, "print$") == 0)
		return;
	snprintf(shown, sizeof(shown), "[%s]", sect);
	share_item(arg, sect, "samba", shown);
}

/* /etc/exports: "/dir host(options) ..." */
static void exports_line(char *line, void *arg)
{
	char dir[512];

	if (*line != '/')
		return;
	snprintf(dir, sizeof(dir), "%.*s", (int)strcspn(line, " \t"), line);
	share_item(arg, dir, "nfs", dir);
}

static void check_services_shares(struct ctx *c)
{
	struct cur k, ks;
	struct shares sh;
	struct cbuf b;
	char p[PATH_MAX];
	unsigned n = 0;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "net.listening", "对外监听的网络服务", "listening network services");
	path_of(c, "/proc/net/tcp", p, sizeof(p));
	listening(&k, &b, p, 0, &n);
	path_of(c, "/proc/net/tcp6", p, sizeof(p));
	listening(&k, &b, p, 1, &n);
	done(&k, SYS_PASS, "%u 个对外监听的 TCP 端口 %u TCP ports listening beyond loopback", n, n);

	begin(&ks, c, "net.shares", "共享文件夹（Samba、NFS）", "shared folders (Samba, NFS)");
	sh.k = &ks;
	sh.n = 0;
	sh.path = p;
	path_of(c, "/etc/samba/smb.conf", p, sizeof(p));
	for_each_line(p, samba_line, &sh);
	path_of(c, "/etc/exports", p, sizeof(p));
	for_each_line(p, exports_line, &sh);
	if (sh.n && c->classified)
		done(&ks, SYS_FAIL,
		     "涉密计算机共享了 %u 个文件夹 a classified host shares %u folders", sh.n,
		     sh.n);
	else
		done(&ks, SYS_PASS, "%u 个共享文件夹 %u shared folders", sh.n, sh.n);
	cbuf_release(&b);
}

/* ---- a second operating system: partitions and boot entries ---------- */

#define SYS_MAX_BLOCK 64    /* block devices read */
#define SYS_BLOCK_HEAD 8192 /* bytes read at the start of each */
#define SYS_GRUB_ITEMS 64   /* GRUB menu entries listed per file */
#define SYS_EFI_GUID "8be4df61-93ca-11d2-aa0d-00e098032b8c"

struct osscan {
	struct ctx *c;
	struct cur k;
	char id[64], like[256]; /* os-release ID and ID_LIKE */
	const char *own;        /* this system's OS name (boot_os_of), NULL if unknown */
	char dirs[32][64];      /* the vendor directories under /boot/efi/EFI */
	size_t ndirs;
	char seen[SYS_MAX_BLOCK][48]; /* partitions described with their disk */
	size_t nseen;
	unsigned other, unreadable, items;
	/* the GRUB file being read */
	const char *grub;
	int prober;        /* inside the 30_os-prober section */
	char title[256];   /* the menuentry being read */
	const char *why;   /* why it boots another system, or NULL */
	unsigned nentries; /* menu entries of this file */
};

static int same_os(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Whether a system named os is another one than this host's. */
static int os_other(const struct osscan *o, const char *os)
{
	if (!os)
		return 0;
	if (o->own)
		return strcmp(os, o->own) != 0;
	return strcmp(os, "Windows") == 0 || strcmp(os, "macOS") == 0;
}

static void os_item(struct osscan *o, const char *record, const char *os, const char *entry,
                    const char *source, int other)
{
	struct cbuf *b = item(&o->k);

	kv(b, "record", record, 0);
	kv(b, "os", os ? os : "", 0);
	kv(b, "entry", entry, 0);
	kv(b, "source", source, 0);
	cbuf_printf(b, "\"other_os\":%s}", other ? "true" : "false");
	o->items++;
	if (other) {
		evidence(&o->k, "%s: %s（%s）", source, entry, os && *os ? os : "?");
		o->other++;
	}
}

static void osrel_line(char *line, void *arg)
{
	struct osscan *o = arg;
	char *dst = NULL, *v;
	size_t n = 0;

	if (strncmp(line, "ID=", 3) == 0) {
		dst = o->id;
		n = sizeof(o->id);
	} else if (strncmp(line, "ID_LIKE=", 8) == 0) {
		dst = o->like;
		n = sizeof(o->like);
	}
	if (!dst)
		return;
	v = strchr(line, '=') + 1;
	v += *v == '"' || *v == '\'';
	snprintf(dst, n, "%.*s", (int)strcspn(v, "\"'"), v);
}

/* The vendor directories of the EFI system partition; sets o->own. */
static void os_efi_dirs(struct osscan *o)
{
	char p[PATH_MAX], f[PATH_MAX + 80];
	const char *mine = o->id[0] ? boot_os_of(o->id) : NULL;
	DIR *d;
	struct dirent *de;
	size_t i;

	path_of(o->c, "/boot/efi/EFI", p, sizeof(p));
	d = opendir(p);
	if (!d) {
		if (errno != ENOENT) {
			evidence(&o->k, "%s: %s", p, strerror(errno));
			o->unreadable++;
		}
	} else {
		while ((de = readdir(d)) != NULL && o->ndirs < sizeof(o->dirs) / sizeof(o->dirs[0]))
			if (de->d_name[0] != '.' && strcasecmp(de->d_name, "BOOT") != 0)
				snprintf(o->dirs[o->ndirs++], sizeof(o->dirs[0]), "%.63s",
				         de->d_name);
		closedir(d);
	}
	/* this system's directory: its ID, else the distribution it derives from (ID_LIKE) */
	o->own = mine;
	for (i = 0; mine && i < o->ndirs; i++)
		if (same_os(boot_os_of(o->dirs[i]), mine))
			break;
	if (!mine || i == o->ndirs) {
		char like[256], *w, *save = NULL;

		snprintf(like, sizeof(like), "%s", o->like);
		for (w = strtok_r(like, " ", &save); w; w = strtok_r(NULL, " ", &save))
			for (i = 0; i < o->ndirs; i++)
				if (same_os(boot_os_of(o->dirs[i]), boot_os_of(w))) {
					o->own = boot_os_of(w);
					goto found;
				}
	}
found:
	for (i = 0; i < o->ndirs; i++) {
		const char *os = boot_os_of(o->dirs[i]);

		snprintf(f, sizeof(f), "%s/%s", p, o->dirs[i]);
		os_item(o, "efi_directory", os, o->dirs[i], f, os_other(o, os));
	}
}

/* The UEFI boot entries in NVRAM (efibootmgr's list), descriptions decoded. */
static void os_nvram(struct osscan *o)
{
	char p[PATH_MAX], f[PATH_MAX + 300], entry[1024], cur[8] = "";
	struct cbuf b;
	DIR *d;
	struct dirent *de;

	path_of(o->c, "/sys/firmware/efi/efivars", p, sizeof(p));
	d = opendir(p);
	if (!d)
		return;
	cbuf_init(&b, 64 * 1024);
	snprintf(f, sizeof(f), "%s/BootCurrent-%s", p, SYS_EFI_GUID);
	if (slurp(f, &b) == 0 && b.len >= 6)
		snprintf(cur, sizeof(cur), "%04X",
		         (unsigned char)b.ptr[4] | (unsigned)(unsigned char)b.ptr[5] << 8);
	while ((de = readdir(d)) != NULL) {
		struct boot_option bo;
		const char *os;
		char part[40];
		int now;

		if (strncmp(de->d_name, "Boot", 4) != 0 || strlen(de->d_name) != 8 + 1 + 36 ||
		    strspn(de->d_name + 4, "0123456789ABCDEFabcdef") != 4 ||
		    strcasecmp(de->d_name + 9, SYS_EFI_GUID) != 0)
			continue;
		snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
		if (slurp(f, &b) != 0 ||
		    boot_load_option((const unsigned char *)b.ptr, b.len, &bo) != BOOT_OK)
			continue;
		os = boot_os_of(bo.desc);
		if (!os)
			os = boot_os_of(bo.path);
		now = cur[0] && strncasecmp(de->d_name + 4, cur, 4) == 0;
		part[0] = '\0';
		if (bo.partition)
			snprintf(part, sizeof(part), " 分区 partition %u", bo.partition);
		snprintf(entry, sizeof(entry), "%.8s「%s」%s%s%s%s%s%s", de->d_name, bo.desc,
		         bo.path, bo.device[0] ? " " : "", bo.device, part,
		         now ? " 当前启动 booted now" : "", bo.active ? "" : " 未启用 inactive");
		os_item(o, "uefi_boot_entry", os, entry, f, os_other(o, os));
	}
	closedir(d);
	cbuf_release(&b);
}

/* Ends the menu entry being read: one that boots another system is a finding. */
static void grub_flush(struct osscan *o)
{
	const char *os;

	if (!o->title[0])
		return;
	os = boot_os_of(o->title);
	if (!o->why && os_other(o, os))
		o->why = "菜单标题 title";
	if (o->nentries++ < SYS_GRUB_ITEMS)
		os_item(o, "grub_menu_entry", os, o->title, o->grub, o->why != NULL);
	else if (o->why)
		o->other++;
	o->title[0] = '\0';
	o->why = NULL;
}

/* grub.cfg: menuentry titles, the os-prober section, chainloader entries. */
static void grub_line(char *line, void *arg)
{
	struct osscan *o = arg;

	if (strncmp(line, "### BEGIN /etc/grub.d/", 22) == 0)
		o->prober = strstr(line, "os-prober") != NULL;
	else if (strncmp(line, "menuentry", 9) == 0 && (line[9] == ' ' || line[9] == '\t')) {
		char *t = line + 9 + strspn(line + 9, " \t");
		char end[3] = " \t";

		if (*t == '\'' || *t == '"') {
			end[0] = *t++;
			end[1] = '\0';
		}
		grub_flush(o);
		snprintf(o->title, sizeof(o->title), "%.*s", (int)strcspn(t, end), t);
		if (o->prober)
			o->why = "os-prober";
		else if (strstr(o->title, "(on /dev/"))
			o->why = "os-prober";
	} else if (strncmp(line, "submenu", 7) == 0)
		grub_flush(o);
	else if (strncmp(line, "chainloader", 11) == 0 && o->title[0])
		o->why = "chainloader";
}

static void os_grub(struct osscan *o)
{
	static const char *const files[] = {"/boot/grub/grub.cfg", "/boot/grub2/grub.cfg"};
	char p[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int err;

		path_of(o->c, files[i], p, sizeof(p));
		o->grub = p;
		o->prober = 0;
		o->nentries = 0;
		err = for_each_line(p, grub_line, o);
		grub_flush(o);
		if (err && err != ENOENT) {
			evidence(&o->k, "%s: %s", p, strerror(err));
			o->unreadable++;
		}
	}
}

/* The first bytes of a block device under the root; 0 or an errno. */
static int read_block(const struct ctx *c, const char *name, off_t off, unsigned char *buf,
                      size_t n, size_t *got)
{
	char p[PATH_MAX];
	struct stat st;
	ssize_t r;
	int fd, err = 0;

	*got = 0;
	snprintf(p, sizeof(p), "%s/dev/%s", c->root, name);
	fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0 || !(S_ISBLK(st.st_mode) || S_ISREG(st.st_mode)))
		err = EINVAL;
	else if ((r = pread(fd, buf, n, off)) < 0)
		err = errno;
	else
		*got = (size_t)r;
	close(fd);
	return err;
}

static void human_size(uint64_t bytes, char *out, size_t n)
{
	if (bytes >= (1ull << 30))
		snprintf(out, n, "%.1f GB", (double)bytes / (double)(1ull << 30));
	else
		snprintf(out, n, "%.0f MB", (double)bytes / (double)(1ull << 20));
}

/* One partition of a table: its type, name, size and the file system on it. */
static void os_partition(struct osscan *o, const char *disk, const struct boot_part *bp,
                         size_t sector)
{
	unsigned char *head = malloc(SYS_BLOCK_HEAD);
	char name[48], entry[512], size[32], src[PATH_MAX];
	struct boot_kind fs = {"", "", 0};
	size_t got = 0;

	snprintf(name, sizeof(name), "%s%s%u", disk,
	         disk[0] && isdigit((unsigned char)disk[strlen(disk) - 1]) ? "p" : "", bp->number);
	if (head && read_block(o->c, name, 0, head, SYS_BLOCK_HEAD, &got) == 0)
		boot_fs(head, got, &fs);
	free(head);
	if (o->nseen < SYS_MAX_BLOCK)
		snprintf(o->seen[o->nseen++], sizeof(o->seen[0]), "%s", name);
	human_size(bp->sectors * sector, size, sizeof(size));
	snprintf(entry, sizeof(entry), "/dev/%s: %s%s%s%s%s%s%s, %s", name, bp->kind.name,
	         bp->label[0] ? "「" : "", bp->label, bp->label[0] ? "」" : "",
	         bp->active ? " 可启动 active" : "", fs.name[0] ? ", " : "", fs.name, size);
	snprintf(src, sizeof(src), "%s/dev/%s", o->c->root, disk);
	os_item(o, "partition", bp->kind.os[0] ? bp->kind.os : fs.os, entry, src,
	        bp->kind.other_os || fs.other_os);
}

/* A disk's partition table (GPT or MBR), or the file system of a partition. */
static void os_block(struct osscan *o, const char *name)
{
	unsigned char *head = malloc(SYS_BLOCK_HEAD), *tab = NULL;
	struct boot_gpt g;
	struct boot_part bp[4];
	struct boot_kind fs;
	size_t got = 0, sector = 512, i;
	unsigned np;
	int err;

	if (!head)
		return;
	err = read_block(o->c, name, 0, head, SYS_BLOCK_HEAD, &got);
	if (err) {
		if (err != ENOENT) {
			evidence(&o->k, "%s/dev/%s: %s", o->c->root, name, strerror(err));
			o->unreadable++;
		}
		goto out;
	}
	if (boot_gpt_header(head + 512, got > 512 ? got - 512 : 0, &g) != BOOT_OK) {
		sector = 4096;
		if (boot_gpt_header(head + 4096, got > 4096 ? got - 4096 : 0, &g) != BOOT_OK)
			sector = 0;
	}
	if (sector) {
		size_t want = (size_t)g.nentries * g.entry_size;

		tab = malloc(want);
		if (!tab ||
		    read_block(o->c, name, (off_t)(g.entries_lba * sector), tab, want, &got) != 0)
			goto out;
		for (i = 0; i + g.entry_size <= got; i += g.entry_size) {
			struct boot_part p;

			if (boot_gpt_entry(tab + i, g.entry_size, (unsigned)(i / g.entry_size) + 1,
			                   &p) == BOOT_OK)
				os_partition(o, name, &p, sector);
		}
	} else if (boot_fs(head, got, &fs) == BOOT_OK) {
		char entry[128], src[PATH_MAX];

		snprintf(entry, sizeof(entry), "/dev/%s: %s", name, fs.name);
		snprintf(src, sizeof(src), "%s/dev/%s", o->c->root, name);
		os_item(o, "partition", fs.os, entry, src, fs.other_os);
	} else if (boot_mbr(head, got, bp, &np) == BOOT_OK) {
		for (i = 0; i < np; i++)
			os_partition(o, name, &bp[i], 512);
	}
out:
	free(tab);
	free(head);
}

/* /proc/partitions: every disk and partition but loop, RAM and optical devices. */
static void partitions_line(char *line, void *arg)
{
	static const char *const skip[] = {"loop", "ram", "zram", "sr", "fd", "nbd"};
	struct osscan *o = arg;
	char name[40], p[PATH_MAX], rm[8];
	unsigned long long blocks;
	unsigned maj, mnr;
	size_t i;

	if (sscanf(line, "%u %u %llu %39s", &maj, &mnr, &blocks, name) != 4)
		return;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strncmp(name, skip[i], strlen(skip[i])) == 0)
			return;
	for (i = 0; i < o->nseen; i++)
		if (strcmp(o->seen[i], name) == 0)
			return;
	/* removable disks (USB sticks) are the USB checks' business */
	snprintf(p, sizeof(p), "%s/sys/class/block/%s", o->c->root, name);
	read_attr(p, "removable", rm, sizeof(rm));
	if (strcmp(rm, "1") == 0)
		return;
	snprintf(p, sizeof(p), "%s/sys/class/block/%s/..", o->c->root, name);
	read_attr(p, "removable", rm, sizeof(rm));
	if (strcmp(rm, "1") == 0 || o->nseen >= SYS_MAX_BLOCK)
		return;
	snprintf(o->seen[o->nseen++], sizeof(o->seen[0]), "%s", name);
	os_block(o, name);
}

/* /etc/fstab: Windows and macOS file systems mounted by this system. */
static void fstab_line(char *line, void *arg)
{
	struct osscan *o = arg;
	char spec[256], dir[256], type[32], entry[600], p[PATH_MAX];
	const char *os = NULL;

	if (*line == '#' || sscanf(line, "%255s %255s %31s", spec, dir, type) != 3)
		return;
	if (strncmp(type, "ntfs", 4) == 0)
		os = "Windows";
	else if (strcmp(type, "hfsplus") == 0 || strcmp(type, "apfs") == 0)
		os = "macOS";
	if (!os)
		return;
	snprintf(entry, sizeof(entry), "%s → %s (%s)", spec, dir, type);
	path_of(o->c, "/etc/fstab", p, sizeof(p));
	os_item(o, "fstab", os, entry, p, 0);
}

static void check_other_os(struct ctx *c)
{
	struct osscan *o = calloc(1, sizeof(*o));
	char p[PATH_MAX];

	if (!o)
		return;
	o->c = c;
	begin(&o->k, c, "boot.other_os", "另一操作系统（其他可启动分区与引导项）",
	      "a second operating system (bootable partitions, boot entries)");
	path_of(c, "/etc/os-release", p, sizeof(p));
	if (for_each_line(p, osrel_line, o) != 0) {
		path_of(c, "/usr/lib/os-release", p, sizeof(p));
		for_each_line(p, osrel_line, o);
	}
	os_efi_dirs(o);
	os_nvram(o);
	os_grub(o);
	path_of(c, "/proc/partitions", p, sizeof(p));
	for_each_line(p, partitions_line, o);
	path_of(c, "/etc/fstab", p, sizeof(p));
	for_each_line(p, fstab_line, o);
	if (o->other && c->classified)
		done(&o->k, SYS_FAIL,
		     "涉密计算机上有另一操作系统的迹象 %u 处 a classified host shows %u traces of "
		     "another operating system",
		     o->other, o->other);
	else if (!o->other && o->unreadable)
		done(&o->k, SYS_UNKNOWN,
		     "%u 处磁盘或引导配置无法读取（需要 root）%u disks or boot files unreadable "
		     "(needs root)",
		     o->unreadable, o->unreadable);
	else
		done(&o->k, SYS_PASS,
		     "另一操作系统的迹象 %u 处（已读 %u 项分区与引导项）%u traces of another "
		     "operating system (%u partitions and boot entries read)",
		     o->other, o->items, o->other, o->items);
	free(o);
}

/* ---- optical burning tools, their logs and the drives ----------------- */

#define SYS_BURN_TOOLS 32 /* burning programs remembered */
#define SYS_BURN_LOGS 50  /* log and project files listed per user */

/* Burning programs: Debian package, program and desktop-file names. */
static const struct {
	const char *package; /* exact dpkg name, or NULL */
	const char *program; /* under /usr/bin */
	const char *token;   /* in a desktop file or /opt/apps directory name, or NULL */
	const char *name;
} burners[] = {
    {"brasero", "brasero", "brasero", "Brasero"},
    {"k3b", "k3b", "k3b", "K3b"},
    {"xfburn", "xfburn", "xfburn", "Xfburn"},
    {"kylin-burner", "kylin-burner", "kylin-burner", "麒麟刻录 kylin-burner"},
    {"deepin-burner", "deepin-burner", "deepin-burner", "深度刻录 deepin-burner"},
    {"simpleburn", "simpleburn", "simpleburn", "SimpleBurn"},
    {"wodim", "wodim", NULL, "wodim (cdrecord)"},
    {NULL, "cdrecord", NULL, "cdrecord"},
    {"cdrskin", "cdrskin", NULL, "cdrskin"},
    {"dvd+rw-tools", "growisofs", NULL, "growisofs (dvd+rw-tools)"},
    {"xorriso", "xorriso", NULL, "xorriso"},
    {"genisoimage", "genisoimage", NULL, "genisoimage (mkisofs)"},
};

/* Per-user logs and state of the burning programs. */
static const struct {
	const char *dir, *tool;
} burn_logs[] = {
    {".cache/brasero", "Brasero"},
    {".local/share/k3b", "K3b"},
    {".kde/share/apps/k3b", "K3b"},
    {".kde4/share/apps/k3b", "K3b"},
    {".config/xfburn", "Xfburn"},
    {".config/kylin-burner", "kylin-burner"},
    {".local/share/kylin-burner", "kylin-burner"},
    {".config/deepin/deepin-burner", "deepin-burner"},
};

struct burnscan {
	struct ctx *c;
	struct cur k;
	const char *found[SYS_BURN_TOOLS]; /* names already listed */
	size_t nfound;
	unsigned tools, logs;
	char last[40]; /* the newest log or project */
	time_t newest;
};

static void burn_tool(struct burnscan *s, const char *name, const char *source)
{
	struct cbuf *b;
	size_t i;

	for (i = 0; i < s->nfound; i++)
		if (strcmp(s->found[i], name) == 0)
			return;
	if (s->nfound < SYS_BURN_TOOLS)
		s->found[s->nfound++] = name;
	b = item(&s->k);
	kv(b, "record", "tool", 0);
	kv(b, "tool", name, 0);
	kv(b, "source", source, 1);
	evidence(&s->k, "%s: %s", source, name);
	s->tools++;
}

/* A log or project file: listed with its time. */
static void burn_file(struct burnscan *s, const char *user, const char *tool, const char *path,
                      const struct stat *st, const char *record)
{
	struct cbuf *b = item(&s->k);
	char when[40];

	fmt_time((long long)st->st_mtime * 1000000LL, when, sizeof(when));
	kv(b, "record", record, 0);
	kv(b, "tool", tool, 0);
	kv(b, "user", user, 0);
	kv(b, "path", path, 0);
	kv(b, "modified", when, 1);
	if (st->st_mtime > s->newest) {
		s->newest = st->st_mtime;
		snprintf(s->last, sizeof(s->last), "%s", when);
	}
	s->logs++;
}

static void burn_package(const char *name, const char *src, void *arg)
{
	size_t i;

	for (i = 0; i < sizeof(burners) / sizeof(burners[0]); i++)
		if (burners[i].package && strcmp(name, burners[i].package) == 0)
			burn_tool(arg, burners[i].name, src);
}

/* The files of one program's state directory of one user. */
static void burn_logdir(struct burnscan *s, const char *home, const char *user, size_t which,
                        unsigned *mine)
{
	char p[PATH_MAX + 64], f[PATH_MAX + 400];
	struct stat st;
	DIR *d;
	struct dirent *de;
	time_t newest = 0;
	char newest_name[PATH_MAX + 400] = "";
	unsigned n = 0;

	snprintf(p, sizeof(p), "%s/%s", home, burn_logs[which].dir);
	d = opendir(p);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL && *mine < SYS_BURN_LOGS) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
		if (stat(f, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		burn_file(s, user, burn_logs[which].tool, f, &st, "log");
		(*mine)++;
		n++;
		if (st.st_mtime >= newest) {
			newest = st.st_mtime;
			snprintf(newest_name, sizeof(newest_name), "%s", f);
		}
	}
	closedir(d);
	if (n) {
		char when[40];

		fmt_time((long long)newest * 1000000LL, when, sizeof(when));
		evidence(&s->k, "用户 user %s: %s %u 个记录 files, 最近 last %s (%s)", user,
		         burn_logs[which].tool, n, when, newest_name);
	}
}

/* Burn projects saved in a user's usual folders (*.brasero, *.k3b, *.xfburn). */
static void burn_projects(struct burnscan *s, const char *home, const char *user, unsigned *mine)
{
	static const char *const dirs[] = {"", "/Desktop", "/桌面", "/Documents", "/文档"};
	static const struct {
		const char *suffix, *tool;
	} kinds[] = {{".brasero", "Brasero"}, {".k3b", "K3b"}, {".xfburn", "Xfburn"}};
	char p[PATH_MAX + 64], f[PATH_MAX + 400];
	size_t i, j;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d;
		struct dirent *de;

		snprintf(p, sizeof(p), "%s%s", home, dirs[i]);
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)) != NULL && *mine < SYS_BURN_LOGS) {
			size_t l = strlen(de->d_name);
			struct stat st;

			for (j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++) {
				size_t sl = strlen(kinds[j].suffix);

				if (l <= sl ||
				    strcasecmp(de->d_name + l - sl, kinds[j].suffix) != 0)
					continue;
				snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
				if (stat(f, &st) != 0 || !S_ISREG(st.st_mode))
					continue;
				burn_file(s, user, kinds[j].tool, f, &st, "project");
				evidence(&s->k, "用户 user %s: 刻录项目 burn project %s", user, f);
				(*mine)++;
			}
		}
		closedir(d);
	}
}

static void burn_home(struct burnscan *s, const char *home, const char *user)
{
	unsigned mine = 0;
	size_t i;

	for (i = 0; i < sizeof(burn_logs) / sizeof(burn_logs[0]); i++)
		burn_logdir(s, home, user, i, &mine);
	burn_projects(s, home, user, &mine);
}

/* Optical drives: /proc/sys/dev/cdrom/info (what each can write) and sysfs (the model). */
struct cdinfo {
	char names[8][16];
	char writes[8][64];
	size_t n;
};

static void cdrom_line(char *line, void *arg)
{
	static const char *const rows[] = {
	    "Can write CD-R:", "Can write CD-RW:", "Can write DVD-R:", "Can write DVD-RAM:"};
	struct cdinfo *ci = arg;
	char *tok, *save = NULL;
	size_t i, col = 0;

	if (strncmp(line, "drive name:", 11) == 0) {
		for (tok = strtok_r(line + 11, " \t", &save); tok && ci->n < 8;
		     tok = strtok_r(NULL, " \t", &save))
			snprintf(ci->names[ci->n++], sizeof(ci->names[0]), "%s", tok);
		return;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t rl = strlen(rows[i]);

		if (strncmp(line, rows[i], rl) != 0)
			continue;
		for (tok = strtok_r(line + rl, " \t", &save); tok && col < ci->n;
		     tok = strtok_r(NULL, " \t", &save), col++)
			if (strcmp(tok, "1") == 0) {
				size_t w = strlen(ci->writes[col]);

				snprintf(ci->writes[col] + w, sizeof(ci->writes[0]) - w, "%s%.*s",
				         w ? "," : "", (int)(rl - 11), rows[i] + 10);
			}
	}
}

static void burn_drives(struct burnscan *s)
{
	struct cdinfo ci;
	char p[PATH_MAX], dev[PATH_MAX + 64], vendor[64], model[64], vm[130];
	size_t i, l;

	memset(&ci, 0, sizeof(ci));
	path_of(s->c, "/proc/sys/dev/cdrom/info", p, sizeof(p));
	for_each_line(p, cdrom_line, &ci);
	for (i = 0; i < ci.n; i++) {
		struct cbuf *b = item(&s->k);

		snprintf(dev, sizeof(dev), "%s/sys/class/block/%s/device", s->c->root, ci.names[i]);
		read_attr(dev, "vendor", vendor, sizeof(vendor));
		read_attr(dev, "model", model, sizeof(model));
		snprintf(vm, sizeof(vm), "%.*s%s%s", (int)strcspn(vendor, " "), vendor,
		         vendor[0] && model[0] ? " " : "", model);
		vm[strcspn(vm, "\n")] = '\0';
		for (l = strlen(vm); l && vm[l - 1] == ' '; l--)
			vm[l - 1] = '\0';
		kv(b, "record", "drive", 0);
		kv(b, "drive", ci.names[i], 0);
		kv(b, "model", vm, 0);
		kv(b, "writes", ci.writes[i], 1);
		evidence(&s->k, "光驱 optical drive /dev/%s %s%s%s", ci.names[i], vm,
		         ci.writes[i][0] ? " 可刻录 writes " : " 只读 read-only", ci.writes[i]);
	}
}

static void check_burning(struct ctx *c)
{
	static const char *const appdirs[] = {"/usr/share/applications", "/opt/apps"};
	struct burnscan *s = calloc(1, sizeof(*s));
	char p[PATH_MAX], f[PATH_MAX + 300];
	size_t i, j;
	DIR *d;
	struct dirent *de;

	if (!s)
		return;
	s->c = c;
	begin(&s->k, c, "media.burning", "光盘刻录软件与刻录记录",
	      "optical burning tools and burn logs");
	dpkg_installed(c, burn_package, s);
	for (i = 0; i < sizeof(burners) / sizeof(burners[0]); i++) {
		snprintf(f, sizeof(f), "%s/usr/bin/%s", c->root, burners[i].program);
		if (exists(f))
			burn_tool(s, burners[i].name, f);
	}
	/* desktop entries and UOS/Kylin application directories */
	for (j = 0; j < sizeof(appdirs) / sizeof(appdirs[0]); j++) {
		path_of(c, appdirs[j], p, sizeof(p));
		d = opendir(p);
		if (!d)
			continue;
		while ((de = readdir(d)) != NULL)
			for (i = 0; i < sizeof(burners) / sizeof(burners[0]); i++)
				if (burners[i].token && de->d_name[0] != '.' &&
				    ci_contains(de->d_name, burners[i].token)) {
					snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
					burn_tool(s, burners[i].name, f);
				}
		closedir(d);
	}
	path_of(c, "/root", f, sizeof(f));
	burn_home(s, f, "root");
	path_of(c, "/home", p, sizeof(p));
	d = opendir(p);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(f, sizeof(f), "%s/%s", p, de->d_name);
			burn_home(s, f, de->d_name);
		}
		closedir(d);
	}
	burn_drives(s);
	if ((s->tools || s->logs) && c->classified)
		done(&s->k, SYS_FAIL,
		     "涉密计算机装有刻录软件 %u 个，刻录记录 %u 个（最近 %s）a classified host has "
		     "%u burning programs and %u burn logs (last %s)",
		     s->tools, s->logs, s->last[0] ? s->last : "-", s->tools, s->logs,
		     s->last[0] ? s->last : "-");
	else
		done(&s->k, SYS_PASS,
		     "刻录软件 %u 个，刻录记录 %u 个 %u burning programs, %u burn logs", s->tools,
		     s->logs, s->tools, s->logs);
	free(s);
}

/* ---- peripherals ---------------------------------------------------- */

static void check_peripherals(struct ctx *c)
{
	struct cur k;
	char p[PATH_MAX], d[PATH_MAX + 300], name[128];
	DIR *dir, *sub;
	struct dirent *de, *se;
	struct cbuf b;
	int n = 0;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "devices.camera", "摄像头", "cameras");
	path_of(c, "/sys/class/video4linux", p, sizeof(p));
	dir = opendir(p);
	if (dir) {
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(d, sizeof(d), "%s/%s", p, de->d_name);
			read_attr(d, "name", name, sizeof(name));
			evidence(&k, "%s: %s", d, name);
			n++;
		}
		closedir(dir);
	}
	if (n && c->classified)
		done(&k, SYS_FAIL, "涉密计算机接有摄像头 a classified host has a camera");
	else
		done(&k, SYS_PASS, "%d 个视频设备 %d video devices", n, n);

	begin(&k, c, "devices.microphone", "麦克风", "microphones");
	n = 0;
	path_of(c, "/proc/asound", p, sizeof(p));
	dir = opendir(p);
	if (dir) {
		while ((de = readdir(dir)) != NULL) {
			if (strncmp(de->d_name, "card", 4) != 0)
				continue;
			snprintf(d, sizeof(d), "%s/%s", p, de->d_name);
			sub = opendir(d);
			if (!sub)
				continue;
			while ((se = readdir(sub)) != NULL) {
				size_t l = strlen(se->d_name);

				if (strncmp(se->d_name, "pcm", 3) == 0 && l &&
				    se->d_name[l - 1] == 'c') {
					evidence(&k, "%s/%s: 录音设备 capture device", d,
					         se->d_name);
					n++;
				}
			}
			closedir(sub);
		}
		closedir(dir);
	}
	if (n && c->classified)
		done(&k, SYS_FAIL, "涉密计算机有录音设备 a classified host has a microphone");
	else
		done(&k, SYS_PASS, "%d 个录音设备 %d capture devices", n, n);

	begin(&k, c, "devices.wireless_input", "无线键盘鼠标", "wireless keyboards and mice");
	n = 0;
	path_of(c, "/proc/bus/input/devices", p, sizeof(p));
	if (slurp(p, &b) == 0) {
		char *blk = b.ptr, *next;

		for (; blk && *blk; blk = next) {
			char *nm;
			int wl;

			next = strstr(blk, "\n\n");
			if (next) {
				*next = '\0';
				next += 2;
			}
			nm = strstr(blk, "N: Name=");
			wl = strstr(blk, "Bus=0005") != NULL;
			if (nm && (ci_contains(nm, "wireless") || ci_contains(nm, "2.4G") ||
			           ci_contains(nm, "receiver") || ci_contains(nm, "unifying") ||
			           ci_contains(nm, "bluetooth")))
				wl = 1;
			if (wl) {
				evidence(&k, "%s: %.*s", p, nm ? (int)strcspn(nm, "\n") : 1,
				         nm ? nm : "?");
				n++;
			}
		}
		if (n && c->classified)
			done(&k, SYS_FAIL,
			     "涉密计算机接有无线输入设备 a classified host has wireless "
			     "input devices");
		else
			done(&k, SYS_PASS, "%d 个无线输入设备 %d wireless input devices", n, n);
	} else {
		done(&k, SYS_UNKNOWN, "无法读取 cannot read %s", p);
	}
	cbuf_release(&b);
}

/* ---- desktop policy (dconf key files) ------------------------------- */

struct dconf {
	char automount[16];
	char lock_enabled[16];
	char idle_delay[32];
	char where[PATH_MAX + 600];
};

/* Reads the system dconf key files (/etc/dconf/db/NAME.d/FILE) for the keys we need. */
static void dconf_read(struct ctx *c, struct dconf *dc)
{
	char p[PATH_MAX], d[PATH_MAX + 300], f[PATH_MAX + 600];
	DIR *dir, *sub;
	struct dirent *de, *se;
	struct cbuf b;

	memset(dc, 0, sizeof(*dc));
	cbuf_init(&b, SYS_FILE_MAX);
	path_of(c, "/etc/dconf/db", p, sizeof(p));
	dir = opendir(p);
	if (!dir)
		goto out;
	while ((de = readdir(dir)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 3 || strcmp(de->d_name + l - 2, ".d") != 0)
			continue;
		snprintf(d, sizeof(d), "%s/%s", p, de->d_name);
		sub = opendir(d);
		if (!sub)
			continue;
		while ((se = readdir(sub)) != NULL) {
			char *line, *save = NULL;

			if (se->d_name[0] == '.')
				continue;
			snprintf(f, sizeof(f), "%s/%s", d, se->d_name);
			if (slurp(f, &b))
				continue;
			for (line = strtok_r(b.ptr, "\n", &save); line;
			     line = strtok_r(NULL, "\n", &save)) {
				char *eq = strchr(line, '=');
				char *key = line, *val;

				if (!eq)
					continue;
				*eq = '\0';
				val = eq + 1;
				while (*key == ' ')
					key++;
				key[strcspn(key, " ")] = '\0';
				while (*val == ' ')
					val++;
				val[strcspn(val, " \r")] = '\0';
				if (strcmp(key, "automount") == 0)
					snprintf(dc->automount, sizeof(dc->automount), "%s", val);
				else if (strcmp(key, "lock-enabled") == 0)
					snprintf(dc->lock_enabled, sizeof(dc->lock_enabled), "%s",
					         val);
				else if (strcmp(key, "idle-delay") == 0)
					snprintf(dc->idle_delay, sizeof(dc->idle_delay), "%s", val);
				else
					continue;
				snprintf(dc->where, sizeof(dc->where), "%s", f);
			}
		}
		closedir(sub);
	}
	closedir(dir);
out:
	cbuf_release(&b);
}

static int have_desktop(struct ctx *c, char *which, size_t n)
{
	static const struct {
		const char *path, *name;
	} ds[] = {
	    {"/usr/share/glib-2.0/schemas/org.gnome.desktop.screensaver.gschema.xml", "GNOME"},
	    {"/usr/share/glib-2.0/schemas/org.ukui.screensaver.gschema.xml", "UKUI"},
	    {"/usr/bin/dde-session-daemon", "DDE"},
	    {"/usr/bin/startdde", "DDE"},
	};
	char p[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(ds) / sizeof(ds[0]); i++) {
		path_of(c, ds[i].path, p, sizeof(p));
		if (exists(p)) {
			snprintf(which, n, "%s", ds[i].name);
			return 1;
		}
	}
	return 0;
}

static void check_desktop(struct ctx *c)
{
	struct cur k;
	struct dconf dc;
	char de[16];
	unsigned long delay;

	dconf_read(c, &dc);
	begin(&k, c, "media.automount", "移动介质自动挂载", "automount of removable media");
	if (!have_desktop(c, de, sizeof(de))) {
		done(&k, SYS_NA, "无图形桌面 no desktop environment");
	} else if (strcmp(dc.automount, "false") == 0) {
		evidence(&k, "%s: automount=false", dc.where);
		done(&k, SYS_PASS, "已禁用自动挂载 automount disabled by policy (%s)", de);
	} else {
		evidence(&k, "%s: automount=%s", dc.where[0] ? dc.where : "/etc/dconf/db",
		         dc.automount[0] ? dc.automount : "(默认 default: true)");
		done(&k, c->classified ? SYS_FAIL : SYS_PASS,
		     "未通过策略禁用自动挂载 automount not disabled by policy (%s)", de);
	}
	begin(&k, c, "screen.lock", "屏幕锁定", "screen lock");
	delay = strtoul(dc.idle_delay[0] == 'u' ? dc.idle_delay + 7 : dc.idle_delay, NULL, 10);
	if (!have_desktop(c, de, sizeof(de))) {
		done(&k, SYS_NA, "无图形桌面 no desktop environment");
	} else if (!dc.lock_enabled[0] && !dc.idle_delay[0]) {
		done(&k, SYS_UNKNOWN,
		     "无系统锁屏策略，未读取各用户设置 no system screen-lock policy; per-user "
		     "settings not read (%s)",
		     de);
	} else {
		evidence(&k, "%s: lock-enabled=%s idle-delay=%s", dc.where,
		         dc.lock_enabled[0] ? dc.lock_enabled : "(默认 default)",
		         dc.idle_delay[0] ? dc.idle_delay : "(默认 default)");
		if (strcmp(dc.lock_enabled, "false") == 0)
			done(&k, SYS_FAIL, "屏幕锁定被禁用 screen lock disabled");
		else if (dc.idle_delay[0] && (delay == 0 || delay > 600))
			done(&k, SYS_FAIL,
			     "锁屏延时 %lu 秒，应为 1..600 idle delay %lu s, should be 1..600",
			     delay, delay);
		else
			done(&k, SYS_PASS, "屏幕锁定已启用 screen lock enabled");
	}
}

/* ---- accounts ------------------------------------------------------- */

static long conf_number(const char *text, const char *key, int eq)
{
	const char *p = text;
	size_t kl = strlen(key);

	while ((p = strstr(p, key)) != NULL) {
		const char *ls = p;

		while (ls > text && ls[-1] != '\n')
			ls--;
		p += kl;
		if (*ls == '#' || (p[0] != ' ' && p[0] != '\t' && p[0] != '='))
			continue;
		while (*p == ' ' || *p == '\t' || (eq && *p == '='))
			p++;
		if (*p >= '0' && *p <= '9')
			return strtol(p, NULL, 10);
	}
	return -1;
}

static void check_passwords(struct ctx *c)
{
	struct cur k;
	struct cbuf b;
	char p[PATH_MAX];
	long maxdays = -1, minlen = -1, pq = -1;
	int pam = 0, bad = 0, empty = 0, e;
	long want_days = c->classified ? 30 : 90;

	cbuf_init(&b, SYS_FILE_MAX);
	begin(&k, c, "auth.password_policy", "口令策略", "password policy");
	path_of(c, "/etc/login.defs", p, sizeof(p));
	if (slurp(p, &b) == 0) {
		maxdays = conf_number(b.ptr, "PASS_MAX_DAYS", 0);
		minlen = conf_number(b.ptr, "PASS_MIN_LEN", 0);
		evidence(&k, "%s: PASS_MAX_DAYS=%ld PASS_MIN_LEN=%ld", p, maxdays, minlen);
	}
	path_of(c, "/etc/security/pwquality.conf", p, sizeof(p));
	if (slurp(p, &b) == 0) {
		pq = conf_number(b.ptr, "minlen", 1);
		evidence(&k, "%s: minlen=%ld", p, pq);
	}
	path_of(c, "/etc/pam.d/common-password", p, sizeof(p));
	if (slurp(p, &b) != 0) {
		path_of(c, "/etc/pam.d/system-auth", p, sizeof(p));
		slurp(p, &b);
	}
	if (b.ptr && (strstr(b.ptr, "pam_pwquality") || strstr(b.ptr, "pam_cracklib"))) {
		pam = 1;
		if (conf_number(b.ptr, "minlen", 1) > pq)
			pq = conf_number(b.ptr, "minlen", 1);
	}
	evidence(&k, "%s: %s", p,
	         pam ? "启用口令复杂度模块 pam_pwquality/cracklib on"
	             : "未启用口令复杂度模块 no pam_pwquality/cracklib");
	if (pq < 0 && pam)
		pq = 8; /* pam_pwquality's own default is 8 or more */
	if (maxdays < 0 || maxdays > want_days) {
		evidence(&k, "口令有效期应不超过 %ld 天 passwords should expire within %ld days",
		         want_days, want_days);
		bad++;
	}
	if (!pam || (pq < 8 && minlen < 8)) {
		evidence(&k, "口令长度应不少于 8 位并启用复杂度检查 minimum length 8 with a "
		             "complexity check");
		bad++;
	}
	if (bad)
		done(&k, SYS_FAIL, "口令策略不符合要求 password policy too weak");
	else
		done(&k, SYS_PASS, "口令策略符合要求 password policy adequate");

	begin(&k, c, "auth.empty_passwords", "空口令账户", "accounts with empty passwords");
	path_of(c, "/etc/shadow", p, sizeof(p));
	e = slurp(p, &b);
	if (e) {
		done(&k, SYS_UNKNOWN, "需要 root 权限读取 %s needs root to read %s: %s", p, p,
		     strerror(e));
	} else {
		char *line, *save = NULL;

		for (line = strtok_r(b.ptr, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *colon = strchr(line, ':');

			if (colon && colon[1] == ':') {
				*colon = '\0';
				evidence(&k, "%s: 账户 account %s 口令为空 has an empty password",
				         p, line);
				empty++;
			}
		}
		if (empty)
			done(&k, SYS_FAIL, "%d 个空口令账户 %d accounts with empty passwords",
			     empty, empty);
		else
			done(&k, SYS_PASS, "无空口令账户 no account with an empty password");
	}
	cbuf_release(&b);
}

/* ---- antivirus ------------------------------------------------------ */

static void check_antivirus(struct ctx *c)
{
	static const struct {
		const char *path, *name;
	} av[] = {
	    {"/usr/bin/clamscan", "ClamAV"},
	    {"/opt/apps/com.qihoo.360safe", "360 安全卫士"},
	    {"/opt/qaxsafe", "奇安信天擎 QAX"},
	    {"/opt/apps/com.qianxin.tianqing", "奇安信天擎 QAX"},
	    {"/opt/apps/cn.com.rising.esm", "瑞星 Rising"},
	    {"/opt/rising", "瑞星 Rising"},
	    {"/opt/apps/com.antiy.avl", "安天 Antiy"},
	    {"/opt/kingsoft/kav", "金山毒霸 Kingsoft"},
	    {"/opt/kylin-security", "麒麟安全 Kylin security"},
	    {"/usr/bin/ksc-defender", "麒麟安全中心 Kylin Security Center"},
	};
	static const char *const sigs[] = {"/var/lib/clamav/daily.cvd", "/var/lib/clamav/daily.cld",
	                                   "/var/lib/clamav/main.cvd", "/var/lib/clamav/main.cld"};
	struct cur k;
	char p[PATH_MAX];
	size_t i;
	int found = 0;
	time_t newest = 0;

	begin(&k, c, "antivirus", "防病毒软件及病毒库", "antivirus and signature age");
	for (i = 0; i < sizeof(av) / sizeof(av[0]); i++) {
		path_of(c, av[i].path, p, sizeof(p));
		if (exists(p)) {
			evidence(&k, "%s: %s", p, av[i].name);
			found++;
		}
	}
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct stat st;

		path_of(c, sigs[i], p, sizeof(p));
		if (stat(p, &st) == 0 && st.st_mtime > newest)
			newest = st.st_mtime;
	}
	if (!found) {
		done(&k, SYS_FAIL, "未发现防病毒软件 no antivirus found");
		return;
	}
	if (newest) {
		double days = difftime(time(NULL), newest) / 86400.0;

		evidence(&k, "ClamAV 病毒库 signatures %.0f 天前 days old", days);
		if (days > SYS_AGE_DAYS) {
			done(&k, SYS_FAIL, "病毒库超过 %d 天未更新 signatures older than %d days",
			     SYS_AGE_DAYS, SYS_AGE_DAYS);
			return;
		}
	}
	done(&k, SYS_PASS, "已安装防病毒软件 antivirus present");
}

/* ---- the registered-media list ------------------------------------ */

static int load_media(struct ctx *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t lineno = 0, cap = 0;

	if (!f) {
		fprintf(stderr, "baomi-check: 介质登记表 media list %s: %s\n", path,
		        strerror(errno));
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char serial[128], level[64];
		struct media *m;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		if (sscanf(line, "%127s %63s", serial, level) != 2) {
			fprintf(stderr,
			        "baomi-check: 介质登记表 media list %s:%zu: 应为「序列号 "
			        "密级」expected "
			        "\"SERIAL LEVEL\"\n",
			        path, lineno);
			fclose(f);
			return 2;
		}
		if (c->nmedia == cap) {
			size_t ncap = cap ? cap * 2 : 64;

			m = realloc(c->media, ncap * sizeof(*m));
			if (!m) {
				fclose(f);
				return 2;
			}
			c->media = m;
			cap = ncap;
		}
		m = &c->media[c->nmedia++];
		snprintf(m->serial, sizeof(m->serial), "%s", serial);
		if (strcmp(level, "classified") == 0 || strcmp(level, "涉密") == 0 ||
		    strcmp(level, "绝密") == 0 || strcmp(level, "机密") == 0 ||
		    strcmp(level, "秘密") == 0)
			m->classified = 1;
		else if (strcmp(level, "unclassified") == 0 || strcmp(level, "非涉密") == 0)
			m->classified = 0;
		else {
			fprintf(stderr,
			        "baomi-check: 介质登记表 media list %s:%zu: 未知密级 unknown level "
			        "\"%s\" (classified|unclassified|绝密|机密|秘密|非涉密)\n",
			        path, lineno, level);
			fclose(f);
			return 2;
		}
	}
	fclose(f);
	c->have_media = 1;
	return 0;
}

int sys_run(struct sys_report *r, const char *root, const char *role, const char *media)
{
	struct ctx c;
	struct timespec t0, t1;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.root = root && strcmp(root, "/") != 0 ? root : "";
	cbuf_init(&c.pkgs, 16u << 20);
	c.classified = role && strcmp(role, "classified") == 0;
	r->classified = c.classified;
	if (media) {
		rc = load_media(&c, media);
		if (rc)
			goto out;
	}
	check_route(&c);
	check_interfaces(&c);
	check_dns_proxy(&c);
	check_history(&c);
	check_net_profiles(&c);
	check_services_shares(&c);
	check_software(&c);
	check_other_os(&c);
	check_printing(&c);
	check_burning(&c);
	check_recent_docs(&c);
	check_usb(&c);
	check_peripherals(&c);
	check_desktop(&c);
	check_passwords(&c);
	check_antivirus(&c);
out:
	free(c.media);
	cbuf_release(&c.pkgs);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return rc;
}

enum cbuf_err sys_report_json(const struct sys_report *r, struct cbuf *o)
{
	enum cbuf_err err;
	size_t i;

	err = cbuf_printf(o,
	                  "{\n  \"role\":\"%s\",\n  \"elapsed_seconds\":%.3f,\n  \"failed\":%u,\n"
	                  "  \"checks\":[",
	                  r->classified ? "classified" : "unclassified", r->elapsed, r->failed);
	for (i = 0; i < r->n && !err; i++) {
		const struct sys_check *k = &r->checks[i];

		err = cbuf_printf(o, "%s\n    {\"id\":\"%s\",\"title\":", i ? "," : "", k->id);
		if (!err)
			err = cbuf_printf(o, "\"%s %s\",\"status\":\"%s\",\"detail\":", k->title_zh,
			                  k->title_en, sys_status_name(k->status));
		if (!err)
			err = jw_cstr(o, k->detail);
		if (!err)
			err = cbuf_puts(o, ",\"evidence\":");
		if (!err)
			err = jw_cstr(o, k->evidence);
		if (!err && k->items)
			err = cbuf_printf(o, ",\"items\":%s", k->items);
		if (!err)
			err = cbuf_putc(o, '}');
	}
	if (!err)
		err = cbuf_puts(o, r->n ? "\n  ]\n}" : "]\n}");
	return err;
}

enum cbuf_err sys_report_text(const struct sys_report *r, struct cbuf *o)
{
	enum cbuf_err err = CBUF_OK;
	size_t i;

	for (i = 0; i < r->n && !err; i++) {
		const struct sys_check *k = &r->checks[i];

		err = cbuf_printf(o, "[%s %s] %s %s / %s: %s\n", status_zh(k->status),
		                  sys_status_name(k->status), k->id, k->title_zh, k->title_en,
		                  k->detail ? k->detail : "");
		if (!err && k->evidence && k->evidence[0])
			err = cbuf_printf(o, "    证据 evidence: %s\n", k->evidence);
	}
	if (!err)
		err = cbuf_printf(o,
		                  "%zu 项检查，%u 项不通过，用时 %.2f 秒（%s）。\n%zu checks, %u "
		                  "failed, %.2f s (%s).\n",
		                  r->n, r->failed, r->elapsed,
		                  r->classified ? "涉密计算机" : "非涉密计算机", r->n, r->failed,
		                  r->elapsed,
		                  r->classified ? "classified host" : "unclassified host");
	return err;
}
