// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "readcomputed": the request is read from optval at an offset the
 * caller chose (copy_from_user(&sel, optval + idx * sizeof(u32), ...)); the
 * input iterator only moves forward from the start of the buffer.
 * Expected verdict: manual, computed-offset-read.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_READCOMPUTED	301
#define READCOMPUTED_SLOT	1

static int readcomputed_getsockopt(struct socket *sock, int level, int optname,
				   char __user *optval, int __user *optlen)
{
	u32 idx, sel;
	int len;

	if (level != SOL_READCOMPUTED || optname != READCOMPUTED_SLOT)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 2 * sizeof(u32))
		return -EINVAL;
	if (copy_from_user(&idx, optval, sizeof(idx)))
		return -EFAULT;
	if (idx > 4)
		return -EINVAL;
	if (copy_from_user(&sel, optval + idx * sizeof(u32), sizeof(sel)))
		return -EFAULT;
	return sel ? 0 : -ENOENT;
}

static const struct proto_ops readcomputed_ops = {
	.family		= PF_SMC,
	.getsockopt	= readcomputed_getsockopt,
};

int readcomputed_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &readcomputed_ops;
	return 0;
}
