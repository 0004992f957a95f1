// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "readorder": the request header is read at offset 4 first and the
 * field at offset 0 after it; the input iterator would need a revert.
 * Expected verdict: manual, out-of-order-read.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_READORDER		302
#define READORDER_QUERY		1

struct readorder_query {
	u32	id;
	u32	flags;
};

static int readorder_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	struct readorder_query __user *uq = (struct readorder_query __user *)optval;
	u32 id, flags;
	int len;

	if (level != SOL_READORDER || optname != READORDER_QUERY)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(struct readorder_query))
		return -EINVAL;
	if (get_user(flags, &uq->flags))
		return -EFAULT;
	if (get_user(id, &uq->id))
		return -EFAULT;
	return id == flags ? 0 : -EINVAL;
}

static const struct proto_ops readorder_ops = {
	.family		= PF_XDP,
	.getsockopt	= readorder_getsockopt,
};

int readorder_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &readorder_ops;
	return 0;
}
