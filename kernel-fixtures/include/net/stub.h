/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The STUB protocol's key interface: real with CONFIG_FIXTURE_STUB, a
 * static inline stub otherwise (include/net/tcp_ao.h's tcp_ao_get_mkts()).
 */
#ifndef _NET_STUB_H
#define _NET_STUB_H

#include <linux/errno.h>
#include <linux/sockptr.h>

struct sock;

#ifdef CONFIG_FIXTURE_STUB
int stub_get_keys(struct sock *sk, sockptr_t optval, sockptr_t optlen);
#else
static inline int stub_get_keys(struct sock *sk, sockptr_t optval, sockptr_t optlen)
{
	return -ENOPROTOOPT;
}
#endif

#endif /* _NET_STUB_H */
