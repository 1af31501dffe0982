/*
 * The "bigram" FTS5 tokenizer: exact token lists with byte offsets, then
 * search, phrase semantics, highlight() and ranking in a real in-memory
 * SQLite database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/store/fts_bigram.h"

/* ---- the pure tokenizer ---- */

/* Tokens as "tok:start:end" joined by spaces; colocated ones start with '+'. */
struct toks {
	char out[2048];
	size_t len;
	int n;
	int stop_after; /* return 7 after this many tokens; 0 = never */
	const char *text;
	int textlen;
};

static int collect_ex(void *ctx, int tflags, const char *tok, int toklen, int start, int end)
{
	struct toks *t = ctx;
	int w;

	/* invariants every caller relies on */
	assert_true(toklen > 0);
	assert_true(start >= 0 && start < end && end <= t->textlen);
	w = snprintf(t->out + t->len, sizeof(t->out) - t->len, "%s%s%.*s:%d:%d", t->n ? " " : "",
	             (tflags & FTS_BIGRAM_COLOCATED) ? "+" : "", toklen, tok, start, end);
	assert_true(w > 0 && (size_t)w < sizeof(t->out) - t->len);
	t->len += (size_t)w;
	t->n++;
	return t->stop_after && t->n >= t->stop_after ? 7 : 0;
}

static int collect(void *ctx, const char *tok, int toklen, int start, int end)
{
	return collect_ex(ctx, 0, tok, toklen, start, end);
}

static const char *tokens_n(const char *text, int len, struct toks *t)
{
	memset(t, 0, sizeof(*t));
	t->text = text;
	t->textlen = len;
	assert_int_equal(fts_bigram_tokenize(text, len, collect, t), 0);
	return t->out;
}

static const char *tokens(const char *text, struct toks *t)
{
	return tokens_n(text, (int)strlen(text), t);
}

static const char *tokens_uni(const char *text, struct toks *t)
{
	memset(t, 0, sizeof(*t));
	t->text = text;
	t->textlen = (int)strlen(text);
	assert_int_equal(
	    fts_bigram_tokenize_ex(text, t->textlen, FTS_BIGRAM_UNIGRAMS, collect_ex, t), 0);
	return t->out;
}

static void test_chinese_bigrams(void **state)
{
	struct toks t;

	(void)state;
	assert_string_equal(tokens("保密工作", &t), "保密:0:6 密工:3:9 工作:6:12");
	assert_string_equal(tokens("涉密", &t), "涉密:0:6");
	/* one character alone is a token, so one-character queries tokenize */
	assert_string_equal(tokens("密", &t), "密:0:3");
	assert_string_equal(tokens(" 密 ", &t), "密:1:4");
	/* 〇 and 々 belong to the run */
	assert_string_equal(tokens("二〇二五", &t), "二〇:0:6 〇二:3:9 二五:6:12");
	assert_string_equal(tokens("人々", &t), "人々:0:6");
}

static void test_mixed_text(void **state)
{
	struct toks t;

	(void)state;
	assert_string_equal(tokens("涉密U盘2024年度台账, Version 2.0", &t),
	                    "涉密:0:6 u:6:7 盘:7:10 2024:10:14 年度:14:20 度台:17:23 台账:20:26 "
	                    "version:28:35 2:36:37 0:38:39");
	assert_string_equal(tokens("HELLO World foo_bar-42", &t),
	                    "hello:0:5 world:6:11 foo:12:15 bar:16:19 42:20:22");
	/* full-width letters and digits fold to ASCII and join ASCII ones */
	assert_string_equal(tokens("ＡＢＣ１号", &t), "abc1:0:12 号:12:15");
	assert_string_equal(tokens("Ａb１2", &t), "ab12:0:8");
	/* Roman numerals fold: Ⅳ级 and IV级 find each other */
	assert_string_equal(tokens("Ⅳ级", &t), "iv:0:3 级:3:6");
	assert_string_equal(tokens("IV级", &t), "iv:0:2 级:2:5");
	/* letters of other scripts stay, only ASCII is case-folded */
	assert_string_equal(tokens("Café Москва", &t), "café:0:5 Москва:6:18");
}

static void test_punctuation_separates(void **state)
{
	struct toks t;

	(void)state;
	assert_string_equal(tokens("《保密法》、“涉密”（机密）。「绝密」", &t),
	                    "保密:3:9 密法:6:12 涉密:21:27 机密:33:39 绝密:48:54");
	assert_string_equal(tokens("甲，乙；丙：丁？戊！己　庚・辛…壬", &t),
	                    "甲:0:3 乙:6:9 丙:12:15 丁:18:21 戊:24:27 己:30:33 庚:36:39 辛:42:45 "
	                    "壬:48:51");
	assert_string_equal(tokens("a\tb\nc\r\nd.e,f", &t),
	                    "a:0:1 b:2:3 c:4:5 d:7:8 e:9:10 f:11:12");
	/* emoji, ￥ and ① separate */
	assert_string_equal(tokens("密😀级￥5①件", &t), "密:0:3 级:7:10 5:13:14 件:17:20");
	assert_string_equal(tokens("!!! 。。。", &t), "");
}

static void test_other_cjk(void **state)
{
	struct toks t;

	(void)state;
	/* Extension A (U+3400), compatibility ideograph (U+F900), Extension B (U+20000) */
	assert_string_equal(tokens("㐀㐁", &t), "㐀㐁:0:6");
	assert_string_equal(tokens("豈", &t), "豈:0:3");
	assert_string_equal(tokens("𠀀𠀁𠀂", &t), "𠀀𠀁:0:8 𠀁𠀂:4:12");
	assert_string_equal(tokens("한국어", &t), "한국:0:6 국어:3:9");
	assert_string_equal(tokens("ひらがな・カナ", &t), "ひら:0:6 らが:3:9 がな:6:12 カナ:15:21");
	/* a variation selector (U+FE00) does not break the pair */
	assert_string_equal(tokens("葛\xef\xb8\x80城", &t), "葛城:0:9");
}

static void test_invalid_utf8(void **state)
{
	struct toks t;
	/* \xff \xfe never valid; \xe5 before 密 is a truncated sequence; \xc0\xaf
	 * an overlong '/'; \xed\xa0\x80 a surrogate; \xe4\xbf truncated at the end */
	static const char bad[] = "ab\xff\xfe"
	                          "cd 保\xe5密 x\xc0\xafy z\xed\xa0\x80w 保\xe4\xbf";

	(void)state;
	assert_string_equal(tokens_n(bad, (int)sizeof(bad) - 1, &t),
	                    "ab:0:2 cd:4:6 保:7:10 密:11:14 x:15:16 y:18:19 z:20:21 w:24:25 "
	                    "保:26:29");
	/* an embedded NUL separates too */
	assert_string_equal(tokens_n("a\0b", 3, &t), "a:0:1 b:2:3");
	assert_string_equal(tokens_n("\x80\x80\x80", 3, &t), "");
}

static void test_empty_and_limits(void **state)
{
	struct toks t;
	char longword[200];

	(void)state;
	assert_string_equal(tokens("", &t), "");
	assert_string_equal(tokens_n(NULL, 0, &t), "");
	assert_int_equal(t.n, 0);
	/* a 100-letter run: one token of 64 bytes covering all 100 */
	memset(longword, 'A', 100);
	longword[100] = '\0';
	tokens(longword, &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(strlen(t.out), 64 + strlen(":0:100"));
	assert_memory_equal(t.out, "aaaaaaaaaaaaaaaa", 16);
	assert_string_equal(t.out + 64, ":0:100");
	/* multibyte letters are never cut in half: 40 × é (2 bytes) keeps 32 */
	for (int i = 0; i < 40; i++)
		memcpy(longword + 2 * i, "\xc3\xa9", 2);
	longword[80] = '\0';
	tokens(longword, &t);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.out + 64, ":0:80");
	/* len < 0: up to the NUL */
	memset(&t, 0, sizeof(t));
	t.textlen = 6;
	assert_int_equal(fts_bigram_tokenize("涉密", -1, collect, &t), 0);
	assert_string_equal(t.out, "涉密:0:6");
}

static void test_callback_stops(void **state)
{
	struct toks t;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.stop_after = 2;
	t.textlen = 12;
	assert_int_equal(fts_bigram_tokenize("保密工作", 12, collect, &t), 7);
	assert_string_equal(t.out, "保密:0:6 密工:3:9");
	memset(&t, 0, sizeof(t));
	t.stop_after = 1;
	t.textlen = 7;
	assert_int_equal(fts_bigram_tokenize("abc def", 7, collect, &t), 7);
	assert_int_equal(t.n, 1);
}

static void test_unigrams_option(void **state)
{
	struct toks t;

	(void)state;
	assert_string_equal(tokens_uni("保密工作", &t),
	                    "保密:0:6 +保:0:3 密工:3:9 +密:3:6 工作:6:12 +工:6:9 +作:9:12");
	assert_string_equal(tokens_uni("涉密", &t), "涉密:0:6 +涉:0:3 +密:3:6");
	assert_string_equal(tokens_uni("密", &t), "密:0:3");
	assert_string_equal(tokens_uni("U盘管理", &t),
	                    "u:0:1 盘管:1:7 +盘:1:4 管理:4:10 +管:4:7 +理:7:10");
}

/* ---- in SQLite ---- */

static sqlite3 *open_db(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(fts_bigram_register(db), SQLITE_OK);
	return db;
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
}

/* The rowids (space-separated, in result order) of `select` bound to ?1 = q. */
static const char *query(sqlite3 *db, const char *select, const char *q, char *out, size_t cap)
{
	sqlite3_stmt *st;
	size_t len = 0;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db, select, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", select, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		int w = snprintf(out + len, cap - len, "%s%s", len ? " " : "", v ? v : "NULL");

		assert_true(w > 0 && (size_t)w < cap - len);
		len += (size_t)w;
	}
	if (rc != SQLITE_DONE)
		fail_msg("%s [%s]: %s", select, q, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return out;
}

static const char *hits(sqlite3 *db, const char *q, char *out, size_t cap)
{
	return query(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", q, out, cap);
}

static sqlite3 *ledger(void)
{
	sqlite3 *db = open_db();

	exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, notes, tokenize='bigram');"
	         "INSERT INTO t(rowid, title, notes) VALUES"
	         " (1, '涉密载体台账', '2024年度 U盘 登记'),"
	         " (2, '保密工作制度', 'Annual REPORT on secrecy'),"
	         " (3, '保密', '工作安排'),"
	         " (4, '秘密文件', '涉及密码的设备'),"
	         " (5, 'U盘管理规定', NULL),"
	         " (6, 'Ⅳ级事件报告', '一般、紧急');");
	return db;
}

static void test_sql_finds_two_character_words(void **state)
{
	sqlite3 *db = ledger();
	char r[256];

	(void)state;
	assert_string_equal(hits(db, "涉密", r, sizeof(r)), "1");
	assert_string_equal(hits(db, "台账", r, sizeof(r)), "1");
	assert_string_equal(hits(db, "密码", r, sizeof(r)), "4");
	assert_string_equal(hits(db, "title:保密", r, sizeof(r)), "2 3");
	/* no false hit: 涉 and 密 occur in 4 but not as 涉密 */
	assert_string_equal(hits(db, "密涉", r, sizeof(r)), "");
	assert_string_equal(hits(db, "绝密", r, sizeof(r)), "");
	/* after an update the old words are gone from the index */
	exec(db, "UPDATE t SET title = '普通载体台账' WHERE rowid = 1");
	assert_string_equal(hits(db, "涉密", r, sizeof(r)), "");
	exec(db, "DELETE FROM t WHERE rowid = 4");
	assert_string_equal(hits(db, "密码", r, sizeof(r)), "");
	exec(db, "INSERT INTO t(t) VALUES('integrity-check')");
	sqlite3_close(db);
}

static void test_sql_phrase_semantics(void **state)
{
	sqlite3 *db = ledger();
	char r[256];

	(void)state;
	/* 保密工作 is the phrase 保密 密工 工作: not 3, which has 保密 and 工作 apart */
	assert_string_equal(hits(db, "保密工作", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "保密工作制度", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "保密 工作", r, sizeof(r)), "2 3");
	assert_string_equal(hits(db, "\"保密工作\"", r, sizeof(r)), "2");
	/* punctuation inside a query term separates the same way */
	assert_string_equal(hits(db, "\"一般，紧急\"", r, sizeof(r)), "6");
	assert_string_equal(hits(db, "\"载体，台账\"", r, sizeof(r)), "");
	/* one character, and one character next to ASCII (colocated unigrams) */
	assert_string_equal(hits(db, "密", r, sizeof(r)), "1 2 3 4");
	assert_string_equal(hits(db, "盘", r, sizeof(r)), "1 5");
	assert_string_equal(hits(db, "U盘", r, sizeof(r)), "1 5");
	assert_string_equal(hits(db, "U盘管理", r, sizeof(r)), "5");
	assert_string_equal(hits(db, "Ｕ盘", r, sizeof(r)), "1 5");
	assert_string_equal(hits(db, "IV级", r, sizeof(r)), "6");
	/* prefix queries */
	assert_string_equal(hits(db, "保*", r, sizeof(r)), "2 3");
	assert_string_equal(hits(db, "保密工*", r, sizeof(r)), "2");
	sqlite3_close(db);
}

static void test_sql_english_case_insensitive(void **state)
{
	sqlite3 *db = ledger();
	char r[256];

	(void)state;
	assert_string_equal(hits(db, "report", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "Report", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "\"ＲＥＰＯＲＴ\"", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "annual report", r, sizeof(r)), "2");
	assert_string_equal(hits(db, "\"report annual\"", r, sizeof(r)), "");
	assert_string_equal(hits(db, "2024", r, sizeof(r)), "1");
	assert_string_equal(hits(db, "202", r, sizeof(r)), "");
	sqlite3_close(db);
}

static void test_sql_highlight(void **state)
{
	sqlite3 *db = ledger();
	char r[512];
	const char *hl0 = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rowid";
	const char *hl1 = "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rowid";

	(void)state;
	assert_string_equal(query(db, hl0, "涉密", r, sizeof(r)), "[涉密]载体台账");
	assert_string_equal(query(db, hl0, "保密工作", r, sizeof(r)), "[保密工作]制度");
	assert_string_equal(query(db, hl0, "载体 台账", r, sizeof(r)), "涉密[载体][台账]");
	assert_string_equal(query(db, hl1, "report", r, sizeof(r)), "Annual [REPORT] on secrecy");
	assert_string_equal(query(db, hl1, "U盘", r, sizeof(r)), "2024年度 [U盘] 登记 NULL");
	/* a single character is marked with the bigram that carries it */
	assert_string_equal(query(db, hl0, "账", r, sizeof(r)), "涉密载体[台账]");
	assert_string_equal(query(db,
	                          "SELECT snippet(t, 1, '[', ']', '…', 3) FROM t WHERE t MATCH ?1",
	                          "登记", r, sizeof(r)),
	                    "…U盘 [登记]");
	sqlite3_close(db);
}

static void test_sql_ranking(void **state)
{
	sqlite3 *db = open_db();
	char r[256];

	(void)state;
	exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, notes, tokenize='bigram');"
	         "INSERT INTO t(rowid, title, notes) VALUES"
	         " (1, '会议纪要', '本次会议讨论了年度工作计划、人员培训、设备采购、经费预算、"
	         "档案整理等事项，其中一项涉及涉密载体的管理。'),"
	         " (2, '涉密载体清单', '涉密 U盘 与 涉密 文件'),"
	         " (3, '设备采购', '打印机 复印机'),"
	         " (4, '载体登记', '涉密计算机一台');");
	/* bm25: three mentions in a short row first, one in a long row last */
	assert_string_equal(
	    query(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank", "涉密", r, sizeof(r)),
	    "2 4 1");
	/* title weighted 10×: the title hit wins over a notes hit */
	assert_string_equal(
	    query(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t, 10.0, 1.0)", "设备", r,
	          sizeof(r)),
	    "3 1");
	sqlite3_close(db);
}

static void test_sql_register_errors(void **state)
{
	sqlite3 *db = open_db();

	(void)state;
	/* registering again replaces the tokenizer */
	assert_int_equal(fts_bigram_register(db), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE x USING fts5(a, tokenize='bigram no')", NULL,
	                 NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	/* without registration the table cannot be created */
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db,
	                                  "CREATE VIRTUAL TABLE x USING fts5(a, tokenize='bigram')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chinese_bigrams),
	    cmocka_unit_test(test_mixed_text),
	    cmocka_unit_test(test_punctuation_separates),
	    cmocka_unit_test(test_other_cjk),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_empty_and_limits),
	    cmocka_unit_test(test_callback_stops),
	    cmocka_unit_test(test_unigrams_option),
	    cmocka_unit_test(test_sql_finds_two_character_words),
	    cmocka_unit_test(test_sql_phrase_semantics),
	    cmocka_unit_test(test_sql_english_case_insensitive),
	    cmocka_unit_test(test_sql_highlight),
	    cmocka_unit_test(test_sql_ranking),
	    cmocka_unit_test(test_sql_register_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
