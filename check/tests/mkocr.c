/*
 * mkocr — pictures of classified documents, for the OCR tests and
 * bench/check/ocr.sh.
 *
 *   mkocr page OUT DPI SEED [ROTATE_DEG [JPEG_QUALITY]]
 *       An A4 page as a scanner gives it at DPI: a "绝密★启动前"-style mark,
 *       a title and body paragraphs (Noto CJK, 16 pt and 12 pt) with
 *       classification marks planted in them.  Slightly rotated and saved as
 *       JPEG at the quality given, else PNG.  Prints the planted keywords,
 *       one per line, for the recall figure.
 *   mkocr pdf OUT
 *       A two-page PDF: page 1 has a text layer without keywords, page 2 is
 *       only an image of text with "机密" (a scanned page).
 *   mkocr small OUT
 *       A small picture with "机密" in a line of text: PNG, BMP (OUT ends in
 *       .bmp) or a two-page TIFF (.tif) whose second page it is.
 *   mkocr huge OUT WIDTH HEIGHT
 *       A 1-bit PNG of WIDTH x HEIGHT pixels covered with text (for budgets).
 *   mkocr docs DIR
 *       Documents whose text has no keyword and which show the small
 *       picture (a scanned page pasted in): DIR/scan.docx (word/media),
 *       scan.ofd (Doc_0/Res), scan.ppt (a PNG BLIP in its Pictures stream),
 *       scan.doc (a DIB BLIP in a PICF of its Data stream, a JPEG BLIP in
 *       its WordDocument stream), scan.xls (a PNG BLIP in the drawing group of
 *       its Workbook stream, across Continue records) and many.docx (the
 *       picture 200 times).
 *
 * Text is drawn with cairo's own text API (CJK needs no shaping); rotation
 * and JPEG are leptonica's.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

#define A4_W_IN 8.27
#define A4_H_IN 11.69

static const char *const marks[] = {"绝密", "机密", "秘密"};
static const char *const extra[] = {"内部资料", "涉密", "国家秘密"};
/* Ordinary official prose, cut at random places between the planted words. */
static const char prose[] =
    "根据上级部门关于进一步加强工作管理的通知要求结合本单位实际情况现就有关事项通知如下"
    "各部门要高度重视认真组织学习切实把各项要求落到实处确保工作取得实效对于工作中发现的问"
    "题要及时报告不得隐瞒不报各单位负责人要亲自抓切实履行职责加强监督检查严格落实责任制度"
    "本通知自印发之日起施行请各单位认真贯彻执行有关情况及时报送办公室联系人张同志电话八八"
    "六六五五三三会议定于下周三上午九时在三楼会议室召开请相关人员准时参加不得缺席";

static unsigned rnd_state;

static unsigned rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) & 0x7FFF;
}

/* The UTF-8 length of n characters of a string of 3-byte characters. */
#define CH(n) ((size_t)(n)*3)

static void text_at(cairo_t *cr, const char *font, int bold, double size, double x, double y,
                    const char *s)
{
	cairo_select_font_face(cr, font, CAIRO_FONT_SLANT_NORMAL,
	                       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/*
 * Draws a page on cr in points (72 per inch) and prints the planted
 * keywords when list is set.
 */
static void draw_page(cairo_t *cr, unsigned seed, int list)
{
	const size_t plen = strlen(prose) / 3;
	const double margin = 72, body = 16, small = 12, width = A4_W_IN * 72 - 2 * margin;
	char line[512];
	double y;
	int para;

	rnd_state = seed;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* The mark in the upper left corner, as on classified documents. */
	snprintf(line, sizeof(line), "%s★%s", marks[seed % 3], seed % 2 ? "启动前" : "十年");
	text_at(cr, "Noto Sans CJK SC", 1, body, margin, margin + body, line);
	if (list)
		printf("%s\n", marks[seed % 3]);
	snprintf(line, sizeof(line), "关于做好第%u号工作的通知", seed % 90 + 10);
	text_at(cr, "Noto Sans CJK SC", 1, 22, margin + width / 2 - 22 * 6, margin + 80, line);
	y = margin + 130;
	for (para = 0; para < 4; para++) {
		double size = para < 2 ? body : small;
		size_t per_line = (size_t)(width / size), done = 0, want = per_line * 3;
		/* A paragraph: prose, a planted keyword in the middle, prose. */
		const char *kw = para % 2 ? extra[(seed + (unsigned)para) % 3]
		                          : marks[(seed + (unsigned)para + 1) % 3];
		char text[2048];
		size_t at = rnd() % (plen - 60), cut = per_line + rnd() % per_line;
		size_t n = 0;

		memcpy(text, prose + CH(at), CH(cut));
		n = CH(cut);
		memcpy(text + n, kw, strlen(kw));
		n += strlen(kw);
		at = rnd() % (plen - 60);
		memcpy(text + n, prose + CH(at), CH(want - cut));
		n += CH(want - cut);
		text[n] = '\0';
		if (list)
			printf("%s\n", kw);
		/* Lines of per_line characters (keywords are 2 or 4 of them). */
		while (done < n) {
			size_t take = CH(per_line) < n - done ? CH(per_line) : n - done;

			memcpy(line, text + done, take);
			line[take] = '\0';
			text_at(cr, "Noto Serif CJK SC", 0, size, margin, y, line);
			done += take;
			y += size * 1.8;
		}
		y += size;
	}
}

static int cmd_page(const char *out, double dpi, unsigned seed, double rot, int quality)
{
	int w = (int)(A4_W_IN * dpi), h = (int)(A4_H_IN * dpi), rc;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(sf);
	PIX *pix, *grey, *turned;
	unsigned char *d;
	int stride;

	cairo_scale(cr, dpi / 72, dpi / 72);
	draw_page(cr, seed, 1);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	/* Into leptonica as 8-bit grey, as a greyscale scan. */
	grey = pixCreate(w, h, 8);
	d = cairo_image_surface_get_data(sf);
	stride = cairo_image_surface_get_stride(sf);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			pixSetPixel(grey, x, y, d[(size_t)y * (size_t)stride + (size_t)x * 4 + 1]);
	cairo_surface_destroy(sf);
	pixSetResolution(grey, (int)dpi, (int)dpi);
	pix = grey;
	if (rot != 0) {
		turned = pixRotate(grey, rot * 3.14159265358979 / 180, L_ROTATE_AREA_MAP,
		                   L_BRING_IN_WHITE, 0, 0);
		pixDestroy(&grey);
		pix = turned;
	}
	rc = quality > 0 ? pixWriteJpeg(out, pix, quality, 0) : pixWrite(out, pix, IFF_PNG);
	pixDestroy(&pix);
	return rc;
}

/* A page image of text with 机密, as a scanner makes it. */
static cairo_surface_t *scan_image(double dpi, const char *s)
{
	int w = (int)(6 * dpi), h = (int)(1.2 * dpi);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(sf);

	cairo_scale(cr, dpi / 72, dpi / 72);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	text_at(cr, "Noto Sans CJK SC", 0, 16, 20, 40, s);
	text_at(cr, "Noto Sans CJK SC", 0, 16, 20, 70, "本文件请妥善保管，阅后收回。");
	cairo_destroy(cr);
	return sf;
}

/* OUT.png, OUT.bmp, or OUT.tif with the picture as its second of two pages. */
static int cmd_small(const char *out)
{
	cairo_surface_t *sf = scan_image(200, "此件为机密文件，不得外传。");
	size_t n = strlen(out);
	char png[4096];
	PIX *pix, *blank;
	int rc;

	snprintf(png, sizeof(png), "%s.png", out);
	rc = cairo_surface_write_to_png(
	         sf, n > 4 && strcmp(out + n - 4, ".png") == 0 ? out : png) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(sf);
	if (rc || (n > 4 && strcmp(out + n - 4, ".png") == 0))
		return rc;
	pix = pixRead(png);
	remove(png);
	if (!pix)
		return 1;
	if (strcmp(out + n - 4, ".bmp") == 0) {
		rc = pixWrite(out, pix, IFF_BMP);
	} else {
		blank = pixCreateTemplate(pix);
		pixSetAll(blank);
		rc = pixWriteTiff(out, blank, IFF_TIFF_ZIP, "w") ||
		     pixWriteTiff(out, pix, IFF_TIFF_ZIP, "a");
		pixDestroy(&blank);
	}
	pixDestroy(&pix);
	return rc;
}

static int cmd_pdf(const char *out)
{
	cairo_surface_t *pdf = cairo_pdf_surface_create(out, 6 * 72, 1.2 * 72);
	cairo_surface_t *img = scan_image(200, "第二页：机密文件，不得外传。");
	cairo_t *cr = cairo_create(pdf);

	/* Page 1: real text, no keyword. */
	text_at(cr, "Noto Sans CJK SC", 0, 16, 20, 40, "第一页：公开的会议通知。");
	cairo_show_page(cr);
	/* Page 2: a picture only. */
	cairo_scale(cr, 72.0 / 200, 72.0 / 200);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	cairo_surface_finish(pdf);
	cairo_surface_destroy(pdf);
	return 0;
}

static int cmd_huge(const char *out, int w, int h)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_A1, w, h);
	cairo_t *cr = cairo_create(sf);
	int rc;

	/* A1: set bits are ink; lines of text all over. */
	cairo_set_source_rgba(cr, 0, 0, 0, 1);
	for (double y = 40; y < h; y += 40)
		for (double x = 10; x < w; x += 400)
			text_at(cr, "Noto Sans CJK SC", 0, 24, x, y, "秘密资料管理规定");
	cairo_destroy(cr);
	rc = cairo_surface_write_to_png(sf, out) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(sf);
	return rc;
}

static cairo_status_t to_cbuf(void *ctx, const unsigned char *data, unsigned int len)
{
	return cbuf_append(ctx, data, len) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* An OfficeArt BLIP record ([MS-ODRAW]): header, one 16-byte id, tag, the picture. */
static void blip(struct cbuf *out, unsigned inst, unsigned type, const void *pic, size_t n)
{
	unsigned char h[8 + 16 + 1] = {0};
	uint32_t len = (uint32_t)(16 + 1 + n);

	h[0] = (unsigned char)(inst << 4);
	h[1] = (unsigned char)(inst >> 4);
	h[2] = (unsigned char)type;
	h[3] = (unsigned char)(type >> 8);
	memcpy(h + 4, &len, 4);
	memset(h + 8, 0x5A, 16);
	h[24] = 0xFF;
	cbuf_append(out, h, sizeof(h));
	cbuf_append(out, pic, n);
}

/* A BIFF record. */
static void biff(struct cbuf *out, unsigned type, const void *data, size_t n)
{
	unsigned char h[4] = {(unsigned char)type, (unsigned char)(type >> 8), (unsigned char)n,
	                      (unsigned char)(n >> 8)};

	cbuf_append(out, h, 4);
	cbuf_append(out, data, n);
}

/* OfficeArt record header: version and instance, type, length. */
static void art(struct cbuf *out, unsigned ver, unsigned inst, unsigned type, uint32_t len)
{
	unsigned char h[8] = {(unsigned char)(ver | inst << 4), (unsigned char)(inst >> 4),
	                      (unsigned char)type, (unsigned char)(type >> 8)};

	memcpy(h + 4, &len, 4);
	cbuf_append(out, h, 8);
}

static int write_buf(const char *dir, const char *name, const struct cbuf *b)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return corpus_write(path, b->ptr, b->len);
}

static int cmd_docs(const char *dir)
{
	static const char types[] =
	    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	    "content-types\"><Default Extension=\"png\" ContentType=\"image/png\"/></Types>";
	static const char doc[] =
	    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>附件为扫描件。</w:t></w:r></w:p>"
	    "</w:body></w:document>";
	static const char ofd[] =
	    "<?xml version=\"1.0\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" "
	    "Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
	    "</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
	cairo_surface_t *sf = scan_image(200, "此件为机密文件，不得外传。");
	struct cbuf png, out, data, word, tmp;
	static char names[200][32];
	struct zip_item zi[2 + 200];
	struct ole2_item oi[2];
	unsigned char picf[68] = {0}, *bmp = NULL, *jpg = NULL;
	size_t bmplen = 0, jpglen = 0, i;
	PIX *pix, *grey;
	int rc;

	cbuf_init(&png, 1u << 26);
	cbuf_init(&out, 1u << 28);
	cbuf_init(&data, 1u << 26);
	cbuf_init(&word, 1u << 26);
	cbuf_init(&tmp, 1u << 26);
	rc = cairo_surface_write_to_png_stream(sf, to_cbuf, &png) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(sf);
	pix = rc ? NULL : pixReadMem((const l_uint8 *)png.ptr, png.len);
	grey = pix ? pixConvertRGBToLuminance(pix) : NULL;
	rc = !grey || pixWriteMem(&bmp, &bmplen, grey, IFF_BMP) || bmplen <= 14 ||
	     pixWriteMemJpeg(&jpg, &jpglen, grey, 90, 0);
	if (rc)
		goto out;
	/* scan.docx and many.docx: the picture in word/media. */
	zi[0] = (struct zip_item){"[Content_Types].xml", types, strlen(types), 1, 0};
	zi[1] = (struct zip_item){"word/document.xml", doc, strlen(doc), 1, 0};
	zi[2] = (struct zip_item){"word/media/image1.png", png.ptr, png.len, 0, 0};
	rc |= corpus_zip(&out, zi, 3) || write_buf(dir, "scan.docx", &out);
	for (i = 0; i < 200; i++) {
		snprintf(names[i], sizeof(names[i]), "word/media/image%zu.png", i + 1);
		zi[2 + i] = (struct zip_item){names[i], png.ptr, png.len, 0, 0};
	}
	cbuf_reset(&out);
	rc |= corpus_zip(&out, zi, 202) || write_buf(dir, "many.docx", &out);
	/* scan.ofd: the picture as a resource of the document. */
	zi[0] = (struct zip_item){"OFD.xml", ofd, strlen(ofd), 1, 0};
	zi[1] = (struct zip_item){"Doc_0/Res/image_1.png", png.ptr, png.len, 0, 0};
	cbuf_reset(&out);
	rc |= corpus_zip(&out, zi, 2) || write_buf(dir, "scan.ofd", &out);
	/* scan.ppt: a PNG BLIP in Pictures. */
	cbuf_append(&word, "\0\0\0\0\0\0\0\0", 8);
	blip(&data, 0x6E0, 0xF01E, png.ptr, png.len);
	oi[0] = (struct ole2_item){"PowerPoint Document", word.ptr, word.len, -1};
	oi[1] = (struct ole2_item){"Pictures", data.ptr, data.len, -1};
	cbuf_reset(&out);
	rc |= corpus_ole2_streams(&out, oi, 2) || write_buf(dir, "scan.ppt", &out);
	/* scan.doc: a PICF (lcb, cbHeader 0x44, ...) then an FBSE holding a DIB BLIP in Data;
	 * a JPEG BLIP where a floating picture's FBSE points, in WordDocument. */
	cbuf_reset(&data);
	cbuf_reset(&word);
	blip(&tmp, 0x7A8, 0xF01F, bmp + 14, bmplen - 14);
	picf[4] = 0x44;
	cbuf_append(&data, picf, sizeof(picf));
	{
		unsigned char fbse[8 + 36] = {0x22, 0x00, 0x07, 0xF0};
		uint32_t l = (uint32_t)(36 + tmp.len);

		memcpy(fbse + 4, &l, 4);
		cbuf_append(&data, fbse, sizeof(fbse));
	}
	cbuf_append(&data, tmp.ptr, tmp.len);
	for (i = 0; i < 1024; i++)
		cbuf_putc(&word, (char)(i < 32 ? 0 : 'x'));
	blip(&word, 0x46A, 0xF01D, jpg, jpglen);
	oi[0] = (struct ole2_item){"WordDocument", word.ptr, word.len, -1};
	oi[1] = (struct ole2_item){"Data", data.ptr, data.len, -1};
	cbuf_reset(&out);
	rc |= corpus_ole2_streams(&out, oi, 2) || write_buf(dir, "scan.doc", &out);
	/* scan.xls: BOF, the drawing group (a DggContainer holding a BStoreContainer holding an
	 * FBSE with the PNG BLIP) in an MsoDrawingGroup record and Continue records, EOF. */
	cbuf_reset(&tmp);
	blip(&tmp, 0x6E0, 0xF01E, png.ptr, png.len);
	cbuf_reset(&data);
	art(&data, 0xF, 0, 0xF000, (uint32_t)(8 + 8 + 36 + tmp.len));
	art(&data, 0xF, 1, 0xF001, (uint32_t)(8 + 36 + tmp.len));
	art(&data, 2, 6, 0xF007, (uint32_t)(36 + tmp.len));
	for (i = 0; i < 36; i++)
		cbuf_putc(&data, 0);
	cbuf_append(&data, tmp.ptr, tmp.len);
	cbuf_reset(&word);
	biff(&word, 0x0809, "\0\6\5\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	for (i = 0; i < data.len; i += 8224)
		biff(&word, i ? 0x003C : 0x00EB, data.ptr + i,
		     data.len - i < 8224 ? data.len - i : 8224);
	biff(&word, 0x000A, "", 0);
	oi[0] = (struct ole2_item){"Workbook", word.ptr, word.len, -1};
	cbuf_reset(&out);
	rc |= corpus_ole2_streams(&out, oi, 1) || write_buf(dir, "scan.xls", &out);
out:
	pixDestroy(&pix);
	pixDestroy(&grey);
	free(bmp);
	free(jpg);
	cbuf_release(&png);
	cbuf_release(&out);
	cbuf_release(&data);
	cbuf_release(&word);
	cbuf_release(&tmp);
	return rc;
}

static int run(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "page") == 0)
		return cmd_page(argv[2], atof(argv[3]), (unsigned)atoi(argv[4]),
		                argc > 5 ? atof(argv[5]) : 0, argc > 6 ? atoi(argv[6]) : 0);
	if (argc == 3 && strcmp(argv[1], "pdf") == 0)
		return cmd_pdf(argv[2]);
	if (argc == 3 && strcmp(argv[1], "small") == 0)
		return cmd_small(argv[2]);
	if (argc == 5 && strcmp(argv[1], "huge") == 0)
		return cmd_huge(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 3 && strcmp(argv[1], "docs") == 0)
		return cmd_docs(argv[2]);
	fprintf(stderr, "usage: mkocr page OUT DPI SEED [ROTATE_DEG [JPEG_QUALITY]] | pdf OUT | "
	                "small OUT | huge OUT W H | docs DIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	int rc;

	setMsgSeverity(L_SEVERITY_ERROR);
	rc = run(argc, argv);
	/* cairo keeps the font faces it made in caches of its own until told to let go */
	cairo_debug_reset_static_data();
	return rc;
}
