// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "external": optval/optlen handed to a function defined elsewhere.
 * EXTERNAL_DUMP passes both pointers to external_dump(), declared in
 * <net/external.h> and defined in no file of this tree, so what happens to
 * the user buffer cannot be seen from here. EXTERNAL_STATE on its own would
 * be convertible.
 * Expected verdict: manual, reason passed-to-external-function.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/external.h>
#include <net/sock.h>

#define SOL_EXTERNAL		304
#define EXTERNAL_STATE		1
#define EXTERNAL_DUMP		2

static int external_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, val, err;

	if (level != SOL_EXTERNAL)
		return -ENOPROTOOPT;

	switch (optname) {
	case EXTERNAL_DUMP:
		lock_sock(sk);
		err = external_dump(sk, optval, optlen);
		release_sock(sk);
		return err;
	case EXTERNAL_STATE:
		if (get_user(len, optlen))
			return -EFAULT;
		val = sk->sk_state;
		len = min_t(unsigned int, len, sizeof(int));
		if (put_user(len, optlen))
			return -EFAULT;
		if (copy_to_user(optval, &val, len))
			return -EFAULT;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops external_ops = {
	.family		= PF_NETLINK,
	.getsockopt	= external_getsockopt,
};

int external_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &external_ops;
	return 0;
}
