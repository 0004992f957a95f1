// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "elseif": the optlen store as one arm of an else-if chain
 * (net/can/j1939/socket.c, j1939_sk_getsockopt()):
 *   if (len > ulen) ... else if (put_user(len, optlen)) ...
 *   else if (copy_to_user(optval, val, len)) ... else ...
 * The store cannot fail after the conversion, so its arm becomes the store
 * followed by the rest of the chain, in the same order.
 * elseif_first_getsockopt() has the store as the first arm of a chain with
 * an else: nothing runs before it to keep it company, and it stays manual
 * (unsupported-context).
 * Expected verdicts: elseif_getsockopt convertible, no behaviour change;
 * elseif_first_getsockopt manual, unsupported-context.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_ELSEIF		296
#define ELSEIF_PROMISC		1

struct elseif_sock {
	struct sock	sk;
	int		promisc;
};

#define elseif_sk(__sk)		((struct elseif_sock *)(__sk))

static int elseif_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct elseif_sock *es = elseif_sk(sock->sk);
	int ret, ulen;
	int tmp = 0;
	int len = sizeof(tmp);
	void *val = &tmp;

	if (level != SOL_ELSEIF)
		return -EINVAL;
	if (get_user(ulen, optlen))
		return -EFAULT;
	if (ulen < 0)
		return -EINVAL;

	switch (optname) {
	case ELSEIF_PROMISC:
		tmp = es->promisc;
		break;
	default:
		return -ENOPROTOOPT;
	}

	if (len > ulen)
		ret = -EFAULT;
	else if (put_user(len, optlen))
		ret = -EFAULT;
	else if (copy_to_user(optval, val, len))
		ret = -EFAULT;
	else
		ret = 0;
	return ret;
}

static int elseif_first_getsockopt(struct socket *sock, int level, int optname,
				   char __user *optval, int __user *optlen)
{
	struct elseif_sock *es = elseif_sk(sock->sk);
	int ret, ulen;
	int tmp = es->promisc;
	int len = sizeof(tmp);

	if (get_user(ulen, optlen))
		return -EFAULT;
	if (len > ulen)
		return -EINVAL;

	if (put_user(len, optlen))
		ret = -EFAULT;
	else if (copy_to_user(optval, &tmp, len))
		ret = -EFAULT;
	else
		ret = 0;
	return ret;
}

static const struct proto_ops elseif_ops = {
	.family		= PF_CAN,
	.getsockopt	= elseif_getsockopt,
};

static const struct proto_ops elseif_first_ops = {
	.family		= PF_CAN,
	.getsockopt	= elseif_first_getsockopt,
};

int elseif_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = protocol ? &elseif_first_ops : &elseif_ops;
	return 0;
}
