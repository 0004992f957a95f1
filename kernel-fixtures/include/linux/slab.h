/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal stand-in for include/linux/slab.h. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>

#define GFP_ATOMIC	((gfp_t)0x820u)
#define GFP_KERNEL	((gfp_t)0xcc0u)

void *kmalloc(size_t size, gfp_t flags) __attribute__((__malloc__));
void *kzalloc(size_t size, gfp_t flags) __attribute__((__malloc__));
void *kcalloc(size_t n, size_t size, gfp_t flags) __attribute__((__malloc__));
void kfree(const void *objp);

#endif /* _LINUX_SLAB_H */
