// SPDX-License-Identifier: GPL-2.0
/*
 * getsockopt registrations in #if branches this configuration does not
 * compile (the fixtures' kconfig.h sets no CONFIG_FIXTURE_ option): an IPv6
 * ops table, as net/mptcp/protocol.c has under CONFIG_MPTCP_IPV6, the #else
 * of a member, an assignment through a pointer, GNU's old designator in an
 * #elif, and the #else of an option that is on. A comment that spells a
 * registration is none.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

static int hiddenreg_getsockopt(struct socket *sock, int level, int optname,
				char __user *optval, int __user *optlen)
{
	return -ENOPROTOOPT;
}

#if IS_ENABLED(CONFIG_FIXTURE_V6)
static int hiddenreg_v6_getsockopt(struct socket *sock, int level, int optname,
				   char __user *optval, int __user *optlen)
{
	return -ENOPROTOOPT;
}

/* Not a registration: .getsockopt = hiddenreg_comment_getsockopt */
static const struct proto_ops hiddenreg_v6_ops = {
	.family		= PF_INET6,
	.getsockopt	= hiddenreg_v6_getsockopt,
};
#endif

static const struct proto_ops hiddenreg_ops = {
	.family		= PF_INET,
#ifdef CONFIG_FIXTURE_ITER
	.getsockopt_iter = hiddenreg_iter_getsockopt,
#else
	.getsockopt	= hiddenreg_getsockopt,
#endif
};

static const struct proto_ops hiddenreg_net_ops __maybe_unused = {
	.family		= PF_INET,
#if IS_ENABLED(CONFIG_NET)
	.getsockopt	= hiddenreg_getsockopt,
#else
	.getsockopt	= hiddenreg_nonet_getsockopt,
#endif
};

static struct proto_ops hiddenreg_copy_ops;

void hiddenreg_setup(void)
{
	hiddenreg_copy_ops = hiddenreg_ops;
#if defined(CONFIG_FIXTURE_OLD_COPY)
	(&hiddenreg_copy_ops)->getsockopt = hiddenreg_old_getsockopt;
#elif 0
	static const struct proto_ops gnu_ops = { getsockopt: hiddenreg_gnu_getsockopt };
#endif
}

const struct proto_ops *hiddenreg_ops_get(void)
{
	return &hiddenreg_ops;
}
