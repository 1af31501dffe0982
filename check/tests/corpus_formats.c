/*
 * The planted files of the formats Chinese offices use besides Microsoft's:
 * OFD (GB/T 33190), WPS Office (.wps/.et/.dps, OLE2 and OOXML), RTF and
 * HTML, each built from the format's published structure.  tests/
 * test_formats.c lists the exact hits they must give for the keywords
 * 绝密, 涉密, TOPSECRET, 内部资料, 机密.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "corpus.h"

static void le16(struct cbuf *b, unsigned v)
{
	cbuf_putc(b, (char)(v & 0xFF));
	cbuf_putc(b, (char)(v >> 8 & 0xFF));
}

static void le32(struct cbuf *b, uint32_t v)
{
	le16(b, v & 0xFFFF);
	le16(b, v >> 16);
}

static int emit(const char *dir, const char *name, struct cbuf *b)
{
	char p[512];
	int rc;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	rc = corpus_write(p, b->ptr, b->len);
	cbuf_reset(b);
	return rc;
}

/* Appends utf8 in GBK as RTF hex escapes (\'hh). */
static int rtf_gbk(struct cbuf *b, const char *utf8)
{
	struct cbuf g;
	size_t i;
	int rc;

	cbuf_init(&g, 1u << 20);
	rc = corpus_conv(&g, "GBK", utf8);
	for (i = 0; i < g.len; i++)
		cbuf_printf(b, "\\'%02x", (unsigned char)g.ptr[i]);
	cbuf_release(&g);
	return rc;
}

/* Appends utf8 as RTF \uN escapes (N signed 16-bit), each with fallback. */
static void rtf_uni(struct cbuf *b, const char *utf8, const char *fallback)
{
	const unsigned char *s = (const unsigned char *)utf8;

	while (*s) {
		unsigned cp = *s;

		if (cp >= 0xE0 && s[1] && s[2]) {
			cp = (cp & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
			s += 3;
		} else {
			s++;
		}
		cbuf_printf(b, "\\u%d%s", cp >= 0x8000 ? (int)cp - 65536 : (int)cp, fallback);
	}
}

static int ofd_files(const char *dir, struct cbuf *b)
{
	static const char ofd[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/"
	    "2016\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>"
	    "6c3b1f0a</ofd:DocID><ofd:Title>内部资料</ofd:Title><ofd:Author>办公室</ofd:Author>"
	    "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
	static const char doc[] =
	    "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData>"
	    "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
	    "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
	    "<ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>"
	    "<ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_1/Content.xml\"/></ofd:Pages>"
	    "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>";
	/* A font named TOPSECRET is a resource, no text. */
	static const char res[] = "<ofd:Res><ofd:Fonts><ofd:Font ID=\"3\" FontName=\"x\">"
	                          "<ofd:FontFile>TOPSECRET</ofd:FontFile></ofd:Font></ofd:Fonts>"
	                          "</ofd:Res>";
	/* Page 1: 绝 and 密 in text objects of their own on one line (joined);
	 * TOP and SECRET on two lines (not joined). */
	static const char page0[] =
	    "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer ID=\"4\">"
	    "<ofd:TextObject ID=\"5\" Boundary=\"20 30 5 6\" Font=\"3\" Size=\"5\">"
	    "<ofd:TextCode X=\"0\" Y=\"5\">绝</ofd:TextCode></ofd:TextObject>"
	    "<ofd:TextObject ID=\"6\" Boundary=\"25.3 30 5 6\" Font=\"3\" Size=\"5\">"
	    "<ofd:TextCode X=\"0\" Y=\"5\">密</ofd:TextCode></ofd:TextObject>"
	    "<ofd:PathObject ID=\"7\" Boundary=\"0 0 10 10\"><ofd:AbbreviatedData>M 0 0 L 1 1"
	    "</ofd:AbbreviatedData></ofd:PathObject>"
	    "<ofd:TextObject ID=\"8\" Boundary=\"20 50 40 20\" Font=\"3\" Size=\"5\">"
	    "<ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"3 3\">TOP</ofd:TextCode>"
	    "<ofd:TextCode X=\"0\" Y=\"15\" DeltaX=\"3 3 3 3 3\">SECRET</ofd:TextCode>"
	    "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>";
	/* Page 2: one code placed glyph by glyph, a reference among them. */
	static const char page1[] =
	    "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer ID=\"9\">"
	    "<ofd:TextObject ID=\"10\" Boundary=\"20 30 60 6\" Font=\"3\" Size=\"5\">"
	    "<ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"5.2 5.2 g 2 5.2\">这是涉&#23494;文件"
	    "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>";
	static const char annots[] = "<ofd:Annotations><ofd:Page PageID=\"1\"><ofd:FileLoc>"
	                             "Page_0/Annotation.xml</ofd:FileLoc></ofd:Page>"
	                             "</ofd:Annotations>";
	static const char annot[] =
	    "<ofd:PageAnnot><ofd:Annot ID=\"11\" Type=\"Stamp\"><ofd:Remark>机密</ofd:Remark>"
	    "<ofd:Appearance Boundary=\"0 0 10 10\"></ofd:Appearance></ofd:Annot></ofd:PageAnnot>";
	static const char tags[] = "<ofd:CustomTags><ofd:CustomTag NameSpace=\"gw\"><ofd:FileLoc>"
	                           "Tag_0.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>";
	static const char tag0[] = "<gw:公文><gw:密级>机密</gw:密级></gw:公文>";
	static const char font[] = "\0\1\0\0涉密 glyph data";
	static const char attach[] = "附件：TOPSECRET 清单\n";
	static const char glyphs[] =
	    "<ofd:Page><ofd:Content><ofd:Layer ID=\"2\">"
	    "<ofd:TextObject ID=\"3\" Boundary=\"0 0 50 10\" Font=\"1\" Size=\"5\">"
	    "<ofd:CGTransform CodePosition=\"0\" CodeCount=\"2\" GlyphCount=\"2\">"
	    "<ofd:Glyphs>1057 2214</ofd:Glyphs></ofd:CGTransform>"
	    "<ofd:TextCode X=\"0\" Y=\"5\" DeltaX=\"5\"></ofd:TextCode></ofd:TextObject>"
	    "</ofd:Layer></ofd:Content></ofd:Page>";
	static const char encs[] = "<ofd:Encryptions><ofd:Encryption ID=\"1\"/></ofd:Encryptions>";
	static const char secret[] = "<ofd:Page><ofd:TextObject ID=\"1\" Boundary=\"0 0 9 9\">"
	                             "<ofd:TextCode X=\"0\" Y=\"1\">绝密</ofd:TextCode>"
	                             "</ofd:TextObject></ofd:Page>";
	struct zip_item it[12] = {
	    {"OFD.xml", ofd, sizeof(ofd) - 1, 1, 0},
	    {"Doc_0/Document.xml", doc, sizeof(doc) - 1, 1, 0},
	    {"Doc_0/PublicRes.xml", res, sizeof(res) - 1, 1, 0},
	    {"Doc_0/Pages/Page_0/Content.xml", page0, sizeof(page0) - 1, 1, 0},
	    {"Doc_0/Pages/Page_1/Content.xml", page1, sizeof(page1) - 1, 0, 0},
	    {"Doc_0/Annots/Annotations.xml", annots, sizeof(annots) - 1, 1, 0},
	    {"Doc_0/Annots/Page_0/Annotation.xml", annot, sizeof(annot) - 1, 1, 0},
	    {"Doc_0/Tags/CustomTags.xml", tags, sizeof(tags) - 1, 1, 0},
	    {"Doc_0/Tags/Tag_0.xml", tag0, sizeof(tag0) - 1, 1, 0},
	    {"Doc_0/Res/font_3.ttf", font, sizeof(font) - 1, 1, 0},
	    {"Doc_0/Attachs/list.txt", attach, sizeof(attach) - 1, 1, 0},
	};
	int rc = 0;

	rc |= corpus_zip(b, it, 11);
	rc |= emit(dir, "doc.ofd", b);
	it[3] =
	    (struct zip_item){"Doc_0/Pages/Page_0/Content.xml", glyphs, sizeof(glyphs) - 1, 1, 0};
	rc |= corpus_zip(b, it, 4);
	rc |= emit(dir, "glyphs.ofd", b);
	it[1] = (struct zip_item){"Encryptions.xml", encs, sizeof(encs) - 1, 1, 0};
	it[2] =
	    (struct zip_item){"Doc_0/Pages/Page_0/Content.xml", secret, sizeof(secret) - 1, 0, 0};
	rc |= corpus_zip(b, it, 3);
	rc |= emit(dir, "enc.ofd", b);
	return rc;
}

/* A BIFF8 record. */
static void biff(struct cbuf *b, unsigned type, const void *data, size_t len)
{
	le16(b, type);
	le16(b, (unsigned)len);
	cbuf_append(b, data, len);
}

/* A PowerPoint record header; containers have version 0xF. */
static void ppt_rec(struct cbuf *b, unsigned ver, unsigned type, uint32_t len)
{
	le16(b, ver);
	le16(b, type);
	le32(b, len);
}

static int wps_files(const char *dir, struct cbuf *b)
{
	static const unsigned char bof[16] = {0x00, 0x06, 0x05, 0x00};
	static const char doc[] = "<w:document><w:body><w:p><w:r><w:t>内部</w:t></w:r><w:r>"
	                          "<w:t>资料</w:t></w:r></w:p></w:body></w:document>";
	struct cbuf s, t;
	struct ole2_item oi[1];
	struct zip_item zi[1];
	int rc = 0;

	cbuf_init(&s, 1u << 20);
	cbuf_init(&t, 1u << 20);
	/* Kingsoft Writer: a Word binary document. */
	rc |= corpus_ole2(b, "金山文字，绝密", "");
	rc |= emit(dir, "writer.wps", b);
	/* Kingsoft spreadsheet: a BIFF8 Workbook with 涉密 as a shared string. */
	biff(&s, 0x0809, bof, sizeof(bof));
	le32(&t, 1);
	le32(&t, 1);
	le16(&t, 2);
	cbuf_putc(&t, 1);
	rc |= corpus_conv(&t, "UTF-16LE", "涉密");
	biff(&s, 0x00FC, t.ptr, t.len);
	biff(&s, 0x000A, "", 0);
	oi[0] = (struct ole2_item){"Workbook", s.ptr, s.len, -1};
	rc |= corpus_ole2_streams(b, oi, 1);
	rc |= emit(dir, "sheet.et", b);
	/* Kingsoft presentation: the text atom of a slide list. */
	cbuf_reset(&s);
	cbuf_reset(&t);
	rc |= corpus_conv(&t, "UTF-16LE", "演示：机密");
	ppt_rec(&s, 0x0F, 0x03E8, (uint32_t)(8 + 8 + t.len));
	ppt_rec(&s, 0x0F, 0x0FF0, (uint32_t)(8 + t.len));
	ppt_rec(&s, 0, 0x0FA0, (uint32_t)t.len);
	cbuf_append(&s, t.ptr, t.len);
	oi[0] = (struct ole2_item){"PowerPoint Document", s.ptr, s.len, -1};
	rc |= corpus_ole2_streams(b, oi, 1);
	rc |= emit(dir, "slides.dps", b);
	/* A .wps saved as OOXML. */
	zi[0] = (struct zip_item){"word/document.xml", doc, sizeof(doc) - 1, 1, 0};
	rc |= corpus_zip(b, zi, 1);
	rc |= emit(dir, "ooxml.wps", b);
	cbuf_release(&s);
	cbuf_release(&t);
	return rc;
}

static int rtf_files(const char *dir, struct cbuf *b)
{
	int rc = 0;

	/* GBK escapes (\ansicpg936), a font named 涉密 and a generator TOPSECRET
	 * that are no text, the title 内部资料 as metadata. */
	cbuf_puts(b, "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 ");
	rc |= rtf_gbk(b, "涉密");
	cbuf_puts(b, ";}}{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator TOPSECRET;}"
	             "{\\info{\\title ");
	rc |= rtf_gbk(b, "内部资料");
	cbuf_puts(b, "}{\\author x}{\\creatim\\yr2024\\mo5}}\\pard\\f0 ");
	rc |= rtf_gbk(b, "这是绝");
	cbuf_puts(b, "{\\b ");
	rc |= rtf_gbk(b, "密");
	cbuf_puts(b, "}");
	rc |= rtf_gbk(b, "文件");
	cbuf_puts(b, "\\par\n}");
	rc |= emit(dir, "gbk.rtf", b);
	/* \u with two-byte fallbacks (\uc2), negative N for 资 (U+8D44). */
	cbuf_puts(b, "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\uc2 ");
	rtf_uni(b, "内部资料", "\\'3f\\'3f");
	cbuf_puts(b, "\\par\\uc1 ");
	rtf_uni(b, "涉密", "?");
	cbuf_puts(b, "\\par}");
	rc |= emit(dir, "unicode.rtf", b);
	/* \bin data holding braces and TOPSECRET, a picture and object data:
	 * none of it text; a Latin-1 font (\fcharset0) under \ansicpg936. */
	cbuf_puts(
	    b, "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset0 Arial;}{\\f1\\fcharset134 x;}}"
	       "{\\pict\\pngblip\\bin12 }}}TOPSECRET}"
	       "{\\object{\\*\\objdata 544f50534543524554}}{\\pict 544f50534543524554}"
	       "\\f0 ");
	rc |= rtf_gbk(b, "机密");
	cbuf_puts(b, "\\par{\\*\\annotation ");
	rc |= rtf_gbk(b, "绝密");
	cbuf_puts(b, "}}");
	rc |= emit(dir, "binary.rtf", b);
	return rc;
}

static int html_files(const char *dir, struct cbuf *b)
{
	int rc = 0;

	/* References (decimal, hex), a keyword split by inline tags, script,
	 * style and comment contents that are no text; title and keywords as metadata. */
	cbuf_puts(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>内部&#x8D44;料"
	             "</title><meta name=\"keywords\" content=\"&#28041;&#23494;\">"
	             "<style>.绝密 { color: red }</style><script>var s = \"TOPSECRET\";</script>"
	             "</head><body><p>&#26426;&#23494;&nbsp;&amp; 说明</p><p>绝<b>密</b></p>"
	             "<!-- 涉密 --><p>TOP</p><p>SECRET</p></body></html>\n");
	rc |= emit(dir, "entities.html", b);
	/* GB2312 by its meta tag, no doctype, known by its name. */
	cbuf_puts(b,
	          "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
	          "</head><body>");
	rc |= corpus_conv(b, "GBK", "这是机<span>密</span>文件，&#x6D89;&#x5BC6;</body>\n");
	rc |= emit(dir, "gbk.htm", b);
	return rc;
}

int corpus_formats(const char *dir)
{
	struct cbuf b;
	int rc = 0;

	cbuf_init(&b, 64u << 20);
	rc |= ofd_files(dir, &b);
	rc |= wps_files(dir, &b);
	rc |= rtf_files(dir, &b);
	rc |= html_files(dir, &b);
	cbuf_release(&b);
	return rc ? -1 : 0;
}
