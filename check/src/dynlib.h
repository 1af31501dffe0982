/*
 * dynlib — the large libraries, opened with dlopen when first needed
 * (libarchive in larch.c, poppler-glib in pg.c, libtesseract in ocr.c), so
 * that start-up loads none of them and a computer without one still runs
 * baomi-check.  A library stays loaded for the life of the process.
 */
#ifndef BAOMI_CHECK_DYNLIB_H
#define BAOMI_CHECK_DYNLIB_H

#include <stddef.h>

/*
 * Opens a library by soname through the loader's path, else at path (where
 * the build found it; NULL for none); NULL when neither opens, why then
 * holding the loader's word on the soname.
 */
void *dynlib_open(const char *soname, const char *path, char *why, size_t whylen);

/* A function looked up by name into slot (a function pointer). */
struct dynlib_sym {
	const char *name;
	void *slot;
};

/* The entry for the function fn, into the member of table named like it. */
#define DYNLIB_SYM(table, fn) ((struct dynlib_sym){#fn, &(table).fn})

/* Looks up the n functions of syms in h (of lib): 0, or -1 with why "lib: name". */
int dynlib_syms(void *h, const char *lib, const struct dynlib_sym *syms, size_t n, char *why,
                size_t whylen);

#endif
