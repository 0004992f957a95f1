// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xfile", part 2: the shared legacy getsockopt (net/atm/common.c's
 * vcc_getsockopt()). Each option encodes its size (include/linux/atmdev.h
 * __SO_ENCODE/__SO_SIZE); the length must be exactly that size, checked
 * before the switch. XFILE_CLP (SO_SETCLP) then put_user()s an unsigned
 * long into the int-sized buffer.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xfile.h>

#define XFILE_ENCODE(n, type)	(((int)sizeof(type) << 8) | (n))
#define XFILE_SIZE(optname)	(((optname) >> 8) & 0xff)
#define XFILE_CLP		XFILE_ENCODE(1, int)
#define XFILE_MTU		XFILE_ENCODE(2, int)

int xfile_common_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len != XFILE_SIZE(optname))
		return -EINVAL;
	switch (optname) {
	case XFILE_CLP:
		return put_user(sock->sk->sk_priority ? 1 : 0,
				(unsigned long __user *)optval);
	case XFILE_MTU:
		return put_user(sock->sk->sk_rcvbuf, (int __user *)optval);
	default:
		return -ENOPROTOOPT;
	}
}
