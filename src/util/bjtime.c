#include "bjtime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t bjtime_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Howard Hinnant's civil-calendar algorithms, written out for int32 days. */
int32_t bjtime_days_from_civil(int y, unsigned m, unsigned d)
{
	int era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int32_t)doe - 719468;
}

void bjtime_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
	int era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (int)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

void bjtime_format_iso(int64_t ms, char *out)
{
	int64_t s = floor_div(ms, 1000) + BJTIME_OFFSET_S;
	int64_t days = floor_div(s, 86400);
	int64_t sod = s - days * 86400;
	int y;
	unsigned m, d;

	char tmp[64];

	bjtime_civil_from_days((int32_t)days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02d:%02d:%02d+08:00", y % 10000, m % 100,
	         d % 100, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
	memcpy(out, tmp, BJTIME_ISO_LEN - 1);
	out[BJTIME_ISO_LEN - 1] = '\0';
}

void bjtime_format_cn(int64_t ms, char *out)
{
	int64_t s = floor_div(ms, 1000) + BJTIME_OFFSET_S;
	int64_t days = floor_div(s, 86400);
	int64_t sod = s - days * 86400;
	int y;
	unsigned m, d;

	bjtime_civil_from_days((int32_t)days, &y, &m, &d);
	snprintf(out, BJTIME_CN_LEN, "%d年%u月%u日 %02d:%02d", y % 10000, m % 100, d % 100,
	         (int)(sod / 3600), (int)(sod / 60 % 60));
}

void bjtime_format_date(int64_t ms, char *out)
{
	char iso[BJTIME_ISO_LEN];

	bjtime_format_iso(ms, iso);
	memcpy(out, iso, 10);
	out[10] = '\0';
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int bjtime_parse_date(const char *s, int32_t *days)
{
	int y, m, d;

	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	if (s[10] != '\0')
		return -1;
	*days = bjtime_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

int bjtime_parse_iso(const char *s, int64_t *ms)
{
	char date[11];
	int32_t days;
	int hh = 0, mi = 0, ss = 0;
	int64_t off = BJTIME_OFFSET_S;
	size_t n;

	if (!s)
		return -1;
	n = strlen(s);
	if (n < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (bjtime_parse_date(date, &days))
		return -1;
	s += 10;
	if (*s == 'T' || *s == ' ') {
		if (strlen(s) < 9 || s[3] != ':' || s[6] != ':')
			return -1;
		if (digits(s + 1, 2, &hh) || digits(s + 4, 2, &mi) || digits(s + 7, 2, &ss))
			return -1;
		if (hh > 23 || mi > 59 || ss > 59)
			return -1;
		s += 9;
		if (strcmp(s, "Z") == 0) {
			off = 0;
			s++;
		} else if (strcmp(s, "+08:00") == 0) {
			s += 6;
		}
	}
	if (*s != '\0')
		return -1;
	*ms = ((int64_t)days * 86400 + hh * 3600 + mi * 60 + ss - off) * 1000;
	return 0;
}
