/*
 * form — what the PDF and HTML renderers share: caps, the text filter and
 * the error names.
 */
#include "form_int.h"

#include <assert.h>

#include "text.h"

enum form_err form_check(const struct form *f)
{
	size_t total = 0;
	bool ok;

	assert(f && (f->fields || !f->nfields));
	if (f->nfields > FORM_MAX_FIELDS)
		return FORM_TOO_BIG;
	ok = export_text_tally(&total, f->mark, FORM_MAX_TEXT) &&
	     export_text_tally(&total, f->title, FORM_MAX_TEXT) &&
	     export_text_tally(&total, f->subtitle, FORM_MAX_TEXT) &&
	     export_text_tally(&total, f->footer, FORM_MAX_TEXT);
	for (size_t i = 0; ok && i < f->nfields; i++)
		ok = export_text_tally(&total, f->fields[i].label, FORM_MAX_TEXT) &&
		     export_text_tally(&total, f->fields[i].value, FORM_MAX_TEXT);
	return ok ? FORM_OK : FORM_TOO_BIG;
}

enum form_err form_buf_err(enum buf_err e)
{
	switch (e) {
	case BUF_OK:
		return FORM_OK;
	case BUF_TOO_BIG:
		return FORM_TOO_BIG;
	case BUF_NOMEM:
		break;
	}
	return FORM_NOMEM;
}

enum form_err form_text_append(struct buf *out, const char *s, bool html)
{
	return form_buf_err(export_text_append(out, s, html));
}

const char *form_err_en(enum form_err e)
{
	switch (e) {
	case FORM_OK:
		return "ok";
	case FORM_NOMEM:
		return "out of memory";
	case FORM_TOO_BIG:
		return "form too large (fields, text, pages or output size)";
	case FORM_RENDER:
		return "PDF rendering failed";
	case FORM_NO_FONT:
		return "no Chinese font installed (fonts-noto-cjk)";
	}
	return "unknown form error";
}
