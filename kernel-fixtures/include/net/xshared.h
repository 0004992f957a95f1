/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XSHARED family's shared getsockopt, defined in
 * net/xshared/xshared_common.c and called from two files.
 */
#ifndef _NET_XSHARED_H
#define _NET_XSHARED_H

#include <linux/compiler.h>

struct socket;

int xshared_common_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen);

#endif /* _NET_XSHARED_H */
