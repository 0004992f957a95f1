// SPDX-License-Identifier: GPL-2.0
/* A getsockopt_iter that hands its value to the header's helpers. */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>

#include "hdrhelper.h"

static int hdrhelper_one_getsockopt(struct socket *sock, int level, int optname,
				   sockopt_t *opt)
{
	if (optname == 1)
		return sock_helper_put_int(opt, sock->sk->sk_priority);
	return hdrhelper_put_int(opt, sock->sk->sk_priority);
}

static const struct proto_ops hdrhelper_one_ops = {
	.family		= PF_INET,
	.getsockopt_iter = hdrhelper_one_getsockopt,
};

const struct proto_ops *hdrhelper_one_ops_get(void)
{
	return &hdrhelper_one_ops;
}
