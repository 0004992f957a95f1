// Finds getsockopt implementations: functions stored into `.getsockopt` or
// `.getsockopt_iter` of a `struct proto_ops` or `struct proto` initializer,
// and the sockopt_t definition the tree provides (include/linux/net.h).
#pragma once

#include "model/Report.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Token.h"
#include "llvm/ADT/STLExtras.h"

#include <optional>
#include <vector>

namespace sockopt {

struct FoundRegistration {
  const clang::FunctionDecl *function;
  Registration registration;
  /// The `getsockopt` token of `.getsockopt = f` or `ops.getsockopt = f`;
  /// invalid for a positional initializer.
  clang::SourceLocation field_loc;
};

/// Registrations written in the main file, in source order.
std::vector<FoundRegistration> findRegistrations(clang::ASTContext &ctx);

/// Whether three raw tokens (clang::Lexer::LexFromRawLexer()) begin a
/// registration in source text the parse does not see: `.getsockopt =`,
/// `->getsockopt =` (or getsockopt_iter), or GNU's `{ getsockopt:` and
/// `, getsockopt:`. `member` is then the field; the function follows `op`.
bool beginsRegistration(const clang::Token &lead, const clang::Token &member,
                        const clang::Token &op);

/// The top-level declarations the unit parsed itself, in order: with a
/// precompiled header (runner/SharedPch.h), not the ones it holds, which
/// iterating the translation unit would deserialise, every one of them.
/// Without, all of them.
inline auto localDecls(const clang::ASTContext &ctx) {
  return llvm::make_filter_range(ctx.getTranslationUnitDecl()->noload_decls(),
                                 [](const clang::Decl *d) { return !d->isFromASTFile(); });
}

/// `int f(struct socket *|struct sock *, int level, int optname,
///        char __user *optval, int __user *optlen)`; `__user` leaves no
/// trace in a normal build, so optval/optlen are known by position.
bool hasLegacyGetsockoptSignature(const clang::FunctionDecl *fn);
/// The struct `fn`'s first parameter points to (`struct socket` for a
/// struct proto_ops getsockopt, `struct sock` for a struct proto one), or
/// null.
const clang::RecordDecl *firstParamRecord(const clang::FunctionDecl *fn);

/// `(struct sock *sk, int level, int optname, sockptr_t optval, sockptr_t
/// optlen)`: a getsockopt that already takes sockptr_t (sk_getsockopt(),
/// do_tcp_getsockopt(), do_ip_getsockopt(), do_ipv6_getsockopt()), called
/// with user buffers through USER_SOCKPTR() bridges and with kernel buffers
/// by BPF (net/core/filter.c, KERNEL_SOCKPTR()).
bool hasSockptrGetsockoptSignature(const clang::FunctionDecl *fn);

/// The sockopt_t typedef and whether struct proto_ops and struct proto
/// have getsockopt_iter, among the declarations the unit parsed itself
/// (localDecls()).
struct SockoptTypeSearch {
  std::optional<SockoptTypeInfo> sockopt_t;
  bool proto_ops_has_getsockopt_iter = false;
  bool proto_has_getsockopt_iter = false;
};
SockoptTypeSearch searchSockoptType(clang::ASTContext &ctx);

/// The sockopt_t typedef and whether struct proto_ops has getsockopt_iter;
/// with a precompiled header, what its build found is `precompiled`.
std::optional<SockoptTypeInfo> findSockoptType(clang::ASTContext &ctx,
                                               const SockoptTypeSearch *precompiled = nullptr);

} // namespace sockopt
