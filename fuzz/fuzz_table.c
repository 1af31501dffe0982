/*
 * fuzz_table — libFuzzer target for the ledger import readers: every input
 * goes through table_read_auto, table_read_csv and table_read_xlsx.  Besides
 * crashes, leaks and undefined behaviour, it checks the promises of table.h:
 * each cell is NUL-terminated valid UTF-8 of the length given, lines are
 * positive and increasing, at most TABLE_MAX_COLS cells, and an error message
 * is valid UTF-8.
 *
 * Mutations of a stored (uncompressed) workbook would almost all die on the
 * zip CRC; the harness recomputes the CRCs of stored entries first, so the
 * XML of a stored .xlsx seed is fuzzed as XML.  The untouched input is run
 * too, so the CRC check itself stays covered.
 */
#include <stdint.h>

#include "oracle_utf8.h"
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "../src/io/table.h"

static unsigned rd16(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

static void wr32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Sets the CRC of each stored entry to match its bytes; returns 1 if any changed. */
static int fix_stored_crcs(uint8_t *d, size_t n)
{
	size_t eocd, off, end;
	unsigned count, k;
	int changed = 0;

	if (n < 22)
		return 0;
	for (eocd = n - 22;; eocd--) {
		if (rd32(d + eocd) == 0x06054b50u)
			break;
		if (eocd == 0 || n - eocd > 22 + 65535)
			return 0;
	}
	count = rd16(d + eocd + 10);
	off = rd32(d + eocd + 16);
	end = off + rd32(d + eocd + 12);
	if (off > n || end > n || end < off)
		return 0;
	for (k = 0; k < count && off + 46 <= end && rd32(d + off) == 0x02014b50u; k++) {
		size_t nlen = rd16(d + off + 28), xlen = rd16(d + off + 30),
		       clen = rd16(d + off + 32);
		size_t loff = rd32(d + off + 42), size = rd32(d + off + 20), data;

		if (rd16(d + off + 10) == 0 && loff + 30 <= n && rd32(d + loff) == 0x04034b50u) {
			data = loff + 30 + rd16(d + loff + 26) + rd16(d + loff + 28);
			if (data <= n && size <= n - data) {
				uint32_t crc = (uint32_t)crc32(0, d + data, (uInt)size);

				if (rd32(d + off + 16) != crc) {
					wr32(d + off + 16, crc);
					wr32(d + loff + 14, crc);
					changed = 1;
				}
			}
		}
		off += 46 + nlen + xlen + clen;
	}
	return changed;
}

static int check_row(const struct table_row *row, void *arg)
{
	int *last = arg;

	if (row->line <= *last || row->ncells < 1 || row->ncells > TABLE_MAX_COLS)
		abort();
	*last = row->line;
	for (int i = 0; i < row->ncells; i++) {
		if (!row->cells[i] || strlen(row->cells[i]) != row->lens[i] ||
		    row->lens[i] > TABLE_MAX_CELL ||
		    !valid_utf8((const unsigned char *)row->cells[i], row->lens[i]))
			abort();
	}
	return 0;
}

static void run(enum table_err (*fn)(const void *, size_t,
                                     int (*)(const struct table_row *, void *), void *,
                                     struct table_error *),
                const uint8_t *data, size_t size)
{
	struct table_error err;
	int last = 0;
	enum table_err rc;

	memset(&err, 0x5a, sizeof(err));
	rc = fn(data, size, check_row, &last, &err);
	if (rc != TABLE_OK) {
		size_t n = strnlen(err.message, sizeof(err.message));

		if (n == sizeof(err.message) || n == 0 ||
		    !valid_utf8((const unsigned char *)err.message, n) || err.line < 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(table_read_auto, data, size);
	run(table_read_csv, data, size);
	run(table_read_xlsx, data, size);
	if (size >= 4 && data[0] == 'P' && data[1] == 'K') {
		uint8_t *copy = malloc(size);

		if (copy) {
			memcpy(copy, data, size);
			if (fix_stored_crcs(copy, size))
				run(table_read_xlsx, copy, size);
			free(copy);
		}
	}
	return 0;
}
