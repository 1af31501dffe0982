/*
 * bjtime — Beijing time (UTC+8, no daylight saving) for every date and
 * deadline baomi shows, independent of the host's TZ setting.
 */
#ifndef BAOMI_BJTIME_H
#define BAOMI_BJTIME_H

#include <stddef.h>
#include <stdint.h>

#define BJTIME_OFFSET_S (8 * 3600)
#define BJTIME_ISO_LEN 26 /* "2026-11-21T15:04:05+08:00" + NUL */

/* Milliseconds since the Unix epoch, from the system clock. */
int64_t bjtime_now_ms(void);
/* "YYYY-MM-DDTHH:MM:SS+08:00"; out must hold BJTIME_ISO_LEN bytes. */
void bjtime_format_iso(int64_t ms, char *out);
#define BJTIME_CN_LEN 32 /* "2026年12月6日 07:22" + NUL, with room */
/*
 * "2026年12月6日 07:22": a Beijing time as printed documents (PDF, HTML,
 * spreadsheet cells meant for reading) show it; out holds BJTIME_CN_LEN bytes.
 */
void bjtime_format_cn(int64_t ms, char *out);
/* "YYYY-MM-DD" of the Beijing calendar day; out holds 11 bytes. */
void bjtime_format_date(int64_t ms, char *out);
/*
 * Parses "YYYY-MM-DD" (a real calendar date) into days since 1970-01-01.
 * Returns 0 on success, -1 when the text is not such a date.
 */
int bjtime_parse_date(const char *s, int32_t *days);
/*
 * Parses "YYYY-MM-DD" (start of that Beijing day) or a full
 * "YYYY-MM-DDTHH:MM:SS" with optional "+08:00"/"Z" into epoch ms.
 */
int bjtime_parse_iso(const char *s, int64_t *ms);
/* Days since epoch <-> civil date (proleptic Gregorian). */
int32_t bjtime_days_from_civil(int y, unsigned m, unsigned d);
void bjtime_civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d);

#endif
