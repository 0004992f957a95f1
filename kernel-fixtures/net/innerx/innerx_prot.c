// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "innerx", the registration: struct proto innerx_prot names
 * innerx_getsockopt(), defined in innerx_main.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <net/sock.h>

int innerx_getsockopt(struct sock *sk, int level, int optname,
		      char __user *optval, int __user *optlen);

struct proto innerx_prot = {
	.name		= "INNERX",
	.getsockopt	= innerx_getsockopt,
};
