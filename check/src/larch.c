#define LARCH_IMPL
#include "larch.h"

#include <pthread.h>

#include "dynlib.h"

struct larch_api larch;

/* Each entry of the table and the symbol that fills it. */
static const struct dynlib_sym syms[] = {
#define SYM(field, name)                                                                           \
	{                                                                                          \
		name, &larch.field                                                                 \
	}
    SYM(read_new, "archive_read_new"),
    SYM(read_free, "archive_read_free"),
    SYM(read_support_filter_gzip, "archive_read_support_filter_gzip"),
    SYM(read_support_filter_bzip2, "archive_read_support_filter_bzip2"),
    SYM(read_support_filter_xz, "archive_read_support_filter_xz"),
    SYM(read_support_format_raw, "archive_read_support_format_raw"),
    SYM(read_support_format_tar, "archive_read_support_format_tar"),
    SYM(read_support_format_zip, "archive_read_support_format_zip"),
    SYM(read_support_format_7zip, "archive_read_support_format_7zip"),
    SYM(read_support_format_rar, "archive_read_support_format_rar"),
    SYM(read_support_format_rar5, "archive_read_support_format_rar5"),
    SYM(read_open_memory, "archive_read_open_memory"),
    SYM(read_next_header, "archive_read_next_header"),
    SYM(read_data, "archive_read_data"),
    SYM(filter_code, "archive_filter_code"),
    SYM(format, "archive_format"),
    SYM(error_string, "archive_error_string"),
    SYM(entry_filetype, "archive_entry_filetype"),
    SYM(entry_pathname, "archive_entry_pathname"),
    SYM(entry_pathname_utf8, "archive_entry_pathname_utf8"),
    SYM(entry_is_data_encrypted, "archive_entry_is_data_encrypted"),
    SYM(entry_is_metadata_encrypted, "archive_entry_is_metadata_encrypted"),
#undef SYM
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char why[256]; /* the loader's word when it failed */

static void load(void)
{
	void *h = dynlib_open(BAOMI_CHECK_ARCHIVE_SONAME, NULL, why, sizeof(why));

	if (h && dynlib_syms(h, BAOMI_CHECK_ARCHIVE_SONAME, syms, sizeof(syms) / sizeof(syms[0]),
	                     why, sizeof(why)) == 0)
		loaded = 0;
}

int larch_load(void)
{
	pthread_once(&once, load);
	return loaded;
}

const char *larch_why(void)
{
	return loaded ? why : "";
}
