#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "../util/bjtime.h"

#define CAL_YEAR_MIN 2000
#define CAL_YEAR_MAX 2099

void cal_init(struct calendar *c)
{
	memset(c, 0, sizeof(*c));
}

static const char *const err_zh[] = {
    [CAL_OK] = "成功",
    [CAL_BAD_SYNTAX] = "无法识别的行：应为“year 年份”或“日期[..日期] off|work [说明]”",
    [CAL_BAD_DATE] = "日期无效：应为真实的 YYYY-MM-DD，区间不能倒序",
    [CAL_BAD_YEAR] = "年份须在 2000 至 2099 之间",
    [CAL_UNDECLARED] = "该日期所在年份未在本文件前面用“year”行声明",
    [CAL_DUPLICATE] = "同一日期（或同一年份）重复出现",
    [CAL_TOO_MANY] = "年份或例外日期过多",
    [CAL_WORK_WEEKDAY] = "调休上班日须为周六或周日",
    [CAL_BAD_NOTE] = "说明过长、不是 UTF-8 或含控制字符",
};

static const char *const err_en[] = {
    [CAL_OK] = "ok",
    [CAL_BAD_SYNTAX] = "expected \"year Y\" or \"DATE[..DATE] off|work [note]\"",
    [CAL_BAD_DATE] = "not a real YYYY-MM-DD date, or a range that runs backwards",
    [CAL_BAD_YEAR] = "year outside 2000..2099",
    [CAL_UNDECLARED] = "the day's year has no \"year\" line earlier in the file",
    [CAL_DUPLICATE] = "the same day (or year) is given twice",
    [CAL_TOO_MANY] = "too many years or days",
    [CAL_WORK_WEEKDAY] = "a make-up working day must be a Saturday or Sunday",
    [CAL_BAD_NOTE] = "note too long, not UTF-8, or with control characters",
};

const char *cal_err_zh(enum cal_err e)
{
	return (unsigned)e < sizeof(err_zh) / sizeof(err_zh[0]) ? err_zh[e] : "未知错误";
}

const char *cal_err_en(enum cal_err e)
{
	return (unsigned)e < sizeof(err_en) / sizeof(err_en[0]) ? err_en[e] : "unknown error";
}

int cal_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday */
	int r = (int)(((int64_t)day + 3) % 7);

	if (r < 0)
		r += 7;
	return r + 1;
}

static int cal_year_of(int32_t day)
{
	int y;
	unsigned m, d;

	bjtime_civil_from_days(day, &y, &m, &d);
	return y;
}

/* Index of the first exception with day > `day` in days[lo, hi). */
static int cal_upper(const struct cal_day *days, int lo, int hi, int32_t day)
{
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (days[mid].day <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct cal_day *cal_find(const struct cal_day *days, int lo, int hi, int32_t day)
{
	int i = cal_upper(days, lo, hi, day);

	return i > lo && days[i - 1].day == day ? &days[i - 1] : NULL;
}

bool cal_covers(const struct calendar *c, int year)
{
	int lo = 0, hi = c->nyears;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->years[mid] == year)
			return true;
		if (c->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct cal_day *cal_exception(const struct calendar *c, int32_t day)
{
	return cal_find(c->days, 0, c->ndays, day);
}

bool cal_is_workday(const struct calendar *c, int32_t day, bool *fallback)
{
	const struct cal_day *x;

	if (!cal_covers(c, cal_year_of(day))) {
		if (fallback)
			*fallback = true;
		return cal_weekday(day) <= 5;
	}
	x = cal_exception(c, day);
	if (x)
		return x->work;
	return cal_weekday(day) <= 5;
}

/*
 * Walks forward day by day, with a cursor into the sorted exceptions, and
 * skips whole weeks that hold no exception and stay inside one year (such a
 * week holds exactly five working days).
 */
int32_t cal_add_workdays(const struct calendar *c, int32_t day, int n, bool *fallback)
{
	int32_t d = day, next_year;
	int y, i;
	bool covered;

	if (n <= 0)
		return day;
	i = cal_upper(c->days, 0, c->ndays, day);
	y = cal_year_of(day);
	next_year = bjtime_days_from_civil(y + 1, 1, 1);
	covered = cal_covers(c, y);
	while (n > 0) {
		bool work;

		if (d + 1 >= next_year) {
			y++;
			next_year = bjtime_days_from_civil(y + 1, 1, 1);
			covered = cal_covers(c, y);
		}
		if (!covered && fallback)
			*fallback = true;
		while (i < c->ndays && c->days[i].day <= d)
			i++;
		if (n > 5 && d + 7 < next_year && (i >= c->ndays || c->days[i].day > d + 7)) {
			d += 7;
			n -= 5;
			continue;
		}
		d++;
		if (i < c->ndays && c->days[i].day == d)
			work = c->days[i].work;
		else
			work = cal_weekday(d) <= 5;
		if (work)
			n--;
	}
	return d;
}

/* ---- parsing ---- */

static bool cal_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

static int cal_days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int cal_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD", exactly; *year is set for the caller's range check. */
static enum cal_err cal_date(const char *s, size_t n, int32_t *day, int *year)
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return CAL_BAD_DATE;
	y = cal_digits(s, 4);
	m = cal_digits(s + 5, 2);
	d = cal_digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > cal_days_in_month(y, m))
		return CAL_BAD_DATE;
	*year = y;
	*day = bjtime_days_from_civil(y, (unsigned)m, (unsigned)d);
	return CAL_OK;
}

/* Valid UTF-8 (no overlong forms, no surrogates) without control characters. */
static bool cal_note_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	if (n > CAL_NOTE_MAX)
		return false;
	while (i < n) {
		unsigned char b = s[i];
		uint32_t cp;
		size_t len;

		if (b < 0x80) {
			if ((b < 0x20 && b != '\t') || b == 0x7f)
				return false;
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			len = 2;
			cp = b & 0x1f;
		} else if (b >= 0xe0 && b <= 0xef) {
			len = 3;
			cp = b & 0x0f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			len = 4;
			cp = b & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
			return false;
		i += len;
	}
	return true;
}

/* State of one cal_parse call: what it has added beyond the counts it found. */
struct cal_parser {
	struct calendar *c;
	int y0; /* years[y0, nyears) were declared by this text (unsorted) */
	int d0; /* days[d0, ndays) were added by this text (sorted among themselves) */
};

static bool cal_declared_here(const struct cal_parser *p, int year)
{
	for (int i = p->y0; i < p->c->nyears; i++)
		if (p->c->years[i] == year)
			return true;
	return false;
}

static enum cal_err cal_year_line(struct cal_parser *p, const char *s, size_t n)
{
	struct calendar *c = p->c;
	int y = 0;

	if (n == 0)
		return CAL_BAD_SYNTAX;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return CAL_BAD_SYNTAX;
	if (n > 4)
		return CAL_BAD_YEAR;
	y = cal_digits(s, (int)n);
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX)
		return CAL_BAD_YEAR;
	if (cal_covers(c, y) || cal_declared_here(p, y))
		return CAL_DUPLICATE;
	if (c->nyears >= CAL_MAX_YEARS)
		return CAL_TOO_MANY;
	c->years[c->nyears++] = (int16_t)y;
	return CAL_OK;
}

static enum cal_err cal_add_day(struct cal_parser *p, int32_t day, bool work, const char *note,
                                size_t nlen)
{
	struct calendar *c = p->c;
	int at;

	if (!cal_declared_here(p, cal_year_of(day)))
		return CAL_UNDECLARED;
	if (work && cal_weekday(day) <= 5)
		return CAL_WORK_WEEKDAY;
	if (cal_find(c->days, 0, p->d0, day) || cal_find(c->days, p->d0, c->ndays, day))
		return CAL_DUPLICATE;
	if (c->ndays >= CAL_MAX_DAYS)
		return CAL_TOO_MANY;
	at = cal_upper(c->days, p->d0, c->ndays, day);
	memmove(&c->days[at + 1], &c->days[at], (size_t)(c->ndays - at) * sizeof(c->days[0]));
	memset(&c->days[at], 0, sizeof(c->days[at]));
	c->days[at].day = day;
	c->days[at].work = work;
	memcpy(c->days[at].note, note, nlen);
	c->ndays++;
	return CAL_OK;
}

/* "DATE[..DATE] off|work [note]" */
static enum cal_err cal_day_line(struct cal_parser *p, const char *s, const char *e)
{
	const char *t = s, *dots = NULL, *kw, *note;
	int32_t from, to;
	int yf, yt;
	bool work;
	enum cal_err err;

	while (t < e && !cal_space(*t)) {
		if (*t == '.' && !dots && t + 1 < e && t[1] == '.')
			dots = t++;
		else if (!(*t >= '0' && *t <= '9') && *t != '-')
			return CAL_BAD_SYNTAX;
		t++;
	}
	if (t == s || dots == s || (dots && dots + 2 == t))
		return CAL_BAD_SYNTAX;
	err = cal_date(s, (size_t)((dots ? dots : t) - s), &from, &yf);
	if (err)
		return err;
	to = from;
	yt = yf;
	if (dots) {
		err = cal_date(dots + 2, (size_t)(t - dots - 2), &to, &yt);
		if (err)
			return err;
		if (to < from)
			return CAL_BAD_DATE;
	}
	if (yf < CAL_YEAR_MIN || yf > CAL_YEAR_MAX || yt < CAL_YEAR_MIN || yt > CAL_YEAR_MAX)
		return CAL_BAD_YEAR;
	while (t < e && cal_space(*t))
		t++;
	kw = t;
	while (t < e && !cal_space(*t))
		t++;
	if (t - kw == 3 && memcmp(kw, "off", 3) == 0)
		work = false;
	else if (t - kw == 4 && memcmp(kw, "work", 4) == 0)
		work = true;
	else
		return CAL_BAD_SYNTAX;
	while (t < e && cal_space(*t))
		t++;
	note = t; /* the line was trimmed at both ends */
	if (!cal_note_ok((const unsigned char *)note, (size_t)(e - note)))
		return CAL_BAD_NOTE;
	for (int32_t d = from; d <= to; d++) {
		err = cal_add_day(p, d, work, note, (size_t)(e - note));
		if (err)
			return err;
	}
	return CAL_OK;
}

static enum cal_err cal_line(struct cal_parser *p, const char *s, const char *e)
{
	const char *hash = memchr(s, '#', (size_t)(e - s));

	if (hash)
		e = hash;
	while (s < e && cal_space(*s))
		s++;
	while (e > s && (cal_space(e[-1]) || e[-1] == '\r'))
		e--;
	if (s == e)
		return CAL_OK;
	if (e - s >= 4 && memcmp(s, "year", 4) == 0 && (e - s == 4 || cal_space(s[4]))) {
		s += 4;
		while (s < e && cal_space(*s))
			s++;
		return cal_year_line(p, s, (size_t)(e - s));
	}
	return cal_day_line(p, s, e);
}

static int cal_day_cmp(const void *a, const void *b)
{
	int32_t x = ((const struct cal_day *)a)->day, y = ((const struct cal_day *)b)->day;

	return (x > y) - (x < y);
}

enum cal_err cal_parse(struct calendar *c, const char *text, size_t len, int *line)
{
	struct cal_parser p = {.c = c, .y0 = c->nyears, .d0 = c->ndays};
	const char *s = text, *end = text + len;
	enum cal_err err = CAL_OK;
	int lineno = 0;

	if (line)
		*line = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;

		lineno++;
		err = cal_line(&p, s, e);
		if (err)
			break;
		s = nl ? nl + 1 : end;
	}
	if (err) {
		/* take back everything this text added; what was there is untouched */
		memset(&c->years[p.y0], 0, (size_t)(c->nyears - p.y0) * sizeof(c->years[0]));
		memset(&c->days[p.d0], 0, (size_t)(c->ndays - p.d0) * sizeof(c->days[0]));
		c->nyears = p.y0;
		c->ndays = p.d0;
		if (line)
			*line = lineno;
		return err;
	}
	/* insertion sort: at most CAL_MAX_YEARS entries */
	for (int i = 1; i < c->nyears; i++) {
		int16_t y = c->years[i];
		int j = i;

		for (; j > 0 && c->years[j - 1] > y; j--)
			c->years[j] = c->years[j - 1];
		c->years[j] = y;
	}
	if (p.d0 > 0 && c->ndays > p.d0)
		qsort(c->days, (size_t)c->ndays, sizeof(c->days[0]), cal_day_cmp);
	return CAL_OK;
}
