/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The INNEREXP family's option helper, defined and exported in
 * net/innerexp/innerexp_v4.c, as include/net/udp.h declares
 * udp_lib_getsockopt().
 */
#ifndef _NET_INNEREXP_H
#define _NET_INNEREXP_H

#include <linux/compiler.h>

struct sock;

int innerexp_lib_getsockopt(struct sock *sk, int level, int optname,
			    char __user *optval, int __user *optlen);

#endif /* _NET_INNEREXP_H */
