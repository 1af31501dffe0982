#include "pdftext.h"

#include <stdio.h>
#include <string.h>

#ifdef BAOMI_CHECK_HAVE_POPPLER
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
		return "未编译 PDF 支持 PDF support not built in";
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
int pdftext_available(void)
{
	return 1;
}

static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

enum pdftext_err pdftext_extract(const unsigned char *data, size_t len, struct cbuf *out, char *why,
                                 size_t whylen)
{
	static int log_quiet;
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	PopplerDocument *doc = NULL;
	enum pdftext_err err = PDFTEXT_OK;
	int i, n;

	if (whylen)
		why[0] = '\0';
	pthread_mutex_lock(&pdf_lock);
	if (!log_quiet) {
		g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
		log_quiet = 1;
	}
	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
			err = PDFTEXT_ENCRYPTED;
		else
			err = PDFTEXT_BAD;
		if (gerr && whylen)
			snprintf(why, whylen, "%s", gerr->message);
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
	for (i = 0; i < n && !err; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *text;

		if (!page)
			continue;
		text = poppler_page_get_text(page);
		if (text) {
			if (cbuf_puts(out, text) || cbuf_putc(out, '\n'))
				err = PDFTEXT_TOO_BIG;
			g_free(text);
		}
		g_object_unref(page);
	}
out:
	if (gerr)
		g_error_free(gerr);
	if (doc)
		g_object_unref(doc);
	if (bytes)
		g_bytes_unref(bytes);
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
