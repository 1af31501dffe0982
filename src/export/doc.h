/*
 * doc — multi-section reports as PDF and as XLSX.
 *
 * A report is a title, a subtitle and a list of blocks: headings,
 * paragraphs and tables of text cells.  This layer lays such a list out and
 * knows nothing of what it reports (inspection campaigns, ledgers): the API
 * layer fills a struct doc.
 *
 * Text is UTF-8 and goes through the same filter as the forms (form.h): a
 * byte sequence that is not valid UTF-8 is shown as U+FFFD, "\r\n" and "\r"
 * are line breaks, other control characters except TAB become spaces, and
 * nothing is markup.  A table block with no table or no columns is skipped;
 * NULL headers, cells or strings are empty.  Both renderers are reentrant:
 * every object lives in the call, so HTTP worker threads may render at the
 * same time.
 */
#ifndef BAOMI_EXPORT_DOC_H
#define BAOMI_EXPORT_DOC_H

#include <stddef.h>

#include "../util/buf.h"

#define DOC_MAX_BLOCKS 1000
#define DOC_MAX_TABLES 64              /* also XLSX sheets, each a temporary file while writing */
#define DOC_MAX_COLS 20                /* on A4 portrait, at least one character per column */
#define DOC_MAX_ROWS 20000             /* of all tables together */
#define DOC_MAX_TEXT ((size_t)8 << 20) /* bytes of all text together */
#define DOC_MAX_PAGES 1000             /* PDF pages */

struct doc_table {
	const char *const *headers; /* ncols */
	size_t ncols;
	const double *widths;     /* relative column widths (PDF), or NULL for equal (also if one is
	                             not finite and positive) */
	const char *const *cells; /* nrows × ncols, row-major, UTF-8, may be multi-line */
	size_t nrows;
};

enum doc_block_kind {
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_TABLE,
};

struct doc_block {
	enum doc_block_kind kind;
	const char *text;              /* DOC_HEADING, DOC_PARAGRAPH; "\n" separates paragraphs */
	const struct doc_table *table; /* DOC_TABLE */
};

struct doc {
	const char *mark; /* 密级★保密期限 (level_mark), top left of the first page as GB/T 9704
	                     puts it (and first on the XLSX cover sheet); NULL or "" for none */
	const char *title;    /* 2026年度保密自查工作报告 */
	const char *subtitle; /* e.g. the unit and date; may be NULL; "\n" separates lines */
	const struct doc_block *blocks;
	size_t nblocks;
	const char *footer; /* e.g. 打印时间 / 密级标注 line, on every PDF page; may be NULL */
};

enum doc_err {
	DOC_OK = 0,
	DOC_NOMEM,
	DOC_TOO_BIG, /* a DOC_MAX_* cap, an Excel limit or the output buf's max was passed */
	DOC_RENDER,  /* cairo, pango or libxlsxwriter failed */
	DOC_NO_FONT, /* no installed font covers Chinese (install fonts-noto-cjk) */
};

/*
 * A4 portrait PDF in Noto Serif CJK SC (embedded subset: real text that can
 * be searched and copied): the mark at the top left, the title centred, the subtitle, then the
 * blocks in order.  A heading stays on the page of what follows it; paragraphs break between lines
 * (never leaving a single line behind when two fit). Tables have thin borders and a shaded, bold
 * header row that is repeated at the top of every page the table continues on; rows are never cut
 * across pages unless a single row is taller than a page, which is then split between lines. Column
 * widths follow widths (each column at least one character wide).  Every page carries the footer
 * and "第 N 页 共 M 页". The PDF is appended to out; on failure out may hold a partial file: reset
 * it.
 */
enum doc_err doc_pdf(const struct doc *d, struct buf *out);

/*
 * XLSX workbook: a first sheet "概况" with the title, the subtitle, the
 * headings and paragraphs (one row per line, a note naming the sheet of
 * each table) and the footer; then one sheet per table, named after the
 * heading before it (made valid for Excel: [ ] : * ? / \ replaced, at most
 * 31 characters, unique with " (2)" ...; "表N" when there is none), with a
 * bold shaded header row that stays frozen, an autofilter, column widths
 * fitted to the text, and every cell as text.  Appended to out.  A cell
 * longer than Excel's 32,767 characters is DOC_TOO_BIG.
 */
enum doc_err doc_xlsx(const struct doc *d, struct buf *out);

const char *doc_err_en(enum doc_err e);

#endif
