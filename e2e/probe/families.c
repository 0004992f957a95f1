// SPDX-License-Identifier: GPL-2.0
/*
 * What the probe calls, per socket: the families sockopt-migrate converts in
 * Linux 6.12 (their getsockopt changes between the two kernels) and a few
 * controls that stay as they are. Each entry names the struct proto_ops
 * getsockopt that serves it; its levels and optnames are that function's
 * level checks and case labels, probed one past the highest so that the
 * default branch shows too, and for most converted families a level the
 * function does not handle.
 *
 * Constants missing from the system's (6.1) uapi headers are spelled as
 * numbers next to the 6.12 header that defines them.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/atm.h>
#include <linux/can.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <linux/can/raw.h>
#include <linux/ax25.h>
#include <linux/if_packet.h>
#include <linux/if_pppol2tp.h>
#include <linux/if_pppox.h>
#include <linux/if_xdp.h>
#include <linux/kcm.h>
#include <linux/llc.h>
#include <linux/mctp.h>
#include <linux/netrom.h>
#include <linux/netlink.h>
#include <linux/nfc.h>
#include <linux/rose.h>
#include <linux/rxrpc.h>
#include <linux/tipc.h>
#include <linux/vm_sockets.h>
#include <linux/x25.h>

#include "families.h"

#define OPT(x)		{ x, #x }
#define END		{ 0, NULL }
#define LEVEL(x)	x, #x

/* Bluetooth's socket API is not uapi: include/net/bluetooth/bluetooth.h. */
#define BTPROTO_L2CAP	0
#define BTPROTO_HCI	1
#define BTPROTO_SCO	2
#define BTPROTO_RFCOMM	3
#define BTPROTO_ISO	8
#define SOL_HCI		0
#define SOL_L2CAP	6
#define SOL_SCO		17
#define SOL_RFCOMM	18

/* Levels from include/linux/socket.h that the system's headers lack. */
#define SOL_AX25	257
#define SOL_NETROM	259
#define SOL_ROSE	260

/* Nor is mISDN's: include/linux/mISDNif.h. */
#define ISDN_P_BASE	0
#define ISDN_P_TE_S0	1
#define SOL_MISDN	0

/* The end of a level list. */
#define NO_MORE		{ 0, NULL, 0, 0, NULL }
/* A level none of the converted families handles, to see their refusal. */
#define FOREIGN		{ LEVEL(SOL_IP), 0, 1, NULL }

/* packet_getsockopt(), net/packet/af_packet.c */
static const struct optname packet_opts[] = {
	OPT(PACKET_STATISTICS), OPT(PACKET_COPY_THRESH), OPT(PACKET_AUXDATA),
	OPT(PACKET_ORIGDEV), OPT(PACKET_VERSION), OPT(PACKET_HDRLEN),
	OPT(PACKET_RESERVE), OPT(PACKET_LOSS), OPT(PACKET_VNET_HDR),
	OPT(PACKET_TIMESTAMP), OPT(PACKET_FANOUT), OPT(PACKET_TX_HAS_OFF),
	OPT(PACKET_QDISC_BYPASS), OPT(PACKET_ROLLOVER_STATS),
	OPT(PACKET_IGNORE_OUTGOING),
	{ 24, "PACKET_VNET_HDR_SZ" },	/* include/uapi/linux/if_packet.h */
	END
};
static const struct level packet_levels[] = {
	{ LEVEL(SOL_PACKET), 0, 25, packet_opts }, FOREIGN, NO_MORE
};

/* x25_getsockopt(), net/x25/af_x25.c */
static const struct optname x25_opts[] = { OPT(X25_QBITINCL), END };
static const struct level x25_levels[] = {
	{ LEVEL(SOL_X25), 0, 2, x25_opts }, FOREIGN, NO_MORE
};

/* rose_getsockopt(), net/rose/af_rose.c */
static const struct optname rose_opts[] = {
	OPT(ROSE_DEFER), OPT(ROSE_T1), OPT(ROSE_T2), OPT(ROSE_T3),
	OPT(ROSE_IDLE), OPT(ROSE_QBITINCL), OPT(ROSE_HOLDBACK), END
};
static const struct level rose_levels[] = {
	{ LEVEL(SOL_ROSE), 0, 8, rose_opts }, FOREIGN, NO_MORE
};

/* nr_getsockopt(), net/netrom/af_netrom.c */
static const struct optname netrom_opts[] = {
	OPT(NETROM_T1), OPT(NETROM_T2), OPT(NETROM_N2), OPT(NETROM_T4),
	OPT(NETROM_IDLE), END
};
static const struct level netrom_levels[] = {
	{ LEVEL(SOL_NETROM), 0, 8, netrom_opts }, FOREIGN, NO_MORE
};

/*
 * ax25_getsockopt(), net/ax25/af_ax25.c; SO_BINDTODEVICE is also one of its
 * SOL_AX25 options.
 */
static const struct optname ax25_opts[] = {
	OPT(AX25_WINDOW), OPT(AX25_T1), OPT(AX25_N2), OPT(AX25_T3),
	OPT(AX25_T2), OPT(AX25_BACKOFF), OPT(AX25_EXTSEQ), OPT(AX25_PIDINCL),
	OPT(AX25_IDLE), OPT(AX25_PACLEN), OPT(AX25_IAMDIGI),
	OPT(SO_BINDTODEVICE), END
};
static const struct level ax25_levels[] = {
	{ LEVEL(SOL_AX25), 0, 13, ax25_opts },
	{ LEVEL(SOL_AX25), 25, 26, ax25_opts },
	FOREIGN, NO_MORE
};

/* llc_ui_getsockopt(), net/llc/af_llc.c */
static const struct optname llc_opts[] = {
	OPT(LLC_OPT_RETRY), OPT(LLC_OPT_SIZE), OPT(LLC_OPT_ACK_TMR_EXP),
	OPT(LLC_OPT_P_TMR_EXP), OPT(LLC_OPT_REJ_TMR_EXP),
	OPT(LLC_OPT_BUSY_TMR_EXP), OPT(LLC_OPT_TX_WIN), OPT(LLC_OPT_RX_WIN),
	OPT(LLC_OPT_PKTINFO), END
};
static const struct level llc_levels[] = {
	{ LEVEL(SOL_LLC), 0, 10, llc_opts }, FOREIGN, NO_MORE
};

/*
 * pppol2tp_getsockopt(), net/l2tp/l2tp_ppp.c: an unconnected socket has no
 * session, so every option stops at -ENOTCONN after the length checks.
 */
static const struct optname pppol2tp_opts[] = {
	OPT(PPPOL2TP_SO_DEBUG), OPT(PPPOL2TP_SO_RECVSEQ),
	OPT(PPPOL2TP_SO_SENDSEQ), OPT(PPPOL2TP_SO_LNSMODE),
	OPT(PPPOL2TP_SO_REORDERTO), END
};
static const struct level pppol2tp_levels[] = {
	{ LEVEL(SOL_PPPOL2TP), 0, 6, pppol2tp_opts }, FOREIGN, NO_MORE
};

/* kcm_getsockopt(), net/kcm/kcmsock.c */
static const struct optname kcm_opts[] = { OPT(KCM_RECV_DISABLE), END };
static const struct level kcm_levels[] = {
	{ LEVEL(SOL_KCM), 0, 2, kcm_opts }, FOREIGN, NO_MORE
};

/* isotp_getsockopt(), net/can/isotp.c */
static const struct optname isotp_opts[] = {
	OPT(CAN_ISOTP_OPTS), OPT(CAN_ISOTP_RECV_FC), OPT(CAN_ISOTP_TX_STMIN),
	OPT(CAN_ISOTP_RX_STMIN), OPT(CAN_ISOTP_LL_OPTS), END
};
static const struct level isotp_levels[] = {
	{ LEVEL(SOL_CAN_ISOTP), 0, 6, isotp_opts }, FOREIGN, NO_MORE
};

/* mctp_getsockopt(), net/mctp/af_mctp.c */
static const struct optname mctp_opts[] = { OPT(MCTP_OPT_ADDR_EXT), END };
static const struct level mctp_levels[] = {
	{ LEVEL(SOL_MCTP), 0, 2, mctp_opts }, FOREIGN, NO_MORE
};

/*
 * nfc_llcp_getsockopt(), net/nfc/llcp_sock.c: an unbound socket has no
 * local device, so every option with optlen >= 4 stops at -ENODEV.
 */
static const struct optname nfc_opts[] = {
	OPT(NFC_LLCP_RW), OPT(NFC_LLCP_MIUX), OPT(NFC_LLCP_REMOTE_MIU),
	OPT(NFC_LLCP_REMOTE_LTO), OPT(NFC_LLCP_REMOTE_RW), END
};
static const struct level nfc_levels[] = {
	{ LEVEL(SOL_NFC), 0, 5, nfc_opts }, FOREIGN, NO_MORE
};

/*
 * vsock_connectible_getsockopt(), net/vmw_vsock/af_vsock.c: its level is
 * AF_VSOCK, not SOL_VSOCK.
 */
static const struct optname vsock_opts[] = {
	OPT(SO_VM_SOCKETS_BUFFER_SIZE), OPT(SO_VM_SOCKETS_BUFFER_MIN_SIZE),
	OPT(SO_VM_SOCKETS_BUFFER_MAX_SIZE),
	OPT(SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD),
	OPT(SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW), END
};
static const struct level vsock_levels[] = {
	{ LEVEL(AF_VSOCK), 0, 9, vsock_opts }, FOREIGN, NO_MORE
};

/* xsk_getsockopt(), net/xdp/xsk.c */
static const struct optname xdp_opts[] = {
	OPT(XDP_MMAP_OFFSETS), OPT(XDP_STATISTICS), OPT(XDP_OPTIONS), END
};
static const struct level xdp_levels[] = {
	{ LEVEL(SOL_XDP), 0, 9, xdp_opts }, FOREIGN, NO_MORE
};

/*
 * data_sock_getsockopt(), drivers/isdn/mISDN/socket.c, ignores the level;
 * base sockets (base_sock_ops) have no getsockopt at all.
 */
static const struct optname misdn_opts[] = {
	{ 1, "MISDN_TIME_STAMP" },	/* include/linux/mISDNif.h */
	END
};
static const struct level misdn_data_levels[] = {
	{ LEVEL(SOL_MISDN), 0, 2, misdn_opts }, NO_MORE
};
static const struct level misdn_base_levels[] = {
	{ LEVEL(SOL_MISDN), 0, 1, NULL }, NO_MORE
};

/* include/net/bluetooth/bluetooth.h */
static const struct optname bt_opts[] = {
	{ 4, "BT_SECURITY" }, { 7, "BT_DEFER_SETUP" }, { 8, "BT_FLUSHABLE" },
	{ 9, "BT_POWER" }, { 10, "BT_CHANNEL_POLICY" }, { 11, "BT_VOICE" },
	{ 12, "BT_SNDMTU" }, { 13, "BT_RCVMTU" }, { 14, "BT_PHY" },
	{ 15, "BT_MODE" }, { 16, "BT_PKT_STATUS" }, { 17, "BT_ISO_QOS" },
	{ 19, "BT_CODEC" }, { 20, "BT_ISO_BASE" }, END
};

/*
 * rfcomm_sock_getsockopt(), net/bluetooth/rfcomm/sock.c: SOL_BLUETOOTH
 * itself, SOL_RFCOMM in rfcomm_sock_getsockopt_old(). BT_DEFER_SETUP
 * answers only in state BT_BOUND or BT_LISTEN, hence the bound entry.
 */
static const struct optname rfcomm_opts[] = {
	{ 2, "RFCOMM_CONNINFO" }, { 3, "RFCOMM_LM" },	/* include/net/bluetooth/rfcomm.h */
	END
};
static const struct level rfcomm_levels[] = {
	{ LEVEL(SOL_RFCOMM), 0, 4, rfcomm_opts },
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts },
	FOREIGN, NO_MORE
};
static const struct level rfcomm_bound_levels[] = {
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts }, NO_MORE
};

/*
 * iso_sock_getsockopt(), net/bluetooth/iso.c, ignores the level. BTPROTO_ISO
 * exists only once mgmt enabled the experimental ISO feature (iso_init()).
 */
static const struct level iso_levels[] = {
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts }, NO_MORE
};

/*
 * hci_sock_getsockopt(), net/bluetooth/hci_sock.c: SOL_HCI in
 * hci_sock_getsockopt_old() (include/net/bluetooth/hci_sock.h), which
 * put_user()s an int through char __user *optval; BT_SNDMTU/BT_RCVMTU at
 * SOL_BLUETOOTH without reading optlen.
 */
static const struct optname hci_opts[] = {
	{ 1, "HCI_DATA_DIR" }, { 2, "HCI_FILTER" }, { 3, "HCI_TIME_STAMP" }, END
};
static const struct level hci_levels[] = {
	{ LEVEL(SOL_HCI), 0, 4, hci_opts },	/* SOL_HCI is SOL_IP: no FOREIGN */
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts },
	NO_MORE
};

/* netlink_getsockopt(), net/netlink/af_netlink.c */
static const struct optname netlink_opts[] = {
	OPT(NETLINK_PKTINFO), OPT(NETLINK_BROADCAST_ERROR),
	OPT(NETLINK_NO_ENOBUFS), OPT(NETLINK_LIST_MEMBERSHIPS),
	OPT(NETLINK_LISTEN_ALL_NSID), OPT(NETLINK_CAP_ACK),
	OPT(NETLINK_EXT_ACK), OPT(NETLINK_GET_STRICT_CHK), END
};
static const struct level netlink_levels[] = {
	{ LEVEL(SOL_NETLINK), 0, 13, netlink_opts }, FOREIGN, NO_MORE
};

/* j1939_sk_getsockopt(), net/can/j1939/socket.c */
static const struct optname j1939_opts[] = {
	OPT(SO_J1939_FILTER), OPT(SO_J1939_PROMISC), OPT(SO_J1939_SEND_PRIO),
	OPT(SO_J1939_ERRQUEUE), END
};
static const struct level j1939_levels[] = {
	{ LEVEL(SOL_CAN_J1939), 0, 5, j1939_opts }, FOREIGN, NO_MORE
};

/* rxrpc_getsockopt(), net/rxrpc/af_rxrpc.c */
static const struct optname rxrpc_opts[] = { OPT(RXRPC_SUPPORTED_CMSG), END };
static const struct level rxrpc_levels[] = {
	{ LEVEL(SOL_RXRPC), 0, 7, rxrpc_opts }, FOREIGN, NO_MORE
};

/*
 * pvc_getsockopt(), net/atm/pvc.c, and svc_getsockopt(), net/atm/svc.c,
 * through vcc_getsockopt(), net/atm/common.c. An ATM optname encodes its
 * level and size (include/uapi/linux/atm.h __SO_ENCODE), so each is a level
 * entry of its own. vcc_getsockopt() checks optlen against __SO_SIZE()
 * only when __SO_LEVEL_MATCH(optname, level): at SOL_IP it does not.
 */
static const struct optname atm_opts[] = {
	OPT(SO_SETCLP), OPT(SO_ATMQOS), OPT(SO_ATMSAP), OPT(SO_ATMPVC), END
};
#define ATM_LEVEL(level, opt)	{ LEVEL(level), opt, opt, atm_opts }
static const struct level pvc_levels[] = {
	ATM_LEVEL(SOL_ATM, SO_SETCLP), ATM_LEVEL(SOL_ATM, SO_ATMQOS),
	ATM_LEVEL(SOL_ATM, SO_ATMPVC), ATM_LEVEL(SOL_IP, SO_SETCLP),
	ATM_LEVEL(SOL_IP, SO_ATMQOS), FOREIGN, NO_MORE
};
static const struct level svc_levels[] = {
	ATM_LEVEL(SOL_ATM, SO_SETCLP), ATM_LEVEL(SOL_ATM, SO_ATMQOS),
	ATM_LEVEL(SOL_ATM, SO_ATMSAP), ATM_LEVEL(SOL_ATM, SO_ATMPVC),
	ATM_LEVEL(SOL_IP, SO_SETCLP), ATM_LEVEL(SOL_IP, SO_ATMSAP),
	FOREIGN, NO_MORE
};

/* Controls: not converted, their transcripts must not change. */

/* raw_getsockopt(), net/can/raw.c (left manual by the rewrite) */
static const struct optname can_raw_opts[] = {
	OPT(CAN_RAW_FILTER), OPT(CAN_RAW_ERR_FILTER), OPT(CAN_RAW_LOOPBACK),
	OPT(CAN_RAW_RECV_OWN_MSGS), OPT(CAN_RAW_FD_FRAMES),
	OPT(CAN_RAW_JOIN_FILTERS), OPT(CAN_RAW_XL_FRAMES),
	{ 8, "CAN_RAW_XL_VCID_OPTS" },	/* include/uapi/linux/can/raw.h */
	END
};
static const struct level can_raw_levels[] = {
	{ LEVEL(SOL_CAN_RAW), 0, 9, can_raw_opts }, NO_MORE
};

/*
 * l2cap_sock_getsockopt(), net/bluetooth/l2cap_sock.c: already a
 * getsockopt_iter in Debian's 6.12; SOL_L2CAP in l2cap_sock_getsockopt_old().
 */
static const struct optname l2cap_opts[] = {
	/* include/net/bluetooth/l2cap.h */
	{ 1, "L2CAP_OPTIONS" }, { 2, "L2CAP_CONNINFO" }, { 3, "L2CAP_LM" }, END
};
static const struct level l2cap_levels[] = {
	{ LEVEL(SOL_L2CAP), 0, 4, l2cap_opts },
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts },
	NO_MORE
};

/*
 * sco_sock_getsockopt(), net/bluetooth/sco.c (left manual by the rewrite);
 * SOL_SCO in sco_sock_getsockopt_old().
 */
static const struct optname sco_opts[] = {
	/* include/net/bluetooth/sco.h */
	{ 1, "SCO_OPTIONS" }, { 2, "SCO_CONNINFO" }, END
};
static const struct level sco_levels[] = {
	{ LEVEL(SOL_SCO), 0, 3, sco_opts },
	{ LEVEL(SOL_BLUETOOTH), 0, 21, bt_opts },
	NO_MORE
};

/* tipc_getsockopt(), net/tipc/socket.c (left manual by the rewrite) */
static const struct optname tipc_opts[] = {
	OPT(TIPC_IMPORTANCE), OPT(TIPC_SRC_DROPPABLE),
	OPT(TIPC_DEST_DROPPABLE), OPT(TIPC_CONN_TIMEOUT),
	OPT(TIPC_NODE_RECVQ_DEPTH), OPT(TIPC_SOCK_RECVQ_DEPTH),
	OPT(TIPC_GROUP_JOIN), OPT(TIPC_SOCK_RECVQ_USED), END
};
static const struct level tipc_levels[] = {
	{ LEVEL(SOL_TIPC), 126, 138, tipc_opts }, NO_MORE
};

/* unix_stream_ops has no getsockopt: do_sock_getsockopt() says -EOPNOTSUPP. */
static const struct level unix_levels[] = {
	{ LEVEL(SOL_IP), 0, 1, NULL }, NO_MORE
};

/*
 * sock_common_getsockopt(), net/core/sock.c, hands inet sockets to
 * tcp_getsockopt() (TCP_NODELAY 1 .. TCP_IS_MPTCP 43), which passes other
 * levels to ip_getsockopt() (IP_TOS 1 .. IP_PROTOCOL 52). A control too
 * large to name every option.
 */
static const struct level tcp_levels[] = {
	{ LEVEL(SOL_TCP), 0, 44, NULL },
	{ LEVEL(SOL_IP), 0, 53, NULL },
	NO_MORE
};

/*
 * udp_getsockopt() (net/ipv4/udp.c) and udpv6_getsockopt() (net/ipv6/udp.c)
 * hand SOL_UDP and SOL_UDPLITE, on any UDP socket, to the exported
 * udp_lib_getsockopt(), which the rewrite converts to sockopt_t behind
 * sockopt_init_user() in both; other levels go on to ip_getsockopt() and
 * ipv6_getsockopt().
 */
static const struct optname udp_opts[] = {
	OPT(UDP_CORK), OPT(UDP_ENCAP), OPT(UDP_NO_CHECK6_TX),
	OPT(UDP_NO_CHECK6_RX), OPT(UDP_SEGMENT), OPT(UDP_GRO), END
};
static const struct optname udplite_opts[] = {
	{ 10, "UDPLITE_SEND_CSCOV" }, { 11, "UDPLITE_RECV_CSCOV" },	/* include/net/udplite.h */
	END
};
static const struct level udp_levels[] = {
	{ LEVEL(SOL_UDP), 0, 2, udp_opts },
	{ LEVEL(SOL_UDP), 100, 105, udp_opts },
	{ 136, "SOL_UDPLITE", 9, 12, udplite_opts },	/* include/linux/socket.h */
	NO_MORE
};

/*
 * An ICMP raw socket: inet_sockraw_ops hands it to sock_common_getsockopt(),
 * then raw_getsockopt() (net/ipv4/raw.c), a struct proto getsockopt whose
 * inner helper do_raw_getsockopt() the rewrite converts to sockopt_t
 * behind sockopt_init_user(); other levels go on to ip_getsockopt().
 */
static const struct optname raw_opts[] = {
	{ 1, "ICMP_FILTER" },	/* include/uapi/linux/icmp.h */
	END
};
static const struct level raw_icmp_levels[] = {
	{ 255, "SOL_RAW", 0, 3, raw_opts },	/* include/linux/socket.h */
	{ LEVEL(SOL_IP), 0, 2, NULL },
	NO_MORE
};

/*
 * An ICMPv6 raw socket: rawv6_getsockopt() (net/ipv6/raw.c) hands SOL_RAW,
 * and IPV6_CHECKSUM and IPV6_HDRINCL at SOL_IPV6, to do_rawv6_getsockopt(),
 * SOL_ICMPV6 to rawv6_geticmpfilter() (both converted behind
 * sockopt_init_user()), and the rest of SOL_IPV6 to ipv6_getsockopt().
 */
static const struct optname raw6_opts[] = {
	{ 7, "IPV6_CHECKSUM" }, { 36, "IPV6_HDRINCL" },	/* include/uapi/linux/in6.h */
	END
};
static const struct optname icmp6_opts[] = {
	{ 1, "ICMPV6_FILTER" },	/* include/uapi/linux/icmpv6.h */
	END
};
static const struct level raw_icmpv6_levels[] = {
	{ 255, "SOL_RAW", 6, 8, raw6_opts },
	{ 255, "SOL_RAW", 36, 36, raw6_opts },
	{ 58, "SOL_ICMPV6", 0, 2, icmp6_opts },	/* include/linux/socket.h */
	{ 41, "SOL_IPV6", 6, 8, raw6_opts },
	{ 41, "SOL_IPV6", 36, 36, raw6_opts },
	NO_MORE
};

const struct entry entries[] = {
	{ "packet", "packet_getsockopt", AF_PACKET, SOCK_RAW, 0, SETUP_NONE, packet_levels },
	{ "x25", "x25_getsockopt", AF_X25, SOCK_SEQPACKET, 0, SETUP_NONE, x25_levels },
	{ "rose", "rose_getsockopt", AF_ROSE, SOCK_SEQPACKET, 0, SETUP_NONE, rose_levels },
	{ "netrom", "nr_getsockopt", AF_NETROM, SOCK_SEQPACKET, 0, SETUP_NONE, netrom_levels },
	{ "ax25", "ax25_getsockopt", AF_AX25, SOCK_SEQPACKET, 0, SETUP_NONE, ax25_levels },
	{ "llc", "llc_ui_getsockopt", AF_LLC, SOCK_DGRAM, 0, SETUP_NONE, llc_levels },
	{ "pppol2tp", "pppol2tp_getsockopt", AF_PPPOX, SOCK_DGRAM, PX_PROTO_OL2TP, SETUP_NONE, pppol2tp_levels },
	{ "kcm", "kcm_getsockopt", AF_KCM, SOCK_DGRAM, KCMPROTO_CONNECTED, SETUP_NONE, kcm_levels },
	{ "can-isotp", "isotp_getsockopt", AF_CAN, SOCK_DGRAM, CAN_ISOTP, SETUP_NONE, isotp_levels },
	{ "mctp", "mctp_getsockopt", AF_MCTP, SOCK_DGRAM, 0, SETUP_NONE, mctp_levels },
	{ "nfc-llcp", "nfc_llcp_getsockopt", AF_NFC, SOCK_STREAM, NFC_SOCKPROTO_LLCP, SETUP_NONE, nfc_levels },
	{ "vsock", "vsock_connectible_getsockopt", AF_VSOCK, SOCK_STREAM, 0, SETUP_NONE, vsock_levels },
	{ "xdp", "xsk_getsockopt", AF_XDP, SOCK_RAW, 0, SETUP_NONE, xdp_levels },
	{ "misdn-data", "data_sock_getsockopt", AF_ISDN, SOCK_DGRAM, ISDN_P_TE_S0, SETUP_NONE, misdn_data_levels },
	{ "rfcomm", "rfcomm_sock_getsockopt", AF_BLUETOOTH, SOCK_STREAM, BTPROTO_RFCOMM, SETUP_NONE, rfcomm_levels },
	{ "rfcomm-bound", "rfcomm_sock_getsockopt", AF_BLUETOOTH, SOCK_STREAM, BTPROTO_RFCOMM, SETUP_BT_BIND, rfcomm_bound_levels },
	{ "iso", "iso_sock_getsockopt", AF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_ISO, SETUP_NONE, iso_levels },
	{ "hci", "hci_sock_getsockopt", AF_BLUETOOTH, SOCK_RAW, BTPROTO_HCI, SETUP_NONE, hci_levels },
	{ "netlink", "netlink_getsockopt", AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, SETUP_NONE, netlink_levels },
	{ "can-j1939", "j1939_sk_getsockopt", AF_CAN, SOCK_DGRAM, CAN_J1939, SETUP_NONE, j1939_levels },
	{ "rxrpc", "rxrpc_getsockopt", AF_RXRPC, SOCK_DGRAM, PF_INET, SETUP_NONE, rxrpc_levels },
	{ "atm-pvc", "pvc_getsockopt", AF_ATMPVC, SOCK_DGRAM, 0, SETUP_NONE, pvc_levels },
	{ "atm-svc", "svc_getsockopt", AF_ATMSVC, SOCK_DGRAM, 0, SETUP_NONE, svc_levels },

	{ "misdn-base", NULL, AF_ISDN, SOCK_RAW, ISDN_P_BASE, SETUP_NONE, misdn_base_levels },
	{ "can-raw", "raw_getsockopt", AF_CAN, SOCK_RAW, CAN_RAW, SETUP_NONE, can_raw_levels },
	{ "l2cap", "l2cap_sock_getsockopt", AF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_L2CAP, SETUP_NONE, l2cap_levels },
	{ "sco", "sco_sock_getsockopt", AF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_SCO, SETUP_NONE, sco_levels },
	{ "tipc", "tipc_getsockopt", AF_TIPC, SOCK_RDM, 0, SETUP_NONE, tipc_levels },
	{ "unix", NULL, AF_UNIX, SOCK_STREAM, 0, SETUP_NONE, unix_levels },
	{ "tcp", "sock_common_getsockopt", AF_INET, SOCK_STREAM, IPPROTO_TCP, SETUP_NONE, tcp_levels },
	{ "udp", "sock_common_getsockopt", AF_INET, SOCK_DGRAM, IPPROTO_UDP, SETUP_NONE, udp_levels },
	{ "udp6", "sock_common_getsockopt", AF_INET6, SOCK_DGRAM, IPPROTO_UDP, SETUP_NONE, udp_levels },
	{ "raw-icmp", "sock_common_getsockopt", AF_INET, SOCK_RAW, IPPROTO_ICMP, SETUP_NONE, raw_icmp_levels },
	{ "raw-icmpv6", "sock_common_getsockopt", AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, SETUP_NONE, raw_icmpv6_levels },
};
const size_t nr_entries = sizeof(entries) / sizeof(entries[0]);
