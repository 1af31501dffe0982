#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *dynlib_open(const char *soname, const char *path, char *why, size_t whylen)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (h)
		return h;
	e = dlerror();
	snprintf(why, whylen, "%s", e ? e : soname);
	/* dlopen(NULL) would answer with the program itself. */
	return path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
}

int dynlib_syms(void *h, const char *lib, const struct dynlib_sym *syms, size_t n, char *why,
                size_t whylen)
{
	size_t i;

	for (i = 0; i < n; i++) {
		void *f = dlsym(h, syms[i].name);

		if (!f) {
			snprintf(why, whylen, "%s: %s", lib, syms[i].name);
			return -1;
		}
		/* POSIX: a function pointer and void * convert both ways (ISO C has no cast). */
		memcpy(syms[i].slot, &f, sizeof(f));
	}
	return 0;
}
