// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xexport", part 1: a shared legacy getsockopt whose body converts
 * (a clamped copy of an int), and which is exported.
 * Expected: converted with its caller and its prototype in
 * include/net/xexport.h; EXPORT_SYMBOL() stays as it is.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/xexport.h>

int xexport_common_getsockopt(struct socket *sock, int level, int optname,
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
EXPORT_SYMBOL(xexport_common_getsockopt);
