/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal stand-in for include/net/sock.h: struct sock, struct proto and the
 * socket lock.  struct proto's getsockopt keeps the real header's parameter
 * name "option" for optlen.
 */
#ifndef _SOCK_H
#define _SOCK_H

#include <linux/compiler.h>
#include <linux/net.h>
#include <linux/sockptr.h>
#include <linux/types.h>

struct msghdr;
struct proto;

/**
 * struct sock - network layer representation of sockets
 * @sk_family: network address family
 * @sk_state: connection state
 * @sk_type: socket type
 * @sk_protocol: which protocol this socket belongs in this network family
 * @sk_prot: protocol handlers inside a network family
 * @sk_socket: Identd and reporting IO signals
 * @sk_rcvbuf: size of receive buffer in bytes
 * @sk_sndbuf: size of send buffer in bytes
 * @sk_priority: %SO_PRIORITY setting
 * @sk_mark: generic packet mark
 * @sk_user_data: RPC layer private data
 */
struct sock {
	unsigned short		sk_family;
	volatile unsigned char	sk_state;
	u16			sk_type;
	u16			sk_protocol;
	struct proto		*sk_prot;
	struct socket		*sk_socket;
	int			sk_rcvbuf;
	int			sk_sndbuf;
	u32			sk_priority;
	u32			sk_mark;
	void			*sk_user_data;
};

/* Networking protocol blocks we attach to sockets.
 * socket layer -> transport layer interface
 */
struct proto {
	void			(*close)(struct sock *sk,
					long timeout);
	int			(*connect)(struct sock *sk,
					struct sockaddr *uaddr,
					int addr_len);
	int			(*disconnect)(struct sock *sk, int flags);
	int			(*ioctl)(struct sock *sk, int cmd,
					 int *karg);
	int			(*init)(struct sock *sk);
	void			(*destroy)(struct sock *sk);
	void			(*shutdown)(struct sock *sk, int how);
	int			(*setsockopt)(struct sock *sk, int level,
					int optname, sockptr_t optval,
					unsigned int optlen);
	int			(*getsockopt)(struct sock *sk, int level,
					int optname, char __user *optval,
					int __user *option);
	int			(*sendmsg)(struct sock *sk, struct msghdr *msg,
					   size_t len);
	int			(*recvmsg)(struct sock *sk, struct msghdr *msg,
					   size_t len, int flags,
					   int *addr_len);
	unsigned int		obj_size;
	char			name[32];
};

void lock_sock_nested(struct sock *sk, int subclass);

static inline void lock_sock(struct sock *sk)
{
	lock_sock_nested(sk, 0);
}

void release_sock(struct sock *sk);

int proto_register(struct proto *prot, int alloc_slab);
void proto_unregister(struct proto *prot);

int sock_common_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen);

#endif	/* _SOCK_H */
