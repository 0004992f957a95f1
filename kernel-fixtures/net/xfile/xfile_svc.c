// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "xfile", part 3: the second caller of xfile_common_getsockopt()
 * (net/atm/svc.c's svc_getsockopt()): one option of its own, everything
 * else handed on before optval or optlen is touched.
 * Expected: convertible with the common code and xfile_ops.c, in one patch.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/xfile.h>

#define XFILE_SAP	7

static int xfile_svc_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	int len;

	if (optname != XFILE_SAP)
		return xfile_common_getsockopt(sock, level, optname, optval,
					       optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (len != sizeof(int))
		return -EINVAL;
	if (copy_to_user(optval, &sock->sk->sk_sndbuf, sizeof(int)))
		return -EFAULT;
	return 0;
}

static const struct proto_ops xfile_svc_ops = {
	.family		= PF_INET,
	.getsockopt	= xfile_svc_getsockopt,
};

int xfile_svc_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &xfile_svc_ops;
	return 0;
}
