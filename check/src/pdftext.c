#include "pdftext.h"

#include <stdio.h>
#include <string.h>

#ifdef BAOMI_CHECK_HAVE_POPPLER
#include <dlfcn.h>
#include <poppler.h>
#include <pthread.h>

/* poppler's global state is not documented as thread-safe: one PDF at a time. */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
#endif

const char *pdftext_strerror(enum pdftext_err err)
{
	switch (err) {
	case PDFTEXT_OK:
		return "成功 ok";
	case PDFTEXT_UNAVAILABLE:
		return "无 PDF 支持（未编译或未安装 poppler-glib） PDF support not available "
		       "(not built in, or poppler-glib not installed)";
	case PDFTEXT_BAD:
		return "无法解析 PDF cannot parse PDF";
	case PDFTEXT_ENCRYPTED:
		return "PDF 已加密 encrypted PDF";
	case PDFTEXT_TOO_BIG:
		return "PDF 文本超过大小上限 PDF text over the size cap";
	}
	return "?";
}

#ifdef BAOMI_CHECK_HAVE_POPPLER
/*
 * poppler-glib is loaded when the first PDF comes, not at start: it brings
 * some fifty libraries (glib, cairo, NSS, X11 ...) whose loading would be a
 * good part of a short scan's time, and a computer without them can still
 * run baomi-check, its PDF files being reported as unreadable.
 */
static struct {
	void (*g_free)(gpointer);
	void (*g_error_free)(GError *);
	void (*g_object_unref)(gpointer);
	GBytes *(*g_bytes_new_static)(gconstpointer, gsize);
	void (*g_bytes_unref)(GBytes *);
	guint (*g_log_set_handler)(const gchar *, GLogLevelFlags, GLogFunc, gpointer);
	GQuark (*poppler_error_quark)(void);
	PopplerDocument *(*poppler_document_new_from_bytes)(GBytes *, const char *, GError **);
	int (*poppler_document_get_n_pages)(PopplerDocument *);
	PopplerPage *(*poppler_document_get_page)(PopplerDocument *, int);
	char *(*poppler_page_get_text)(PopplerPage *);
} pp;
static int pp_loaded;
static char pp_why[256]; /* why it could not be loaded */
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

/* Looks name up in h into *slot; returns 0 (and says so) when it is missing. */
static int pp_sym(void *h, const char *name, void *slot)
{
	void *f = dlsym(h, name);

	if (!f) {
		snprintf(pp_why, sizeof(pp_why), "%s: %s", BAOMI_CHECK_POPPLER_SONAME, name);
		return 0;
	}
	/* POSIX: a function pointer and void * convert both ways. */
	memcpy(slot, &f, sizeof(f));
	return 1;
}

static void pp_load(void)
{
	void *h = dlopen(BAOMI_CHECK_POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	/* Where the build found it, when the loader's path does not have it. */
	if (!h) {
		e = dlerror();
		snprintf(pp_why, sizeof(pp_why), "%s", e ? e : BAOMI_CHECK_POPPLER_SONAME);
		h = dlopen(BAOMI_CHECK_POPPLER_PATH, RTLD_NOW | RTLD_LOCAL);
	}
	if (!h)
		return;
	/* glib and gobject come with poppler-glib, and dlsym looks in them too. */
	if (pp_sym(h, "g_free", &pp.g_free) && pp_sym(h, "g_error_free", &pp.g_error_free) &&
	    pp_sym(h, "g_object_unref", &pp.g_object_unref) &&
	    pp_sym(h, "g_bytes_new_static", &pp.g_bytes_new_static) &&
	    pp_sym(h, "g_bytes_unref", &pp.g_bytes_unref) &&
	    pp_sym(h, "g_log_set_handler", &pp.g_log_set_handler) &&
	    pp_sym(h, "poppler_error_quark", &pp.poppler_error_quark) &&
	    pp_sym(h, "poppler_document_new_from_bytes", &pp.poppler_document_new_from_bytes) &&
	    pp_sym(h, "poppler_document_get_n_pages", &pp.poppler_document_get_n_pages) &&
	    pp_sym(h, "poppler_document_get_page", &pp.poppler_document_get_page) &&
	    pp_sym(h, "poppler_page_get_text", &pp.poppler_page_get_text)) {
		pp.g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
		pp_loaded = 1;
	}
	/* Never closed: the library stays for the life of the process. */
}

int pdftext_available(void)
{
	pthread_once(&pp_once, pp_load);
	return pp_loaded;
}

enum pdftext_err pdftext_extract(const unsigned char *data, size_t len, struct cbuf *out, char *why,
                                 size_t whylen)
{
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	PopplerDocument *doc = NULL;
	enum pdftext_err err = PDFTEXT_OK;
	int i, n;

	if (whylen)
		why[0] = '\0';
	if (!pdftext_available()) {
		if (whylen)
			snprintf(why, whylen, "%s", pp_why);
		return PDFTEXT_UNAVAILABLE;
	}
	pthread_mutex_lock(&pdf_lock);
	bytes = pp.g_bytes_new_static(data, len);
	doc = pp.poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		if (gerr && gerr->domain == pp.poppler_error_quark() &&
		    gerr->code == POPPLER_ERROR_ENCRYPTED)
			err = PDFTEXT_ENCRYPTED;
		else
			err = PDFTEXT_BAD;
		if (gerr && whylen)
			snprintf(why, whylen, "%s", gerr->message);
		goto out;
	}
	n = pp.poppler_document_get_n_pages(doc);
	for (i = 0; i < n && !err; i++) {
		PopplerPage *page = pp.poppler_document_get_page(doc, i);
		char *text;

		if (!page)
			continue;
		text = pp.poppler_page_get_text(page);
		if (text) {
			if (cbuf_puts(out, text) || cbuf_putc(out, '\n'))
				err = PDFTEXT_TOO_BIG;
			pp.g_free(text);
		}
		pp.g_object_unref(page);
	}
out:
	if (gerr)
		pp.g_error_free(gerr);
	if (doc)
		pp.g_object_unref(doc);
	if (bytes)
		pp.g_bytes_unref(bytes);
	pthread_mutex_unlock(&pdf_lock);
	return err;
}
#else
int pdftext_available(void)
{
	return 0;
}

enum pdftext_err pdftext_extract(const unsigned char *data, size_t len, struct cbuf *out, char *why,
                                 size_t whylen)
{
	(void)data;
	(void)len;
	(void)out;
	if (whylen)
		why[0] = '\0';
	return PDFTEXT_UNAVAILABLE;
}
#endif
