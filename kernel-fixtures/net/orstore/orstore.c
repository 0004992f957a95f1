// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "orstore": the optlen store as the right operand of ||, after a
 * typed put_user() of the value (net/rxrpc/af_rxrpc.c, rxrpc_getsockopt()):
 *   if (put_user(ORSTORE_MAX - 1, (int __user *)optval) ||
 *       put_user(sizeof(int), optlen))
 *           return -EFAULT;
 * The value is written first and the length stored only when that worked;
 * the conversion keeps that order. The value needs a local of type int.
 * ORSTORE_BRACED has a braced body after the same condition, which the
 * rewrite does not split: orstore_braced_getsockopt() stays manual.
 * Expected verdicts: orstore_getsockopt convertible, no behaviour change;
 * orstore_braced_getsockopt manual, unsupported-context.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_ORSTORE		297
#define ORSTORE_SUPPORTED	1
#define ORSTORE_BRACED		2
#define ORSTORE_MAX		5

static int orstore_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *_optlen)
{
	int optlen;

	if (level != SOL_ORSTORE)
		return -EOPNOTSUPP;

	if (get_user(optlen, _optlen))
		return -EFAULT;

	switch (optname) {
	case ORSTORE_SUPPORTED:
		if (optlen < sizeof(int))
			return -EINVAL;
		if (put_user(ORSTORE_MAX - 1, (int __user *)optval) ||
		    put_user(sizeof(int), _optlen))
			return -EFAULT;
		return 0;

	default:
		return -EOPNOTSUPP;
	}
}

static int orstore_braced_getsockopt(struct socket *sock, int level, int optname,
				     char __user *optval, int __user *optlen)
{
	int len, err = 0;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(int))
		return -EINVAL;
	if (put_user(ORSTORE_MAX - 1, (int __user *)optval) ||
	    put_user(sizeof(int), optlen)) {
		err = -EFAULT;
	}
	return err;
}

static const struct proto_ops orstore_ops = {
	.family		= PF_RXRPC,
	.getsockopt	= orstore_getsockopt,
};

static const struct proto_ops orstore_braced_ops = {
	.family		= PF_RXRPC,
	.getsockopt	= orstore_braced_getsockopt,
};

int orstore_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = protocol ? &orstore_braced_ops : &orstore_ops;
	return 0;
}
