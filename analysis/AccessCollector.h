// Follows optval/optlen through one function body and turns every use of
// them into a Use: an access in one of the shapes of docs/rules.md, a change
// of a derived pointer (cursor), a hand-off to a helper, or a finding that
// makes the implementation manual.
#pragma once

#include "analysis/UaccessMacros.h"
#include "model/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>
#include <string>
#include <vector>

namespace sockopt {

enum class Role { Optval, Optlen };
const char *roleName(Role role);

/// Which parameters of a function carry optval/optlen, and which carry the
/// value the caller read from optlen.
struct Seeds {
  llvm::DenseMap<const clang::ParmVarDecl *, Role> pointers;
  llvm::DenseSet<const clang::ParmVarDecl *> length_values;
  /// The parameter holding the caller's optname: a switch on it names the
  /// option of each path.
  const clang::ParmVarDecl *optname = nullptr;
};

/// Where in the user buffer an access lands: relative to the parameter
/// itself, or to a cursor (a local pointer derived from it).
struct Address {
  const clang::VarDecl *cursor = nullptr;
  std::optional<int64_t> offset; // bytes; nullopt when computed at run time
  /// A local integer added to optval (`optval + pos`): the walk follows its
  /// value like a cursor's (net/netlink/af_netlink.c, NETLINK_LIST_MEMBERSHIPS).
  const clang::VarDecl *index = nullptr;
};

enum class UseKind {
  ReadOptlen,    // get_user(len, optlen)
  WriteOptlen,   // put_user(len, optlen)
  ReadOptval,    // copy_from_user(dst, optval, n), get_user(v, (T *)optval)
  WriteOptval,   // copy_to_user(optval, src, n), put_user(v, (T *)optval)
  CursorInit,    // p = optval + k
  CursorAdvance, // p += n, p++
  HelperCall,    // helper(sock, optval, optlen) with the helper in this TU
  ExternalCall,  // the same with the helper's body elsewhere
  Finding,       // something that needs a person
};

struct Use {
  UseKind kind = UseKind::Finding;
  const clang::Stmt *anchor = nullptr;           // fires when the walk evaluates it
  clang::SourceLocation loc;                     // reported location (a file location)
  std::string op;                                // "get_user", "copy_to_user", ...
  const UaccessInvocation *invocation = nullptr; // get_user/put_user forms
  const clang::Expr *pointer = nullptr;          // the user pointer argument
  Address address;
  std::optional<uint64_t> width;         // bytes moved, when constant
  const clang::Expr *size = nullptr;     // copy_*_user size; CursorAdvance step
  const clang::Expr *offset = nullptr;   // copy_*_sockptr_offset offset argument
  /// An offset argument that is a local variable: the walk knows its value
  /// where a constant was assigned on the path (tcp_ao's `out_offset =
  /// offsetof(...)`); the address is then `offset_base` plus that value.
  const clang::VarDecl *offset_var = nullptr;
  Address offset_base;
  const clang::VarDecl *var = nullptr;   // ReadOptlen target, or the cursor
  std::optional<int64_t> advance;        // CursorAdvance step, when constant
  const clang::CallExpr *call = nullptr; // HelperCall, ExternalCall
  const clang::FunctionDecl *callee = nullptr;
  std::vector<std::pair<unsigned, Role>> callee_pointers;
  /// ExternalCall: the callee is a static inline stub in a header, with the
  /// #if branch that selected it when a CONFIG_ option did.
  bool header_stub = false;
  std::optional<TakenBranch> stub_branch;
  ReasonCode code = ReasonCode::UnrecognizedUse; // Finding
  std::string message; // Finding: one line
};

struct FunctionAccesses {
  std::vector<Use> uses;
  /// sockptr_t parameters moved with sockptr_advance(): cursors that start
  /// at offset 0.
  std::vector<const clang::VarDecl *> entry_cursors;
};

/// `sockptr_t` (include/linux/sockptr.h) or `struct sockptr`.
bool isSockptrType(clang::QualType type);

FunctionAccesses collectAccesses(const clang::FunctionDecl *fn, const Seeds &seeds,
                                 const PreprocessorFacts &pp, clang::ASTContext &ctx);

/// A location as a user would point at it: where the author wrote it.
clang::SourceLocation reportLocation(const clang::SourceManager &sm, clang::SourceLocation loc);

} // namespace sockopt
