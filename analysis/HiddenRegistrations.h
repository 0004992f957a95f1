// getsockopt registrations in code the configuration does not compile.
//
// The parse sees only the #if branches this configuration takes: an ops
// table under `#if IS_ENABLED(CONFIG_IPV6)` with IPv6 off
// (net/mptcp/protocol.c mptcp_v6_stream_ops) is not there, and neither is
// its getsockopt. The report must not drop it without a word, so the text
// of every branch the preprocessor skipped in the main file is read for
// `.getsockopt = f`, `->getsockopt = f` and `getsockopt: f`.
#pragma once

#include "model/Report.h"

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"

#include <vector>

namespace sockopt {

/// The registrations written in the `skipped` ranges of the main file.
std::vector<HiddenRegistration>
findHiddenRegistrations(const clang::SourceManager &sm, const clang::LangOptions &lang,
                        const std::vector<clang::SourceRange> &skipped);

} // namespace sockopt
