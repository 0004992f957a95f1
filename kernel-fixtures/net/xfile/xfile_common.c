// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xfile", part 2: the shared legacy getsockopt (net/atm/common.c's
 * vcc_getsockopt()). Each option encodes its level and size
 * (include/uapi/linux/atm.h __SO_ENCODE/__SO_LEVEL_MATCH/__SO_SIZE); the
 * length must be exactly that size, but only where the level matches the
 * option's: at any other level it is not checked. XFILE_CLP (SO_SETCLP)
 * put_user()s an unsigned long into the int-sized buffer.
 * Expected: converted with both callers, in one patch, under --accept:
 * XFILE_CLP narrowed to the 4 bytes its level checks for (narrowed-store),
 * and both options get -EFAULT for a short buffer at another level.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>
#include <net/xfile.h>

#define SOL_XFILE		300
#define XFILE_ENCODE(n, type)	((SOL_XFILE << 16) | ((int)sizeof(type) << 8) | (n))
#define XFILE_LEVEL_MATCH(c, l)	(((c) >> 16) == (l))
#define XFILE_SIZE(optname)	(((optname) >> 8) & 0xff)
#define XFILE_CLP		XFILE_ENCODE(1, int)
#define XFILE_MTU		XFILE_ENCODE(2, int)

int xfile_common_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (XFILE_LEVEL_MATCH(optname, level) && len != XFILE_SIZE(optname))
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
