// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "innerexp", part 1: an inner helper that is exported and that a
 * struct proto getsockopt of another file calls too (net/ipv4/udp.c's
 * udp_lib_getsockopt(), called by udp_getsockopt() here and by
 * net/ipv6/udp.c's udpv6_getsockopt()).
 * Expected: with innerexp_v6.c in the run, the helper converts to
 * sockopt_t, with its prototype in include/net/innerexp.h, and both hooks
 * get the wrapper, in one patch; EXPORT_SYMBOL() stays as it is. Without
 * it, the helper stays manual (shared-helper), saying why.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/innerexp.h>
#include <net/sock.h>

#define SOL_INNEREXP	305
#define INNEREXP_MARK	1

int innerexp_lib_getsockopt(struct sock *sk, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	int val, len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (optname != INNEREXP_MARK)
		return -ENOPROTOOPT;
	val = sk->sk_mark;
	len = min_t(unsigned int, sizeof(int), len);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL(innerexp_lib_getsockopt);

static int innerexp_getsockopt(struct sock *sk, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	if (level == SOL_INNEREXP)
		return innerexp_lib_getsockopt(sk, level, optname, optval, optlen);
	return -ENOPROTOOPT;
}

struct proto innerexp_prot = {
	.name		= "INNEREXP",
	.getsockopt	= innerexp_getsockopt,
};
