#include "output/SubjectPrefix.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <utility>

namespace sockopt {

std::string subjectPrefix(const std::string &relative_path) {
  // Most specific first: a file, then its directory.
  static const std::pair<const char *, const char *> known[] = {
      {"net/bluetooth/sco.c", "Bluetooth: SCO:"},
      {"net/bluetooth/iso.c", "Bluetooth: ISO:"},
      {"net/bluetooth/l2cap_sock.c", "Bluetooth: L2CAP:"},
      {"net/bluetooth/hci_sock.c", "Bluetooth: HCI:"},
      {"net/bluetooth/rfcomm/", "Bluetooth: RFCOMM:"},
      {"net/bluetooth/", "Bluetooth:"},
      {"net/can/raw.c", "can: raw:"},
      {"net/can/isotp.c", "can: isotp:"},
      {"net/can/j1939/", "can: j1939:"},
      {"net/packet/", "af_packet:"},
      {"net/x25/", "net/x25:"},
      {"net/rose/", "rose:"},
      {"net/netrom/", "netrom:"},
      {"net/ax25/", "ax25:"},
      {"net/llc/", "llc:"},
      {"net/kcm/", "kcm:"},
      {"net/l2tp/", "l2tp:"},
      {"net/mctp/", "net: mctp:"},
      {"net/nfc/", "nfc: llcp:"},
      {"net/xdp/", "xsk:"},
      {"net/vmw_vsock/", "vsock:"},
      {"net/tipc/", "tipc:"},
      {"net/rxrpc/", "rxrpc:"},
      {"net/phonet/", "phonet:"},
      {"net/ieee802154/", "ieee802154:"},
      {"net/atm/", "atm:"},
      {"drivers/isdn/mISDN/", "mISDN:"},
  };
  llvm::StringRef path(relative_path);
  for (const auto &[prefix, subject] : known)
    if (path.starts_with(prefix))
      return subject;
  // Elsewhere: the directory's name, as most of net/ does ("tls:", "smc:").
  llvm::StringRef dir = llvm::sys::path::filename(llvm::sys::path::parent_path(path));
  return (dir.empty() ? path : dir).str() + ":";
}

} // namespace sockopt
