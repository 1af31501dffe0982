#include "ofd.h"

#include <stdlib.h>
#include <string.h>

#include "xmltext.h"

#define OFD_NAME_MAX 64         /* bytes of an element name looked at */
#define OFD_NUM_MAX 64          /* bytes of a number attribute read */
#define OFD_ID_MAX 4294967296.0 /* object ids (ST_ID) are below */

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t l = strlen(suf);

	return n >= l && memcmp(s + n - l, suf, l) == 0;
}

static int contains(const char *s, size_t n, const char *part)
{
	return cbuf_find(s, n, part, strlen(part)) != NULL;
}

int ofd_is_root(const char *name, size_t n)
{
	return n == 7 && memcmp(name, "OFD.xml", 7) == 0;
}

enum ofd_entry ofd_entry_kind(const char *name, size_t n)
{
	int xml = ends_with(name, n, ".xml");

	if (ofd_is_root(name, n))
		return OFD_META;
	if (ends_with(name, n, "Encryptions.xml"))
		return OFD_ENCRYPTION;
	if (contains(name, n, "Attachs/"))
		return ends_with(name, n, "Attachments.xml") ? OFD_META : OFD_ATTACH;
	if (!xml)
		return OFD_SKIP;
	if (n == 11 ? memcmp(name, "Content.xml", 11) == 0 : ends_with(name, n, "/Content.xml"))
		return OFD_PAGE;
	if (contains(name, n, "Annots/") || ends_with(name, n, "Annotations.xml"))
		return OFD_ANNOT;
	if (contains(name, n, "Tags/") || ends_with(name, n, "CustomTags.xml"))
		return OFD_META;
	return OFD_SKIP;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The value of attribute name among a tag's attributes a[0..n), as a span; 0 when absent. */
static int attr(const char *a, size_t n, const char *name, const char **v, size_t *vl)
{
	size_t l = strlen(name), i = 0;

	while (i < n) {
		const char *q;
		size_t s;

		while (i < n && is_space(a[i]))
			i++;
		s = i;
		while (i < n && a[i] != '=' && !is_space(a[i]))
			i++;
		while (i < n && a[i] != '"' && a[i] != '\'')
			i++;
		if (i >= n)
			return 0;
		q = memchr(a + i + 1, a[i], n - i - 1);
		if (!q)
			return 0;
		if (i > s && (size_t)(q - a) > i) {
			size_t nl = 0;

			while (s + nl < n && a[s + nl] != '=' && !is_space(a[s + nl]))
				nl++;
			if (nl == l && memcmp(a + s, name, l) == 0) {
				*v = a + i + 1;
				*vl = (size_t)(q - *v);
				return 1;
			}
		}
		i = (size_t)(q - a) + 1;
	}
	return 0;
}

/* Reads a decimal number at s[*i..n) (sign, digits, a point); 0 when none is there. */
static int number(const char *s, size_t n, size_t *i, double *out)
{
	double v = 0, scale = 1;
	int neg = 0, digits = 0, point = 0;
	size_t k = *i;

	while (k < n && is_space(s[k]))
		k++;
	if (k < n && (s[k] == '-' || s[k] == '+'))
		neg = s[k++] == '-';
	for (; k < n && k - *i < OFD_NUM_MAX; k++) {
		if (s[k] >= '0' && s[k] <= '9') {
			digits = 1;
			if (point)
				scale /= 10;
			v = v * 10 + (s[k] - '0');
		} else if (s[k] == '.' && !point) {
			point = 1;
		} else {
			break;
		}
	}
	*i = k;
	if (!digits)
		return 0;
	*out = (neg ? -v : v) * scale;
	return 1;
}

/* The n-th number (from 0) of a space-separated attribute value; 0 when it has none. */
static int attr_num(const char *a, size_t al, const char *name, unsigned nth, double *out)
{
	const char *v;
	size_t vl, i = 0;
	unsigned k;

	if (!attr(a, al, name, &v, &vl))
		return 0;
	for (k = 0; k <= nth; k++)
		if (!number(v, vl, &i, out))
			return 0;
	return 1;
}

/* The end of the tag that starts at x[i] ('<'): the index after its '>', quotes respected. */
static size_t tag_end(const char *x, size_t n, size_t i)
{
	char q = 0;

	for (i++; i < n; i++) {
		if (q) {
			if (x[i] == q)
				q = 0;
		} else if (x[i] == '"' || x[i] == '\'') {
			q = x[i];
		} else if (x[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

/* The local name (after any prefix) of the tag at x[s..), its length in *nl. */
static const char *local_name(const char *x, size_t n, size_t s, size_t *nl, size_t *after)
{
	size_t e = s, start = s;

	while (e < n && e - s < OFD_NAME_MAX && !is_space(x[e]) && x[e] != '>' && x[e] != '/') {
		if (x[e] == ':')
			start = e + 1;
		e++;
	}
	*nl = e - start;
	*after = e;
	return x + start;
}

static int is_name(const char *t, size_t tl, const char *name)
{
	return tl == strlen(name) && memcmp(t, name, tl) == 0;
}

/* Where the element whose content starts at x[i] ends: its closing tag </...TextCode>. */
static size_t close_of(const char *x, size_t n, size_t i, const char *name, size_t *content_end)
{
	for (;;) {
		const char *lt = cbuf_find(x + i, n - i, "</", 2);
		size_t at, tl, after;
		const char *t;

		if (!lt) {
			*content_end = n;
			return n;
		}
		at = (size_t)(lt - x);
		t = local_name(x, n, at + 2, &tl, &after);
		if (is_name(t, tl, name)) {
			*content_end = at;
			return tag_end(x, n, at);
		}
		i = at + 2;
	}
}

static int has_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_space(s[i]))
			return 1;
	return 0;
}

enum cbuf_err ofd_page_text(const char *x, size_t n, struct cbuf *out, unsigned *unreadable)
{
	double top = 0, size = 0, y = 0, last = 0;
	int have_last = 0, in_obj = 0, obj_text = 0, obj_glyphs = 0;
	size_t i = 0;
	enum cbuf_err err = CBUF_OK;

	while (i < n && !err) {
		const char *lt = memchr(x + i, '<', n - i), *t;
		size_t at, e, tl, after;
		int close;

		if (!lt)
			break;
		at = (size_t)(lt - x);
		if (n - at >= 4 && memcmp(x + at, "<!--", 4) == 0) {
			const char *c = cbuf_find(x + at + 4, n - at - 4, "-->", 3);

			i = c ? (size_t)(c - x) + 3 : n;
			continue;
		}
		close = at + 1 < n && x[at + 1] == '/';
		t = local_name(x, n, at + 1 + (size_t)close, &tl, &after);
		e = tag_end(x, n, at);
		i = e;
		if (is_name(t, tl, "TextObject")) {
			if (!close) {
				/* Boundary="x y w h": codes are placed from its top. */
				if (!attr_num(x + after, e - after, "Boundary", 1, &top))
					top = 0;
				if (!attr_num(x + after, e - after, "Size", 0, &size))
					size = 0;
				y = 0;
				in_obj = 1;
				obj_text = obj_glyphs = 0;
			} else if (in_obj) {
				if (obj_glyphs && !obj_text)
					(*unreadable)++;
				in_obj = 0;
			}
		} else if (!close && is_name(t, tl, "CGTransform")) {
			obj_glyphs = 1;
		} else if (!close && is_name(t, tl, "TextCode") && !(e >= 2 && x[e - 2] == '/')) {
			size_t cend, stop = close_of(x, n, e, "TextCode", &cend);
			double tol = size > 0 ? size / 2 : 1.0, at_y;

			attr_num(x + after, e - after, "Y", 0, &y);
			at_y = top + y;
			if (has_text(x + e, cend - e)) {
				obj_text = 1;
				/* Another line of the page: not joined to the last one. */
				if (have_last && (at_y - last > tol || last - at_y > tol) &&
				    out->len && out->ptr[out->len - 1] != '\n')
					err = cbuf_putc(out, '\n');
				last = at_y;
				have_last = 1;
				if (!err)
					err = xmltext_extract(x + e, cend - e, out);
			}
			i = stop;
		}
	}
	if (!err && out->len && out->ptr[out->len - 1] != '\n')
		err = cbuf_putc(out, '\n');
	return err;
}

void ofd_pages_init(struct ofd_pages *p)
{
	memset(p, 0, sizeof(*p));
}

void ofd_pages_release(struct ofd_pages *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].name);
	free(p->v);
	free(p->ids);
	ofd_pages_init(p);
}

/*
 * The entry name of loc[0..ll) seen from the entry dir[0..dl) (up to its
 * last '/'), into out: '.' and empty steps dropped, '..' going up.  0 when
 * it does not fit, names nothing or holds a NUL.
 */
static int resolve(const char *dir, size_t dl, const char *loc, size_t ll, char out[OFD_PATH_MAX])
{
	size_t o = 0, i = 0;
	int pass;

	if (memchr(loc, '\0', ll)) /* no entry name holds one */
		return 0;
	while (ll > 0 && is_space(loc[ll - 1]))
		ll--;
	while (i < ll && is_space(loc[i]))
		i++;
	if (i < ll && loc[i] == '/')
		dl = 0;
	while (dl > 0 && dir[dl - 1] != '/')
		dl--;
	/* The folder's steps, then the location's. */
	for (pass = 0; pass < 2; pass++) {
		const char *s = pass ? loc + i : dir;
		size_t n = pass ? ll - i : dl, k = 0;

		while (k < n) {
			size_t e = k;

			while (e < n && s[e] != '/')
				e++;
			if (e - k == 2 && s[k] == '.' && s[k + 1] == '.') {
				while (o > 0 && out[o - 1] != '/')
					o--;
				if (o > 0)
					o--;
			} else if (e > k && !(e - k == 1 && s[k] == '.')) {
				if (o + (o > 0) + (e - k) >= OFD_PATH_MAX)
					return 0;
				if (o > 0)
					out[o++] = '/';
				memcpy(out + o, s + k, e - k);
				o += e - k;
			}
			k = e + 1;
		}
	}
	out[o] = '\0';
	return o > 0;
}

int ofd_doc_root(const char *x, size_t n, size_t *pos, char name[OFD_PATH_MAX])
{
	size_t i = *pos;

	while (i < n) {
		const char *lt = memchr(x + i, '<', n - i), *t, *end;
		size_t at, e, tl, after;

		if (!lt)
			break;
		at = (size_t)(lt - x);
		t = local_name(x, n, at + 1, &tl, &after);
		e = tag_end(x, n, at);
		i = e;
		if (!is_name(t, tl, "DocRoot") || x[e - 1] != '>' || x[e - 2] == '/')
			continue;
		end = memchr(x + e, '<', n - e);
		i = end ? (size_t)(end - x) : n;
		if (resolve("", 0, x + e, i - e, name)) {
			*pos = i;
			return 1;
		}
	}
	*pos = n;
	return 0;
}

static int cmp_page(const void *a, const void *b)
{
	const struct ofd_page *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->number > y->number) - (x->number < y->number);
}

static int cmp_id(const void *a, const void *b)
{
	const struct ofd_page_id *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->number > y->number) - (x->number < y->number);
}

/* Grows an array of *cap elements of size sz to hold n + 1. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return 0;
	if (n >= OFD_PAGES_MAX)
		return -1;
	ncap = *cap ? *cap * 2 : 16;
	nv = realloc(*v, ncap * sz);
	if (!nv)
		return -1;
	*v = nv;
	*cap = ncap;
	return 0;
}

/* Adds entry name with its page number (the list is sorted later). */
static enum cbuf_err add_page(struct ofd_pages *p, const char *name, unsigned number)
{
	if (p->n == OFD_PAGES_MAX)
		return CBUF_TOO_BIG;
	if (grow((void **)&p->v, &p->cap, p->n, sizeof(*p->v)))
		return CBUF_NOMEM;
	p->v[p->n].name = strdup(name);
	if (!p->v[p->n].name)
		return CBUF_NOMEM;
	p->v[p->n++].number = number;
	return CBUF_OK;
}

/* An element's text content from x[e] up to the next tag, resolved from entry from. */
static int content_loc(const char *x, size_t n, size_t e, const char *from, char out[OFD_PATH_MAX])
{
	const char *end = memchr(x + e, '<', n - e);

	return resolve(from, strlen(from), x + e, (end ? (size_t)(end - x) : n) - e, out);
}

/* Walks the tags of x: *i moves past the next one; 0 at the end. */
static int next_tag(const char *x, size_t n, size_t *i, const char **t, size_t *tl, size_t *after,
                    size_t *e, int *close)
{
	while (*i < n) {
		const char *lt = memchr(x + *i, '<', n - *i);
		size_t at;

		if (!lt)
			break;
		at = (size_t)(lt - x);
		if (n - at >= 4 && memcmp(x + at, "<!--", 4) == 0) {
			const char *c = cbuf_find(x + at + 4, n - at - 4, "-->", 3);

			*i = c ? (size_t)(c - x) + 3 : n;
			continue;
		}
		*close = at + 1 < n && x[at + 1] == '/';
		*t = local_name(x, n, at + 1 + (size_t)*close, tl, after);
		*e = tag_end(x, n, at);
		*i = *e;
		return 1;
	}
	*i = n;
	return 0;
}

enum cbuf_err ofd_pages_doc(struct ofd_pages *p, const char *x, size_t n, const char *doc,
                            char annots[OFD_PATH_MAX])
{
	size_t i = 0, first = p->n, tl, after, e;
	unsigned number = 0;
	int in_pages = 0, close;
	const char *t;
	enum cbuf_err err = CBUF_OK;

	annots[0] = '\0';
	p->nids = 0;
	while (!err && next_tag(x, n, &i, &t, &tl, &after, &e, &close)) {
		const char *v;
		size_t vl;
		char name[OFD_PATH_MAX];
		int empty = e >= 2 && x[e - 2] == '/';
		double id;

		if (is_name(t, tl, "Pages")) {
			in_pages = !close && !empty;
			continue;
		}
		if (!close && !empty && !annots[0] && is_name(t, tl, "Annotations")) {
			content_loc(x, n, e, doc, annots);
			continue;
		}
		if (!in_pages || close || !is_name(t, tl, "Page"))
			continue;
		/* Every listed page takes a number, also one whose location is unusable. */
		number++;
		if (attr_num(x + after, e - after, "ID", 0, &id) && id >= 0 && id < OFD_ID_MAX &&
		    !grow((void **)&p->ids, &p->capids, p->nids, sizeof(*p->ids))) {
			p->ids[p->nids].id = (unsigned long)id;
			p->ids[p->nids++].number = number;
		}
		if (attr(x + after, e - after, "BaseLoc", &v, &vl) &&
		    resolve(doc, strlen(doc), v, vl, name))
			err = add_page(p, name, number);
	}
	if (p->n > first)
		qsort(p->v, p->n, sizeof(*p->v), cmp_page);
	if (p->nids)
		qsort(p->ids, p->nids, sizeof(*p->ids), cmp_id);
	return err;
}

/* The number of the page with ID id in the last document, 0 when none has it. */
static unsigned page_by_id(const struct ofd_pages *p, unsigned long id)
{
	size_t lo = 0, hi = p->nids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nids && p->ids[lo].id == id ? p->ids[lo].number : 0;
}

enum cbuf_err ofd_pages_annots(struct ofd_pages *p, const char *x, size_t n, const char *annots)
{
	size_t i = 0, first = p->n, tl, after, e;
	unsigned number = 0;
	int close;
	const char *t;
	enum cbuf_err err = CBUF_OK;

	while (!err && next_tag(x, n, &i, &t, &tl, &after, &e, &close)) {
		char name[OFD_PATH_MAX];
		double id;

		if (close || (e >= 2 && x[e - 2] == '/'))
			continue;
		if (is_name(t, tl, "Page"))
			number = attr_num(x + after, e - after, "PageID", 0, &id) && id >= 0 &&
			                 id < OFD_ID_MAX
			             ? page_by_id(p, (unsigned long)id)
			             : 0;
		else if (number && is_name(t, tl, "FileLoc") && content_loc(x, n, e, annots, name))
			err = add_page(p, name, number);
	}
	if (p->n > first)
		qsort(p->v, p->n, sizeof(*p->v), cmp_page);
	return err;
}

unsigned ofd_page_number(const struct ofd_pages *p, const char *name, size_t n)
{
	size_t lo = 0, hi = p->n;

	/* The first entry of that name: the lowest number when a page is listed twice. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = p->v[mid].name;
		size_t ml = strlen(m);
		int c = memcmp(m, name, ml < n ? ml : n);

		if (c < 0 || (c == 0 && ml < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->n && strlen(p->v[lo].name) == n && memcmp(p->v[lo].name, name, n) == 0)
		return p->v[lo].number;
	return 0;
}
