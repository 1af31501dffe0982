#include "boot.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "u8text.h"

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Appends code point c as UTF-8 if it fits whole; returns the new length. */
static size_t put_utf8(char *out, size_t w, size_t cap, unsigned c)
{
	char u[4];
	size_t k;

	if (c < 0x20)
		c = ' '; /* no control characters in evidence */
	k = u8t_encode(c, u);
	if (w + k >= cap)
		return w;
	memcpy(out + w, u, k);
	return w + k;
}

size_t boot_utf16(const unsigned char *p, size_t n, char *out, size_t cap)
{
	size_t i = 0, w = 0;

	if (!cap)
		return 0;
	while (i + 1 < n) {
		unsigned c = le16(p + i);

		i += 2;
		if (c == 0)
			break;
		if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && le16(p + i) >= 0xDC00 &&
		    le16(p + i) <= 0xDFFF) {
			c = 0x10000 + ((c - 0xD800) << 10) + (le16(p + i) - 0xDC00);
			i += 2;
		} else if (c >= 0xD800 && c <= 0xDFFF) {
			c = 0xFFFD;
		}
		w = put_utf8(out, w, cap, c);
	}
	out[w] = '\0';
	return i;
}

enum boot_err boot_fs(const unsigned char *p, size_t n, struct boot_kind *k)
{
	static const struct {
		size_t off;
		const char *magic;
		size_t len;
		struct boot_kind kind;
	} sig[] = {
	    {3, "NTFS    ", 8, {"NTFS", "Windows", 0}},
	    {3, "-FVE-FS-", 8, {"BitLocker 加密卷 BitLocker volume", "Windows", 1}},
	    {3, "EXFAT   ", 8, {"exFAT", "", 0}},
	    {82, "FAT32   ", 8, {"FAT32", "", 0}},
	    {54, "FAT16   ", 8, {"FAT16", "", 0}},
	    {54, "FAT12   ", 8, {"FAT12", "", 0}},
	    {0, "LUKS\xba\xbe", 6, {"LUKS 加密卷 LUKS volume", "Linux", 0}},
	    {0, "XFSB", 4, {"XFS", "Linux", 0}},
	    {1080, "\x53\xef", 2, {"ext2/3/4", "Linux", 0}},
	    {1024, "H+", 2, {"HFS+", "macOS", 1}},
	    {1024, "HX", 2, {"HFS+", "macOS", 1}},
	    {32, "NXSB", 4, {"APFS", "macOS", 1}},
	    {4086, "SWAPSPACE2", 10, {"Linux 交换分区 Linux swap", "Linux", 0}},
	};
	size_t i;

	if (n < 512)
		return BOOT_SHORT;
	for (i = 0; i < sizeof(sig) / sizeof(sig[0]); i++)
		if (sig[i].off + sig[i].len <= n &&
		    memcmp(p + sig[i].off, sig[i].magic, sig[i].len) == 0) {
			*k = sig[i].kind;
			return BOOT_OK;
		}
	return BOOT_NONE;
}

enum boot_err boot_gpt_header(const unsigned char *p, size_t n, struct boot_gpt *g)
{
	if (n < 92)
		return BOOT_SHORT;
	if (memcmp(p, "EFI PART", 8) != 0)
		return BOOT_NONE;
	g->entries_lba = le64(p + 72);
	g->nentries = le32(p + 80);
	g->entry_size = le32(p + 84);
	if (g->entries_lba < 2 || g->entries_lba > (1ull << 40) || g->nentries == 0 ||
	    g->entry_size < 128 || g->entry_size > 1024 || g->entry_size % 8)
		return BOOT_BAD;
	if (g->nentries > BOOT_GPT_MAX)
		g->nentries = BOOT_GPT_MAX;
	return BOOT_OK;
}

/* GPT partition types (UEFI spec and the vendors' published GUIDs). */
static const struct {
	const char *guid;
	struct boot_kind kind;
} gpt_types[] = {
    {"C12A7328-F81F-11D2-BA4B-00A0C93EC93B", {"EFI 系统分区 EFI system", "", 0}},
    {"21686148-6449-6E6F-744E-656564454649", {"BIOS 引导分区 BIOS boot", "", 0}},
    {"E3C9E316-0B5C-4DB8-817D-F92DF00215AE",
     {"Microsoft 保留分区 Microsoft reserved", "Windows", 1}},
    {"EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
     {"基本数据分区 basic data (Windows, FAT, exFAT)", "", 0}},
    {"DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", {"Windows 恢复环境 Windows recovery", "Windows", 1}},
    {"5808C8AA-7E8F-42E0-85D2-E1E90434CFB3",
     {"Windows 动态磁盘元数据 Windows LDM metadata", "Windows", 1}},
    {"AF9B60A0-1431-4F62-BC68-3311714A69AD",
     {"Windows 动态磁盘数据 Windows LDM data", "Windows", 1}},
    {"0FC63DAF-8483-4772-8E79-3D69D8477DE4", {"Linux 文件系统 Linux filesystem", "Linux", 0}},
    {"4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", {"Linux 根分区 Linux root (x86-64)", "Linux", 0}},
    {"B921B045-1DF0-41C3-AF44-4C6F280D3FAE", {"Linux 根分区 Linux root (ARM64)", "Linux", 0}},
    {"0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", {"Linux 交换分区 Linux swap", "Linux", 0}},
    {"E6D6D379-F507-44C2-A23C-238F2A3DF928", {"Linux LVM", "Linux", 0}},
    {"A19D880F-05FC-4D3B-A006-743F0F84911E", {"Linux RAID", "Linux", 0}},
    {"BC13C2FF-59E6-4262-A352-B275FD6F7172",
     {"Linux 扩展引导分区 Linux extended boot", "Linux", 0}},
    {"933AC7E1-2EB4-4F13-B844-0E14E2AEF915", {"Linux /home", "Linux", 0}},
    {"48465300-0000-11AA-AA11-00306543ECAC", {"Apple HFS+", "macOS", 1}},
    {"7C3457EF-0000-11AA-AA11-00306543ECAC", {"Apple APFS", "macOS", 1}},
    {"426F6F74-0000-11AA-AA11-00306543ECAC", {"Apple 引导分区 Apple boot", "macOS", 1}},
    {"83BD6B9D-7F41-11DC-BE0B-001560B84F0F", {"FreeBSD 引导分区 FreeBSD boot", "FreeBSD", 1}},
    {"516E7CB6-6ECF-11D6-8FF8-00022D09712B", {"FreeBSD UFS", "FreeBSD", 1}},
};

static const struct boot_kind unknown_kind = {"未知类型 unknown type", "", 0};

enum boot_err boot_gpt_entry(const unsigned char *p, size_t n, unsigned number,
                             struct boot_part *out)
{
	static const unsigned char zero[16];
	uint64_t last;
	size_t i;

	if (n < 128)
		return BOOT_SHORT;
	if (memcmp(p, zero, 16) == 0)
		return BOOT_NONE;
	memset(out, 0, sizeof(*out));
	out->number = number;
	snprintf(out->type, sizeof(out->type), "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
	         (unsigned)le32(p), le16(p + 4), le16(p + 6), p[8], p[9], p[10], p[11], p[12],
	         p[13], p[14], p[15]);
	out->kind = unknown_kind;
	for (i = 0; i < sizeof(gpt_types) / sizeof(gpt_types[0]); i++)
		if (strcmp(out->type, gpt_types[i].guid) == 0)
			out->kind = gpt_types[i].kind;
	out->first_lba = le64(p + 32);
	last = le64(p + 40);
	out->sectors = last >= out->first_lba ? last - out->first_lba + 1 : 0;
	boot_utf16(p + 56, 72, out->label, sizeof(out->label));
	return BOOT_OK;
}

static struct boot_kind mbr_kind(unsigned type)
{
	static const struct {
		unsigned char type;
		struct boot_kind kind;
	} t[] = {
	    {0x01, {"FAT12", "", 0}},
	    {0x04, {"FAT16", "", 0}},
	    {0x06, {"FAT16", "", 0}},
	    {0x0E, {"FAT16", "", 0}},
	    {0x0B, {"FAT32", "", 0}},
	    {0x0C, {"FAT32", "", 0}},
	    {0x07, {"NTFS/exFAT（Windows）", "Windows", 0}},
	    {0x17, {"隐藏 NTFS（Windows 恢复）hidden NTFS (Windows recovery)", "Windows", 1}},
	    {0x27, {"Windows 恢复环境 Windows recovery", "Windows", 1}},
	    {0x05, {"扩展分区 extended", "", 0}},
	    {0x0F, {"扩展分区 extended", "", 0}},
	    {0x85, {"扩展分区 extended", "", 0}},
	    {0x82, {"Linux 交换分区 Linux swap", "Linux", 0}},
	    {0x83, {"Linux", "Linux", 0}},
	    {0x8E, {"Linux LVM", "Linux", 0}},
	    {0xFD, {"Linux RAID", "Linux", 0}},
	    {0xEF, {"EFI 系统分区 EFI system", "", 0}},
	    {0xA5, {"FreeBSD", "FreeBSD", 1}},
	    {0xA6, {"OpenBSD", "OpenBSD", 1}},
	    {0xA9, {"NetBSD", "NetBSD", 1}},
	    {0xAF, {"Apple HFS", "macOS", 1}},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].type == type)
			return t[i].kind;
	return unknown_kind;
}

enum boot_err boot_mbr(const unsigned char *p, size_t n, struct boot_part out[4], unsigned *np)
{
	unsigned i;

	*np = 0;
	if (n < 512)
		return BOOT_SHORT;
	if (p[510] != 0x55 || p[511] != 0xAA)
		return BOOT_NONE;
	for (i = 0; i < 4; i++) {
		const unsigned char *e = p + 446 + 16 * i;

		if (e[0] != 0 && e[0] != 0x80)
			return BOOT_BAD; /* boot code, not a partition table */
		if (e[4] == 0xEE)
			return BOOT_NONE; /* protective MBR: the GPT says it */
	}
	for (i = 0; i < 4; i++) {
		const unsigned char *e = p + 446 + 16 * i;
		struct boot_part *o = &out[*np];

		if (e[4] == 0)
			continue;
		memset(o, 0, sizeof(*o));
		o->number = i + 1;
		o->kind = mbr_kind(e[4]);
		o->active = e[0] == 0x80;
		/* a Windows partition the BIOS boots from holds Windows' boot loader */
		if (o->active && strcmp(o->kind.os, "Windows") == 0)
			o->kind.other_os = 1;
		snprintf(o->type, sizeof(o->type), "0x%02X", e[4]);
		o->first_lba = le32(e + 8);
		o->sectors = le32(e + 12);
		(*np)++;
	}
	return BOOT_OK;
}

enum boot_err boot_load_option(const unsigned char *p, size_t n, struct boot_option *o)
{
	const unsigned char *d, *end;
	size_t used;
	unsigned fplen;

	memset(o, 0, sizeof(*o));
	o->device = "";
	if (n < 4 + 6)
		return BOOT_SHORT;
	p += 4; /* the efivarfs attributes */
	n -= 4;
	o->active = le32(p) & 1;
	fplen = le16(p + 4);
	used = boot_utf16(p + 6, n - 6, o->desc, sizeof(o->desc));
	d = p + 6 + used;
	if (fplen > n - 6 - used)
		return BOOT_SHORT;
	end = d + fplen;
	while (end - d >= 4) {
		unsigned type = d[0], sub = d[1], len = le16(d + 2);

		if (len < 4 || len > (size_t)(end - d))
			return BOOT_BAD;
		if (type == 0x7F && sub == 0xFF)
			break;
		if (type == 4 && sub == 1 && len >= 8)
			o->partition = le32(d + 4);
		else if (type == 4 && sub == 4 && !o->path[0])
			boot_utf16(d + 4, len - 4, o->path, sizeof(o->path));
		else if (type == 4 && sub == 6)
			o->device = "固件 firmware";
		else if (type == 3 && sub == 5)
			o->device = "USB";
		else if (type == 3 && (sub == 11 || sub == 12 || sub == 13 || sub == 24))
			o->device = "网络 network";
		else if (type == 5)
			o->device = "传统 legacy BIOS";
		d += len;
	}
	return BOOT_OK;
}

const char *boot_os_of(const char *name)
{
	static const struct {
		const char *token, *os;
	} t[] = {
	    {"windows", "Windows"},
	    {"microsoft", "Windows"},
	    {"ubuntu", "Ubuntu"},
	    {"debian", "Debian"},
	    {"neokylin", "中标麒麟 NeoKylin"},
	    {"kylin", "麒麟 Kylin"},
	    {"uniontech", "统信 UOS"},
	    {"uos", "统信 UOS"},
	    {"deepin", "深度 Deepin"},
	    {"openeuler", "openEuler"},
	    {"fedora", "Fedora"},
	    {"centos", "CentOS"},
	    {"redhat", "Red Hat"},
	    {"red hat", "Red Hat"},
	    {"opensuse", "openSUSE"},
	    {"mac os", "macOS"},
	    {"macos", "macOS"},
	    {"freebsd", "FreeBSD"},
	};
	size_t i, j, n = strlen(name);

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t tl = strlen(t[i].token);

		for (j = 0; j + tl <= n; j++)
			if (strncasecmp(name + j, t[i].token, tl) == 0)
				return t[i].os;
	}
	return NULL;
}
