/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal stand-in for include/linux/net.h: struct socket, struct proto_ops
 * and sockopt_t, with the declarations shaped exactly as in the Debian
 * 6.12 tree (which carries the getsockopt_iter backport).
 */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

#include <linux/compiler.h>
#include <linux/sockptr.h>
#include <linux/types.h>
#include <linux/uio.h>

/**
 * struct sockopt - socket option value container
 * @iter_in: iov_iter for reading optval with the content from the caller.
 *	     Use copy_from_iter() given this iov direction is ITER_SOURCE
 * @iter_out: iov_iter for protocols to update optval data to userspace
 *	      Use _copy_to_iter() given iov direction is ITER_DEST
 * @optlen: serves as both input (buffer size) and output (returned data size).
 *
 * Type-safe wrapper for socket option data that works with both
 * user and kernel buffers.
 *
 * The optlen field allows callbacks to return a specific length value
 * independent of the bytes written via copy_to_iter().
 */
typedef struct sockopt {
	struct iov_iter iter_in;
	struct iov_iter iter_out;
	int optlen;
} sockopt_t;

struct file;
struct msghdr;
struct net;
struct sock;
struct sockaddr;

typedef enum {
	SS_FREE = 0,			/* not allocated		*/
	SS_UNCONNECTED,			/* unconnected to any socket	*/
	SS_CONNECTING,			/* in process of connecting	*/
	SS_CONNECTED,			/* connected to socket		*/
	SS_DISCONNECTING		/* in process of disconnecting	*/
} socket_state;

enum sock_type {
	SOCK_STREAM	= 1,
	SOCK_DGRAM	= 2,
	SOCK_RAW	= 3,
	SOCK_RDM	= 4,
	SOCK_SEQPACKET	= 5,
};

/**
 *  struct socket - general BSD socket
 *  @state: socket state (%SS_CONNECTED, etc)
 *  @type: socket type (%SOCK_STREAM, etc)
 *  @flags: socket flags (%SOCK_NOSPACE, etc)
 *  @ops: protocol specific socket operations
 *  @file: File back pointer for gc
 *  @sk: internal networking protocol agnostic socket representation
 */
struct socket {
	socket_state		state;
	short			type;
	unsigned long		flags;
	struct file		*file;
	struct sock		*sk;
	const struct proto_ops	*ops;
};

struct proto_ops {
	int		family;
	int		(*release)   (struct socket *sock);
	int		(*bind)	     (struct socket *sock,
				      struct sockaddr *myaddr,
				      int sockaddr_len);
	int		(*connect)   (struct socket *sock,
				      struct sockaddr *vaddr,
				      int sockaddr_len, int flags);
	int		(*getname)   (struct socket *sock,
				      struct sockaddr *addr,
				      int peer);
	int		(*ioctl)     (struct socket *sock, unsigned int cmd,
				      unsigned long arg);
	int		(*listen)    (struct socket *sock, int len);
	int		(*shutdown)  (struct socket *sock, int flags);
	int		(*setsockopt)(struct socket *sock, int level,
				      int optname, sockptr_t optval,
				      unsigned int optlen);
	int		(*getsockopt)(struct socket *sock, int level,
				      int optname, char __user *optval, int __user *optlen);
	int		(*getsockopt_iter)(struct socket *sock, int level,
					   int optname, sockopt_t *opt);
	int		(*sendmsg)   (struct socket *sock, struct msghdr *m,
				      size_t total_len);
	int		(*recvmsg)   (struct socket *sock, struct msghdr *m,
				      size_t total_len, int flags);
};

int sock_no_bind(struct socket *sock, struct sockaddr *saddr, int len);
int sock_no_connect(struct socket *sock, struct sockaddr *saddr, int len,
		    int flags);
int sock_no_getname(struct socket *sock, struct sockaddr *saddr, int peer);
int sock_no_listen(struct socket *sock, int backlog);
int sock_no_shutdown(struct socket *sock, int how);
int sock_no_sendmsg(struct socket *sock, struct msghdr *m, size_t len);

#endif	/* _LINUX_NET_H */
