// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "shared": a helper shared with a non-getsockopt caller. The static
 * shared_copy_info(ss, char __user *buf, len) receives optval from
 * shared_getsockopt() but is also called by shared_ioctl() with the ioctl
 * argument, so it cannot simply be switched to a sockopt_t.
 * Expected verdict: manual, reason shared-helper.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_SHARED		305
#define SHARED_INFO		1
#define SIOCSHAREDINFO		0x89f0	/* SIOCPROTOPRIVATE */

struct shared_info {
	u32	state;
	u32	queued;
};

struct shared_sock {
	struct sock	sk;
	u32		queued;
};

#define shared_sk(__sk)		((struct shared_sock *)(__sk))

static int shared_copy_info(struct shared_sock *ss, char __user *buf, int len)
{
	struct shared_info info;

	memset(&info, 0, sizeof(info));
	info.state = ss->sk.sk_state;
	info.queued = ss->queued;
	len = min_t(unsigned int, len, sizeof(info));
	if (copy_to_user(buf, &info, len))
		return -EFAULT;
	return len;
}

static int shared_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	int len;

	if (level != SOL_SHARED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case SHARED_INFO:
		lock_sock(sk);
		len = shared_copy_info(shared_sk(sk), optval, len);
		release_sock(sk);
		if (len < 0)
			return len;
		return put_user(len, optlen) ? -EFAULT : 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int shared_ioctl(struct socket *sock, unsigned int cmd,
			unsigned long arg)
{
	struct sock *sk = sock->sk;
	int err;

	switch (cmd) {
	case SIOCSHAREDINFO:
		lock_sock(sk);
		err = shared_copy_info(shared_sk(sk), (char __user *)arg,
				       sizeof(struct shared_info));
		release_sock(sk);
		return err < 0 ? err : 0;
	default:
		return -ENOIOCTLCMD;
	}
}

static const struct proto_ops shared_ops = {
	.family		= PF_IUCV,
	.ioctl		= shared_ioctl,
	.getsockopt	= shared_getsockopt,
};

int shared_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &shared_ops;
	return 0;
}
