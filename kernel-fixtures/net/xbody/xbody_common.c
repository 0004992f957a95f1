// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xbody", part 1: a shared legacy getsockopt whose body does not
 * convert: it writes a u32 at an offset computed from the option.
 * Expected: not converted; its caller stays manual, saying why.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/xbody.h>

int xbody_common_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	u32 val = sock->sk->sk_rcvbuf;
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 64)
		return -EINVAL;
	if (copy_to_user(optval + (optname & 15) * sizeof(u32), &val, sizeof(val)))
		return -EFAULT;
	return 0;
}
