/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XFILE family's shared getsockopt, defined in net/xfile/xfile_common.c
 * (net/atm/common.h's vcc_getsockopt()).
 */
#ifndef _NET_XFILE_H
#define _NET_XFILE_H

#include <linux/compiler.h>

struct socket;

int xfile_common_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen);

#endif /* _NET_XFILE_H */
