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
#include "scan.h"

#ifndef FUZZ_SCAN_PREFIX
#define FUZZ_SCAN_PREFIX ""
#endif

/*
 * FUZZ_SCAN_BUDGET: every file under a small budget of time and memory, so
 * that the cut-off paths (deadline between entries, buffers sized to what
 * the budget leaves, the PDF worker stopped) run too.  A file cut off by
 * time may be cut at another point in each run, and the memory a file may
 * use depends on the buffers earlier files left: only files cut by neither
 * are compared.
 */
#ifdef FUZZ_SCAN_BUDGET
#define FUZZ_SECONDS 0.5
#define FUZZ_MEMORY ((size_t)32 << 20)
#else
#define FUZZ_SECONDS 0
#define FUZZ_MEMORY 0
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same hits, encodings, counts and contexts, in the same order. */
static void same_hits(const struct scan_file *a, const struct scan_file *b)
{
	size_t i;

	if (a->nhits != b->nhits)
		abort();
	for (i = 0; i < a->nhits; i++)
		if (a->hits[i].kw != b->hits[i].kw || a->hits[i].enc != b->hits[i].enc ||
		    a->hits[i].count != b->hits[i].count ||
		    !a->hits[i].context != !b->hits[i].context ||
		    (a->hits[i].context && strcmp(a->hits[i].context, b->hits[i].context) != 0))
			abort();
}

/* Whether the file was cut off by its budget (the reason starts the error). */
static int over_budget(const struct scan_file *f)
{
	return f->error &&
	       (strncmp(f->error, "timeout", 7) == 0 || strncmp(f->error, "memory", 6) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kw_set ks;
	/* The scan as it runs (UTF-8 windows get the smaller pattern set), and
	 * with every form on every window: both must find the same. */
	static struct scan_engine fast, full;
	static int ready;
	static const char kws[] = "绝密\n涉密\nTOPSECRET\n内部资料\nÀ\n中\n";
	const size_t plen = sizeof(FUZZ_SCAN_PREFIX) - 1;
	struct scan_file f, g;
	unsigned char *buf;

	if (!ready) {
		size_t line;

		kw_set_init(&ks);
		if (kw_set_load_mem(&ks, kws, sizeof(kws) - 1, &line) ||
		    scan_engine_init(&fast, &ks, MATCH_AUTO, 0) ||
		    scan_engine_init(&full, &ks, MATCH_AUTO, SCAN_ENGINE_ALL_FORMS))
			abort();
		ready = 1;
	}
	buf = malloc(size + plen + 1);
	if (!buf)
		return 0;
	memcpy(buf, FUZZ_SCAN_PREFIX, plen);
	memcpy(buf + plen, data, size);
	/* With a prefix, inputs that already carry it are taken as they are. */
	if (plen && size >= plen && memcmp(data, FUZZ_SCAN_PREFIX, plen) == 0)
		memcpy(buf, data, size), size -= plen;
	memset(&g, 0, sizeof(g));
	if (scan_buffer_budget(&fast, buf, size + plen, FUZZ_SECONDS, FUZZ_MEMORY, &f) == SCAN_OK &&
	    scan_buffer_budget(&full, buf, size + plen, FUZZ_SECONDS, FUZZ_MEMORY, &g) == SCAN_OK &&
	    !over_budget(&f) && !over_budget(&g))
		same_hits(&f, &g);
	scan_file_release(&f);
	scan_file_release(&g);
	free(buf);
	return 0;
}
