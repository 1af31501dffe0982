/*
 * form — printable report forms as PDF and as HTML.
 *
 * The incident report (附件二 重大信息安全事件报告表) and the result report
 * (附件三 重大信息安全事件处理结果报告表) of seed 003 are paper forms: a title,
 * a line such as 报告时间 or the filing number, then a bordered table of
 * labelled boxes.  This layer draws such a table from a generic description
 * and knows nothing of incidents: the API layer fills a struct form.
 *
 * Fields are laid out in order.  A wide field takes a whole row (its label
 * in a shaded row above a full-width value box); two consecutive narrow
 * fields share a row (label | value | label | value), and a narrow field
 * with no narrow partner gets the full row to itself.
 *
 * Text is UTF-8; a byte sequence that is not valid UTF-8 is shown as U+FFFD,
 * "\r\n" and "\r" are line breaks, and other control characters except TAB
 * become spaces.  Nothing is interpreted as markup in either output.  Both
 * renderers are reentrant: every object lives in the call, so HTTP worker
 * threads may render at the same time.
 */
#ifndef BAOMI_EXPORT_FORM_H
#define BAOMI_EXPORT_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

#define FORM_MAX_FIELDS 256
#define FORM_MAX_TEXT ((size_t)512 << 10) /* bytes of all labels, values and lines together */
#define FORM_MAX_PAGES 500                /* PDF pages */

struct form_field {
	const char *label; /* 单位名称 */
	const char *value; /* UTF-8, may be long and multi-line; NULL or "" renders an empty box */
	bool wide;         /* spans the full row; otherwise two fields share a row */
};

struct form {
	const char *mark; /* 密级★保密期限 (level_mark), top left of the first page as GB/T 9704
	                     puts it; NULL or "" for none */
	const char *title; /* 重大信息安全事件报告表 */
	const char *subtitle; /* e.g. 报告时间: 2026年11月21日 15时04分, or the filing number line;
	                         may be NULL; "\n" separates lines */
	const struct form_field *fields;
	size_t nfields;
	const char *footer; /* e.g. 打印时间 / 密级标注 line, on every PDF page; may be NULL */
};

enum form_err {
	FORM_OK = 0,
	FORM_NOMEM,
	FORM_TOO_BIG, /* a FORM_MAX_* cap or the output buf's max was passed */
	FORM_RENDER,  /* cairo or pango failed */
	FORM_NO_FONT, /* no installed font covers Chinese (install fonts-noto-cjk) */
};

/*
 * A4 PDF, Chinese text with an embedded Noto CJK subset (real text: it can
 * be searched and copied); pages break as needed, a value longer than a page
 * continues on the next under its label marked (续), and every page carries
 * the footer and "第 N 页 共 M 页".  The PDF is appended to out.  On failure
 * out may hold a partial file: reset it.
 */
enum form_err form_pdf(const struct form *f, struct buf *out);

/*
 * A printable HTML page, appended to out: no script, no inline style (the
 * server's Content-Security-Policy forbids it); its look, A4 print layout
 * included, comes from the stylesheet FORM_HTML_CSS, which the server
 * serves from the web UI's files (src/ui/web/form.css).  Every text is
 * escaped (& < > " ').
 */
#define FORM_HTML_CSS "/ui/form.css"
enum form_err form_html(const struct form *f, struct buf *out);

const char *form_err_en(enum form_err e);

#endif
