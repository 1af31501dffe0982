/*
 * baomi-check-mkcorpus — writes test and benchmark corpora.
 *
 *   baomi-check-mkcorpus planted DIR
 *       the planted corpus of the tests (keywords: 绝密 涉密 TOPSECRET 内部资料)
 *   baomi-check-mkcorpus formats DIR
 *       the planted OFD, WPS Office, RTF and HTML files (the same and 机密)
 *   baomi-check-mkcorpus bench DIR SIZE_MIB DOCX_COUNT
 *       DIR/keywords.txt (1,000 keywords), DIR/text/ (~SIZE_MIB of mixed UTF-8
 *       and GBK Chinese/English text, ~1% of files with keywords) and DIR/docx/
 *       (DOCX_COUNT small documents, ~1% with keywords, half of those split
 *       across runs).  DIR/planted.txt says which files carry which keyword.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cbuf.h"
#include "corpus.h"

/* Filler characters, and characters that only keywords use (so filler never matches). */
static const char common[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也"
    "能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实"
    "加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样"
    "与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情"
    "者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
    "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
    "会议通知报告工作单位安排落实检查要求情况说明会议纪要年度计划总结材料。，、；：";
static const char rare[] =
    "乂乜乩亍亓亟亳亶仂仉仞仨仫仳伉伛伢伥伫佤佥佧佻侉侏侑侔俅俜俣俪俳倜倨倩"
    "倬倭偃偈偌偬傥傧傩僖僦僭僮儆兀兕冁冖冢冥冱冼凇凫凵刂刈刎刖刭剀剌剡剽劁劂"
    "劬劭劾勐勖勰匏匐匚匦匮匾卅卞卟卣卮厍厝厣厮叁叟叩叻吆吣吲吾呃呋呒呓呔呖呤";

struct rnd {
	uint64_t s;
};

static unsigned rnd(struct rnd *r, unsigned n)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (unsigned)(r->s % n);
}

/* The n-th UTF-8 character of s (3-byte characters only in these pools). */
static const char *ch(const char *s, unsigned i)
{
	return s + 3 * i;
}

static void add_ch(struct cbuf *b, const char *pool, struct rnd *r)
{
	unsigned n = (unsigned)(strlen(pool) / 3);

	cbuf_append(b, ch(pool, rnd(r, n)), 3);
}

static const char *const words[] = {"report", "meeting", "the",      "of",     "and",
                                    "plan",   "network", "security", "office", "data",
                                    "system", "review",  "notice"};

/* A paragraph of mixed Chinese and English, UTF-8. */
static void paragraph(struct cbuf *b, struct rnd *r)
{
	unsigned n = 40 + rnd(r, 120), i;

	for (i = 0; i < n; i++) {
		if (rnd(r, 12) == 0) {
			cbuf_putc(b, ' ');
			cbuf_puts(b, words[rnd(r, sizeof(words) / sizeof(words[0]))]);
			cbuf_putc(b, ' ');
		} else {
			add_ch(b, common, r);
		}
	}
	cbuf_putc(b, '\n');
}

static int bench(const char *dir, unsigned mib, unsigned ndocx)
{
	struct rnd r = {0x9E3779B97F4A7C15ull};
	struct cbuf kw, txt, para, conv, doc, body, planted;
	char **kws = NULL;
	char p[4096];
	unsigned i, nkw = 1000, file = 0;
	uint64_t total = 0, target = (uint64_t)mib << 20;
	int rc = -1;

	cbuf_init(&kw, 1 << 20);
	cbuf_init(&txt, 64u << 20);
	cbuf_init(&para, 1 << 20);
	cbuf_init(&conv, 1 << 20);
	cbuf_init(&doc, 64u << 20);
	cbuf_init(&body, 64u << 20);
	cbuf_init(&planted, 64u << 20);
	kws = calloc(nkw, sizeof(char *));
	snprintf(p, sizeof(p), "%s/text", dir);
	mkdir(dir, 0755);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/docx", dir);
	mkdir(p, 0755);
	for (i = 0; i < nkw; i++) {
		struct cbuf w;
		unsigned len = 2 + rnd(&r, 3), k;

		cbuf_init(&w, 64);
		add_ch(&w, rare, &r);
		for (k = 1; k < len; k++)
			add_ch(&w, k == 1 ? rare : common, &r);
		kws[i] = strdup(w.ptr);
		cbuf_printf(&kw, "%s\n", w.ptr);
		cbuf_release(&w);
	}
	snprintf(p, sizeof(p), "%s/keywords.txt", dir);
	if (corpus_write(p, kw.ptr, kw.len))
		goto out;
	/* Text files, 8..256 KiB, half GBK. */
	while (total < target) {
		unsigned size = 8192 + rnd(&r, 256 * 1024 - 8192);
		int gbk = rnd(&r, 2), plant = rnd(&r, 100) == 0;

		cbuf_reset(&txt);
		while (txt.len < size) {
			cbuf_reset(&para);
			paragraph(&para, &r);
			if (plant && txt.len > size / 2 && txt.len < size / 2 + 4096) {
				const char *k = kws[rnd(&r, nkw)];

				cbuf_puts(&para, k);
				cbuf_puts(&para, "。\n");
				cbuf_printf(&planted, "text/%06u.txt\t%s\t%s\n", file,
				            gbk ? "gbk" : "utf-8", k);
			}
			if (gbk) {
				cbuf_reset(&conv);
				if (corpus_conv(&conv, "GBK", para.ptr))
					goto out;
				cbuf_append(&txt, conv.ptr, conv.len);
			} else {
				cbuf_append(&txt, para.ptr, para.len);
			}
		}
		snprintf(p, sizeof(p), "%s/text/%06u.txt", dir, file++);
		if (corpus_write(p, txt.ptr, txt.len))
			goto out;
		total += txt.len;
	}
	/* Small docx files, runs of 1..6 characters; 1% with a keyword, half split. */
	for (i = 0; i < ndocx; i++) {
		unsigned n = 60 + rnd(&r, 200), k;
		int plant = rnd(&r, 100) == 0, split = rnd(&r, 2);

		cbuf_reset(&body);
		cbuf_puts(&body, "<w:p>");
		for (k = 0; k < n; k++) {
			unsigned m = 1 + rnd(&r, 6), j;

			cbuf_puts(&body,
			          "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t>");
			for (j = 0; j < m; j++)
				add_ch(&body, common, &r);
			cbuf_puts(&body, "</w:t></w:r>");
			if (k % 40 == 39)
				cbuf_puts(&body, "</w:p><w:p>");
			if (plant && k == n / 2) {
				const char *kwd = kws[rnd(&r, nkw)];

				if (split)
					cbuf_printf(
					    &body,
					    "<w:r><w:t>%.3s</w:t></w:r><w:proofErr "
					    "w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr>"
					    "<w:t>%s</w:t></w:r>",
					    kwd, kwd + 3);
				else
					cbuf_printf(&body, "<w:r><w:t>%s</w:t></w:r>", kwd);
				cbuf_printf(&planted, "docx/%06u.docx\t%s\t%s\n", i,
				            split ? "split" : "whole", kwd);
			}
		}
		cbuf_puts(&body, "</w:p>");
		cbuf_reset(&doc);
		if (corpus_docx(&doc, body.ptr))
			goto out;
		snprintf(p, sizeof(p), "%s/docx/%06u.docx", dir, i);
		if (corpus_write(p, doc.ptr, doc.len))
			goto out;
	}
	snprintf(p, sizeof(p), "%s/planted.txt", dir);
	if (corpus_write(p, planted.ptr ? planted.ptr : "", planted.len))
		goto out;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "baomi-check-mkcorpus: 写入失败 write failed: %s: %s\n", p,
		        strerror(errno));
	for (i = 0; kws && i < nkw; i++)
		free(kws[i]);
	free(kws);
	cbuf_release(&kw);
	cbuf_release(&txt);
	cbuf_release(&para);
	cbuf_release(&conv);
	cbuf_release(&doc);
	cbuf_release(&body);
	cbuf_release(&planted);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "planted") == 0) {
		mkdir(argv[2], 0755);
		if (corpus_planted(argv[2])) {
			fprintf(stderr, "baomi-check-mkcorpus: 无法写入 cannot write %s\n",
			        argv[2]);
			return 2;
		}
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "formats") == 0) {
		mkdir(argv[2], 0755);
		if (corpus_formats(argv[2])) {
			fprintf(stderr, "baomi-check-mkcorpus: 无法写入 cannot write %s\n",
			        argv[2]);
			return 2;
		}
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "bench") == 0) {
		unsigned mib = (unsigned)strtoul(argv[3], NULL, 10);
		unsigned nd = (unsigned)strtoul(argv[4], NULL, 10);

		return bench(argv[2], mib, nd) ? 2 : 0;
	}
	fprintf(stderr, "用法 usage: baomi-check-mkcorpus planted DIR\n"
	                "       baomi-check-mkcorpus formats DIR\n"
	                "       baomi-check-mkcorpus bench DIR SIZE_MIB DOCX_COUNT\n");
	return 2;
}
