/*
 * form_html — a form as one self-contained printable HTML page.
 *
 * The page needs nothing from outside (the target networks are air-gapped):
 * inline CSS only, no script, and a Content-Security-Policy meta tag that
 * forbids loading anything, so a page saved to disk and opened later is as
 * inert as the one served.  The table mirrors the PDF: shaded labels, value
 * boxes that keep line breaks and wrap anywhere (Chinese has no spaces), and
 * empty boxes tall enough to write in by hand.  Printing gives A4 with the
 * shading kept and rows not cut in half where the browser can avoid it.
 */
#include "form_int.h"

static const char html_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<style>\n"
    "@page{size:A4;margin:20mm 20mm 18mm;"
    "@bottom-center{content:\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\";"
    "font-size:9pt}}\n"
    "html{background:#f2f2f2}\n"
    "body{box-sizing:border-box;max-width:210mm;margin:1em auto;padding:20mm;background:#fff;"
    "color:#000;font:10.5pt/1.5 \"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,"
    "\"Songti SC\",serif}\n"
    "h1{margin:0 0 .6em;text-align:center;font:bold 18pt/1.4 \"Noto Serif CJK SC\",\"Source Han "
    "Serif SC\",SimSun,serif}\n"
    ".sub{margin:0 0 .4em;white-space:pre-wrap}\n"
    "table{width:100%;border-collapse:collapse;table-layout:fixed}\n"
    "col.l{width:17.5%}col.v{width:32.5%}\n"
    "th,td{border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left;"
    "white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-all}\n"
    "th{background:#e6e6e6;font-weight:normal;text-align:center}th.w{text-align:left}\n"
    "td{height:1.6em}td.w{height:3em}td.w:empty{height:6em}\n"
    "tr{break-inside:avoid;page-break-inside:avoid}tr.v{break-inside:auto;page-break-inside:auto}\n"
    "tr.k{break-after:avoid;page-break-after:avoid}\n"
    ".foot{margin-top:1em;font-size:9pt;white-space:pre-wrap}\n"
    "@media print{html{background:none}body{max-width:none;margin:0;padding:0}"
    "th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

struct out {
	struct buf *b;
	enum form_err err;
};

static void put(struct out *o, const char *s)
{
	if (!o->err)
		o->err = form_buf_err(buf_puts(o->b, s));
}

static void text(struct out *o, const char *s)
{
	if (!o->err)
		o->err = form_text_append(o->b, s, true);
}

/* One cell: <th> or <td> with optional class and colspan, its text escaped. */
static void cell(struct out *o, const char *tag, const char *cls, int colspan, const char *s)
{
	put(o, "<");
	put(o, tag);
	if (cls) {
		put(o, " class=\"");
		put(o, cls);
		put(o, "\"");
	}
	if (colspan == 3)
		put(o, " colspan=\"3\"");
	else if (colspan == 4)
		put(o, " colspan=\"4\"");
	put(o, ">");
	text(o, s);
	put(o, "</");
	put(o, tag);
	put(o, ">");
}

enum form_err form_html(const struct form *f, struct buf *out)
{
	struct out o = {.b = out, .err = form_check(f)};
	size_t i = 0;

	put(&o, html_head);
	put(&o, "<title>");
	text(&o, f->title);
	put(&o, "</title>\n</head>\n<body>\n<h1>");
	text(&o, f->title);
	put(&o, "</h1>\n");
	if (f->subtitle && f->subtitle[0]) {
		put(&o, "<p class=\"sub\">");
		text(&o, f->subtitle);
		put(&o, "</p>\n");
	}
	put(&o, "<table>\n<colgroup><col class=\"l\"><col class=\"v\"><col class=\"l\">"
	        "<col class=\"v\"></colgroup>\n");
	while (i < f->nfields && !o.err) {
		const struct form_field *a = &f->fields[i];

		if (a->wide) {
			put(&o, "<tr class=\"k\">"); /* keep the label with its value */
			cell(&o, "th", "w", 4, a->label);
			put(&o, "</tr>\n<tr class=\"v\">"); /* may run over pages */
			cell(&o, "td", "w", 4, a->value);
			put(&o, "</tr>\n");
			i++;
		} else if (i + 1 < f->nfields && !f->fields[i + 1].wide) {
			put(&o, "<tr>");
			cell(&o, "th", NULL, 1, a->label);
			cell(&o, "td", NULL, 1, a->value);
			cell(&o, "th", NULL, 1, f->fields[i + 1].label);
			cell(&o, "td", NULL, 1, f->fields[i + 1].value);
			put(&o, "</tr>\n");
			i += 2;
		} else {
			put(&o, "<tr>");
			cell(&o, "th", NULL, 1, a->label);
			cell(&o, "td", NULL, 3, a->value);
			put(&o, "</tr>\n");
			i++;
		}
	}
	put(&o, "</table>\n");
	if (f->footer && f->footer[0]) {
		put(&o, "<p class=\"foot\">");
		text(&o, f->footer);
		put(&o, "</p>\n");
	}
	put(&o, "</body>\n</html>\n");
	return o.err;
}
