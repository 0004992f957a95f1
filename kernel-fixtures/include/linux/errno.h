/* SPDX-License-Identifier: GPL-2.0 */
/* The subset of include/uapi/asm-generic/errno{,-base}.h the fixtures use. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define	EPERM		 1	/* Operation not permitted */
#define	ENOENT		 2	/* No such file or directory */
#define	E2BIG		 7	/* Argument list too long */
#define	EBADF		 9	/* Bad file number */
#define	EAGAIN		11	/* Try again */
#define	ENOMEM		12	/* Out of memory */
#define	EFAULT		14	/* Bad address */
#define	ENODEV		19	/* No such device */
#define	EINVAL		22	/* Invalid argument */
#define	ERANGE		34	/* Math result not representable */
#define	EBADFD		77	/* File descriptor in bad state */
#define	ENOTSOCK	88	/* Socket operation on non-socket */
#define	ENOPROTOOPT	92	/* Protocol not available */
#define	EOPNOTSUPP	95	/* Operation not supported on transport endpoint */
#define	ENOBUFS		105	/* No buffer space available */
#define	ENOTCONN	107	/* Transport endpoint is not connected */
#define	ENOIOCTLCMD	515	/* No ioctl command */

#endif /* _LINUX_ERRNO_H */
