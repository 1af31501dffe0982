/*
 * hs_fail_shim — an LD_PRELOAD library for check_cli: the Hyperscan compile
 * of the full database fails, as it would when memory runs out.  The scan
 * builds its UTF-8 database first (on a thread) and the full one when a
 * window needs it, so this makes the late build fail, which must stop the
 * scan with exit 2.  The full database is told by a pattern that only it
 * holds: 绝密 in GBK (BE F8 C3 DC), which cannot occur in UTF-8 text.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include <hs/hs.h>

typedef hs_error_t (*compile_fn)(const char *const *, const unsigned *, const unsigned *,
                                 const size_t *, unsigned, unsigned, const hs_platform_info_t *,
                                 hs_database_t **, hs_compile_error_t **);

hs_error_t hs_compile_lit_multi(const char *const *pats, const unsigned *flags, const unsigned *ids,
                                const size_t *lens, unsigned n, unsigned mode,
                                const hs_platform_info_t *platform, hs_database_t **db,
                                hs_compile_error_t **err)
{
	compile_fn real;
	void *sym = dlsym(RTLD_NEXT, "hs_compile_lit_multi");
	int full = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		full |= lens[i] == 4 && memcmp(pats[i], "\xBE\xF8\xC3\xDC", 4) == 0;
	if (full || !sym) {
		*db = NULL;
		*err = NULL;
		return HS_NOMEM;
	}
	*(void **)&real = sym;
	return real(pats, flags, ids, lens, n, mode, platform, db, err);
}
