/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for the check_copy_size() part of
 * include/linux/thread_info.h.
 */
#ifndef _LINUX_THREAD_INFO_H
#define _LINUX_THREAD_INFO_H

#include <linux/compiler.h>
#include <linux/types.h>

extern void __bad_copy_from(void);
extern void __bad_copy_to(void);

static __always_inline __must_check bool
check_copy_size(const void *addr, size_t bytes, bool is_source)
{
	int sz = __builtin_object_size(addr, 0);

	if (unlikely(sz >= 0 && (size_t)sz < bytes)) {
		if (is_source)
			__bad_copy_from();
		else
			__bad_copy_to();
		return false;
	}
	if (unlikely(bytes > (size_t)0x7fffffff))
		return false;
	return true;
}

#endif /* _LINUX_THREAD_INFO_H */
