// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "chain", part 1: the legacy callback hands optval/optlen through
 * USER_SOCKPTR() to chain_get(), defined in another translation unit
 * (net/chain/chain_core.c). The analysis follows them there.
 * Expected: manual; sockptr-bridge and cross-file-helper here, and the
 * reasons of chain_core.c with the chain [chain_getsockopt, chain_get,
 * chain_copy_keys]; per option: CHAIN_PLAIN convertible, CHAIN_KEYS manual.
 */
#include <linux/errno.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/sockptr.h>
#include <net/chain.h>
#include <net/sock.h>

static int chain_getsockopt(struct socket *sock, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	if (level != SOL_TCP)
		return -ENOPROTOOPT;
	return chain_get(sock->sk, optname, USER_SOCKPTR(optval),
			 USER_SOCKPTR(optlen));
}

static const struct proto_ops chain_ops = {
	.family		= PF_INET,
	.getsockopt	= chain_getsockopt,
};

int chain_create(struct net *net, struct socket *sock, int protocol, int kern)
{
	sock->ops = &chain_ops;
	return 0;
}
