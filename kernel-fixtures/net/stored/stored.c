// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "stored": optval is stored for later use. STORED_NEXT_EVENT parks
 * the caller's buffer in a request ("req->ubuf = optval;") that
 * stored_event(), called later from the receive path, fills in. The user
 * pointer outlives the getsockopt call, which no iov_iter can follow.
 * Expected verdict: manual, reason stored-user-pointer.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_STORED		306
#define STORED_NEXT_EVENT	1

struct stored_req {
	char __user	*ubuf;
	int		len;
};

struct stored_sock {
	struct sock		sk;
	struct stored_req	*waiter;
};

#define stored_sk(__sk)		((struct stored_sock *)(__sk))

/* Called from the receive path, with the socket locked. */
int stored_event(struct sock *sk, u32 event)
{
	struct stored_req *req = stored_sk(sk)->waiter;
	int err = 0;

	if (!req)
		return -EAGAIN;
	stored_sk(sk)->waiter = NULL;
	if (copy_to_user(req->ubuf, &event, sizeof(event)))
		err = -EFAULT;
	kfree(req);
	return err;
}

static int stored_getsockopt(struct socket *sock, int level, int optname,
			     char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct stored_req *req;
	int len;

	if (level != SOL_STORED)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case STORED_NEXT_EVENT:
		if (len < sizeof(u32))
			return -EINVAL;
		req = kzalloc(sizeof(*req), GFP_KERNEL);
		if (!req)
			return -ENOMEM;
		req->ubuf = optval;
		req->len = len;
		lock_sock(sk);
		kfree(stored_sk(sk)->waiter);
		stored_sk(sk)->waiter = req;
		release_sock(sk);
		len = sizeof(u32);
		return put_user(len, optlen) ? -EFAULT : 0;
	default:
		return -ENOPROTOOPT;
	}
}

static const struct proto_ops stored_ops = {
	.family		= PF_RXRPC,
	.getsockopt	= stored_getsockopt,
};

int stored_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &stored_ops;
	return 0;
}
