/*
 * xmltext_agree — the fast XML text extractor (SSE2 on x86-64, plain C
 * elsewhere) gives what the byte-at-a-time reference gives, output cap and
 * all, on fixed documents and on random strings of XML fragments.  No
 * library but libc, so that it also runs built for arm64 under qemu-user
 * (tests/CMakeLists.txt): the plain C path is tested on every run too.
 *
 *   xmltext_agree [N]    N random strings (default 400); exit 0 when all
 *                        agree, 1 with the first disagreement
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbuf.h"
#include "xmltext.h"
#include "xmltext_ref.h"

/* Both extractors on in[0..n), with every output cap and with and without earlier output. */
static int same(const char *in, size_t n)
{
	size_t max, pre;

	for (pre = 0; pre < 2; pre++)
		for (max = 3; max <= n + 8; max++) {
			struct cbuf a, b;
			enum cbuf_err ea, eb;
			int ok;

			cbuf_init(&a, max);
			cbuf_init(&b, max);
			if (pre && (cbuf_append(&a, "pre", 3) || cbuf_append(&b, "pre", 3)))
				return printf("cbuf_append failed\n"), 0;
			ea = xmltext_extract(in, n, &a);
			eb = xmltext_extract_ref(in, n, &b);
			ok = ea == eb && a.len == b.len &&
			     (!a.len || memcmp(a.ptr, b.ptr, a.len) == 0);
			if (!ok)
				printf(
				    "disagree (cap %zu, pre %zu): fast %d \"%.*s\", reference %d "
				    "\"%.*s\" on \"%.*s\"\n",
				    max, pre, (int)ea, (int)a.len, a.ptr ? a.ptr : "", (int)eb,
				    (int)b.len, b.ptr ? b.ptr : "", (int)n, in);
			cbuf_release(&a);
			cbuf_release(&b);
			if (!ok)
				return 0;
		}
	return 1;
}

static int random_fragments(unsigned long rounds)
{
	static const char *const bits[] = {"<w:p>",
	                                   "</w:p>",
	                                   "<w:t>",
	                                   "</w:t>",
	                                   "<w:r>",
	                                   "<br/>",
	                                   "<text:s/>",
	                                   "<tab/>",
	                                   "<c>",
	                                   "</row>",
	                                   "<table:table-cell/>",
	                                   "<line-break/>",
	                                   "<a b=\"x>y\">",
	                                   "<a b='/'/>",
	                                   "<x b=\"unterminated",
	                                   "</",
	                                   "<",
	                                   "<![CDATA[",
	                                   "]]>",
	                                   "<!--",
	                                   "-->",
	                                   "<?pi",
	                                   "?>",
	                                   "<!DOCTYPE x>",
	                                   "&lt;",
	                                   "&amp;",
	                                   "&quot;",
	                                   "&apos;",
	                                   "&gt;",
	                                   "&#23494;",
	                                   "&#x6D89;",
	                                   "&#0;",
	                                   "&#x110000;",
	                                   "&#xD800;",
	                                   "&#;",
	                                   "&bogus;",
	                                   "&",
	                                   "&#12345678901;",
	                                   "密",
	                                   "text",
	                                   " ",
	                                   "\n",
	                                   "\n  ",
	                                   "\t",
	                                   "\r\n",
	                                   ":",
	                                   "/",
	                                   ">",
	                                   "\"",
	                                   "'"};
	static const char *const fixed[] = {
	    "<w:p><w:r><w:t>绝</w:t></w:r><w:r><w:t>密</w:t></w:r></w:p>",
	    "<a>x &lt;&amp;&gt; &#x6D89;&#23494; &bogus;</a>",
	    "<p>A</p>\n   <p>B</p>\n  ",
	    "<t xml:space=\"preserve\"> </t><t>b</t>",
	    "<![CDATA[<raw>]]><!-- c --><?pi x?>z<![CDATA[open",
	    "<a title=\"x>y\">t</a><!-- open",
	    "<unclosed",
	    "<text:p>a<text:s/>b<text:tab/>c</text:p>",
	    "&#x1F600;&#65;&#x41;&#X41;&amp&lt"};
	char buf[512];
	unsigned long long r = 0x9E3779B97F4A7C15ull;
	size_t i, k;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!same(fixed[i], strlen(fixed[i])))
			return 0;
	for (i = 0; i < rounds; i++) {
		size_t n = 0;

		for (k = 0; k < 24; k++) {
			const char *b;
			size_t l;

			r = r * 6364136223846793005ull + 1442695040888963407ull;
			b = bits[(r >> 33) % (sizeof(bits) / sizeof(bits[0]))];
			l = strlen(b);
			if (n + l > sizeof(buf))
				break;
			memcpy(buf + n, b, l);
			n += l;
		}
		if (!same(buf, n))
			return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long rounds = argc > 1 ? strtoul(argv[1], NULL, 10) : 400;

	if (!random_fragments(rounds))
		return 1;
	printf("xmltext_agree: fast and reference extractors agree (%lu random strings)\n", rounds);
	return 0;
}
