#include "pdftext.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg.h"
#include "wproc.h"

#ifdef BAOMI_CHECK_HAVE_POPPLER
#include <zlib.h>
#endif

#define PDFW_ENV "BAOMI_CHECK_PDF_WORKER"
#define PDFW_TEXT_PIECE (1u << 20)  /* text is sent in records of at most this */
#define PDFW_NOTE_MAX 512           /* bytes of one note kept */
#define PDFW_RETIRE (64u << 20)     /* a worker that grew by this much is not reused */
#define PDFW_NUL_GAPS 256           /* NULs in one page's text skipped over */
#define PDFW_OBJSTM_MAX (16u << 20) /* inflated bytes of one object stream looked into */
#define PDFW_FAR 1e7                /* a page's text is selected from -FAR to FAR */
#define PDFW_REC_TEXT 'T'           /* text */
#define PDFW_REC_NOTE 'N'           /* a problem that leaves the rest readable */
#define PDFW_REC_DONE 'D'           /* the end: err, retire, then why */

/* A request: the budget, then len bytes of PDF. */
struct pdfw_req {
	uint64_t len;
	uint64_t memory;
	uint64_t seconds;
};

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
	case PDFTEXT_TIMEOUT:
		return "PDF 解析超时 PDF reading over the time budget";
	case PDFTEXT_MEMORY:
		return "PDF 解析超过内存预算 PDF reading over the memory budget";
	case PDFTEXT_CRASH:
		return "PDF 解析进程异常退出 the PDF worker process died";
	case PDFTEXT_WORKER:
		return "无法启动 PDF 解析进程 cannot start the PDF worker process";
	}
	return "?";
}

#ifdef BAOMI_CHECK_HAVE_POPPLER
static int pp_loaded;
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;
/* The worker's first message from poppler this page saying that a font cannot be mapped. */
static char pp_font[PDFW_NOTE_MAX];

/* poppler reports through g_log: fonts it cannot map are noted, the rest is dropped. */
static void on_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	static const char *const font_trouble[] = {"language pack", "character collection",
	                                           "Unknown CMap", "Couldn't find a CMap"};
	size_t i;

	(void)domain;
	(void)level;
	(void)data;
	if (!msg || pp_font[0])
		return;
	for (i = 0; i < sizeof(font_trouble) / sizeof(font_trouble[0]); i++)
		if (strstr(msg, font_trouble[i])) {
			snprintf(pp_font, sizeof(pp_font), "%s", msg);
			return;
		}
}

/* poppler-glib, its messages taken by on_log. */
static void pp_load(void)
{
	if (pg_load()) {
		pg.g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, on_log, NULL);
		pp_loaded = 1;
	}
}

int pdftext_available(void)
{
	pthread_once(&pp_once, pp_load);
	return pp_loaded;
}

/* ---- The worker process ---- */

/*
 * "/CropBox" becomes "/CropBoX", a key nobody reads, so that the page is
 * taken over its MediaBox and text outside the crop counts (byte for byte
 * the same length: the cross-reference offsets stay right).  Page
 * dictionaries inside compressed object streams: uncrop_objstm.
 */
static void uncrop(unsigned char *d, size_t n)
{
	static const char key[] = "/CropBox";
	const size_t kl = sizeof(key) - 1;
	unsigned char *p = d;

	while (n > kl) {
		unsigned char *q = (unsigned char *)cbuf_find(p, n, key, kl);
		size_t at;

		if (!q)
			break;
		at = (size_t)(q - p) + kl;
		if (at < n && (q[kl] == '[' || q[kl] == ' ' || q[kl] == '\r' || q[kl] == '\n' ||
		               q[kl] == '\t'))
			q[kl - 1] = 'X';
		p += at;
		n -= at;
	}
}

/*
 * "/Contents" followed by a reference or an array (a page's content
 * streams, not an annotation's text) becomes "/ContentX": the page then
 * draws nothing of its own, only its annotations (the appearance pass of
 * worker_doc).  Same length, as for uncrop.
 */
static void unhook(unsigned char *d, size_t n)
{
	static const char key[] = "/Contents";
	const size_t kl = sizeof(key) - 1;
	unsigned char *p = d;

	while (n > kl) {
		unsigned char *q = (unsigned char *)cbuf_find(p, n, key, kl);
		size_t at, i;

		if (!q)
			break;
		at = (size_t)(q - p) + kl;
		for (i = at; i < n && (p[i] == ' ' || p[i] == '\r' || p[i] == '\n' || p[i] == '\t');
		     i++)
			;
		if (i < n && ((p[i] >= '0' && p[i] <= '9') || p[i] == '['))
			q[kl - 1] = 'X';
		p += at;
		n -= at;
	}
}

/* The number after key (at an occurrence followed by one), or -1; last: the last such. */
static long long num_after(const unsigned char *d, size_t n, const char *key, int last)
{
	size_t kl = strlen(key), pos = 0;
	long long found = -1;

	for (;;) {
		const unsigned char *p = cbuf_find(d + pos, n - pos, key, kl);
		size_t i;
		long long v = 0;

		if (!p)
			return found;
		i = (size_t)(p - d) + kl;
		pos = i;
		while (i < n && (d[i] == ' ' || d[i] == '\r' || d[i] == '\n' || d[i] == '\t'))
			i++;
		if (i >= n || d[i] < '0' || d[i] > '9')
			continue;
		while (i < n && d[i] >= '0' && d[i] <= '9' && v < (1LL << 40))
			v = v * 10 + (d[i++] - '0');
		found = v;
		if (!last)
			return found;
	}
}

/* Inflates zlib data at d into out (reset first), up to its cap; 0 when it ended well. */
static int inflate_into(const unsigned char *d, size_t n, struct cbuf *out)
{
	z_stream z;
	int rc = Z_OK;

	memset(&z, 0, sizeof(z));
	cbuf_reset(out);
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)d;
	z.avail_in = (uInt)(n > 0x7FFFFFFF ? 0x7FFFFFFF : n);
	while (rc == Z_OK) {
		if (cbuf_reserve(out, 1u << 16))
			break;
		z.next_out = (unsigned char *)out->ptr + out->len;
		z.avail_out = (uInt)(out->cap - 1 - out->len);
		rc = inflate(&z, Z_NO_FLUSH);
		out->len = (size_t)((char *)z.next_out - out->ptr);
		out->ptr[out->len] = '\0';
	}
	inflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

/*
 * Page dictionaries inside compressed object streams keep their /CropBox
 * from uncrop (and their /Contents from unhook).  Each object of such a
 * stream that holds one is appended again, uncompressed and uncropped (and
 * unhooked when asked), as an incremental update (objects, cross-reference
 * section, trailer pointing back to the last one), which readers take over
 * the older version.  upd receives the bytes to append to d[0..n).
 * Encrypted files are left as they are.
 */
static void uncrop_objstm(const unsigned char *d, size_t n, int unhooked, struct cbuf *upd)
{
	struct cbuf plain, xref;
	long long root[2] = {-1, -1}, size = num_after(d, n, "/Size", 1);
	long long prev = num_after(d, n, "startxref", 1);
	const unsigned char *p, *rp = NULL;
	size_t pos = 0;
	int k;

	if (size < 0 || prev < 0 || !cbuf_find(d, n, "/ObjStm", 7) ||
	    cbuf_find(d, n, "/Encrypt", 8))
		return;
	/* The last "/Root N G R". */
	for (p = d; (p = cbuf_find(p, n - (size_t)(p - d), "/Root", 5)) != NULL; p += 5)
		rp = p;
	for (pos = rp ? (size_t)(rp - d) + 5 : n, k = 0; k < 2; k++) {
		while (pos < n && (d[pos] == ' ' || d[pos] == '\r' || d[pos] == '\n'))
			pos++;
		if (pos >= n || d[pos] < '0' || d[pos] > '9')
			return;
		root[k] = 0;
		while (pos < n && d[pos] >= '0' && d[pos] <= '9' && root[k] < (1LL << 40))
			root[k] = root[k] * 10 + (d[pos++] - '0');
	}
	pos = 0;
	cbuf_init(&plain, PDFW_OBJSTM_MAX);
	cbuf_init(&xref, PDFW_OBJSTM_MAX);
	while ((p = cbuf_find(d + pos, n - pos, "/ObjStm", 7)) != NULL) {
		size_t at = (size_t)(p - d), from = at > 4096 ? at - 4096 : 0, ds, i;
		const unsigned char *o = NULL, *q, *st;
		long long cnt, first;

		pos = at + 7;
		/* The dictionary: from the last "obj" before to the next "stream". */
		for (q = d + from; (q = cbuf_find(q, at - (size_t)(q - d), "obj", 3)) != NULL;
		     q += 3)
			o = q;
		st = cbuf_find(p, n - at, "stream", 6);
		if (!o || !st)
			continue;
		ds = (size_t)(st - d) + 6;
		if (ds < n && d[ds] == '\r')
			ds++;
		if (ds < n && d[ds] == '\n')
			ds++;
		if (!cbuf_find(o, (size_t)(st - o), "/FlateDecode", 12) ||
		    cbuf_find(o, (size_t)(st - o), "/DecodeParms", 12))
			continue;
		cnt = num_after(o, (size_t)(st - o), "/N", 0);
		first = num_after(o, (size_t)(st - o), "/First", 0);
		if (cnt <= 0 || first <= 0 || inflate_into(d + ds, n - ds, &plain) ||
		    (size_t)first > plain.len ||
		    (!cbuf_find(plain.ptr, plain.len, "/CropBox", 8) &&
		     (!unhooked || !cbuf_find(plain.ptr, plain.len, "/Contents", 9))))
			continue;
		/* The header: cnt pairs "number offset", offsets from first. */
		{
			const unsigned char *h = (const unsigned char *)plain.ptr;
			size_t hp = 0, hl = (size_t)first;
			long long num[2], off0 = -1, onum = -1;

			for (i = 0; i <= (size_t)cnt; i++) {
				size_t a, z;

				num[0] = num[1] = -1;
				if (i < (size_t)cnt) {
					for (k = 0; k < 2; k++) {
						while (hp < hl && (h[hp] < '0' || h[hp] > '9'))
							hp++;
						if (hp >= hl)
							break;
						num[k] = 0;
						while (hp < hl && h[hp] >= '0' && h[hp] <= '9' &&
						       num[k] < (1LL << 40))
							num[k] = num[k] * 10 + (h[hp++] - '0');
					}
					if (num[1] < 0)
						break;
				}
				if (onum >= 0) {
					a = (size_t)first + (size_t)off0;
					z = i < (size_t)cnt ? (size_t)first + (size_t)num[1]
					                    : plain.len;
					if (a < z && z <= plain.len &&
					    (cbuf_find(h + a, z - a, "/CropBox", 8) ||
					     (unhooked &&
					      cbuf_find(h + a, z - a, "/Contents", 9)))) {
						size_t at2;

						if (!upd->len)
							cbuf_putc(upd, '\n');
						at2 = n + upd->len;

						cbuf_printf(upd, "%lld 0 obj\n", onum);
						cbuf_append(upd, h + a, z - a);
						cbuf_puts(upd, "\nendobj\n");
						uncrop((unsigned char *)upd->ptr + (at2 - n),
						       upd->len - (at2 - n));
						if (unhooked)
							unhook((unsigned char *)upd->ptr +
							           (at2 - n),
							       upd->len - (at2 - n));
						cbuf_printf(&xref, "%lld 1\n%010zu 00000 n \n",
						            onum, at2);
					}
				}
				onum = num[0];
				off0 = num[1];
			}
		}
	}
	if (xref.len) {
		size_t xo = n + upd->len;

		cbuf_puts(upd, "\nxref\n");
		xo++;
		cbuf_append(upd, xref.ptr, xref.len);
		cbuf_printf(
		    upd,
		    "trailer\n<< /Size %lld /Root %lld %lld R /Prev %lld >>\nstartxref\n%zu\n"
		    "%%%%EOF\n",
		    size, root[0], root[1], prev, xo);
	}
	cbuf_release(&plain);
	cbuf_release(&xref);
}

static size_t u8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/*
 * Words hyphenated at a line end ("struc-\nture") are added joined
 * ("structure") on lines after the page's text, which is left as it is
 * (a keyword may hold the hyphen).
 */
static void add_joined(struct cbuf *page, size_t from)
{
	size_t end = page->len, i;

	for (i = from + 1; i + 2 < end; i++) {
		size_t a, z;
		const unsigned char *t = (const unsigned char *)page->ptr;

		if (t[i] != '-' || t[i + 1] != '\n' || !is_word_byte(t[i - 1]) ||
		    !is_word_byte(t[i + 2]))
			continue;
		a = i;
		while (a > from && t[a - 1] != ' ' && t[a - 1] != '\n')
			a--;
		z = i + 2;
		while (z < end && t[z] != ' ' && t[z] != '\n')
			z++;
		if (cbuf_putc(page, '\n') || cbuf_append(page, page->ptr + a, i - a) ||
		    cbuf_append(page, page->ptr + i + 2, z - i - 2))
			return;
	}
	if (page->len > end)
		cbuf_putc(page, '\n');
}

/*
 * Lines holding Latin ligatures (U+FB00-FB06, "ﬁ" as one character) are
 * added with them spelt out ("fi"), as a reader's search finds them.
 */
static void add_unligated(struct cbuf *page, size_t from)
{
	static const char *const spelt[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
	size_t end = page->len, line = from, i;

	for (i = from; i + 2 < end; i++) {
		const unsigned char *t = (const unsigned char *)page->ptr;
		size_t z, k;

		if (t[i] == '\n')
			line = i + 1;
		if (t[i] != 0xEF || t[i + 1] != 0xAC || t[i + 2] > 0x86 || t[i + 2] < 0x80)
			continue;
		for (z = i; z < end && t[z] != '\n'; z++)
			;
		if (cbuf_putc(page, '\n'))
			return;
		for (k = line; k < z; k++) {
			t = (const unsigned char *)page->ptr;
			if (k + 2 < z && t[k] == 0xEF && t[k + 1] == 0xAC && t[k + 2] >= 0x80 &&
			    t[k + 2] <= 0x86) {
				if (cbuf_puts(page, spelt[t[k + 2] - 0x80]))
					return;
				k += 2;
			} else if (cbuf_putc(page, (char)t[k])) {
				return;
			}
		}
		i = z;
		line = z + 1;
	}
	if (page->len > end)
		cbuf_putc(page, '\n');
}

/* Whether b, after a line break, sits on a's line, at or left of its end. */
static int same_line(const PopplerRectangle *a, const PopplerRectangle *b)
{
	double h = a->y2 - a->y1, e = 0.1 * h;

	return h > 0 && b->y1 - a->y1 < e && a->y1 - b->y1 < e && b->y2 - a->y2 < e &&
	       a->y2 - b->y2 < e && b->x1 <= a->x2 + 2 * e && b->x1 >= a->x1 - h;
}

/*
 * poppler breaks a line where a glyph starts left of where the one before
 * ended (widths that do not match the font's), though both sit on the same
 * baseline: "Gr\naduates" where a reader sees "Graduates".  Such breaks are
 * found from the characters' boxes (r, one per character of the text at
 * out[from..from+n)), and the lines around them are added joined.
 */
static void add_rejoined(struct cbuf *out, size_t from, size_t n, const PopplerRectangle *r,
                         guint nr)
{
	struct cbuf j;
	size_t i, ls = from, ci = 0, end = from + n;
	int chain = 0;

	cbuf_init(&j, (size_t)-1 / 2);
	for (i = from; i <= end; i++) {
		int brk;

		if (i < end && ((unsigned char)out->ptr[i] & 0xC0) == 0x80)
			continue;
		if (i < end && out->ptr[i] != '\n') {
			ci++;
			continue;
		}
		brk = i < end && ci > 0 && ci + 1 < nr && same_line(&r[ci - 1], &r[ci + 1]);
		if (brk || chain)
			cbuf_append(&j, out->ptr + ls, i - ls);
		if (chain && !brk)
			cbuf_putc(&j, '\n');
		chain = brk;
		ls = i + 1;
		ci++;
	}
	if (j.len) {
		cbuf_putc(out, '\n');
		cbuf_append(out, j.ptr, j.len);
	}
	cbuf_release(&j);
}

/*
 * The text of a page.  It is selected from far above and left of the page to
 * far below and right of it: poppler keeps the characters that lie within
 * the page's box in its own space, which is not always the box it gives
 * (a UserUnit, a rotation), and selecting only the box it gives loses them.
 * poppler hands the text over as a C string, so a U+0000 in it cuts the
 * rest off: the characters' boxes (one per character of the whole text)
 * tell that it happened, and the text from the character after the NUL on
 * is asked for, as a selection would.
 */
static void page_text(PopplerPage *page, struct cbuf *out)
{
	PopplerRectangle all = {-PDFW_FAR, -PDFW_FAR, PDFW_FAR, PDFW_FAR}, *rects = NULL;
	guint nrects = 0;
	char *t = pg.poppler_page_get_text_for_area(page, &all);
	size_t got, gaps, at = out->len, tlen;
	double pw = PDFW_FAR, ph = PDFW_FAR;

	if (!t)
		return;
	tlen = strlen(t);
	cbuf_puts(out, t);
	got = u8_chars(t);
	pg.g_free(t);
	if (!pg.poppler_page_get_text_layout_for_area(page, &all, &rects, &nrects))
		return;
	/* One box per character: no NUL cut the text short. */
	if (got == nrects && out->len == at + tlen)
		add_rejoined(out, at, tlen, rects, nrects);
	for (gaps = 0; gaps < PDFW_NUL_GAPS && got + 1 < nrects; gaps++) {
		PopplerRectangle area;
		size_t more;

		/* got is where the NUL stood; select from the next character on. */
		area.x1 = rects[got + 1].x1;
		area.y1 = (rects[got + 1].y1 + rects[got + 1].y2) / 2;
		area.x2 = pw;
		area.y2 = ph;
		t = pg.poppler_page_get_text_for_area(page, &area);
		if (!t)
			break;
		more = u8_chars(t);
		cbuf_putc(out, ' ');
		cbuf_puts(out, t);
		pg.g_free(t);
		if (more == 0)
			break;
		got += 1 + more;
	}
	pg.g_free(rects);
}

static void put_field(struct cbuf *out, gchar *s)
{
	if (!s)
		return;
	if (s[0]) {
		cbuf_puts(out, s);
		cbuf_putc(out, '\n');
	}
	pg.g_free(s);
}

/*
 * Comments, free text and other annotation contents, and form field values.
 * Returns whether the page has annotations that may draw text (form
 * fields, free text, stamps, watermarks, unknown kinds; not links, notes'
 * icons, highlights or shapes).
 */
static int page_extras(PopplerPage *page, struct cbuf *out)
{
	GList *l, *m = pg.poppler_page_get_annot_mapping(page);
	int drawn = 0;

	for (l = m; l; l = l->next) {
		PopplerAnnotMapping *am = l->data;
		PopplerAnnotType t = pg.poppler_annot_get_annot_type(am->annot);

		drawn |= t == POPPLER_ANNOT_WIDGET || t == POPPLER_ANNOT_FREE_TEXT ||
		         t == POPPLER_ANNOT_STAMP || t == POPPLER_ANNOT_WATERMARK ||
		         t == POPPLER_ANNOT_UNKNOWN;
		put_field(out, pg.poppler_annot_get_contents(am->annot));
	}
	pg.poppler_page_free_annot_mapping(m);
	m = pg.poppler_page_get_form_field_mapping(page);
	for (l = m; l; l = l->next) {
		PopplerFormField *f = ((PopplerFormFieldMapping *)l->data)->field;
		gint i, n;

		switch (pg.poppler_form_field_get_field_type(f)) {
		case POPPLER_FORM_FIELD_TEXT:
			put_field(out, pg.poppler_form_field_text_get_text(f));
			break;
		case POPPLER_FORM_FIELD_CHOICE:
			put_field(out, pg.poppler_form_field_choice_get_text(f));
			n = pg.poppler_form_field_choice_get_n_items(f);
			for (i = 0; i < n; i++)
				if (pg.poppler_form_field_choice_is_item_selected(f, i))
					put_field(out, pg.poppler_form_field_choice_get_item(f, i));
			break;
		default:
			break;
		}
	}
	pg.poppler_page_free_form_field_mapping(m);
	return drawn;
}

static int send_text(int fd, const struct cbuf *b)
{
	size_t off = 0;

	while (off < b->len) {
		size_t n = b->len - off > PDFW_TEXT_PIECE ? PDFW_TEXT_PIECE : b->len - off;

		if (wproc_send_rec(fd, PDFW_REC_TEXT, b->ptr + off, n, NULL, 0))
			return -1;
		off += n;
	}
	return 0;
}

/*
 * The appearance pass.  poppler_page_get_text reads a page's content only:
 * what annotations draw (push-button captions, list boxes, signatures,
 * stamps, field appearances) is missing, where a reader and pdftotext show
 * it.  Rendering a page collects the text of both, but draws its images
 * too, which costs seconds on scanned pages.  So the document is opened a
 * second time with every page's content unhooked (unhook), and only the
 * pages with such annotations (drawn[i]) are rendered, into a 1x1 surface,
 * for their text: what the annotations draw.  *data is reallocated to hold
 * the update for page dictionaries in object streams; n is the length of
 * the file as received.
 */
static void appearance_pass(int fd, unsigned char **data, size_t n, const unsigned char *drawn,
                            int npages, struct cbuf *page)
{
	struct cbuf upd;
	unsigned char *more;
	GBytes *bytes;
	PopplerDocument *doc;
	size_t len = n;
	int i;

	unhook(*data, n);
	cbuf_init(&upd, PDFW_OBJSTM_MAX);
	uncrop_objstm(*data, n, 1, &upd);
	if (upd.len && (more = realloc(*data, n + upd.len)) != NULL) {
		*data = more;
		memcpy(*data + n, upd.ptr, upd.len);
		len += upd.len;
	}
	cbuf_release(&upd);
	bytes = pg.g_bytes_new_static(*data, len);
	doc = pg.poppler_document_new_from_bytes(bytes, NULL, NULL);
	for (i = 0; doc && i < npages && i < pg.poppler_document_get_n_pages(doc); i++) {
		PopplerPage *p;
		cairo_surface_t *sf;
		cairo_t *cr;

		if (!drawn[i] || !(p = pg.poppler_document_get_page(doc, i)))
			continue;
		sf = pg.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
		cr = pg.cairo_create(sf);
		/* Rendering first makes the page's text the text of what it drew. */
		pg.poppler_page_render(p, cr);
		pg.cairo_destroy(cr);
		pg.cairo_surface_destroy(sf);
		cbuf_reset(page);
		page_text(p, page);
		add_unligated(page, 0);
		cbuf_putc(page, '\n');
		pg.g_object_unref(p);
		if (send_text(fd, page))
			break;
	}
	if (doc)
		pg.g_object_unref(doc);
	pg.g_bytes_unref(bytes);
}

/*
 * Reads one document and sends its text; returns the outcome, why says
 * more.  (*data)[0..n) is the file as received, followed up to len by the
 * update of uncrop_objstm.
 */
static enum pdftext_err worker_doc(int fd, unsigned char **data, size_t n, size_t len, char *why,
                                   size_t whylen)
{
	GBytes *bytes;
	GError *gerr = NULL;
	PopplerDocument *doc;
	struct cbuf page;
	enum pdftext_err err = PDFTEXT_OK;
	unsigned char *drawn = NULL;
	int i, npages = 0, any = 0;

	uncrop(*data, n);
	pp_font[0] = '\0';
	bytes = pg.g_bytes_new_static(*data, len);
	doc = pg.poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		if (gerr && gerr->domain == pg.poppler_error_quark() &&
		    gerr->code == POPPLER_ERROR_ENCRYPTED)
			err = PDFTEXT_ENCRYPTED;
		else
			err = PDFTEXT_BAD;
		if (gerr)
			snprintf(why, whylen, "%s", gerr->message);
		goto out;
	}
	cbuf_init(&page, (size_t)-1 / 2);
	npages = pg.poppler_document_get_n_pages(doc);
	drawn = calloc(npages > 0 ? (size_t)npages : 1, 1);
	for (i = 0; i < npages; i++) {
		PopplerPage *p = pg.poppler_document_get_page(doc, i);

		if (!p)
			continue;
		cbuf_reset(&page);
		pp_font[0] = '\0';
		page_text(p, &page);
		add_joined(&page, 0);
		add_unligated(&page, 0);
		cbuf_putc(&page, '\n');
		if (page_extras(p, &page) && drawn)
			any = drawn[i] = 1;
		pg.g_object_unref(p);
		if (send_text(fd, &page))
			break;
		if (pp_font[0]) {
			char note[PDFW_NOTE_MAX + 128];
			int k = snprintf(note, sizeof(note),
			                 "第 %d 页字体无法映射为文字 page %d: fonts cannot be "
			                 "mapped to text (%s)",
			                 i + 1, i + 1, pp_font);

			if (k >= (int)sizeof(note))
				k = (int)sizeof(note) - 1;
			if (wproc_send_rec(fd, PDFW_REC_NOTE, note, k > 0 ? (size_t)k : 0, NULL, 0))
				break;
		}
	}
	/* The first reading is done with: the bytes can change under a second one. */
	pg.g_object_unref(doc);
	doc = NULL;
	if (any && i == npages)
		appearance_pass(fd, data, n, drawn, npages, &page);
	cbuf_release(&page);
out:
	free(drawn);
	if (gerr)
		pg.g_error_free(gerr);
	if (doc)
		pg.g_object_unref(doc);
	pg.g_bytes_unref(bytes);
	return err;
}

/* The worker: one request after another until the socket closes. */
static void worker_main(int fd)
{
	uint64_t base;

	pdftext_available();
	base = wproc_vm_size();
	for (;;) {
		struct pdfw_req rq;
		unsigned char *data = NULL;
		char why[256] = "";
		enum pdftext_err err;

		if (wproc_recv_all(fd, &rq, sizeof(rq)) ||
		    wproc_recv_data(fd, base, rq.memory, rq.seconds, rq.len, &data))
			return;
		if (!data) {
			err = PDFTEXT_MEMORY;
		} else if (!pp_loaded) {
			snprintf(why, sizeof(why), "%s", pg_why());
			err = PDFTEXT_UNAVAILABLE;
		} else {
			struct cbuf upd;
			size_t len = (size_t)rq.len;
			unsigned char *more;

			cbuf_init(&upd, PDFW_OBJSTM_MAX);
			uncrop_objstm(data, len, 0, &upd);
			if (upd.len && (more = realloc(data, len + upd.len)) != NULL) {
				data = more;
				memcpy(data + len, upd.ptr, upd.len);
				len += upd.len;
			}
			cbuf_release(&upd);
			err = worker_doc(fd, &data, (size_t)rq.len, len, why, sizeof(why));
		}
		free(data);
		if (wproc_done(fd, PDFW_REC_DONE, err, base, PDFW_RETIRE, why))
			return;
	}
}

/* A process started as a worker does nothing else: before main, it serves and exits. */
__attribute__((constructor)) static void worker_start(void)
{
	wproc_serve(PDFW_ENV, worker_main);
}

/* ---- The scanning process's side ---- */

static const char *const pdfw_oom[] = {"Out of memory",
                                       "out of memory",
                                       "bad_alloc",
                                       "failed to allocate",
                                       "exceeds maximum supported size",
                                       "Cannot allocate memory",
                                       NULL};
static const struct wproc_kind pdfw_kind = {PDFW_ENV, NULL, "baomi-check-pdf-worker",
                                            "baomi-check-pdf-stderr", pdfw_oom};
static struct wproc_pool pool = WPROC_POOL_INIT(&pdfw_kind);

void pdftext_shutdown(void)
{
	wproc_pool_release(&pool);
}

/* Where the replies go. */
struct pdfw_read {
	struct cbuf *out;
	struct cbuf *notes;
};

/* Reads the worker's records until its DONE one; *alive says whether it can be reused. */
static int read_replies(struct wproc *w, const struct timespec *dl, void *ctx, char *why,
                        size_t whylen, int *alive)
{
	struct cbuf *out = ((struct pdfw_read *)ctx)->out,
	            *notes = ((struct pdfw_read *)ctx)->notes;

	*alive = 0;
	for (;;) {
		unsigned char h[5];
		uint32_t n;
		enum wproc_err r = wproc_xfer(w->sock, h, 5, 0, dl);

		if (r)
			return r == WPROC_TIMEOUT ? PDFTEXT_TIMEOUT : PDFTEXT_CRASH;
		memcpy(&n, h + 1, 4);
		if (h[0] == PDFW_REC_TEXT) {
			if (cbuf_reserve(out, n))
				return PDFTEXT_TOO_BIG;
			r = wproc_xfer(w->sock, out->ptr + out->len, n, 0, dl);
			if (r)
				return r == WPROC_TIMEOUT ? PDFTEXT_TIMEOUT : PDFTEXT_CRASH;
			out->len += n;
			out->ptr[out->len] = '\0';
		} else if (h[0] == PDFW_REC_NOTE || h[0] == PDFW_REC_DONE) {
			char msg[PDFW_NOTE_MAX + 256];

			if (n >= sizeof(msg))
				return PDFTEXT_CRASH;
			r = wproc_xfer(w->sock, msg, n, 0, dl);
			if (r)
				return r == WPROC_TIMEOUT ? PDFTEXT_TIMEOUT : PDFTEXT_CRASH;
			msg[n] = '\0';
			if (h[0] == PDFW_REC_NOTE) {
				if (notes->len)
					cbuf_puts(notes, "; ");
				cbuf_puts(notes, msg);
				continue;
			}
			if (n < 2)
				return PDFTEXT_CRASH;
			snprintf(why, whylen, "%s", msg + 2);
			*alive = !msg[1];
			return msg[0] <= PDFTEXT_WORKER ? (enum pdftext_err)msg[0] : PDFTEXT_CRASH;
		} else {
			return PDFTEXT_CRASH;
		}
	}
}

enum pdftext_err pdftext_extract(const unsigned char *data, size_t len,
                                 const struct pdftext_budget *budget, struct cbuf *out,
                                 struct cbuf *notes, char *why, size_t whylen)
{
	static const int causes[] = {PDFTEXT_OK, PDFTEXT_CRASH, PDFTEXT_MEMORY, PDFTEXT_TIMEOUT,
	                             PDFTEXT_WORKER};
	struct pdfw_read rd = {out, notes};
	struct timespec dl;
	struct pdfw_req rq;
	double secs = wproc_deadline(&dl, budget->seconds);

	rq.len = len;
	rq.memory = budget->memory;
	rq.seconds = (uint64_t)secs + 1;
	return (enum pdftext_err)wproc_request(&pool, &rq, sizeof(rq), data, len, &dl, read_replies,
	                                       &rd, causes, why, whylen);
}
#else
int pdftext_available(void)
{
	return 0;
}

enum pdftext_err pdftext_extract(const unsigned char *data, size_t len,
                                 const struct pdftext_budget *budget, struct cbuf *out,
                                 struct cbuf *notes, char *why, size_t whylen)
{
	(void)data;
	(void)len;
	(void)budget;
	(void)out;
	(void)notes;
	if (whylen)
		why[0] = '\0';
	return PDFTEXT_UNAVAILABLE;
}

void pdftext_shutdown(void)
{
}
#endif
