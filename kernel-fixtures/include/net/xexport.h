/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XEXPORT family's shared getsockopt, defined and exported in
 * net/xexport/xexport_common.c.
 */
#ifndef _NET_XEXPORT_H
#define _NET_XEXPORT_H

#include <linux/compiler.h>

struct socket;

int xexport_common_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen);

#endif /* _NET_XEXPORT_H */
