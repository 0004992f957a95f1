#!/usr/bin/env python3
"""Check a `sockopt-migrate scan` report of a real kernel tree.

usage: check-scan.py REPORT TREE

REPORT is the JSON report of `sockopt-migrate scan -p TREE`; TREE a kernel
tree prepared by scripts/linux-tree.sh (compile_commands.json at its root).
Python 3 standard library only.

The checks, each independent of the tool's own logic:

1. Registrations. Every function stored into `.getsockopt` or
   `.getsockopt_iter` in a file of the compilation database - designated
   initializers (`.getsockopt = foo,`) and member assignments
   (`prot[TLS_BASE][TLS_BASE].getsockopt = tls_getsockopt;`) - is found with
   a regular expression over the source text (comments and string literals
   blanked, NULL ignored) and must be in the report's implementations[]: an
   entry with that function name and a registration in that file, as many
   registrations in the file as the source has.
2. Every translation unit parsed: errors[] is empty, and the report counted
   every entry of the compilation database.
3. The report's header: schema_version 3; sockopt_t found in
   include/linux/net.h with the fields iter_in, iter_out, optlen (the line
   is looked up in the source); the summary agrees with implementations[].
4. Facts verified by reading the 6.12 source (FACTS below): the verdict of
   each listed implementation, reasons that must be there (code and the
   source line, located by a pattern in the named function so that the test
   does not depend on line numbers), and where a fact says so, the exact set
   of predicted behaviour changes (one per fixed-width write that no optlen
   check covers, at the line of that write).

Then it prints the verdict table (one line per implementation: verdict, file,
function, reason codes, number of behaviour changes), the counts per verdict
and per reason, notes (registrations in code this configuration does not
compile) and one "FAIL:" line per failed check on stdout, the failures also on
stderr. Exits 0 when every check passed, 1 otherwise, 2 on a usage error.
"""
import json
import os
import re
import shlex
import sys
from collections import Counter, defaultdict


# --- facts read in the kernel source ------------------------------------------

class At:
    """A line in FUNCTION (a function of FILE, by default the
    implementation's file): the first line matching NEEDLE (a regex) after
    the first line matching AFTER."""

    def __init__(self, function, needle, after=None, file=None):
        self.function, self.needle, self.after, self.file = function, needle, after, file

    def __str__(self):
        where = " after /%s/" % self.after if self.after else ""
        return "%s(): /%s/%s" % (self.function, self.needle, where)


class Change:
    """A predicted behaviour change: CODE at AT, for an option whose case
    label is OPTION, writing WIDTH bytes (None: not constant); NARROWED_TO,
    for narrowed-store, the bytes the conversion writes instead."""

    def __init__(self, at, option, width, code="short-buffer-efault", narrowed_to=None):
        self.at, self.option, self.width, self.code = at, option, width, code
        self.narrowed_to = narrowed_to


class Reason:
    """A reason CODE at AT; VIA, when given, is its exact call chain."""

    def __init__(self, code, at=None, via=None):
        self.code, self.at, self.via = code, at, via


class Fact:
    """What FUNCTION (defined in FILE) must be in the report. CHANGES, when
    not None, is the exact list of behaviour changes (empty: none). KIND,
    when given, is the implementation's kind; ABSENT lists reason codes it
    must not have. OPTIONS maps case labels of the switch on optname to the
    reason codes their paths must have (empty: the option converts);
    CONVERTIBLE_OPTIONS is the least number of convertible options. CALLERS
    maps a bridge kind (user, kernel, sockptr) to callers that must be
    listed with it."""

    def __init__(self, file, function, verdict, reasons=(), changes=None, why="", kind=None,
                 absent=(), options=None, convertible_options=0, callers=None):
        self.file, self.function, self.verdict = file, function, verdict
        self.reasons, self.changes, self.why = list(reasons), changes, why
        self.kind, self.absent, self.options = kind, list(absent), options or {}
        self.convertible_options, self.callers = convertible_options, callers or {}


def conv(file, function, why):
    """Convertible, and no write the conversion would change."""
    return Fact(file, function, "convertible", changes=[], why=why)


# vcc_getsockopt()'s writes (net/atm/common.c), for pvc and svc.
ATM_CHANGES = [
    Change(At("vcc_getsockopt", r"put_user\(", after=r"case SO_SETCLP:", file="net/atm/common.c"),
           "SO_SETCLP", 8, code="narrowed-store", narrowed_to=4),
    Change(At("vcc_getsockopt", r"copy_to_user\(", after=r"case SO_ATMQOS:",
              file="net/atm/common.c"), "SO_ATMQOS", 84),
    Change(At("vcc_getsockopt", r"copy_to_user\(", after=r"case SO_ATMPVC:",
              file="net/atm/common.c"), "SO_ATMPVC", 12),
]

# The chain of TCP_AO_GET_KEYS, from the struct proto callback to the access.
TCP_AO_KEYS = ["tcp_getsockopt", "do_tcp_getsockopt", "tcp_ao_get_mkts", "tcp_ao_copy_mkts_to_user"]

FACTS = [
    # --- the three the project is built around -------------------------------
    Fact("net/sctp/socket.c", "sctp_getsockopt", "manual",
         reasons=[
             # addr_num (offset 4) is written after the addresses (offset 8+).
             Reason("out-of-order-write", At("sctp_getsockopt_peer_addrs", r"put_user\(cnt,")),
             Reason("out-of-order-write", At("sctp_getsockopt_local_addrs", r"put_user\(cnt,")),
         ],
         # No change: SCTP_GET_LOCAL_ADDRS copies bytes_copied bytes, which
         # grows only by what space_left (len - 8) loses after a check that
         # space_left holds it, also in sctp_copy_laddrs().
         changes=[],
         why="peer/local addrs write addr_num at offset 4 after the addresses"),
    # SOL_BLUETOOTH never reads optlen (hci_sock.c:2158, BT_SNDMTU/BT_RCVMTU:
    # put_user(hci_pi(sk)->mtu, (u16 __user *)optval)), but the write has a
    # fixed width: after the conversion a caller with optlen < 2 gets -EFAULT
    # and everyone else the same 2 bytes, which is the predicted change below,
    # not a reason for a person. Converted with --accept short-buffer-efault.
    Fact("net/bluetooth/hci_sock.c", "hci_sock_getsockopt", "convertible",
         changes=[
             # char __user *optval: put_user writes one byte, len is read but
             # never compared.
             Change(At("hci_sock_getsockopt_old", r"put_user\(opt, optval\)",
                       after=r"case HCI_DATA_DIR:"), "HCI_DATA_DIR", 1),
             Change(At("hci_sock_getsockopt_old", r"put_user\(opt, optval\)",
                       after=r"case HCI_TIME_STAMP:"), "HCI_TIME_STAMP", 1),
             # SOL_BLUETOOTH: a u16 with optlen never read.
             Change(At("hci_sock_getsockopt", r"put_user\(", after=r"case BT_RCVMTU:"),
                    "BT_RCVMTU", 2),
         ],
         why="SOL_BLUETOOTH BT_SNDMTU/BT_RCVMTU write a u16 without reading optlen: "
             "a fixed width, so a predicted change"),
    Fact("net/bluetooth/l2cap_sock.c", "l2cap_sock_getsockopt", "already-converted",
         changes=[], why="registered as .getsockopt_iter"),

    # --- Bluetooth: typed put_user with no optlen check ------------------------
    Fact("net/bluetooth/sco.c", "sco_sock_getsockopt", "convertible",
         changes=[
             Change(At("sco_sock_getsockopt", r"put_user\(", after=r"case BT_DEFER_SETUP:"),
                    "BT_DEFER_SETUP", 4),
             Change(At("sco_sock_getsockopt", r"put_user\(", after=r"case BT_PHY:"), "BT_PHY", 4),
             Change(At("sco_sock_getsockopt", r"put_user\(", after=r"case BT_PKT_STATUS:"),
                    "BT_PKT_STATUS", 4),
             Change(At("sco_sock_getsockopt", r"put_user\(", after=r"case BT_RCVMTU:"),
                    "BT_RCVMTU", 4),
         ],
         why="u32/int put_user without a len check; SCO_OPTIONS/CONNINFO, BT_VOICE clamp "
             "len, BT_CODEC checks buf_len > len first"),
    Fact("net/bluetooth/iso.c", "iso_sock_getsockopt", "convertible",
         changes=[
             Change(At("iso_sock_getsockopt", r"put_user\(", after=r"case BT_DEFER_SETUP:"),
                    "BT_DEFER_SETUP", 4),
             Change(At("iso_sock_getsockopt", r"put_user\(", after=r"case BT_PKT_STATUS:"),
                    "BT_PKT_STATUS", 4),
         ],
         why="BT_ISO_QOS/BT_ISO_BASE clamp len; the other two do not look at it"),
    Fact("net/bluetooth/rfcomm/sock.c", "rfcomm_sock_getsockopt", "convertible",
         changes=[
             Change(At("rfcomm_sock_getsockopt_old", r"put_user\(", after=r"case RFCOMM_LM:"),
                    "RFCOMM_LM", 4),
             Change(At("rfcomm_sock_getsockopt", r"put_user\(", after=r"case BT_DEFER_SETUP:"),
                    "BT_DEFER_SETUP", 4),
         ],
         why="RFCOMM_CONNINFO/BT_SECURITY clamp len"),
    Fact("drivers/net/ethernet/chelsio/inline_crypto/chtls/chtls_main.c", "chtls_getsockopt",
         "manual",
         reasons=[
             Reason("forwarded-to-legacy-getsockopt",
                    At("chtls_getsockopt", r"\boptval\b", after=r"sk_proto->getsockopt\(")),
         ],
         # do_chtls_getsockopt() ignores optlen (chtls_main.c:474,
         # copy_to_user(optval, &crypto_info, sizeof(struct tls_crypto_info)))
         # but with a fixed width: the predicted change, not optlen-ignored.
         changes=[Change(At("do_chtls_getsockopt", r"copy_to_user\("), "", 4)],
         why="SOL_TLS copies sizeof(struct tls_crypto_info) without reading optlen"),

    # --- convertible, every write bounded by optlen ----------------------------
    conv("net/packet/af_packet.c", "packet_getsockopt",
         "len clamped to lv; PACKET_HDRLEN reads exactly sizeof(int) via iter_in"),
    conv("net/can/raw.c", "raw_getsockopt",
         "CAN_RAW_FILTER/XL_VCID_OPTS: -ERANGE with the needed optlen, else clamp"),
    conv("net/x25/af_x25.c", "x25_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/tipc/socket.c", "tipc_getsockopt", "len < sizeof(value) -> -EINVAL first"),
    conv("net/kcm/kcmsock.c", "kcm_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/xdp/xsk.c", "xsk_getsockopt", "each option checks len against its struct"),
    conv("net/vmw_vsock/af_vsock.c", "vsock_connectible_getsockopt", "len < lv -> -EINVAL"),
    conv("net/llc/af_llc.c", "llc_ui_getsockopt", "len != sizeof(int) -> -EINVAL"),
    conv("net/can/j1939/socket.c", "j1939_sk_getsockopt", "len > ulen -> -EFAULT"),
    conv("net/can/isotp.c", "isotp_getsockopt", "len = min_t(int, len, size)"),
    conv("net/mctp/af_mctp.c", "mctp_getsockopt", "len != sizeof(int) -> -EINVAL"),
    conv("drivers/isdn/mISDN/socket.c", "data_sock_getsockopt",
         "len != sizeof(char) -> -EINVAL; put_user of a char"),
    conv("net/rose/af_rose.c", "rose_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/netrom/af_netrom.c", "nr_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/phonet/pep.c", "pep_getsockopt", "len = min(sizeof(int), len)"),
    conv("net/l2tp/l2tp_ppp.c", "pppol2tp_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/nfc/llcp_sock.c", "nfc_llcp_getsockopt",
         "len < sizeof(u32) -> -EINVAL before the u32 put_user"),
    conv("net/rxrpc/af_rxrpc.c", "rxrpc_getsockopt", "optlen < sizeof(int) -> -ETOOSMALL"),
    conv("net/ieee802154/socket.c", "dgram_getsockopt", "len = min(len, sizeof(int))"),
    conv("net/ieee802154/socket.c", "raw_getsockopt", "returns -EOPNOTSUPP, no access"),
    # AX25 SO_BINDTODEVICE: length = strlen(devname) + 1 replaces the clamped
    # length, so copy_to_user writes up to IFNAMSIZ bytes whatever maxlen says
    # (only maxlen >= 1 is checked); copy_to_iter would stop at optlen.
    Fact("net/ax25/af_ax25.c", "ax25_getsockopt", "convertible",
         changes=[Change(At("ax25_getsockopt", r"copy_to_user\(optval, valptr, length\)"),
                         "SO_BINDTODEVICE", None)],
         why="SO_BINDTODEVICE copies strlen(devname) + 1 bytes, not bounded by optlen"),

    # NETLINK_LIST_MEMBERSHIPS (af_netlink.c:1752-1765) writes one u32 at
    # optval + pos with pos = 0, 4, 8, ...: each write starts where the last
    # ended, so copy_to_iter() reproduces it. The loop stops when
    # len - pos < sizeof(u32), so every write is inside optlen: no behaviour
    # change. optlen is set to the full size (ALIGN(BITS_TO_BYTES(ngroups),
    # 4)) even when the buffer was shorter, before and after.
    Fact("net/netlink/af_netlink.c", "netlink_getsockopt", "convertible",
         changes=[],
         why="loop writes at optval + pos, pos += sizeof(u32), guarded by "
             "len - pos < sizeof(u32)"),

    # --- manual -----------------------------------------------------------------
    # A reason about a hand-off points at the optval argument of the call.
    Fact("net/core/sock.c", "sock_common_getsockopt", "manual",
         reasons=[Reason("forwarded-to-legacy-getsockopt",
                         At("sock_common_getsockopt", r"->getsockopt\(.*\boptval\b"))],
         why="hands optval/optlen to sk->sk_prot->getsockopt"),
    # tcp: net/ipv4/tcp.c tcp_getsockopt() forwards other levels to
    # icsk_af_ops->getsockopt and bridges SOL_TCP into do_tcp_getsockopt()
    # with USER_SOCKPTR(). There, TCP_ZEROCOPY_RECEIVE reads the struct, checks
    # the tail with check_zeroed_sockptr() and writes it back (a read then a
    # write: iter_in then iter_out, no optval-reread); TCP_AO_GET_KEYS goes to
    # tcp_ao_get_mkts() -> tcp_ao_copy_mkts_to_user() in net/ipv4/tcp_ao.c:
    # copy_struct_from_sockptr(&opt_in, ..., optval, user_len), the keys
    # written with copy_to_sockptr_offset(optval, out_offset, ...) and
    # out_offset += user_len (user_len read from optlen: one element's size),
    # then nkeys written back at out_offset = offsetof(..., nkeys).
    # TCP_AO_INFO: tcp_ao_get_sock_info() reads its struct with
    # copy_struct_from_sockptr() too. The plain options convert.
    Fact("net/ipv4/tcp.c", "tcp_getsockopt", "manual",
         reasons=[Reason("forwarded-to-legacy-getsockopt",
                         At("tcp_getsockopt", r"\boptval\b",
                            after=r"icsk_af_ops\)?->getsockopt\(")),
                  Reason("sockptr-bridge", At("tcp_getsockopt", r"USER_SOCKPTR\(optval\)")),
                  Reason("struct-read-tail-check",
                         At("do_tcp_getsockopt", r"check_zeroed_sockptr\(optval"),
                         via=["tcp_getsockopt", "do_tcp_getsockopt"]),
                  Reason("struct-read-tail-check",
                         At("tcp_ao_copy_mkts_to_user", r"copy_struct_from_sockptr\(",
                            file="net/ipv4/tcp_ao.c"),
                         via=TCP_AO_KEYS),
                  Reason("computed-offset-write",
                         At("tcp_ao_copy_mkts_to_user", r"copy_to_sockptr_offset\(optval, out_offset",
                            file="net/ipv4/tcp_ao.c"),
                         via=TCP_AO_KEYS),
                  Reason("optlen-not-buffer-size",
                         At("tcp_ao_copy_mkts_to_user", r"out_offset \+= user_len",
                            file="net/ipv4/tcp_ao.c"),
                         via=TCP_AO_KEYS),
                  Reason("out-of-order-write",
                         At("tcp_ao_copy_mkts_to_user", r"copy_to_sockptr_offset\(optval, out_offset",
                            after=r"out_offset = offsetof\(struct tcp_ao_getsockopt, nkeys\)",
                            file="net/ipv4/tcp_ao.c"),
                         via=TCP_AO_KEYS),
                  Reason("struct-read-tail-check",
                         At("tcp_ao_get_sock_info", r"copy_struct_from_sockptr\(",
                            file="net/ipv4/tcp_ao.c"),
                         via=["tcp_getsockopt", "do_tcp_getsockopt", "tcp_ao_get_sock_info"])],
         absent=["optval-reread"],
         options={"TCP_NODELAY": [], "TCP_MAXSEG": [], "TCP_INFO": [], "TCP_CONGESTION": [],
                  "TCP_ZEROCOPY_RECEIVE": ["struct-read-tail-check"],
                  "TCP_AO_GET_KEYS": ["computed-offset-write", "optlen-not-buffer-size",
                                      "out-of-order-write", "struct-read-tail-check"],
                  "TCP_AO_INFO": ["struct-read-tail-check"]},
         convertible_options=30,
         why="icsk_af_ops->getsockopt, do_tcp_getsockopt over sockptr_t, tcp_ao in tcp_ao.c"),
    Fact("net/ipv4/tcp.c", "do_tcp_getsockopt", "manual", kind="sockptr",
         callers={"user": ["tcp_getsockopt"], "kernel": ["sol_tcp_sockopt"]},
         options={"TCP_NODELAY": [], "TCP_AO_GET_KEYS": ["computed-offset-write"]},
         convertible_options=30,
         why="sockptr_t; bridged by tcp_getsockopt, called by BPF's sol_tcp_sockopt "
             "(net/core/filter.c) with KERNEL_SOCKPTR()"),
    # Below struct proto: the __user inner helpers of a getsockopt that only
    # dispatches, which rewrite converts to sockopt_t behind
    # sockopt_init_user() in the hook.
    Fact("net/ipv4/raw.c", "do_raw_getsockopt", "convertible", kind="inner", changes=[],
         why="raw_getsockopt() hands SOL_RAW to it, other levels to ip_getsockopt(); "
             "raw_geticmpfilter() clamps the length to struct icmp_filter"),
    Fact("net/ipv6/raw.c", "do_rawv6_getsockopt", "convertible", kind="inner", changes=[],
         options={"IPV6_HDRINCL": [], "IPV6_CHECKSUM": []}, convertible_options=2,
         why="rawv6_getsockopt()'s SOL_RAW and two SOL_IPV6 options; min_t() clamps the length"),
    Fact("net/ipv6/raw.c", "rawv6_geticmpfilter", "convertible", kind="inner", changes=[],
         why="rawv6_getsockopt()'s SOL_ICMPV6, from a case label"),
    # Every option of udp_lib_getsockopt() converts. It is exported and
    # net/ipv6/udp.c's udpv6_getsockopt() calls it too: both hooks get the
    # wrapper, with the prototype in include/net/udp.h, in one patch.
    Fact("net/ipv4/udp.c", "udp_lib_getsockopt", "convertible", kind="inner", changes=[],
         options={"UDP_CORK": [], "UDP_SEGMENT": [], "UDPLITE_RECV_CSCOV": []},
         convertible_options=8,
         why="udp_getsockopt()'s SOL_UDP and SOL_UDPLITE, and udpv6_getsockopt()'s"),
    # dccp_getsockopt() is defined in net/dccp/proto.c and registered in
    # net/dccp/ipv4.c; its inner helper hands optval on to the CCID
    # modules.
    Fact("net/dccp/proto.c", "do_dccp_getsockopt", "manual", kind="inner",
         reasons=[Reason("cross-file-helper")],
         why="dccp_getsockopt()'s SOL_DCCP; ccid_hc_rx_getsockopt() is another unit's"),
    # SOL_SOCKET: net/core/sock.c sk_getsockopt(). SO_PEERGROUPS goes to the
    # static groups_to_user(), which writes gid i at i * sizeof(gid);
    # SO_GET_FILTER to sk_get_filter() in net/core/filter.c.
    Fact("net/core/sock.c", "sk_getsockopt", "manual", kind="sockptr",
         reasons=[Reason("computed-offset-write",
                         At("groups_to_user", r"copy_to_sockptr_offset\(dst, i \* sizeof\(gid\)"),
                         via=["sk_getsockopt", "groups_to_user"])],
         callers={"kernel": ["sol_socket_sockopt"], "sockptr": ["do_sock_getsockopt"]},
         options={"SO_TYPE": [], "SO_RCVBUF": [], "SO_PEERCRED": [],
                  "SO_PEERGROUPS": ["computed-offset-write"],
                  "SO_GET_FILTER": ["cross-file-helper"]},
         convertible_options=50,
         # No change: SO_BINDTODEVICE (sock_getbindtodevice()) copies
         # strlen(devname) + 1 <= IFNAMSIZ bytes after len < IFNAMSIZ went out.
         changes=[],
         why="per option; groups_to_user at run-time offsets, sk_get_filter in filter.c"),
    # ATM: net/atm/pvc.c and svc.c hand everything to vcc_getsockopt() in
    # net/atm/common.c (prototype in net/atm/common.h, nothing else calls
    # it): they convert together. vcc_getsockopt() checks len !=
    # __SO_SIZE(optname) only where __SO_LEVEL_MATCH(optname, level), i.e.
    # at SOL_ATM (include/uapi/linux/atm.h). SO_SETCLP (an int: 4) then
    # put_user()s an unsigned long, 8 bytes, past the caller's 4 on every
    # call: narrowed-store, the conversion writes 4; SO_ATMQOS and SO_ATMPVC copy
    # struct atm_qos (84 bytes) and struct sockaddr_atmpvc (12: __ATM_API_ALIGN
    # aligns nothing on x86, include/uapi/linux/atmapi.h), which overrun a
    # short buffer at any other level.
    Fact("net/atm/pvc.c", "pvc_getsockopt", "convertible",
         changes=ATM_CHANGES, why="converts with vcc_getsockopt in common.c and svc"),
    Fact("net/atm/svc.c", "svc_getsockopt", "convertible",
         changes=ATM_CHANGES, why="SO_ATMSAP handled first, the rest in vcc_getsockopt"),
    # IPv4: ip_getsockopt() bridges into do_ip_getsockopt() and, for options
    # it does not know, hands optval to nf_getsockopt()
    # (net/netfilter/nf_sockopt.c), which calls ops->get() of the registered
    # nf_sockopt_ops: an indirect call. IP_PKTOPTIONS reads optval.is_kernel.
    Fact("net/ipv4/ip_sockglue.c", "ip_getsockopt", "manual",
         reasons=[Reason("sockptr-bridge", At("ip_getsockopt", r"USER_SOCKPTR\(optval\)")),
                  Reason("cross-file-helper", At("ip_getsockopt", r"nf_getsockopt\(")),
                  Reason("indirect-call", via=["ip_getsockopt", "nf_getsockopt"]),
                  Reason("sockptr-raw-member",
                         At("do_ip_getsockopt", r"optval\.is_kernel"),
                         via=["ip_getsockopt", "do_ip_getsockopt"])],
         options={"IP_TOS": [], "IP_TTL": [], "IP_PKTOPTIONS": ["sockptr-raw-member"]},
         convertible_options=30,
         why="do_ip_getsockopt over sockptr_t, nf_getsockopt's registered ops"),
    Fact("net/ipv4/udp.c", "udp_getsockopt", "manual",
         reasons=[Reason("cross-file-helper", At("udp_getsockopt", r"ip_getsockopt\(")),
                  Reason("sockptr-bridge", via=["udp_getsockopt", "ip_getsockopt"])],
         why="SOL_UDP in udp_lib_getsockopt, other levels in ip_getsockopt"),
    Fact("net/ipv6/ipv6_sockglue.c", "ipv6_getsockopt", "manual",
         reasons=[Reason("sockptr-bridge", At("ipv6_getsockopt", r"USER_SOCKPTR\(optval\)")),
                  Reason("sockptr-raw-member", via=["ipv6_getsockopt", "do_ipv6_getsockopt"])],
         options={"IPV6_V6ONLY": [], "IPV6_2292PKTOPTIONS": ["sockptr-raw-member"]},
         convertible_options=40,
         why="do_ipv6_getsockopt over sockptr_t"),
    Fact("net/smc/af_smc.c", "smc_getsockopt", "manual",
         reasons=[Reason("forwarded-to-legacy-getsockopt",
                         At("smc_getsockopt", r"\boptval\b",
                            after=r"clcsock->ops->getsockopt\("))],
         why="hands optval/optlen to the CLC socket's getsockopt"),
    Fact("net/tls/tls_main.c", "tls_getsockopt", "manual",
         reasons=[Reason("forwarded-to-legacy-getsockopt",
                         At("tls_getsockopt", r"\boptval\b", after=r"sk_proto->getsockopt\("))],
         why="hands optval/optlen to ctx->sk_proto->getsockopt"),
    # net/rds/info.c rds_info_getsockopt(): start = (unsigned long)optval,
    # then pin_user_pages_fast(start, ...).
    Fact("net/rds/af_rds.c", "rds_getsockopt", "manual",
         reasons=[Reason("cross-file-helper", At("rds_getsockopt", r"rds_info_getsockopt\(")),
                  Reason("pinned-user-pages",
                         At("rds_info_getsockopt", r"start = \(unsigned long\)optval",
                            file="net/rds/info.c"),
                         via=["rds_getsockopt", "rds_info_getsockopt"])],
         why="RDS_INFO_* go to rds_info_getsockopt (net/rds/info.c), which pins the pages"),
]


# --- source reading -------------------------------------------------------------

# Comments become blanks (newlines kept, so line numbers stay), string and
# character literals become empty ones.
TOKEN = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def blank(m):
    t = m.group(0)
    if t.startswith("/"):
        return re.sub(r"[^\n]", " ", t)
    return t[0] * 2


def code_of(text):
    return TOKEN.sub(blank, text)


def line_at(text, pos):
    return text.count("\n", 0, pos) + 1


REGISTRATION = re.compile(r"(?:\.|->)\s*(getsockopt(?:_iter)?)\s*=(?!=)\s*([^,;}]*)")
IDENT = re.compile(r"[A-Za-z_]\w*")


def registration_target(value):
    """The function named by an initializer value, '' for NULL, None if it
    is not a plain function name."""
    v = value.strip()
    while v.startswith("(") and v.endswith(")"):
        v = v[1:-1].strip()
    if v.startswith("&"):
        v = v[1:].strip()
    if v in ("NULL", "0"):
        return ""
    return v if IDENT.fullmatch(v) else None


def container_of(code, pos):
    """What the initializer or assignment at POS belongs to, for messages:
    'struct T var' for a designated initializer, else 'assignment'."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        c = code[i]
        if c == "}":
            depth += 1
        elif c == "{":
            if depth:
                depth -= 1
                continue
            head = code[max(0, i - 300):i]
            head = re.split(r"[;}]", head)[-1]
            m = re.search(r"struct\s+(\w+)\s+(\w+)[^=]*=\s*$", head)
            if m:
                return "struct %s %s" % (m.group(1), m.group(2))
            if re.search(r"=\s*$", head):
                return "a nested initializer"
            return "an assignment"
    return "file scope"


class Sources:
    def __init__(self, tree):
        self.tree = tree
        self._code = {}

    def code(self, rel):
        if rel not in self._code:
            with open(os.path.join(self.tree, rel), encoding="utf-8", errors="replace") as f:
                self._code[rel] = code_of(f.read())
        return self._code[rel]

    def function_lines(self, rel, function):
        """(first, last) line numbers of FUNCTION's definition in REL: the
        name at the start of a line or after a return type at the start of a
        line, followed by a parameter list and '{'; the body ends at the
        first '}' alone at the start of a line (kernel style)."""
        code = self.code(rel)
        for m in re.finditer(r"^[A-Za-z_][^\n;=]*?\b%s\s*\(" % re.escape(function), code, re.M):
            rest = code[m.end():]
            brace, semi = rest.find("{"), rest.find(";")
            if brace < 0 or (0 <= semi < brace):
                continue
            start = m.end() + brace
            end = code.find("\n}", start)
            if end < 0:
                continue
            return line_at(code, m.start()), line_at(code, end + 1)
        return None

    def locate(self, rel, at):
        span = self.function_lines(rel, at.function)
        if not span:
            return None
        lines = self.code(rel).split("\n")[span[0] - 1:span[1]]
        i = 0
        if at.after:
            while i < len(lines) and not re.search(at.after, lines[i]):
                i += 1
            if i == len(lines):
                return None
        for j in range(i, len(lines)):
            if re.search(at.needle, lines[j]):
                return span[0] + j
        return None


# A registration in an #if branch this configuration does not compile is not
# in the tool's AST; such a registration is reported as a note, not a failure.
# Conditions on CONFIG_ options (defined, IS_ENABLED, IS_BUILTIN, IS_MODULE,
# !, &&, ||, 0/1) are evaluated with include/generated/autoconf.h and the
# translation unit's -D flags; anything else counts as compiled.
DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b(.*)$")


class Config:
    def __init__(self, tree):
        self.values = {}
        with open(os.path.join(tree, "include", "generated", "autoconf.h")) as f:
            for line in f:
                m = re.match(r"#define\s+(CONFIG_\w+)\s+(.*)", line)
                if m:
                    self.values[m.group(1)] = m.group(2).strip()

    def evaluate(self, expr, defines):
        """True/False, or None when EXPR is not only about CONFIG_ options."""
        known = dict(self.values)
        known.update(defines)

        def defined(name):
            return name in known

        e = expr
        e = re.sub(r"\bIS_ENABLED\s*\(\s*(\w+)\s*\)",
                   lambda m: str(int(defined(m.group(1)) or defined(m.group(1) + "_MODULE"))), e)
        e = re.sub(r"\bIS_BUILTIN\s*\(\s*(\w+)\s*\)",
                   lambda m: str(int(defined(m.group(1)))), e)
        e = re.sub(r"\bIS_MODULE\s*\(\s*(\w+)\s*\)",
                   lambda m: str(int(defined(m.group(1) + "_MODULE"))), e)
        e = re.sub(r"\bdefined\s*\(\s*(\w+)\s*\)|\bdefined\s+(\w+)",
                   lambda m: str(int(defined(m.group(1) or m.group(2)))), e)

        def value(m):
            name = m.group(0)
            if not name.startswith("CONFIG_"):
                raise ValueError(name)
            v = known.get(name, "0")
            return v if re.fullmatch(r"\d+", v) else "1"

        try:
            e = re.sub(r"[A-Za-z_]\w*", value, e)
        except ValueError:
            return None
        e = e.replace("&&", " and ").replace("||", " or ")
        e = re.sub(r"!(?!=)", " not ", e)
        if not re.fullmatch(r"[\d\s()<>=!]*(?:(?:and|or|not)[\d\s()<>=!]*)*", e):
            return None
        try:
            return bool(eval(e, {"__builtins__": {}}))
        except Exception:
            return None


def inactive_lines(code, config, defines):
    """{line: '#if ...'} for the lines of CODE in a branch this configuration
    does not compile, with the directive that excludes them."""
    out = {}
    stack = []  # [active, taken, text]
    lines = code.split("\n")
    i = 0
    while i < len(lines):
        text = lines[i]
        first = i
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i]
        m = DIRECTIVE.match(text)
        outer = all(f[0] for f in stack)
        if m:
            kind, arg = m.group(1), m.group(2).strip()
            if kind in ("if", "ifdef", "ifndef"):
                if kind == "if":
                    v = config.evaluate(arg, defines)
                else:
                    v = config.evaluate("defined(%s)" % arg.split()[0], defines) if arg else None
                    if kind == "ifndef" and v is not None:
                        v = not v
                v = True if v is None else v
                stack.append([v, v, "#%s %s" % (kind, arg)])
            elif kind == "elif" and stack:
                v = config.evaluate(arg, defines)
                v = True if v is None else v
                f = stack[-1]
                f[0] = (not f[1]) and v
                f[1] = f[1] or f[0]
                f[2] = "#elif %s" % arg
            elif kind == "else" and stack:
                f = stack[-1]
                f[0] = not f[1]
                f[1] = True
                f[2] = "#else of " + f[2]
            elif kind == "endif" and stack:
                stack.pop()
        elif not outer:
            why = next(f[2] for f in stack if not f[0])
            for n in range(first, i + 1):
                out[n + 1] = why
        i += 1
    return out


# --- the checks -------------------------------------------------------------------

class Checker:
    def __init__(self, report, tree):
        self.report, self.tree = report, tree
        self.failures = []
        self.notes = []
        self.checks = 0
        self.defines = {}
        self.config = Config(tree)
        self.src = Sources(tree)
        self.impls = report.get("implementations") or []
        self.by_name = defaultdict(list)
        for impl in self.impls:
            self.by_name[impl.get("function")].append(impl)

    def check(self, ok, message):
        self.checks += 1
        if not ok:
            self.failures.append(message)
        return ok

    def database(self):
        path = os.path.join(self.tree, "compile_commands.json")
        with open(path) as f:
            entries = json.load(f)
        files = []
        for e in entries:
            p = e["file"]
            if not os.path.isabs(p):
                p = os.path.join(e.get("directory", self.tree), p)
            rel = os.path.relpath(os.path.realpath(p), os.path.realpath(self.tree))
            files.append(rel)
            args = e.get("arguments") or shlex.split(e.get("command", ""))
            defines = {}
            for a in args:
                if a.startswith("-D"):
                    name, _, val = a[2:].partition("=")
                    defines[name] = val or "1"
            self.defines[rel] = defines
        return files

    def check_registrations(self, files):
        found = defaultdict(list)  # (file, function) -> [(line, container)]
        hidden = []
        for rel in sorted(set(files)):
            code = self.src.code(rel)
            skipped = None
            for m in REGISTRATION.finditer(code):
                line = line_at(code, m.start())
                target = registration_target(m.group(2))
                if target == "":
                    continue
                if skipped is None:
                    skipped = inactive_lines(code, self.config, self.defines.get(rel, {}))
                if line in skipped:
                    hidden.append("note: %s:%d .%s = %s is not compiled in this configuration "
                                  "(%s)" % (rel, line, m.group(1), m.group(2).strip(),
                                            skipped[line]))
                    continue
                if not self.check(target is not None,
                                  "%s:%d: cannot tell which function .%s = %s names"
                                  % (rel, line, m.group(1), m.group(2).strip())):
                    continue
                found[(rel, target)].append((line, container_of(code, m.start())))
        in_report = Counter()
        for impl in self.impls:
            for reg in impl.get("registrations") or []:
                in_report[(reg.get("file"), impl.get("function"))] += 1
        total = sum(len(v) for v in found.values())
        missing = 0
        for (rel, fn), regs in sorted(found.items()):
            have = in_report.get((rel, fn), 0)
            if have >= len(regs):
                self.check(True, "")
                continue
            report_lines = {reg.get("line") for impl in self.by_name.get(fn, [])
                            for reg in impl.get("registrations") or [] if reg.get("file") == rel}
            for line, container in regs:
                if line in report_lines:
                    continue
                missing += 1
                self.check(False, "registration not in the report: %s:%d .getsockopt = %s "
                                  "(in %s)%s" % (rel, line, fn, container,
                                                 "" if fn in self.by_name else
                                                 "; no implementation of that name at all"))
        self.notes.extend(hidden)
        for key in sorted(set(in_report) - set(found)):
            self.notes.append("note: the report has a registration the source scan did not "
                              "see: %s %s" % key)
        print("registrations: %d in %d files of the compilation database (%d functions), "
              "%d missing from the report, %d in code this configuration does not compile"
              % (total, len({f for f, _ in found}), len({fn for _, fn in found}), missing,
                 len(hidden)))

    def check_header(self, files):
        r = self.report
        self.check(r.get("schema_version") == 3,
                   "schema_version is %r, expected 3" % r.get("schema_version"))
        errors = r.get("errors")
        self.check(errors == [], "errors[] is not empty: %s"
                   % "; ".join(json.dumps(e) for e in errors or []) if errors else
                   "errors[] is %r, expected []" % errors)
        summary = r.get("summary") or {}
        self.check(summary.get("translation_units") == len(files),
                   "summary.translation_units is %r, the compilation database has %d entries"
                   % (summary.get("translation_units"), len(files)))
        print("translation units: %d in the compilation database, %r scanned, %d errors"
              % (len(files), summary.get("translation_units"), len(errors or [])))

        st = r.get("sockopt_t")
        if self.check(isinstance(st, dict), "sockopt_t is %r, expected the definition from "
                                            "include/linux/net.h" % st):
            names = [f.get("name") for f in st.get("fields") or []]
            self.check(names == ["iter_in", "iter_out", "optlen"],
                       "sockopt_t fields are %r, expected iter_in, iter_out, optlen" % names)
            types = [f.get("type") for f in st.get("fields") or []]
            self.check(types == ["struct iov_iter", "struct iov_iter", "int"],
                       "sockopt_t field types are %r" % types)
            where = os.path.normpath(st.get("file") or "")
            self.check(where == "include/linux/net.h",
                       "sockopt_t is reported in %r, expected include/linux/net.h"
                       % st.get("file"))
            code = self.src.code("include/linux/net.h")
            m = re.search(r"\}\s*(sockopt_t)\s*;", code)
            line = line_at(code, m.start(1)) if m else None
            self.check(line is not None and st.get("line") == line,
                       "sockopt_t is reported at line %r, include/linux/net.h defines it at %r"
                       % (st.get("line"), line))
            self.check(st.get("proto_ops_has_getsockopt_iter") is True,
                       "proto_ops_has_getsockopt_iter is %r, struct proto_ops has "
                       "getsockopt_iter in this tree" % st.get("proto_ops_has_getsockopt_iter"))
            # include/net/sock.h: 6.12's struct proto has getsockopt only.
            body = re.search(r"^struct proto \{(.*?)^\};", self.src.code("include/net/sock.h"),
                             re.S | re.M)
            has = body is not None and re.search(r"\bgetsockopt_iter\b", body.group(1)) is not None
            self.check(st.get("proto_has_getsockopt_iter") is has,
                       "proto_has_getsockopt_iter is %r, include/net/sock.h says %r"
                       % (st.get("proto_has_getsockopt_iter"), has))
            print("sockopt_t: %s:%s { %s }" % (st.get("file"), st.get("line"), "; ".join(
                "%s %s" % (f.get("type"), f.get("name")) for f in st.get("fields") or [])))

        # The summary must describe implementations[].
        verdicts = Counter(i.get("verdict") for i in self.impls)
        reasons = Counter(c for i in self.impls
                          for c in {x.get("code") for x in i.get("reasons") or []})
        changes = sum(len(i.get("behaviour_changes") or []) for i in self.impls)
        self.check(summary.get("implementations") == len(self.impls),
                   "summary.implementations %r != %d entries"
                   % (summary.get("implementations"), len(self.impls)))

        def counts(d):
            return "{%s}" % ", ".join("%s: %s" % kv for kv in sorted((d or {}).items()))

        self.check(summary.get("by_verdict") == dict(verdicts),
                   "summary.by_verdict %s, implementations[] has %s"
                   % (counts(summary.get("by_verdict")), counts(verdicts)))
        self.check(summary.get("by_reason") == dict(reasons),
                   "summary.by_reason %s, implementations[] has %s"
                   % (counts(summary.get("by_reason")), counts(reasons)))
        self.check(summary.get("behaviour_changes") == changes,
                   "summary.behaviour_changes %r != %d" % (summary.get("behaviour_changes"),
                                                          changes))
        for impl in self.impls:
            v = impl.get("verdict")
            name = "%s %s" % (impl.get("file"), impl.get("function"))
            self.check(v in ("convertible", "manual", "already-converted"),
                       "%s: unknown verdict %r" % (name, v))
            self.check((v == "manual") == bool(impl.get("reasons")),
                       "%s: verdict %s with %d reasons"
                       % (name, v, len(impl.get("reasons") or [])))

    def locate(self, fact, at):
        file = at.file or fact.file
        line = self.src.locate(file, at)
        self.check(line is not None, "%s: the kernel source has no line %s in %s (has the tree "
                                     "changed?)" % (fact.function, at, file))
        return line

    def check_chain_facts(self, fact, impl, name):
        if fact.kind:
            self.check(impl.get("kind") == fact.kind, "%s: kind %s, expected %s"
                       % (name, impl.get("kind"), fact.kind))
        codes = {r.get("code") for r in impl.get("reasons") or []}
        for code in fact.absent:
            self.check(code not in codes, "%s: unexpected %s reason: %s" % (name, code, fact.why))
        options = {o.get("option"): o for o in impl.get("options") or []}
        for label, want in fact.options.items():
            got = options.get(label)
            if not self.check(got is not None, "%s: no per-option verdict for %s" % (name, label)):
                continue
            verdict = "manual" if want else "convertible"
            self.check(got.get("verdict") == verdict and set(want) <= set(got.get("reasons")),
                       "%s: option %s is %s %s, expected %s with %s"
                       % (name, label, got.get("verdict"), got.get("reasons"), verdict, want))
        convertible = sum(1 for o in options.values() if o.get("verdict") == "convertible")
        self.check(convertible >= fact.convertible_options,
                   "%s: %d convertible options, expected at least %d"
                   % (name, convertible, fact.convertible_options))
        for bridge, functions in fact.callers.items():
            have = {c.get("function") for c in impl.get("callers") or []
                    if c.get("bridge") == bridge}
            self.check(set(functions) <= have, "%s: %s callers %s, expected at least %s"
                       % (name, bridge, sorted(have), sorted(functions)))

    def check_fact(self, fact):
        cands = [i for i in self.by_name.get(fact.function, []) if i.get("file") == fact.file]
        name = "%s (%s)" % (fact.function, fact.file)
        if not self.check(len(cands) == 1, "%s: %d implementations of that name in the report"
                                           % (name, len(cands))):
            return
        impl = cands[0]
        self.check(impl.get("verdict") == fact.verdict, "%s: verdict %s, expected %s: %s"
                   % (name, impl.get("verdict"), fact.verdict, fact.why))
        if fact.verdict == "already-converted":
            fields = {r.get("field") for r in impl.get("registrations") or []}
            self.check(fields == {"getsockopt_iter"}, "%s: registered through %s, expected "
                                                      ".getsockopt_iter" % (name, fields))
        self.check_chain_facts(fact, impl, name)
        for reason in fact.reasons:
            got = [r for r in impl.get("reasons") or [] if r.get("code") == reason.code]
            if reason.at is None:
                self.check(got, "%s: no %s reason: %s" % (name, reason.code, fact.why))
                continue
            line = self.locate(fact, reason.at)
            if line is None:
                continue
            file = reason.at.file or fact.file
            at_line = [r for r in got if r.get("file") == file and r.get("line") == line]
            if not self.check(at_line, "%s: no %s reason at %s:%d (%s); the report has %s"
                              % (name, reason.code, file, line, reason.at,
                                 ", ".join("%s:%s" % (r.get("file"), r.get("line")) for r in got)
                                 or "none")):
                continue
            if reason.via is not None:
                self.check(any(r.get("via") == reason.via for r in at_line),
                           "%s: the %s reason at %s:%d has the chain %s, expected %s"
                           % (name, reason.code, file, line,
                              " | ".join(" -> ".join(r.get("via") or []) for r in at_line),
                              " -> ".join(reason.via)))
        if fact.changes is None:
            return
        have = list(impl.get("behaviour_changes") or [])
        for change in fact.changes:
            line = self.locate(fact, change.at)
            if line is None:
                continue
            file = change.at.file or fact.file
            match = [c for c in have if c.get("file") == file and c.get("line") == line
                     and c.get("function") == change.at.function]
            if not self.check(match, "%s: no %s behaviour change at %s:%d (%s, option %s): %s"
                                     % (name, change.code, file, line, change.at,
                                        change.option or "-", fact.why)):
                continue
            c = match[0]
            have.remove(c)
            self.check(c.get("code") == change.code, "%s: behaviour change at line %d is %s, "
                                                     "expected %s" % (name, line, c.get("code"),
                                                                      change.code))
            self.check(change.option in (c.get("option") or "").split("|")
                       if change.option else True,
                       "%s: behaviour change at line %d names option %r, expected %s"
                       % (name, line, c.get("option"), change.option))
            if change.width is not None:
                self.check(c.get("width") == change.width,
                           "%s: behaviour change at line %d has width %r, expected %d"
                           % (name, line, c.get("width"), change.width))
            self.check(c.get("narrowed_to") == change.narrowed_to,
                       "%s: behaviour change at line %d is narrowed to %r, expected %r"
                       % (name, line, c.get("narrowed_to"), change.narrowed_to))
        for c in have:
            self.check(False, "%s: unexpected behaviour change %s at %s:%s in %s() (option %s, "
                              "width %s): %s" % (name, c.get("code"), c.get("file"), c.get("line"),
                                                 c.get("function"), c.get("option") or "-",
                                                 c.get("width"), fact.why))

    def table(self):
        rows = []
        for i in sorted(self.impls, key=lambda i: (i.get("file"), i.get("function"))):
            codes = sorted({r.get("code") for r in i.get("reasons") or []})
            rows.append((i.get("verdict"), i.get("file"), i.get("function"),
                         ",".join(codes) or "-", str(len(i.get("behaviour_changes") or []))))
        head = ("VERDICT", "FILE", "FUNCTION", "REASONS", "CHANGES")
        widths = [max(len(r[k]) for r in rows + [head]) for k in range(4)]
        print("verdict table:")
        for r in [head] + rows:
            print("  " + "  ".join(r[k].ljust(widths[k]) for k in range(4)) + "  " + r[4])
        print("by verdict:")
        for v, n in sorted(Counter(r[0] for r in rows).items()):
            print("  %-32s %d" % (v, n))
        print("by reason (implementations):")
        by_reason = Counter(c for i in self.impls
                            for c in {x.get("code") for x in i.get("reasons") or []})
        for c, n in sorted(by_reason.items()):
            print("  %-32s %d" % (c, n))
        changes = Counter(c.get("code") for i in self.impls
                          for c in i.get("behaviour_changes") or [])
        print("behaviour changes: %d in %d implementations" % (
            sum(changes.values()), sum(1 for i in self.impls if i.get("behaviour_changes"))))
        for c, n in sorted(changes.items()):
            print("  %-32s %d" % (c, n))


def main(argv):
    if len(argv) != 3 or argv[1].startswith("-"):
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    with open(argv[1]) as f:
        report = json.load(f)
    checker = Checker(report, argv[2])
    files = checker.database()
    checker.check_header(files)
    checker.check_registrations(files)
    for fact in FACTS:
        checker.check_fact(fact)
    checker.table()
    for n in checker.notes:
        print(n)
    for msg in checker.failures:
        print("FAIL: " + msg)
    if checker.failures:
        print("check-scan: %d of %d checks failed" % (len(checker.failures), checker.checks))
        # Also on stderr: lit -v shows it when stdout goes to a file.
        sys.stdout.flush()
        for msg in checker.failures:
            sys.stderr.write("check-scan: FAIL: %s\n" % msg)
        sys.stderr.write("check-scan: %d of %d checks failed\n"
                         % (len(checker.failures), checker.checks))
        return 1
    print("check-scan: all %d checks passed" % checker.checks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
