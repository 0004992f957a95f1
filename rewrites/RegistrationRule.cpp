// `.getsockopt = f` becomes `.getsockopt_iter = f` (and `ops.getsockopt =
// f` likewise): struct proto_ops has both members (include/linux/net.h) and
// the core prefers getsockopt_iter (net/socket.c, do_sock_getsockopt()).
#include "rewrites/Rules.h"

namespace sockopt {

void rewriteRegistration(EditBuilder &b, const FoundRegistration &registration) {
  const Registration &r = registration.registration;
  if (r.struct_type != "proto_ops" || r.field != "getsockopt" ||
      registration.field_loc.isInvalid()) {
    b.block("registered-elsewhere",
            "also registered in struct " + r.struct_type + " '" + r.variable +
                "', which has no getsockopt_iter",
            registration.field_loc.isValid() ? registration.field_loc
                                             : registration.function->getLocation());
    return;
  }
  b.replaceTokens(registration.field_loc, "getsockopt_iter");
}

} // namespace sockopt
