// SPDX-License-Identifier: GPL-2.0
/*
 * A legacy getsockopt whose typed put_user()/get_user() widths differ from
 * what the code checked or from the value (the hci_sock shapes), next to
 * matching ones: the input of `check`'s width-mismatch rule.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define WMM_DIR		1	/* int value through char __user *: one byte */
#define WMM_MTU		2	/* checks 4, writes 2 */
#define WMM_INT		3	/* checks 4, writes 4: fine */
#define WMM_FLAG	4	/* constant 1 through char __user *: fine */
#define WMM_IN		5	/* reads 4 bytes into a u8 */

struct wmm_req {
	u32 id;
	u32 value;
};

static int wmm_getsockopt(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	int len, opt = sock->sk->sk_priority & 1;
	u16 mtu = 1500;
	u8 id;

	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case WMM_DIR:
		if (put_user(opt, optval))
			return -EFAULT;
		return 0;
	case WMM_MTU:
		if (len < sizeof(int))
			return -EINVAL;
		if (put_user(mtu, (u16 __user *)optval))
			return -EFAULT;
		return 0;
	case WMM_INT:
		if (len < sizeof(int))
			return -EINVAL;
		if (put_user(opt, (int __user *)optval))
			return -EFAULT;
		return 0;
	case WMM_FLAG:
		if (len < 1)
			return -EINVAL;
		if (put_user(1, optval))
			return -EFAULT;
		return 0;
	case WMM_IN:
		if (len < sizeof(struct wmm_req))
			return -EINVAL;
		if (get_user(id, (u32 __user *)optval))
			return -EFAULT;
		return id ? 0 : -EINVAL;
	}
	return -ENOPROTOOPT;
}

static const struct proto_ops wmm_ops = {
	.family		= PF_INET,
	.getsockopt	= wmm_getsockopt,
};

const struct proto_ops *wmm_ops_get(void)
{
	return &wmm_ops;
}
