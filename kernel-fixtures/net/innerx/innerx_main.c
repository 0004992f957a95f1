// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "innerx", the getsockopt: a struct proto getsockopt that another
 * file registers (innerx_prot.c), as net/dccp/proto.c's dccp_getsockopt()
 * is registered in net/dccp/ipv4.c. This unit cannot see the registration,
 * but a function that takes a struct sock and the legacy pointers and only
 * dispatches is a hook like any other.
 * The call is the body of an `if` (net/ipv4/udp.c's udp_getsockopt()
 * shape).
 * Expected: innerx_get() converts to sockopt_t behind sockopt_init_user(),
 * the `if` body becoming a block; innerx_getsockopt() keeps its signature.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_INNERX	304
#define INNERX_MARK	1

static int innerx_get(struct sock *sk, int optname, char __user *optval,
		      int __user *optlen)
{
	int val, len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (optname != INNERX_MARK)
		return -ENOPROTOOPT;
	val = sk->sk_mark;
	len = min_t(unsigned int, sizeof(int), len);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

int innerx_getsockopt(struct sock *sk, int level, int optname,
		      char __user *optval, int __user *optlen)
{
	if (level == SOL_INNERX)
		return innerx_get(sk, optname, optval, optlen);
	return -ENOPROTOOPT;
}
