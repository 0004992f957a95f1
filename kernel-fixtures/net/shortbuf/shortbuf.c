// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "shortbuf": an unchecked fixed-width write (sco.c BT_DEFER_SETUP
 * shape). len comes from get_user(); SHORTBUF_VOICE/SHORTBUF_MTU clamp it, but
 * SHORTBUF_DEFER does "if (put_user(flag, (u32 __user *)optval)) err = -EFAULT;"
 * with no check of len: legacy writes 4 bytes and returns 0 for any optlen,
 * copy_to_iter() stops at optlen, so optlen 0..3 now gives -EFAULT.
 * Expected verdict: convertible, behaviour change short-buffer-efault (DEFER).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_SHORTBUF		297
#define SHORTBUF_MTU		6
#define SHORTBUF_DEFER		7
#define SHORTBUF_VOICE		11
#define SHORTBUF_BOUND		1
#define SHORTBUF_LISTEN		2

struct shortbuf_sock {
	struct sock	sk;
	u32		defer_setup;
	u16		setting;
	u16		mtu;
};

#define shortbuf_sk(__sk)	((struct shortbuf_sock *)(__sk))

static int shortbuf_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct shortbuf_sock *ss = shortbuf_sk(sk);
	int len, err = 0;

	if (level != SOL_SHORTBUF)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	lock_sock(sk);
	switch (optname) {
	case SHORTBUF_DEFER:
		if (sk->sk_state != SHORTBUF_BOUND &&
		    sk->sk_state != SHORTBUF_LISTEN) {
			err = -EINVAL;
			break;
		}
		if (put_user(ss->defer_setup, (u32 __user *)optval))
			err = -EFAULT;
		break;
	case SHORTBUF_VOICE:
		len = min_t(unsigned int, len, sizeof(ss->setting));
		if (copy_to_user(optval, (char *)&ss->setting, len))
			err = -EFAULT;
		break;
	case SHORTBUF_MTU:
		len = min_t(unsigned int, len, sizeof(ss->mtu));
		if (copy_to_user(optval, (char *)&ss->mtu, len))
			err = -EFAULT;
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	release_sock(sk);
	return err;
}

static const struct proto_ops shortbuf_ops = {
	.family		= PF_BLUETOOTH,
	.getsockopt	= shortbuf_getsockopt,
};

int shortbuf_create(struct net *net, struct socket *sock, int protocol,
		    int kern)
{
	sock->ops = &shortbuf_ops;
	return 0;
}
