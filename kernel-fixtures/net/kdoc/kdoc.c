// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "kdoc": a convertible implementation documented with kernel-doc.
 * The rewrite replaces the @optval and @optlen lines by one @opt line.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_KDOC		300
#define KDOC_PRIORITY		1

/**
 * kdoc_getsockopt - read a KDOC socket option
 * @sock: the socket
 * @level: must be SOL_KDOC
 * @optname: the option
 * @optval: where the value goes
 * @optlen: in: the size of @optval; out: the size of the value
 *
 * Return: 0 or a negative error.
 */
static int kdoc_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	int len, val;

	if (level != SOL_KDOC || optname != KDOC_PRIORITY)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	val = sock->sk->sk_priority;
	len = min_t(unsigned int, len, sizeof(val));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops kdoc_ops = {
	.family		= PF_QIPCRTR,
	.getsockopt	= kdoc_getsockopt,
};

int kdoc_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &kdoc_ops;
	return 0;
}
