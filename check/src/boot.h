/*
 * boot — decoders of what says another operating system is installed: the
 * partition tables (GPT, MBR), file-system signatures at the start of a
 * partition, and the UEFI boot entries (EFI_LOAD_OPTION of the Boot####
 * variables).  Pure functions over bytes already read; sys.c does the I/O.
 * Every name they give is for people (GUIDs and type bytes decoded, UTF-16
 * turned into UTF-8).
 */
#ifndef BAOMI_CHECK_BOOT_H
#define BAOMI_CHECK_BOOT_H

#include <stddef.h>
#include <stdint.h>

enum boot_err {
	BOOT_OK = 0,
	BOOT_NONE,  /* not this structure (no signature) */
	BOOT_SHORT, /* cut off */
	BOOT_BAD,   /* the signature is there but the fields make no sense */
};

/* What one partition or file system is. */
struct boot_kind {
	const char *name; /* "NTFS", "Microsoft 保留分区 Microsoft reserved" … */
	const char *os;   /* "Windows", "macOS", "Linux", "FreeBSD" or "" */
	int other_os;     /* 1: only another operating system makes this */
};

struct boot_part {
	unsigned number; /* 1-based */
	struct boot_kind kind;
	char type[40];   /* the GPT type GUID or MBR type byte as written ("0x07") */
	char label[128]; /* GPT partition name, UTF-8 */
	int active;      /* MBR boot flag */
	uint64_t first_lba, sectors;
};

#define BOOT_GPT_MAX 128 /* partition entries read */

struct boot_gpt {
	uint64_t entries_lba;
	unsigned nentries, entry_size;
};

struct boot_option {
	int active;         /* LOAD_OPTION_ACTIVE */
	char desc[256];     /* the description, UTF-8 */
	char path[512];     /* the file path of the device path (\EFI\Microsoft\…), UTF-8 */
	unsigned partition; /* the hard-drive node's partition number, 0 if none */
	const char *device; /* "", "USB", "网络 network", "传统 legacy BIOS" */
};

/*
 * UTF-16LE of n bytes to UTF-8 in out (cap bytes with its NUL), up to the
 * first NUL unit; unpaired surrogates become U+FFFD.  Returns the bytes read.
 */
size_t boot_utf16(const unsigned char *p, size_t n, char *out, size_t cap);

/* The file system at the start of a partition (p: its first n bytes, ≥ 8 KB for all). */
enum boot_err boot_fs(const unsigned char *p, size_t n, struct boot_kind *k);

/* The GPT header at p (the sector after the protective MBR). */
enum boot_err boot_gpt_header(const unsigned char *p, size_t n, struct boot_gpt *g);
/* One GPT entry; BOOT_NONE for an unused one. */
enum boot_err boot_gpt_entry(const unsigned char *p, size_t n, unsigned number,
                             struct boot_part *out);
/*
 * The four primary MBR partitions of sector p: fills out[0..*np).  BOOT_NONE
 * without the 55 AA signature or with a protective (GPT) entry.
 */
enum boot_err boot_mbr(const unsigned char *p, size_t n, struct boot_part out[4], unsigned *np);

/* A Boot#### variable as efivarfs gives it (4 attribute bytes, then EFI_LOAD_OPTION). */
enum boot_err boot_load_option(const unsigned char *p, size_t n, struct boot_option *o);

/*
 * The operating system a name points at ("Windows Boot Manager",
 * "\EFI\kylin\grubx64.efi", an EFI vendor directory), or NULL.
 */
const char *boot_os_of(const char *name);

#endif
