// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "mtuwrite": optlen is never read at SOL_BLUETOOTH
 * (net/bluetooth/hci_sock.c, hci_sock_getsockopt()): put_user(mtu,
 * (u16 __user *)optval) writes 2 bytes whatever the caller's buffer. At
 * SOL_MTUWRITE the helper reads optlen but writes an int through the
 * char __user *optval without checking it: put_user() stores one byte
 * (hci_sock_getsockopt_old(), HCI_DATA_DIR).
 * After the conversion copy_to_iter() stops at optlen: a caller with a
 * shorter buffer gets -EFAULT where it got the value written past its
 * buffer. Each such write is a predicted behaviour change, so the rewrite
 * converts the implementation only with --accept short-buffer-efault. The
 * value keeps its width: a local of the pointee type (u16, char).
 * Expected verdict: convertible, behaviour changes short-buffer-efault for
 * MTUWRITE_DIR, MTUWRITE_SNDMTU|MTUWRITE_RCVMTU.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_MTUWRITE		299
#define MTUWRITE_DIR		1
#define MTUWRITE_FILTER		2
#define MTUWRITE_SNDMTU		12
#define MTUWRITE_RCVMTU		13

struct mtuwrite_sock {
	struct sock	sk;
	u16		mtu;
	int		dir;
	u32		filter;
};

#define mtuwrite_pi(__sk)	((struct mtuwrite_sock *)(__sk))

static int mtuwrite_getsockopt_old(struct socket *sock, int optname,
				   char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len, opt, err = 0;

	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case MTUWRITE_DIR:
		opt = mtuwrite_pi(sk)->dir ? 1 : 0;
		if (put_user(opt, optval))
			err = -EFAULT;
		break;
	case MTUWRITE_FILTER:
		len = min_t(unsigned int, len, sizeof(u32));
		if (copy_to_user(optval, &mtuwrite_pi(sk)->filter, len))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	return err;
}

static int mtuwrite_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int err = 0;

	if (level == SOL_MTUWRITE)
		return mtuwrite_getsockopt_old(sock, optname, optval, optlen);

	if (level != SOL_BLUETOOTH)
		return -ENOPROTOOPT;

	lock_sock(sk);
	switch (optname) {
	case MTUWRITE_SNDMTU:
	case MTUWRITE_RCVMTU:
		if (put_user(mtuwrite_pi(sk)->mtu, (u16 __user *)optval))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static const struct proto_ops mtuwrite_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= mtuwrite_getsockopt,
};

int mtuwrite_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &mtuwrite_ops;
	return 0;
}
