#include "ocr.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cbuf.h"
#include "wproc.h"

#ifdef BAOMI_CHECK_HAVE_TESSERACT
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "dynlib.h"
#include "pg.h"
#endif

#define OCRW_ENV "BAOMI_CHECK_OCR_WORKER"
#define OCRW_REC_TEXT 'T'         /* a page: its number (4 bytes), then its text */
#define OCRW_REC_DONE 'D'         /* the end: err, retire, then why */
#define OCRW_PAGE_MAX (16u << 20) /* text of one page kept */
#define OCRW_RETIRE (128u << 20)  /* a worker that grew by this much is not reused */
#define OCR_PX_BYTES 7            /* bytes per pixel reading takes: decoded, grey, working copies */
#define OCR_SIDE_MAX 32767        /* longest side rendered or read (cairo's limit) */

#define OCR_INSTALL "apt install tesseract-ocr-chi-sim tesseract-ocr-eng libtesseract5"

/* A request: what, the budget, then len bytes. */
struct ocrw_req {
	uint32_t kind; /* enum ocr_kind, or 0 to check that OCR can run */
	uint32_t dpi;
	uint64_t len;
	uint64_t memory;
	uint64_t seconds;
	char langs[OCR_LANGS_MAX + 1]; /* the models, NUL-terminated */
};

const char *ocr_strerror(enum ocr_err err)
{
	switch (err) {
	case OCR_OK:
		return "成功 ok";
	case OCR_UNAVAILABLE:
		return "无 OCR 支持 OCR not available";
	case OCR_BAD:
		return "OCR 无法解码图像 OCR cannot decode the image";
	case OCR_TIMEOUT:
		return "OCR 超时 OCR over the time budget";
	case OCR_MEMORY:
		return "OCR 超过内存预算 OCR over the memory budget";
	case OCR_CRASH:
		return "OCR 进程异常退出 the OCR worker process died";
	case OCR_WORKER:
		return "无法启动 OCR 进程 cannot start the OCR worker process";
	}
	return "?";
}

const char *ocr_sniff(const unsigned char *b, size_t n)
{
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "png";
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return "jpeg";
	if (n >= 4 && (memcmp(b, "II*\0", 4) == 0 || memcmp(b, "MM\0*", 4) == 0))
		return "tiff";
	/* "BM" begins words too: the info header's size must be one that exists. */
	if (n >= 18 && b[0] == 'B' && b[1] == 'M') {
		uint32_t hs = (uint32_t)b[14] | (uint32_t)b[15] << 8 | (uint32_t)b[16] << 16 |
		              (uint32_t)b[17] << 24;

		if (hs == 12 || hs == 40 || hs == 52 || hs == 56 || hs == 64 || hs == 108 ||
		    hs == 124)
			return "bmp";
	}
	return NULL;
}

int ocr_langs_valid(const char *langs)
{
	size_t i, n = strlen(langs);

	if (n == 0 || n > OCR_LANGS_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = langs[i];
		int start = i == 0 || langs[i - 1] == '+';

		if (c == '+' ? start || i + 1 == n : c == '/' && start)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '/' || c == '+'))
			return 0;
	}
	return 1;
}

/* The length of the UTF-8 CJK character (U+2E80..U+9FFF, U+F900..U+FFEF) at s, or 0. */
static size_t cjk_at(const unsigned char *s, size_t n)
{
	if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	if ((s[0] == 0xE2 && s[1] >= 0xBA) || (s[0] >= 0xE3 && s[0] <= 0xE9) || s[0] == 0xEF)
		return 3;
	return 0;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t ocr_join_cjk(char *str, size_t n)
{
	unsigned char *s = (unsigned char *)str;
	size_t i = 0, o = 0;
	int after_cjk = 0;

	while (i < n) {
		size_t k = cjk_at(s + i, n - i), j;

		if (k) {
			memmove(s + o, s + i, k);
			o += k;
			i += k;
			after_cjk = 1;
			continue;
		}
		if (after_cjk && is_space(s[i])) {
			for (j = i; j < n && is_space(s[j]); j++)
				;
			/* Whitespace between two CJK characters goes. */
			if (j < n && cjk_at(s + j, n - j)) {
				i = j;
				continue;
			}
		}
		after_cjk = 0;
		s[o++] = s[i++];
	}
	return o;
}

#ifdef BAOMI_CHECK_HAVE_TESSERACT
/*
 * libtesseract is loaded in the worker only: it brings leptonica and its
 * image libraries, libarchive, curl and OpenMP.  Leptonica's functions are
 * found through the same handle, as it is a dependency of libtesseract.
 */
static struct {
	TessBaseAPI *(*TessBaseAPICreate)(void);
	int (*TessBaseAPIInit3)(TessBaseAPI *, const char *, const char *);
	BOOL (*TessBaseAPISetVariable)(TessBaseAPI *, const char *, const char *);
	void (*TessBaseAPISetImage)(TessBaseAPI *, const unsigned char *, int, int, int, int);
	void (*TessBaseAPISetImage2)(TessBaseAPI *, struct Pix *);
	void (*TessBaseAPISetSourceResolution)(TessBaseAPI *, int);
	char *(*TessBaseAPIGetUTF8Text)(TessBaseAPI *);
	void (*TessBaseAPIClear)(TessBaseAPI *);
	void (*TessDeleteText)(const char *);
	l_ok (*pixReadHeaderMem)(const l_uint8 *, size_t, l_int32 *, l_int32 *, l_int32 *,
	                         l_int32 *, l_int32 *, l_int32 *);
	PIX *(*pixReadMem)(const l_uint8 *, size_t);
	PIX *(*pixReadMemFromMultipageTiff)(const l_uint8 *, size_t, size_t *);
	void (*pixDestroy)(PIX **);
	l_int32 (*pixGetXRes)(const PIX *);
	l_int32 (*setMsgSeverity)(l_int32);
} tp;

static TessBaseAPI *api;
static char load_why[512]; /* why OCR cannot run */

/* Loads libtesseract; 0, or -1 with load_why set. */
static int tess_load(void)
{
	const struct dynlib_sym syms[] = {
	    DYNLIB_SYM(tp, TessBaseAPICreate),
	    DYNLIB_SYM(tp, TessBaseAPIInit3),
	    DYNLIB_SYM(tp, TessBaseAPISetVariable),
	    DYNLIB_SYM(tp, TessBaseAPISetImage),
	    DYNLIB_SYM(tp, TessBaseAPISetImage2),
	    DYNLIB_SYM(tp, TessBaseAPISetSourceResolution),
	    DYNLIB_SYM(tp, TessBaseAPIGetUTF8Text),
	    DYNLIB_SYM(tp, TessBaseAPIClear),
	    DYNLIB_SYM(tp, TessDeleteText),
	    DYNLIB_SYM(tp, pixReadHeaderMem),
	    DYNLIB_SYM(tp, pixReadMem),
	    DYNLIB_SYM(tp, pixReadMemFromMultipageTiff),
	    DYNLIB_SYM(tp, pixDestroy),
	    DYNLIB_SYM(tp, pixGetXRes),
	    DYNLIB_SYM(tp, setMsgSeverity),
	};
	char e[256];
	void *h =
	    dynlib_open(BAOMI_CHECK_TESSERACT_SONAME, BAOMI_CHECK_TESSERACT_PATH, e, sizeof(e));

	if (!h) {
		snprintf(load_why, sizeof(load_why),
		         "OCR 需要 libtesseract5 OCR needs libtesseract5 (%s): %s", e, OCR_INSTALL);
		return -1;
	}
	if (dynlib_syms(h, BAOMI_CHECK_TESSERACT_SONAME, syms, sizeof(syms) / sizeof(syms[0]),
	                load_why, sizeof(load_why)))
		return -1;
	tp.setMsgSeverity(L_SEVERITY_NONE);
	api = tp.TessBaseAPICreate();
	if (!api) {
		snprintf(load_why, sizeof(load_why), "TessBaseAPICreate");
		return -1;
	}
	/* Never closed: the library stays for the life of the worker. */
	return 0;
}

static char langs_read[OCR_LANGS_MAX + 1]; /* the models api holds; "" none */

/* Says which model of langs is missing, with its Debian package (tesseract-ocr-chi-sim). */
static void lang_missing(const char *langs, const char *lang, size_t n, char *why, size_t whylen)
{
	char pkg[OCR_LANGS_MAX + 1];
	size_t i, k = 0;

	for (i = 0; i < n && k < OCR_LANGS_MAX; i++) {
		char c = lang[i];

		pkg[k++] = c == '_' || c == '/'   ? '-'
		           : c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
		                                  : c;
	}
	pkg[k] = '\0';
	snprintf(why, whylen,
	         "--ocr-lang %s: 找不到语言 %.*s 的模型 %.*s.traineddata no model for the "
	         "language %.*s (apt install tesseract-ocr-%s, or TESSDATA_PREFIX)",
	         langs, (int)n, lang, (int)n, lang, (int)n, lang, pkg);
}

/*
 * Reads the models of langs into api unless it holds them; with check,
 * each language on its own first, since Tesseract reads a list without the
 * models it cannot find.  The models are looked for where Debian puts them,
 * or in TESSDATA_PREFIX.  0, or -1 with why set.
 */
static int tess_langs(const char *langs, int check, char *why, size_t whylen)
{
	const char *p = langs;

	while (check && *p) {
		char one[OCR_LANGS_MAX + 1];
		size_t n = strcspn(p, "+");

		memcpy(one, p, n);
		one[n] = '\0';
		langs_read[0] = '\0';
		if (tp.TessBaseAPIInit3(api, NULL, one) != 0) {
			lang_missing(langs, p, n, why, whylen);
			return -1;
		}
		memcpy(langs_read, one, n + 1);
		p += n + (p[n] == '+');
	}
	if (strcmp(langs_read, langs) == 0)
		return 0;
	langs_read[0] = '\0';
	if (tp.TessBaseAPIInit3(api, NULL, langs) != 0) {
		lang_missing(langs, langs, strlen(langs), why, whylen);
		return -1;
	}
	snprintf(langs_read, sizeof(langs_read), "%s", langs);
	return 0;
}

/* ---- The worker process ---- */

/* Reads the image set in api and sends its text as page; 0, or -1 when the caller is gone. */
static int send_page(int fd, unsigned page)
{
	char *t = tp.TessBaseAPIGetUTF8Text(api);
	uint32_t no = page;
	size_t n;
	int rc = 0;

	if (t) {
		n = ocr_join_cjk(t, strlen(t));
		if (n > OCRW_PAGE_MAX)
			n = OCRW_PAGE_MAX;
		rc = wproc_send_rec(fd, OCRW_REC_TEXT, &no, 4, t, n);
		tp.TessDeleteText(t);
	}
	tp.TessBaseAPIClear(api);
	return rc;
}

/* Whether w x h pixels fit in memory bytes and in the longest side. */
static int fits(double w, double h, uint64_t memory)
{
	return w >= 1 && h >= 1 && w <= OCR_SIDE_MAX && h <= OCR_SIDE_MAX &&
	       w * h * OCR_PX_BYTES <= (double)memory;
}

static enum ocr_err ocr_pix(int fd, PIX *pix, unsigned page)
{
	tp.TessBaseAPISetImage2(api, pix);
	/* Without a resolution in the file Tesseract guesses from the text's size. */
	if (tp.pixGetXRes(pix) <= 0)
		tp.TessBaseAPISetSourceResolution(api, 300);
	return send_page(fd, page) ? OCR_CRASH : OCR_OK;
}

static enum ocr_err ocr_image(int fd, const unsigned char *d, size_t len, uint64_t memory,
                              char *why, size_t whylen)
{
	l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
	enum ocr_err err = OCR_OK;
	PIX *pix;

	if (tp.pixReadHeaderMem(d, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
		snprintf(why, whylen, "无法读取图像头 cannot read the image header");
		return OCR_BAD;
	}
	/* Decoding reserves the whole picture at once: refused before, not after. */
	if (!fits(w, h, memory)) {
		snprintf(why, whylen, "%d×%d", (int)w, (int)h);
		return OCR_MEMORY;
	}
	if (ocr_sniff(d, len) && strcmp(ocr_sniff(d, len), "tiff") == 0) {
		size_t off = 0;
		unsigned page = 0;

		/* Every page of a multi-page TIFF; offset 0 after the last. */
		do {
			pix = tp.pixReadMemFromMultipageTiff(d, len, &off);
			if (!pix)
				break;
			err = ocr_pix(fd, pix, ++page);
			tp.pixDestroy(&pix);
		} while (!err && off != 0);
		if (!err && page == 0) {
			snprintf(why, whylen, "TIFF");
			err = OCR_BAD;
		}
		return err;
	}
	pix = tp.pixReadMem(d, len);
	if (!pix) {
		snprintf(why, whylen, "leptonica");
		return OCR_BAD;
	}
	err = ocr_pix(fd, pix, 1);
	tp.pixDestroy(&pix);
	return err;
}

#ifdef BAOMI_CHECK_HAVE_POPPLER
/* Whether a page has no text of its own but shows images: a scan. */
static int image_only(PopplerPage *p)
{
	char *t = pg.poppler_page_get_text(p);
	GList *m;
	int empty = 1;

	for (size_t i = 0; t && t[i]; i++)
		if (!is_space((unsigned char)t[i])) {
			empty = 0;
			break;
		}
	pg.g_free(t);
	if (!empty)
		return 0;
	m = pg.poppler_page_get_image_mapping(p);
	pg.poppler_page_free_image_mapping(m);
	return m != NULL;
}

/* Renders page p at dpi into 8-bit grey and reads it. */
static enum ocr_err ocr_page(int fd, PopplerPage *p, unsigned page, unsigned dpi, uint64_t memory)
{
	double wpt = 0, hpt = 0, s = dpi / 72.0;
	cairo_surface_t *sf;
	cairo_t *cr;
	unsigned char *grey, *px;
	int w, h, stride;

	pg.poppler_page_get_size(p, &wpt, &hpt);
	if (!fits(ceil(wpt * s), ceil(hpt * s), memory))
		return OCR_MEMORY;
	w = (int)ceil(wpt * s);
	h = (int)ceil(hpt * s);
	sf = pg.cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (pg.cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		pg.cairo_surface_destroy(sf);
		return OCR_MEMORY;
	}
	cr = pg.cairo_create(sf);
	pg.cairo_set_source_rgb(cr, 1, 1, 1);
	pg.cairo_paint(cr);
	pg.cairo_scale(cr, s, s);
	pg.poppler_page_render(p, cr);
	pg.cairo_destroy(cr);
	pg.cairo_surface_flush(sf);
	px = pg.cairo_image_surface_get_data(sf);
	stride = pg.cairo_image_surface_get_stride(sf);
	grey = malloc((size_t)w * (size_t)h);
	if (!grey || !px) {
		free(grey);
		pg.cairo_surface_destroy(sf);
		return OCR_MEMORY;
	}
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);

		for (int x = 0; x < w; x++) {
			uint32_t v = row[x];

			grey[(size_t)y * (size_t)w + (size_t)x] =
			    (unsigned char)((((v >> 16) & 0xFF) * 77 + ((v >> 8) & 0xFF) * 150 +
			                     (v & 0xFF) * 29) >>
			                    8);
		}
	}
	pg.cairo_surface_destroy(sf);
	tp.TessBaseAPISetImage(api, grey, w, h, 1, w);
	tp.TessBaseAPISetSourceResolution(api, (int)dpi);
	if (send_page(fd, page)) {
		free(grey);
		return OCR_CRASH;
	}
	free(grey);
	return OCR_OK;
}

static enum ocr_err ocr_pdf(int fd, const unsigned char *d, size_t len, unsigned dpi,
                            uint64_t memory, char *why, size_t whylen)
{
	GBytes *bytes;
	GError *gerr = NULL;
	PopplerDocument *doc;
	enum ocr_err err = OCR_OK;
	int i, n;

	if (!pg_load()) {
		snprintf(why, whylen, "PDF: %.400s", pg_why());
		return OCR_UNAVAILABLE;
	}
	bytes = pg.g_bytes_new_static(d, len);
	doc = pg.poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		snprintf(why, whylen, "%s", gerr ? gerr->message : "PDF");
		if (gerr)
			pg.g_error_free(gerr);
		pg.g_bytes_unref(bytes);
		return OCR_BAD;
	}
	n = pg.poppler_document_get_n_pages(doc);
	for (i = 0; i < n && !err; i++) {
		PopplerPage *p = pg.poppler_document_get_page(doc, i);

		if (!p)
			continue;
		if (image_only(p)) {
			err = ocr_page(fd, p, (unsigned)i + 1, dpi, memory);
			if (err == OCR_MEMORY)
				snprintf(why, whylen, "第 %d 页 page %d", i + 1, i + 1);
		}
		pg.g_object_unref(p);
	}
	pg.g_object_unref(doc);
	pg.g_bytes_unref(bytes);
	return err;
}
#else
static enum ocr_err ocr_pdf(int fd, const unsigned char *d, size_t len, unsigned dpi,
                            uint64_t memory, char *why, size_t whylen)
{
	(void)fd;
	(void)d;
	(void)len;
	(void)dpi;
	(void)memory;
	snprintf(why, whylen, "无 PDF 支持 no PDF support");
	return OCR_UNAVAILABLE;
}
#endif

/* The worker: one request after another until the socket closes. */
static void worker_main(int fd)
{
	int loaded = tess_load() == 0;
	uint64_t base = wproc_vm_size();

	for (;;) {
		struct ocrw_req rq;
		unsigned char *data = NULL;
		char why[512] = "";
		enum ocr_err err = OCR_OK;

		if (wproc_recv_all(fd, &rq, sizeof(rq)) ||
		    wproc_recv_data(fd, base, rq.memory, rq.seconds, rq.len, &data))
			return;
		rq.langs[OCR_LANGS_MAX] = '\0';
		if (!data) {
			err = OCR_MEMORY;
		} else if (!loaded) {
			snprintf(why, sizeof(why), "%s", load_why);
			err = OCR_UNAVAILABLE;
		} else if (!ocr_langs_valid(rq.langs) ||
		           tess_langs(rq.langs, rq.kind == 0, why, sizeof(why))) {
			err = OCR_UNAVAILABLE;
		} else if (rq.kind == OCR_IMAGE) {
			err = ocr_image(fd, data, (size_t)rq.len, rq.memory, why, sizeof(why));
		} else if (rq.kind == OCR_PDF) {
			err = ocr_pdf(fd, data, (size_t)rq.len, rq.dpi ? rq.dpi : OCR_DPI,
			              rq.memory, why, sizeof(why));
		}
		free(data);
		if (wproc_done(fd, OCRW_REC_DONE, err, base, OCRW_RETIRE, why))
			return;
	}
}

/* A process started as a worker does nothing else: before main, it serves and exits. */
__attribute__((constructor)) static void worker_start(void)
{
	wproc_serve(OCRW_ENV, worker_main);
}

/* ---- The scanning process's side ---- */

static const char *const ocrw_oom[] = {"Out of memory",          "out of memory",      "bad_alloc",
                                       "Cannot allocate memory", "failed to allocate", NULL};
/* One thread: the budget is per worker, and --jobs says how many run. */
static const struct wproc_kind ocrw_kind = {
    OCRW_ENV, "OMP_THREAD_LIMIT=1", "baomi-check-ocr-worker", "baomi-check-ocr-stderr", ocrw_oom};
static struct wproc_pool pool = WPROC_POOL_INIT(&ocrw_kind);

void ocr_shutdown(void)
{
	wproc_pool_release(&pool);
}

/* Where the pages go. */
struct ocrw_read {
	ocr_page_fn fn;
	void *ctx;
};

/* Reads the worker's records until its DONE one; *alive says whether it can be reused. */
static int read_replies(struct wproc *w, const struct timespec *dl, void *rd, char *why,
                        size_t whylen, int *alive)
{
	ocr_page_fn fn = ((struct ocrw_read *)rd)->fn;
	void *ctx = ((struct ocrw_read *)rd)->ctx;
	struct cbuf page;
	enum ocr_err err = OCR_CRASH;
	enum wproc_err r;

	*alive = 0;
	cbuf_init(&page, OCRW_PAGE_MAX + 8);
	for (;;) {
		unsigned char h[5];
		uint32_t n, pno;

		r = wproc_xfer(w->sock, h, 5, 0, dl);
		if (r)
			break;
		memcpy(&n, h + 1, 4);
		if (h[0] == OCRW_REC_TEXT) {
			if (n < 4 || n > OCRW_PAGE_MAX + 4 || cbuf_reserve(&page, n))
				break;
			cbuf_reset(&page);
			r = wproc_xfer(w->sock, page.ptr, n, 0, dl);
			if (r)
				break;
			memcpy(&pno, page.ptr, 4);
			page.ptr[n] = '\0';
			if (fn && n > 4)
				fn(pno, page.ptr + 4, n - 4, ctx);
		} else if (h[0] == OCRW_REC_DONE) {
			char msg[600];

			if (n < 2 || n >= sizeof(msg))
				break;
			r = wproc_xfer(w->sock, msg, n, 0, dl);
			if (r)
				break;
			msg[n] = '\0';
			snprintf(why, whylen, "%s", msg + 2);
			*alive = !msg[1];
			err = msg[0] <= OCR_WORKER ? (enum ocr_err)msg[0] : OCR_CRASH;
			break;
		} else {
			break;
		}
	}
	cbuf_release(&page);
	if (r == WPROC_TIMEOUT)
		return OCR_TIMEOUT;
	return err;
}

static enum ocr_err request(uint32_t kind, const unsigned char *data, size_t len,
                            const struct ocr_budget *budget, ocr_page_fn fn, void *ctx, char *why,
                            size_t whylen)
{
	static const int causes[] = {OCR_OK, OCR_CRASH, OCR_MEMORY, OCR_TIMEOUT, OCR_WORKER};
	struct ocrw_read rd = {fn, ctx};
	struct timespec dl;
	struct ocrw_req rq;
	double secs = wproc_deadline(&dl, budget->seconds);

	memset(&rq, 0, sizeof(rq));
	rq.kind = kind;
	rq.dpi = budget->dpi;
	rq.len = len;
	rq.memory = budget->memory;
	rq.seconds = (uint64_t)secs + 1;
	snprintf(rq.langs, sizeof(rq.langs), "%s", budget->langs ? budget->langs : OCR_LANGS);
	return (enum ocr_err)wproc_request(&pool, &rq, sizeof(rq), data, len, &dl, read_replies,
	                                   &rd, causes, why, whylen);
}

enum ocr_err ocr_check(const char *langs, char *why, size_t whylen)
{
	/* Loading the models takes a while on a busy computer. */
	struct ocr_budget b = {60, (size_t)64 << 20, 0, langs};
	enum ocr_err err = request(0, NULL, 0, &b, NULL, NULL, why, whylen);

	if (err && err != OCR_UNAVAILABLE && whylen && !why[0])
		snprintf(why, whylen, "%s", ocr_strerror(err));
	return err;
}

enum ocr_err ocr_run(enum ocr_kind kind, const unsigned char *data, size_t len,
                     const struct ocr_budget *budget, ocr_page_fn fn, void *ctx, char *why,
                     size_t whylen)
{
	return request((uint32_t)kind, data, len, budget, fn, ctx, why, whylen);
}
#else
enum ocr_err ocr_check(const char *langs, char *why, size_t whylen)
{
	(void)langs;
	snprintf(why, whylen,
	         "此 baomi-check 编译时未带 OCR 支持 this baomi-check was built without OCR "
	         "(libtesseract-dev): %s",
	         OCR_INSTALL);
	return OCR_UNAVAILABLE;
}

enum ocr_err ocr_run(enum ocr_kind kind, const unsigned char *data, size_t len,
                     const struct ocr_budget *budget, ocr_page_fn fn, void *ctx, char *why,
                     size_t whylen)
{
	(void)kind;
	(void)data;
	(void)len;
	(void)budget;
	(void)fn;
	(void)ctx;
	return ocr_check(NULL, why, whylen);
}

void ocr_shutdown(void)
{
}
#endif
