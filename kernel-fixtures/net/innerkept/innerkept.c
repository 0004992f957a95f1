// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture "innerkept": struct proto getsockopt hooks whose inner helper the
 * rewrite leaves alone.
 * - kept_assign_getsockopt() keeps the helper's result in a variable
 *   (`err = kept_assign_get(...)`) rather than returning it: the wrapper
 *   needs statements of its own there. Expected: kept_assign_get() stays,
 *   unsupported-context.
 * - kept_shared_get() is the inner helper of two hooks: it converts only
 *   with both, and neither is a call the rewrite wraps alone. Expected:
 *   no edit, and no wrapper.
 * - kept_reads_getsockopt() reads optlen itself and passes the length on
 *   with the pointers (net/sctp/socket.c): not a hook a wrapper stands in
 *   for. Expected: no edit.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define SOL_KEPT	303
#define KEPT_VALUE	1

static int kept_value(struct sock *sk, char __user *optval, int __user *optlen)
{
	int val = 1, len;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(unsigned int, sizeof(int), len);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int kept_assign_get(struct sock *sk, char __user *optval, int __user *optlen)
{
	return kept_value(sk, optval, optlen);
}

static int kept_assign_getsockopt(struct sock *sk, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	int err;

	if (level != SOL_KEPT)
		return -ENOPROTOOPT;
	lock_sock(sk);
	err = kept_assign_get(sk, optval, optlen);
	release_sock(sk);
	return err;
}

static int kept_shared_get(struct sock *sk, char __user *optval, int __user *optlen)
{
	int val = 2, len;

	if (get_user(len, optlen))
		return -EFAULT;
	len = min_t(unsigned int, sizeof(int), len);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int kept_shared_getsockopt(struct sock *sk, int level, int optname,
				  char __user *optval, int __user *optlen)
{
	if (level != SOL_KEPT)
		return -ENOPROTOOPT;
	return kept_shared_get(sk, optval, optlen);
}

static int kept_shared6_getsockopt(struct sock *sk, int level, int optname,
				   char __user *optval, int __user *optlen)
{
	if (level != SOL_KEPT + 1)
		return -ENOPROTOOPT;
	return kept_shared_get(sk, optval, optlen);
}

static int kept_reads_get(struct sock *sk, int len, char __user *optval,
			  int __user *optlen)
{
	int val = 3;

	len = min_t(unsigned int, sizeof(int), len);
	if (put_user(len, optlen))
		return -EFAULT;
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int kept_reads_getsockopt(struct sock *sk, int level, int optname,
				 char __user *optval, int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	return kept_reads_get(sk, len, optval, optlen);
}

struct proto kept_assign_prot = {
	.name		= "KEPT_ASSIGN",
	.getsockopt	= kept_assign_getsockopt,
};

struct proto kept_shared_prot = {
	.name		= "KEPT_SHARED",
	.getsockopt	= kept_shared_getsockopt,
};

struct proto kept_shared6_prot = {
	.name		= "KEPT_SHARED6",
	.getsockopt	= kept_shared6_getsockopt,
};

struct proto kept_reads_prot = {
	.name		= "KEPT_READS",
	.getsockopt	= kept_reads_getsockopt,
};
