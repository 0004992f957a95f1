// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "ignored": optlen is never read (hci_sock.c SOL_BLUETOOTH shape).
 * ignored_getsockopt() writes put_user(mtu, (u16 __user *)optval) for
 * IGNORED_SNDMTU/IGNORED_RCVMTU without ever looking at optlen, so the size
 * of the caller's buffer is ignored entirely; a person has to decide what the
 * converted code should do with a short buffer.
 * Expected verdict: manual, reason optlen-ignored.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define IGNORED_SNDMTU		12
#define IGNORED_RCVMTU		13

struct ignored_sock {
	struct sock	sk;
	u16		mtu;
};

#define ignored_sk(__sk)	((struct ignored_sock *)(__sk))

static int ignored_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int err = 0;

	if (level != SOL_BLUETOOTH)
		return -ENOPROTOOPT;

	lock_sock(sk);
	switch (optname) {
	case IGNORED_SNDMTU:
	case IGNORED_RCVMTU:
		if (put_user(ignored_sk(sk)->mtu, (u16 __user *)optval))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static const struct proto_ops ignored_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= ignored_getsockopt,
};

int ignored_create(struct net *net, struct socket *sock, int protocol,
		   int kern)
{
	sock->ops = &ignored_ops;
	return 0;
}
