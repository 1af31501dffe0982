/*
 * baomi-check — the endpoint inspector (保密检查).
 *
 *   baomi-check scan --keywords FILE [--jobs N] [--format json|text]
 *                    [--engine auto|ac|hs] [--file-timeout SECONDS]
 *                    [--file-memory SIZE] [--ocr [--ocr-dpi N] [--ocr-lang LANGS]]
 *                    [-o FILE] PATH...
 *   baomi-check system [--role classified|unclassified] [--media FILE]
 *                      [--format json|text] [--root DIR] [-o FILE]
 *   baomi-check all --role classified|unclassified --keywords FILE
 *                   [--media FILE] [--jobs N] [--file-timeout SECONDS] [--file-memory SIZE]
 *                   [--ocr [--ocr-dpi N] [--ocr-lang LANGS]] [--hmac-key FILE]
 *                   -o REPORT [PATH...]
 *   baomi-check verify [--hmac-key FILE] REPORT
 *
 * Exit codes: 0 nothing found, 1 violations or hits, 2 usage or input error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbuf.h"
#include "kw.h"
#include "match.h"
#include "ocr.h"
#include "pdftext.h"
#include "report.h"
#include "scan.h"
#include "sys.h"

#define CHECK_VERSION "0.1.0"
#define EXIT_FOUND 1
#define EXIT_USAGE 2
#define EXIT_UNREADABLE 3 /* nothing found, but some files could not be read */

static void usage(FILE *f)
{
	fputs("用法 usage:\n"
	      "  baomi-check scan --keywords FILE [--jobs N] [--format json|text]\n"
	      "                   [--engine auto|ac|hs] [--file-timeout SECONDS]\n"
	      "                   [--file-memory SIZE] [-o FILE] PATH...\n"
	      "      每个文件的时间与内存预算 per-file budget of time and memory\n"
	      "      (默认 default 10 s, 256M; SIZE: 数字加 K/M/G, 无单位为 MiB a number with\n"
	      "      K/M/G, MiB without); 超出的文件列入 errors over budget: listed in errors\n"
	      "      --ocr: 识别图片与无文字层 PDF 页中的文字 (Tesseract) read text in images and\n"
	      "      image-only PDF pages, also pictures in documents; --ocr-dpi N: PDF "
	      "页渲染分辨率\n"
	      "      render dpi (默认 default 300); --ocr-lang LANGS: Tesseract 语言模型 models\n"
	      "      (默认 default chi_sim+eng)\n"
	      "  baomi-check system [--role classified|unclassified] [--media FILE]\n"
	      "                     [--format json|text] [--root DIR] [-o FILE]\n"
	      "  baomi-check all --role classified|unclassified --keywords FILE [--media FILE]\n"
	      "                  [--jobs N] [--file-timeout SECONDS] [--file-memory SIZE]\n"
	      "                  [--ocr [--ocr-dpi N] [--ocr-lang LANGS]] [--hmac-key FILE]\n"
	      "                  -o REPORT [PATH...]\n"
	      "  baomi-check verify [--hmac-key FILE] REPORT\n"
	      "退出码 exit: 0 未发现问题 nothing found, 1 发现违规、命中或加密文件 "
	      "violations/hits/encrypted files,\n"
	      "             2 用法或输入错误 usage or input error\n",
	      f);
}

struct cli {
	const char *keywords;
	const char *format;
	const char *output;
	const char *role;
	const char *media;
	const char *root;
	const char *hmac_key;
	enum match_engine engine;
	unsigned jobs;
	double file_timeout;
	size_t file_memory;
	int ocr;
	unsigned ocr_dpi;
	const char *ocr_lang;
	const char **paths;
	size_t npaths;
};

/* Parses options common to every command; returns 0 or EXIT_USAGE. */
static int parse_args(int argc, char **argv, struct cli *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->paths = calloc((size_t)argc + 1, sizeof(char *));
	if (!c->paths)
		return EXIT_USAGE;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (strcmp(a, "--keywords") == 0 || strcmp(a, "-k") == 0)
			slot = &c->keywords;
		else if (strcmp(a, "--format") == 0)
			slot = &c->format;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			slot = &c->output;
		else if (strcmp(a, "--role") == 0)
			slot = &c->role;
		else if (strcmp(a, "--media") == 0)
			slot = &c->media;
		else if (strcmp(a, "--root") == 0)
			slot = &c->root;
		else if (strcmp(a, "--hmac-key") == 0)
			slot = &c->hmac_key;
		else if (strcmp(a, "--ocr-lang") == 0)
			slot = &c->ocr_lang;
		if (slot) {
			if (i + 1 >= argc) {
				fprintf(stderr, "baomi-check: %s 缺少参数 needs a value\n", a);
				return EXIT_USAGE;
			}
			*slot = argv[++i];
			continue;
		}
		if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
			char *end;
			long v;

			if (i + 1 >= argc) {
				fprintf(stderr, "baomi-check: %s 缺少参数 needs a value\n", a);
				return EXIT_USAGE;
			}
			errno = 0;
			v = strtol(argv[++i], &end, 10);
			if (errno || *end || v < 1 || v > 256) {
				fprintf(stderr,
				        "baomi-check: --jobs 须为 1..256 must be 1..256: %s\n",
				        argv[i]);
				return EXIT_USAGE;
			}
			c->jobs = (unsigned)v;
			continue;
		}
		if (strcmp(a, "--file-timeout") == 0) {
			const char *v = i + 1 < argc ? argv[++i] : "";
			char *end;

			errno = 0;
			c->file_timeout = strtod(v, &end);
			if (errno || end == v || *end || !(c->file_timeout >= 0.01) ||
			    c->file_timeout > 86400) {
				fprintf(stderr,
				        "baomi-check: --file-timeout 须为 0.01..86400 秒 must be "
				        "0.01..86400 seconds: %s\n",
				        v);
				return EXIT_USAGE;
			}
			continue;
		}
		if (strcmp(a, "--file-memory") == 0) {
			const char *v = i + 1 < argc ? argv[++i] : "";
			char *end;
			unsigned long long n;
			unsigned shift = 20;

			errno = 0;
			n = strtoull(v, &end, 10);
			if (*end == 'K' || *end == 'k')
				shift = 10, end++;
			else if (*end == 'M' || *end == 'm')
				shift = 20, end++;
			else if (*end == 'G' || *end == 'g')
				shift = 30, end++;
			if (errno || end == v || *end || v[0] == '-' || n == 0 ||
			    n > (1ull << 44) >> shift || (n << shift) < (16ull << 20)) {
				fprintf(stderr,
				        "baomi-check: --file-memory 须为 16M..16384G must be "
				        "16M..16384G: %s\n",
				        v);
				return EXIT_USAGE;
			}
			c->file_memory = (size_t)(n << shift);
			continue;
		}
		if (strcmp(a, "--ocr") == 0) {
			c->ocr = 1;
			continue;
		}
		if (strcmp(a, "--ocr-dpi") == 0) {
			const char *v = i + 1 < argc ? argv[++i] : "";
			char *end;
			long n;

			errno = 0;
			n = strtol(v, &end, 10);
			if (errno || end == v || *end || n < OCR_DPI_MIN || n > OCR_DPI_MAX) {
				fprintf(stderr,
				        "baomi-check: --ocr-dpi 须为 %d..%d must be %d..%d: %s\n",
				        OCR_DPI_MIN, OCR_DPI_MAX, OCR_DPI_MIN, OCR_DPI_MAX, v);
				return EXIT_USAGE;
			}
			c->ocr_dpi = (unsigned)n;
			continue;
		}
		if (strcmp(a, "--engine") == 0) {
			const char *v = i + 1 < argc ? argv[++i] : "";

			if (strcmp(v, "auto") == 0)
				c->engine = MATCH_AUTO;
			else if (strcmp(v, "ac") == 0)
				c->engine = MATCH_AC;
			else if (strcmp(v, "hs") == 0)
				c->engine = MATCH_HS;
			else {
				fprintf(stderr,
				        "baomi-check: --engine 须为 auto|ac|hs must be auto|ac|hs: "
				        "%s\n",
				        v);
				return EXIT_USAGE;
			}
			continue;
		}
		if (a[0] == '-' && a[1] != '\0' && strcmp(a, "--") != 0) {
			fprintf(stderr, "baomi-check: 未知选项 unknown option: %s\n", a);
			return EXIT_USAGE;
		}
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				c->paths[c->npaths++] = argv[i];
			break;
		}
		c->paths[c->npaths++] = a;
	}
	if (c->format && strcmp(c->format, "json") != 0 && strcmp(c->format, "text") != 0) {
		fprintf(stderr, "baomi-check: --format 须为 json|text must be json|text: %s\n",
		        c->format);
		return EXIT_USAGE;
	}
	if (c->ocr_dpi && !c->ocr) {
		fprintf(stderr, "baomi-check: --ocr-dpi 须与 --ocr 同用 needs --ocr\n");
		return EXIT_USAGE;
	}
	if (c->ocr_lang && !c->ocr) {
		fprintf(stderr, "baomi-check: --ocr-lang 须与 --ocr 同用 needs --ocr\n");
		return EXIT_USAGE;
	}
	if (c->ocr_lang && !ocr_langs_valid(c->ocr_lang)) {
		fprintf(
		    stderr,
		    "baomi-check: --ocr-lang 须为以 + 连接的 Tesseract 语言名 must be Tesseract "
		    "language names joined by + (chi_sim+eng): %s\n",
		    c->ocr_lang);
		return EXIT_USAGE;
	}
	if (c->role && strcmp(c->role, "classified") != 0 && strcmp(c->role, "unclassified") != 0) {
		fprintf(stderr,
		        "baomi-check: --role 须为 classified|unclassified must be "
		        "classified|unclassified: %s\n",
		        c->role);
		return EXIT_USAGE;
	}
	if (!c->jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		c->jobs = n > 0 ? (unsigned)(n > 64 ? 64 : n) : 1;
	}
	return 0;
}

static int load_keywords(const char *path, struct kw_set *ks)
{
	size_t line = 0;
	enum kw_err err;

	if (!path) {
		fprintf(stderr, "baomi-check: 缺少 --keywords FILE missing --keywords FILE\n");
		return EXIT_USAGE;
	}
	err = kw_set_load(ks, path, &line);
	if (err == KW_IO) {
		fprintf(stderr, "baomi-check: 关键词文件 keywords file %s: %s\n", path,
		        strerror(errno));
		return EXIT_USAGE;
	}
	if (err) {
		if (line)
			fprintf(stderr, "baomi-check: 关键词文件 keywords file %s:%zu: %s\n", path,
			        line, kw_strerror(err));
		else
			fprintf(stderr, "baomi-check: 关键词文件 keywords file %s: %s\n", path,
			        kw_strerror(err));
		return EXIT_USAGE;
	}
	return 0;
}

/* Writes buf to path, or stdout when path is NULL or "-". */
static int write_out(const char *path, const struct cbuf *b)
{
	FILE *f = stdout;
	int rc = 0;

	if (path && strcmp(path, "-") != 0) {
		f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "baomi-check: 无法写入 cannot write %s: %s\n", path,
			        strerror(errno));
			return EXIT_USAGE;
		}
	}
	if (fwrite(b->ptr ? b->ptr : "", 1, b->len, f) != b->len || fflush(f) != 0)
		rc = EXIT_USAGE;
	if (f != stdout && fclose(f) != 0)
		rc = EXIT_USAGE;
	if (rc)
		fprintf(stderr, "baomi-check: 写入失败 write failed: %s\n", path ? path : "stdout");
	return rc;
}

static int cmd_scan(int argc, char **argv)
{
	struct cli c;
	struct kw_set ks;
	struct scan_result res;
	struct scan_opts opts;
	struct cbuf out;
	char why[512];
	int rc, text;
	enum scan_err err;

	kw_set_init(&ks);
	scan_result_init(&res);
	cbuf_init(&out, (size_t)1 << 31);
	rc = parse_args(argc, argv, &c);
	if (rc)
		goto out;
	if (c.npaths == 0) {
		fprintf(stderr, "baomi-check scan: 缺少要扫描的路径 no PATH to scan\n");
		rc = EXIT_USAGE;
		goto out;
	}
	rc = load_keywords(c.keywords, &ks);
	if (rc)
		goto out;
	text = c.format && strcmp(c.format, "text") == 0;
	memset(&opts, 0, sizeof(opts));
	opts.paths = c.paths;
	opts.npaths = c.npaths;
	opts.jobs = c.jobs;
	opts.engine = c.engine;
	opts.progress = text && isatty(STDERR_FILENO);
	opts.file_timeout = c.file_timeout;
	opts.file_memory = c.file_memory;
	opts.ocr = c.ocr;
	opts.ocr_dpi = c.ocr_dpi;
	opts.ocr_lang = c.ocr_lang;
	err = scan_run(&ks, &opts, &res, why, sizeof(why));
	if (err) {
		fprintf(stderr, "baomi-check scan: %s\n",
		        err == SCAN_NOMEM ? "内存不足 out of memory" : why);
		rc = EXIT_USAGE;
		goto out;
	}
	if (text ? scan_result_text(&res, &ks, &out) : scan_result_json(&res, &ks, &out)) {
		fprintf(stderr, "baomi-check scan: 内存不足 out of memory\n");
		rc = EXIT_USAGE;
		goto out;
	}
	if (!text)
		cbuf_putc(&out, '\n');
	rc = write_out(c.output, &out);
	/* An encrypted file is a finding like a hit: its content could not be checked. */
	if (!rc && (res.files_with_hits || res.files_encrypted))
		rc = EXIT_FOUND;
	else if (!rc && res.files_with_errors)
		rc = EXIT_UNREADABLE;
out:
	cbuf_release(&out);
	scan_result_release(&res);
	kw_set_release(&ks);
	free(c.paths);
	return rc;
}

static int cmd_system(int argc, char **argv)
{
	struct cli c;
	struct sys_report sr;
	struct cbuf out;
	int rc;

	sys_report_init(&sr);
	cbuf_init(&out, (size_t)1 << 28);
	rc = parse_args(argc, argv, &c);
	if (rc)
		goto out;
	rc = sys_run(&sr, c.root, c.role, c.media);
	if (rc) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (c.format && strcmp(c.format, "text") == 0 ? sys_report_text(&sr, &out)
	                                              : sys_report_json(&sr, &out)) {
		rc = EXIT_USAGE;
		goto out;
	}
	cbuf_putc(&out, '\n');
	rc = write_out(c.output, &out);
	if (!rc && sr.failed)
		rc = EXIT_FOUND;
out:
	cbuf_release(&out);
	sys_report_release(&sr);
	free(c.paths);
	return rc;
}

static int cmd_all(int argc, char **argv)
{
	struct cli c;
	int rc;

	rc = parse_args(argc, argv, &c);
	if (rc)
		goto out;
	if (!c.role || !c.output) {
		fprintf(stderr,
		        "baomi-check all: 须给出 --role 和 -o needs --role and -o REPORT\n");
		rc = EXIT_USAGE;
		goto out;
	}
	rc = report_all(c.role, c.keywords, c.media, c.root, c.hmac_key, c.jobs, c.engine,
	                c.file_timeout, c.file_memory, c.ocr, c.ocr_dpi, c.ocr_lang, c.paths,
	                c.npaths, c.output, CHECK_VERSION);
out:
	free(c.paths);
	return rc;
}

static int cmd_verify(int argc, char **argv)
{
	struct cli c;
	int rc;

	rc = parse_args(argc, argv, &c);
	if (rc)
		goto out;
	if (c.npaths != 1) {
		fprintf(stderr, "baomi-check verify: 须给出一个报告文件 needs one REPORT\n");
		rc = EXIT_USAGE;
		goto out;
	}
	rc = report_verify(c.paths[0], c.hmac_key);
out:
	free(c.paths);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* `baomi-check COMMAND ... --help` too */
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
	if (strcmp(argv[1], "scan") == 0)
		return cmd_scan(argc - 2, argv + 2);
	if (strcmp(argv[1], "system") == 0)
		return cmd_system(argc - 2, argv + 2);
	if (strcmp(argv[1], "all") == 0)
		return cmd_all(argc - 2, argv + 2);
	if (strcmp(argv[1], "verify") == 0)
		return cmd_verify(argc - 2, argv + 2);
	if (strcmp(argv[1], "--version") == 0) {
		printf("baomi-check %s (%s, %s)\n", CHECK_VERSION,
		       match_hs_available() ? "hyperscan" : "aho-corasick",
		       pdftext_available() ? "pdf: poppler" : "pdf: none");
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "baomi-check: 未知命令 unknown command: %s\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
