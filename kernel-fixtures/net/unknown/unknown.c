// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "unknown": an access the classifier has no rule for. When no key is
 * installed, UNKNOWN_KEY zeroes the caller's buffer with
 * clear_user(optval, len) instead of copying anything; the other paths are
 * plain clamped copies. Anything not understood is never "easy".
 * Expected verdict: manual, reason unrecognized-use.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_UNKNOWN		310
#define UNKNOWN_KEY		1

struct unknown_sock {
	struct sock	sk;
	bool		has_key;
	u8		key[16];
};

#define unknown_sk(__sk)	((struct unknown_sock *)(__sk))

static int unknown_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct unknown_sock *us = unknown_sk(sk);
	int len, err = 0;

	if (level != SOL_UNKNOWN)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	lock_sock(sk);
	switch (optname) {
	case UNKNOWN_KEY:
		len = min_t(unsigned int, len, sizeof(us->key));
		if (!us->has_key) {
			if (clear_user(optval, len))
				err = -EFAULT;
			break;
		}
		if (copy_to_user(optval, us->key, len))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);

	if (err)
		return err;
	return put_user(len, optlen) ? -EFAULT : 0;
}

static const struct proto_ops unknown_ops = {
	.family		= PF_VSOCK,
	.getsockopt	= unknown_getsockopt,
};

int unknown_create(struct net *net, struct socket *sock, int protocol,
		   int kern)
{
	sock->ops = &unknown_ops;
	return 0;
}
