/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for the page-pinning part of include/linux/mm.h. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>

struct page;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

enum {
	/* check pte is writable */
	FOLL_WRITE = 1 << 0,
	/* do get_page on page */
	FOLL_GET = 1 << 1,
	/* give error on hole if it would be zero */
	FOLL_DUMP = 1 << 2,
	/* get_user_pages read/write w/o permission */
	FOLL_FORCE = 1 << 3,
	/* do not fault in pages */
	FOLL_NOFAULT = 1 << 4,
	/* allow return of FOLL_LONGTERM pages */
	FOLL_LONGTERM = 1 << 8,
};

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_page(struct page *page);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
				 bool make_dirty);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);

#endif /* _LINUX_MM_H */
