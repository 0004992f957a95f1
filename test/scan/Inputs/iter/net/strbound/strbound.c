// SPDX-License-Identifier: GPL-2.0
/*
 * A name copied out with its length, strlen(name) + 1, as net/core/sock.c
 * sock_getbindtodevice() does for SO_BINDTODEVICE: the string ends inside
 * its array, so the copy is at most the array's size, and a path that
 * checked optlen against that size stays within the caller's buffer
 * (STRBOUND_NAME, no prediction). STRBOUND_SHORT checks against less than
 * the array, and STRBOUND_UNCHECKED (net/ax25/af_ax25.c's shape) not at
 * all: both keep their short-buffer prediction.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#define STRBOUND_NAMESIZ	16

#define STRBOUND_NAME		1
#define STRBOUND_SHORT		2
#define STRBOUND_UNCHECKED	3

static int strbound_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	char name[STRBOUND_NAMESIZ];
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	strscpy(name, "strbound0", sizeof(name));

	switch (optname) {
	case STRBOUND_NAME:
		if (len < STRBOUND_NAMESIZ)
			return -EINVAL;
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	case STRBOUND_SHORT:
		if (len < 8)
			return -EINVAL;
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	case STRBOUND_UNCHECKED:
		len = strlen(name) + 1;
		if (copy_to_user(optval, name, len))
			return -EFAULT;
		break;
	default:
		return -ENOPROTOOPT;
	}
	return put_user(len, optlen);
}

static const struct proto_ops strbound_ops = {
	.family		= PF_INET,
	.getsockopt	= strbound_getsockopt,
};

const struct proto_ops *strbound_ops_get(void)
{
	return &strbound_ops;
}
