// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xshared", part 1: a shared legacy getsockopt whose body converts
 * (a clamped copy of an int), called from net/xshared/xshared_ops.c, which
 * converts, and from net/xshared/xshared_raw.c, which does not.
 * Expected: nothing converted; both callers stay manual, saying why.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/xshared.h>

int xshared_common_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	int len, val = sock->sk->sk_rcvbuf;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(int, len, sizeof(int));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}
