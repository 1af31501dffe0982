/*
 * form_html — a form as one printable HTML page.
 *
 * The page carries no style and no script of its own: the server's
 * Content-Security-Policy forbids inline style, so its look comes from the
 * stylesheet FORM_HTML_CSS that the server serves with the web UI
 * (src/ui/web/form.css), and a Content-Security-Policy meta tag lets it load
 * nothing else, so a page saved to disk is as inert as the one served.  The
 * table mirrors the PDF: the 密级 mark at the top left, shaded labels, value
 * boxes that keep line breaks and wrap anywhere (Chinese has no spaces), and
 * empty boxes tall enough to write in by hand; the stylesheet prints A4.
 */
#include "form_int.h"

static const char html_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'self'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<link rel=\"stylesheet\" href=\"" FORM_HTML_CSS "\">\n";

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
	put(&o, "</title>\n</head>\n<body class=\"form\">\n");
	if (f->mark && f->mark[0]) {
		put(&o, "<p class=\"mark\">");
		text(&o, f->mark);
		put(&o, "</p>\n");
	}
	put(&o, "<h1>");
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
