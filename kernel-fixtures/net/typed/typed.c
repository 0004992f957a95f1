// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "typed": typed put_user() into optval. typed_getsockopt() rejects a
 * short buffer with "if (len < sizeof(int)) return -EINVAL;" before anything
 * else, then writes put_user(v, (int __user *)optval) or (u32 __user *) and
 * reports sizeof(int) with put_user(len, optlen). Every typed write is covered
 * by the length check, so a local plus copy_to_iter() behaves the same.
 * Expected verdict: convertible, no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_TYPED		291
#define TYPED_QUEUE_LEN		1
#define TYPED_FLAGS		2

struct typed_sock {
	struct sock	sk;
	int		queue_len;
	u32		flags;
};

#define typed_sk(__sk)		((struct typed_sock *)(__sk))

static int typed_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct typed_sock *ts = typed_sk(sk);
	int len, err = 0;

	if (level != SOL_TYPED)
		return -ENOPROTOOPT;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < sizeof(int))
		return -EINVAL;
	len = sizeof(int);

	lock_sock(sk);
	switch (optname) {
	case TYPED_QUEUE_LEN:
		if (put_user(ts->queue_len, (int __user *)optval))
			err = -EFAULT;
		break;
	case TYPED_FLAGS:
		if (put_user(ts->flags, (u32 __user *)optval))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);

	if (err)
		return err;
	if (put_user(len, optlen))
		return -EFAULT;
	return 0;
}

static const struct proto_ops typed_ops = {
	.family		= PF_LLC,
	.getsockopt	= typed_getsockopt,
};

int typed_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &typed_ops;
	return 0;
}
