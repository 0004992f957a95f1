// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "basic": plain legacy idioms in a switch on optname. get_user(len,
 * optlen) and a min_t() clamp; BASIC_SNDBUF/RCVBUF end with "if (put_user(len,
 * optlen)) return -EFAULT;" then copy_to_user(optval, &val, len); BASIC_MARK
 * uses "err = put_user(len, optlen);" and BASIC_PRIORITY copies first, then
 * "return put_user(len, optlen) ? -EFAULT : 0;".
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_BASIC		290
#define BASIC_SNDBUF		1
#define BASIC_RCVBUF		2
#define BASIC_MARK		3
#define BASIC_PRIORITY		4

static int basic_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, val, err;

	if (level != SOL_BASIC)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	lock_sock(sk);
	switch (optname) {
	case BASIC_SNDBUF:
		val = sk->sk_sndbuf;
		break;
	case BASIC_RCVBUF:
		val = sk->sk_rcvbuf;
		break;
	case BASIC_MARK:
		val = sk->sk_mark;
		release_sock(sk);
		len = min_t(unsigned int, len, sizeof(int));
		err = put_user(len, optlen);
		if (err)
			return err;
		return copy_to_user(optval, &val, len) ? -EFAULT : 0;
	case BASIC_PRIORITY:
		val = sk->sk_priority;
		release_sock(sk);
		len = min_t(unsigned int, len, sizeof(int));
		if (copy_to_user(optval, &val, len))
			return -EFAULT;
		return put_user(len, optlen) ? -EFAULT : 0;
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}
	release_sock(sk);

	len = min_t(unsigned int, len, sizeof(int));
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static const struct proto_ops basic_ops = {
	.family		= PF_ECONET,
	.getsockopt	= basic_getsockopt,
};

int basic_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &basic_ops;
	return 0;
}
