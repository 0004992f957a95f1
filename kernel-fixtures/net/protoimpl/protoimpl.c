// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "protoimpl": a struct proto getsockopt (udp_lib_getsockopt shape),
 * taking struct sock *sk first and registered as .getsockopt of a
 * struct proto, not of a proto_ops. It uses the plain idioms: get_user(len,
 * optlen), min_t() clamp, put_user(len, optlen), copy_to_user(optval, &val,
 * len). Reported separately from proto_ops implementations.
 * Expected verdict: convertible (struct proto), no behaviour change.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_PROTOIMPL		298
#define PROTOIMPL_CORK		1
#define PROTOIMPL_ENCAP		100

struct protoimpl_sock {
	struct sock	sk;
	int		corkflag;
	u16		encap_type;
};

#define protoimpl_sk(__sk)	((struct protoimpl_sock *)(__sk))

static int protoimpl_getsockopt(struct sock *sk, int level, int optname,
				char __user *optval, int __user *optlen)
{
	struct protoimpl_sock *ps = protoimpl_sk(sk);
	int val, len;

	if (level != SOL_PROTOIMPL)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;

	len = min_t(unsigned int, len, sizeof(int));
	if (len < 0)
		return -EINVAL;

	lock_sock(sk);
	switch (optname) {
	case PROTOIMPL_CORK:
		val = ps->corkflag;
		break;
	case PROTOIMPL_ENCAP:
		val = ps->encap_type;
		break;
	default:
		release_sock(sk);
		return -ENOPROTOOPT;
	}
	release_sock(sk);

	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

struct proto protoimpl_prot = {
	.name		= "PROTOIMPL",
	.getsockopt	= protoimpl_getsockopt,
	.obj_size	= sizeof(struct protoimpl_sock),
};
