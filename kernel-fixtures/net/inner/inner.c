// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "inner": a struct proto getsockopt that only dispatches, as
 * net/ipv4/raw.c's raw_getsockopt() and net/ipv6/raw.c's rawv6_getsockopt()
 * do: one level goes on to a legacy function of another unit
 * (external_dump(), ip_getsockopt() there), one to an inner helper from a
 * switch case, the rest to a second inner helper at the end. struct proto
 * has no getsockopt_iter, so the hook keeps its signature.
 * Expected: the hook stays manual (the hand-off to external_dump()); both
 * inner helpers convert to sockopt_t, each call wrapped in
 * sockopt_init_user() and a copy of optlen back, and the tree, which
 * lacks sockopt_init_user(), gets it in include/linux/net.h.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/external.h>
#include <net/sock.h>

#define SOL_INNER		300
#define SOL_INNER_FILTER	301
#define SOL_INNER_DUMP		302
#define INNER_HDRINCL		1
#define INNER_CHECKSUM		2
#define INNER_FILTER		1

struct inner_filter {
	u32	data;
	u32	mask;
};

struct inner_sock {
	struct sock		sk;
	int			hdrincl;
	int			checksum;
	struct inner_filter	filter;
};

#define inner_sk(__sk)	((struct inner_sock *)(__sk))

static int inner_getfilter(struct sock *sk, char __user *optval, int __user *optlen)
{
	int len, ret = -EFAULT;

	if (get_user(len, optlen))
		goto out;
	ret = -EINVAL;
	if (len < 0)
		goto out;
	if (len > sizeof(struct inner_filter))
		len = sizeof(struct inner_filter);
	ret = -EFAULT;
	if (put_user(len, optlen) ||
	    copy_to_user(optval, &inner_sk(sk)->filter, len))
		goto out;
	ret = 0;
out:	return ret;
}

static int do_inner_getsockopt(struct sock *sk, int optname,
			       char __user *optval, int __user *optlen)
{
	int val, len;

	if (get_user(len, optlen))
		return -EFAULT;

	switch (optname) {
	case INNER_HDRINCL:
		val = inner_sk(sk)->hdrincl;
		break;
	case INNER_CHECKSUM:
		val = inner_sk(sk)->checksum;
		break;
	default:
		return -ENOPROTOOPT;
	}

	len = min_t(unsigned int, sizeof(int), len);

	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int inner_getsockopt(struct sock *sk, int level, int optname,
			    char __user *optval, int __user *optlen)
{
	switch (level) {
	case SOL_INNER:
		break;
	case SOL_INNER_FILTER:
		if (optname != INNER_FILTER)
			return -EOPNOTSUPP;
		return inner_getfilter(sk, optval, optlen);
	case SOL_INNER_DUMP:
		return external_dump(sk, optval, optlen);
	default:
		return -ENOPROTOOPT;
	}

	return do_inner_getsockopt(sk, optname, optval, optlen);
}

struct proto inner_prot = {
	.name		= "INNER",
	.getsockopt	= inner_getsockopt,
	.obj_size	= sizeof(struct inner_sock),
};
