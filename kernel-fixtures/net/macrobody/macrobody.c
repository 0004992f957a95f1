// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "macrobody": the optval access is spelled inside a file-local macro.
 * "#define MACROBODY_PUT_INT(v) put_user(v, (int __user *)optval)" is used in
 * every case of macrobody_getsockopt(); the access expands from the macro
 * body, so a textual rewrite at the use site would have to edit the macro.
 * Expected verdict: manual, reason access-in-macro-body.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_MACROBODY		309
#define MACROBODY_RCVBUF	1
#define MACROBODY_SNDBUF	2

/* All options here are ints; keeps the cases to one line each. */
#define MACROBODY_PUT_INT(v)	put_user(v, (int __user *)optval)

static int macrobody_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, err;

	if (level != SOL_MACROBODY)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(int))
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case MACROBODY_RCVBUF:
		err = MACROBODY_PUT_INT(sk->sk_rcvbuf) ? -EFAULT : 0;
		break;
	case MACROBODY_SNDBUF:
		err = MACROBODY_PUT_INT(sk->sk_sndbuf) ? -EFAULT : 0;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);

	if (err)
		return err;
	len = sizeof(int);
	return put_user(len, optlen) ? -EFAULT : 0;
}

static const struct proto_ops macrobody_ops = {
	.family		= PF_IEEE802154,
	.getsockopt	= macrobody_getsockopt,
};

int macrobody_create(struct net *net, struct socket *sock, int protocol,
		     int kern)
{
	sock->ops = &macrobody_ops;
	return 0;
}
