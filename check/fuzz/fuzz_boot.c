/*
 * libFuzzer target: the decoders of the other-OS check (boot.h) on any
 * bytes: a Boot#### variable, a GPT header and its entries, an MBR, a file
 * system's first sectors, and the UTF-16 they carry.  Besides memory errors
 * it checks that every decoded text is a NUL-terminated string in its field.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct boot_option o;
	struct boot_gpt g;
	struct boot_part parts[4], p;
	struct boot_kind k;
	char text[64];
	unsigned np, i;
	size_t off;

	if (boot_load_option(data, size, &o) == BOOT_OK) {
		if (strlen(o.desc) >= sizeof(o.desc) || strlen(o.path) >= sizeof(o.path))
			abort();
		(void)boot_os_of(o.desc);
		(void)boot_os_of(o.path);
	}
	if (boot_gpt_header(data, size, &g) == BOOT_OK &&
	    (g.nentries > BOOT_GPT_MAX || g.entry_size < 128))
		abort();
	for (off = 0; off + 128 <= size && off < 128 * 128; off += 128)
		if (boot_gpt_entry(data + off, size - off, (unsigned)(off / 128) + 1, &p) ==
		        BOOT_OK &&
		    strlen(p.label) >= sizeof(p.label))
			abort();
	if (boot_mbr(data, size, parts, &np) == BOOT_OK)
		for (i = 0; i < np; i++)
			if (!parts[i].kind.name || parts[i].number < 1 || parts[i].number > 4)
				abort();
	(void)boot_fs(data, size, &k);
	if (boot_utf16(data, size, text, sizeof(text)) > size || strlen(text) >= sizeof(text))
		abort();
	return 0;
}
