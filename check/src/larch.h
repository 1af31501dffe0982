/*
 * larch — libarchive, loaded when the first archive comes.
 *
 * libarchive brings libxml2, ICU, nettle, libacl and five compression
 * libraries with it: ten shared objects whose loading and relocation cost
 * every run of baomi-check about ten milliseconds of start-up, most of a
 * short scan's, also when there is no archive at all.  So the library is
 * opened with dlopen (by the soname found at build time) the first time
 * arch.c needs it, as poppler is for PDF, and arch.c calls it through the
 * table below: after this header, archive_read_new() and the others name
 * the table's entries.
 */
#ifndef BAOMI_CHECK_LARCH_H
#define BAOMI_CHECK_LARCH_H

#include <archive.h>
#include <archive_entry.h>

struct larch_api {
	struct archive *(*read_new)(void);
	int (*read_free)(struct archive *);
	int (*read_support_filter_gzip)(struct archive *);
	int (*read_support_filter_bzip2)(struct archive *);
	int (*read_support_filter_xz)(struct archive *);
	int (*read_support_format_raw)(struct archive *);
	int (*read_support_format_tar)(struct archive *);
	int (*read_support_format_zip)(struct archive *);
	int (*read_support_format_7zip)(struct archive *);
	int (*read_support_format_rar)(struct archive *);
	int (*read_support_format_rar5)(struct archive *);
	int (*read_open_memory)(struct archive *, const void *, size_t);
	int (*read_next_header)(struct archive *, struct archive_entry **);
	la_ssize_t (*read_data)(struct archive *, void *, size_t);
	int (*filter_code)(struct archive *, int);
	int (*format)(struct archive *);
	const char *(*error_string)(struct archive *);
	__LA_MODE_T (*entry_filetype)(struct archive_entry *);
	const char *(*entry_pathname)(struct archive_entry *);
	const char *(*entry_pathname_utf8)(struct archive_entry *);
	int (*entry_is_data_encrypted)(struct archive_entry *);
	int (*entry_is_metadata_encrypted)(struct archive_entry *);
};

extern struct larch_api larch;

/* Loads libarchive once (thread-safe); 0 when the table is filled, -1 when it cannot be. */
int larch_load(void);
/* Why it could not be (the loader's message, or the missing symbol); "" once loaded. */
const char *larch_why(void);

#ifndef LARCH_IMPL
#define archive_read_new larch.read_new
#define archive_read_free larch.read_free
#define archive_read_support_filter_gzip larch.read_support_filter_gzip
#define archive_read_support_filter_bzip2 larch.read_support_filter_bzip2
#define archive_read_support_filter_xz larch.read_support_filter_xz
#define archive_read_support_format_raw larch.read_support_format_raw
#define archive_read_support_format_tar larch.read_support_format_tar
#define archive_read_support_format_zip larch.read_support_format_zip
#define archive_read_support_format_7zip larch.read_support_format_7zip
#define archive_read_support_format_rar larch.read_support_format_rar
#define archive_read_support_format_rar5 larch.read_support_format_rar5
#define archive_read_open_memory larch.read_open_memory
#define archive_read_next_header larch.read_next_header
#define archive_read_data larch.read_data
#define archive_filter_code larch.filter_code
#define archive_format larch.format
#define archive_error_string larch.error_string
#define archive_entry_filetype larch.entry_filetype
#define archive_entry_pathname larch.entry_pathname
#define archive_entry_pathname_utf8 larch.entry_pathname_utf8
#define archive_entry_is_data_encrypted larch.entry_is_data_encrypted
#define archive_entry_is_metadata_encrypted larch.entry_is_metadata_encrypted
#endif

#endif
