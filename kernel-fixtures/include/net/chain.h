/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CHAIN protocol's option core, defined in net/chain/chain_core.c and
 * called from net/chain/chain_ops.c (the tcp.c -> tcp_ao.c shape).
 */
#ifndef _NET_CHAIN_H
#define _NET_CHAIN_H

#include <linux/sockptr.h>

struct sock;

#define CHAIN_PLAIN	1
#define CHAIN_KEYS	2

int chain_get(struct sock *sk, int optname, sockptr_t optval, sockptr_t optlen);

#endif /* _NET_CHAIN_H */
