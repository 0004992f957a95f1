// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "ignored": optlen is never read (hci_sock.c SOL_BLUETOOTH shape).
 * ignored_getsockopt() writes put_user(mtu, (u16 __user *)optval) for
 * IGNORED_SNDMTU/IGNORED_RCVMTU without ever looking at optlen: a fixed
 * width, whose short-buffer change the scan predicts (fixture "mtuwrite"
 * converts that alone). IGNORED_NAME copies a string of run-time length
 * without looking at optlen either: how much of the caller's memory it
 * overwrites is not known, and a person has to decide what the converted
 * code should do with a short buffer.
 * Expected verdict: manual, reason optlen-ignored (IGNORED_NAME).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define IGNORED_SNDMTU		12
#define IGNORED_RCVMTU		13
#define IGNORED_NAME		14

struct ignored_sock {
	struct sock	sk;
	u16		mtu;
	char		name[16];
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
	case IGNORED_NAME:
		if (copy_to_user(optval, ignored_sk(sk)->name,
				 strlen(ignored_sk(sk)->name) + 1))
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
