/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dump interface of the EXTERNAL protocol's diagnostics module.  The
 * definition lives in another compilation unit (not part of the fixture
 * tree); net/external/external.c only sees this declaration.
 */
#ifndef _NET_EXTERNAL_H
#define _NET_EXTERNAL_H

#include <linux/compiler.h>

struct sock;

extern int external_dump(struct sock *sk, char __user *optval,
			 int __user *optlen);

#endif /* _NET_EXTERNAL_H */
