/*
 * libFuzzer target: the whole per-file path of the scan (format sniffing,
 * zip/OOXML, OLE2, PDF through poppler, gzip, text windows, GBK boundaries,
 * hit contexts).  Built once per entry format name so that each gets its
 * own time budget: FUZZ_SCAN_PREFIX forces the input to start as that
 * format (e.g. "%PDF-" for the PDF path).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kw.h"
#include "match.h"
#include "scan.h"

#ifndef FUZZ_SCAN_PREFIX
#define FUZZ_SCAN_PREFIX ""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kw_set ks;
	static struct match_db *db;
	static const char kws[] = "绝密\n涉密\nTOPSECRET\n内部资料\n";
	const size_t plen = sizeof(FUZZ_SCAN_PREFIX) - 1;
	struct scan_file f;
	unsigned char *buf;

	if (!db) {
		const unsigned char *pats[64];
		size_t lens[64], line, i;

		kw_set_init(&ks);
		if (kw_set_load_mem(&ks, kws, sizeof(kws) - 1, &line))
			abort();
		for (i = 0; i < ks.npats; i++) {
			pats[i] = ks.pats[i].bytes;
			lens[i] = ks.pats[i].len;
		}
		if (match_db_new(&db, MATCH_AUTO, pats, lens, ks.npats))
			abort();
	}
	buf = malloc(size + plen + 1);
	if (!buf)
		return 0;
	memcpy(buf, FUZZ_SCAN_PREFIX, plen);
	memcpy(buf + plen, data, size);
	/* With a prefix, inputs that already carry it are taken as they are. */
	if (plen && size >= plen && memcmp(data, FUZZ_SCAN_PREFIX, plen) == 0)
		memcpy(buf, data, size), size -= plen;
	if (scan_buffer(&ks, db, buf, size + plen, &f) == SCAN_OK)
		scan_file_release(&f);
	else
		scan_file_release(&f);
	free(buf);
	return 0;
}
