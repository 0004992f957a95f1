/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XBODY family's shared getsockopt, defined in net/xbody/xbody_common.c.
 */
#ifndef _NET_XBODY_H
#define _NET_XBODY_H

#include <linux/compiler.h>

struct socket;

int xbody_common_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen);

#endif /* _NET_XBODY_H */
