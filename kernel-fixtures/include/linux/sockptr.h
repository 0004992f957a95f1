/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal stand-in for include/linux/sockptr.h: "universal" pointers that
 * can point to either kernel or userspace memory.
 */
#ifndef _LINUX_SOCKPTR_H
#define _LINUX_SOCKPTR_H

#include <linux/string.h>
#include <linux/types.h>
#include <linux/uaccess.h>

typedef struct {
	union {
		void		*kernel;
		void __user	*user;
	};
	bool		is_kernel : 1;
} sockptr_t;

static inline bool sockptr_is_kernel(sockptr_t sockptr)
{
	return sockptr.is_kernel;
}

static inline sockptr_t KERNEL_SOCKPTR(void *p)
{
	return (sockptr_t) { .kernel = p, .is_kernel = true };
}

static inline sockptr_t USER_SOCKPTR(void __user *p)
{
	return (sockptr_t) { .user = p };
}

static inline bool sockptr_is_null(sockptr_t sockptr)
{
	if (sockptr_is_kernel(sockptr))
		return !sockptr.kernel;
	return !sockptr.user;
}

/* Removed from Linux in 5.10; trees before that move a sockptr_t with it. */
static inline void sockptr_advance(sockptr_t *sockptr, size_t len)
{
	if (sockptr_is_kernel(*sockptr))
		sockptr->kernel += len;
	else
		sockptr->user += len;
}

static inline int copy_from_sockptr_offset(void *dst, sockptr_t src,
		size_t offset, size_t size)
{
	if (!sockptr_is_kernel(src))
		return copy_from_user(dst, src.user + offset, size);
	memcpy(dst, src.kernel + offset, size);
	return 0;
}

static inline int copy_from_sockptr(void *dst, sockptr_t src, size_t size)
{
	return copy_from_sockptr_offset(dst, src, 0, size);
}

/*
 * Copies min(ksize, usize) bytes; when the caller's struct is larger than
 * the kernel's, the bytes past it must be zero (-E2BIG otherwise).
 */
static inline int copy_struct_from_sockptr(void *dst, size_t ksize,
		sockptr_t src, size_t usize)
{
	size_t size = ksize < usize ? ksize : usize;

	if (usize > ksize && src.is_kernel)
		return -E2BIG;
	memset(dst, 0, ksize);
	return copy_from_sockptr(dst, src, size);
}

static inline int copy_to_sockptr_offset(sockptr_t dst, size_t offset,
		const void *src, size_t size)
{
	if (!sockptr_is_kernel(dst))
		return copy_to_user(dst.user + offset, src, size);
	memcpy(dst.kernel + offset, src, size);
	return 0;
}

static inline int copy_to_sockptr(sockptr_t dst, const void *src, size_t size)
{
	return copy_to_sockptr_offset(dst, 0, src, size);
}

#endif /* _LINUX_SOCKPTR_H */
