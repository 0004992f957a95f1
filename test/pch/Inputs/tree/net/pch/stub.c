// SPDX-License-Identifier: GPL-2.0
/*
 * test/pch: optval reaches the configuration stub of a header inside the
 * shared precompiled header; the reason still names its #if.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/sockptr.h>
#include <net/sock.h>

static int stub_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	return pch_extra_get_keys(sock->sk, USER_SOCKPTR(optval), USER_SOCKPTR(optlen));
}

static const struct proto_ops stub_ops = {
	.getsockopt	= stub_getsockopt,
};

const struct proto_ops *stub_get_ops(void)
{
	return &stub_ops;
}
