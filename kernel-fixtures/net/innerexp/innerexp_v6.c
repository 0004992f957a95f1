// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "innerexp", part 2: a struct proto getsockopt that hands
 * optval/optlen to the exported inner helper of innerexp_v4.c.
 * Expected: the call gets the wrapper, in innerexp_v4.c's patch.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/innerexp.h>
#include <net/sock.h>

#define SOL_INNEREXP	305

static int innerexpv6_getsockopt(struct sock *sk, int level, int optname,
				 char __user *optval, int __user *optlen)
{
	if (level == SOL_INNEREXP)
		return innerexp_lib_getsockopt(sk, level, optname, optval, optlen);
	return -ENOPROTOOPT;
}

struct proto innerexpv6_prot = {
	.name		= "INNEREXPv6",
	.getsockopt	= innerexpv6_getsockopt,
};
