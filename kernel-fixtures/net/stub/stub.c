// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "stub": optval/optlen reach stub_get_keys(), which this
 * configuration compiles as the static inline stub of include/net/stub.h
 * (CONFIG_FIXTURE_STUB is not set: the tcp_ao_get_mkts() shape under an
 * x86_64 allmodconfig, where TCP_AO cannot be enabled).
 * Expected: manual, config-stub naming CONFIG_FIXTURE_STUB.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/sockptr.h>
#include <net/sock.h>
#include <net/stub.h>

static int stub_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	return stub_get_keys(sock->sk, USER_SOCKPTR(optval), USER_SOCKPTR(optlen));
}

static const struct proto_ops stub_ops = {
	.family		= PF_INET,
	.getsockopt	= stub_getsockopt,
};

int stub_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &stub_ops;
	return 0;
}
