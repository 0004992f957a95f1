/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included by <net/sock.h> in test/pch: the shapes a shared precompiled
 * <net/sock.h> must respect.
 */
#ifndef _NET_PCH_EXTRA_H
#define _NET_PCH_EXTRA_H

#include <linux/errno.h>
#include <linux/sockptr.h>

struct sock;

/* A default definition (include/linux/printk.h): a unit's own replaces it. */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/* pr_fmt expanded in a body the parse skips. */
static inline const char *pch_extra_name(void)
{
	return pr_fmt("extra");
}

/*
 * A body whose raw text ends elsewhere than its tokens: the macro closes it
 * and opens pch_hidden(). A skip by raw lexing (engine/FastBodySkip.h) would
 * lose pch_hidden(); the macro's unbalanced braces keep it from trying.
 */
#define PCH_EXTRA_SPLIT } static inline int pch_hidden(void) {
static inline int pch_split(void)
{
	PCH_EXTRA_SPLIT
	return 0;
}

/* Tested when the header is read: a unit that defines it first sees more. */
#ifdef PCH_EXTRA_DEBUG
int pch_extra_debug_level(void);
#endif

/* A configuration stub (include/net/tcp_ao.h's tcp_ao_get_mkts()). */
#ifdef CONFIG_FIXTURE_EXTRA
int pch_extra_get_keys(struct sock *sk, sockptr_t optval, sockptr_t optlen);
#else
static inline int pch_extra_get_keys(struct sock *sk, sockptr_t optval, sockptr_t optlen)
{
	return -ENOPROTOOPT;
}
#endif

#endif /* _NET_PCH_EXTRA_H */
