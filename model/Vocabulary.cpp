#include "model/Vocabulary.h"

#include <nlohmann/json.hpp>

namespace sockopt {

// Each table lists its words in the order of the enumerators: termOf()
// indexes it, and test/unit's VocabularyTest checks the order.

template <> std::span<const Term<Verdict>> vocabulary<Verdict>() {
  static constexpr Term<Verdict> terms[] = {
      {Verdict::Convertible, "convertible",
       "`rewrite` converts it: the analysis found nothing against it and every edit of "
       "the conversion can be made safely"},
      {Verdict::Manual, "manual",
       "it needs a person; `reasons[]` says why, and `options[]` which options are "
       "concerned"},
      {Verdict::AlreadyConverted, "already-converted",
       "it is registered as `getsockopt_iter`"},
  };
  return terms;
}

template <> std::span<const Term<Kind>> vocabulary<Kind>() {
  static constexpr Term<Kind> terms[] = {
      {Kind::ProtoOps, "proto_ops",
       "registered in a `struct proto_ops`: what `rewrite` converts"},
      {Kind::Proto, "proto",
       "registered in a `struct proto` and in no `struct proto_ops`"},
      {Kind::Other, "other",
       "registered only in per-family tables (`struct inet_connection_sock_af_ops`), "
       "or nowhere yet"},
      {Kind::Sockptr, "sockptr",
       "takes optval/optlen as `sockptr_t` (`do_tcp_getsockopt()`, `sk_getsockopt()`); "
       "`callers[]` says who hands it what"},
      {Kind::Inner, "inner",
       "the `__user` inner helper a `struct proto` getsockopt that only dispatches hands "
       "optval/optlen to (`do_raw_getsockopt()`): `rewrite` converts it to `sockopt_t` "
       "behind `sockopt_init_user()` in the hook, which keeps its signature"},
  };
  return terms;
}

// A table, one entry per reason code: as long as there are codes.
template <> std::span<const Term<ReasonCode>> vocabulary<ReasonCode>() {
  static constexpr Term<ReasonCode> terms[] = {
      {ReasonCode::OptlenIgnored, "optlen-ignored",
       "optval is written with a run-time length on a path that never read optlen: the "
       "caller's buffer size is ignored, and how far the write reaches is not known. A "
       "fixed-width write there (hci_sock at SOL_BLUETOOTH, chtls at SOL_TLS) is a "
       "`short-buffer-efault` behaviour change instead"},
      {ReasonCode::OptlenNotBufferSize, "optlen-not-buffer-size",
       "the value read from optlen is used as the size of one element (multiplied, or "
       "the stride between writes: tcp_ao's `out_offset += user_len`), not the buffer "
       "size"},
      {ReasonCode::OutOfOrderWrite, "out-of-order-write",
       "optval is written at an offset below an earlier write (sctp peer/local addrs: "
       "`addr_num` after the addresses), or at a constant offset after writes at "
       "run-time offsets (tcp_ao's `nkeys`)"},
      {ReasonCode::ComputedOffsetWrite, "computed-offset-write",
       "optval is written at an offset computed at run time rather than through a "
       "sequential cursor, or a cursor moves back"},
      {ReasonCode::OutOfOrderRead, "out-of-order-read",
       "optval is read at an offset below an earlier read, or at a constant offset "
       "after reads at run-time offsets (`iter_in`)"},
      {ReasonCode::ComputedOffsetRead, "computed-offset-read",
       "optval is read at an offset computed at run time, rather than through a "
       "sequential cursor (`iter_in`)"},
      {ReasonCode::OptvalReread, "optval-reread",
       "optval is read after it was written"},
      {ReasonCode::PassedToExternalFunction, "passed-to-external-function",
       "optval/optlen go to a function that no unit of the compilation database "
       "defines (recorded in `external_calls[]`; `scan --list-undefined` lists them)"},
      {ReasonCode::CrossFileHelper, "cross-file-helper",
       "optval/optlen go to a function defined in another unit; the chain is followed "
       "there (its reasons follow with `via`), and converting means changing that file "
       "too, which cannot be done with this implementation: the message says why (see "
       "\"Converted together across files\" in docs/scan.md)"},
      {ReasonCode::IndirectCall, "indirect-call",
       "optval/optlen go to a call through a function pointer: the target is chosen at "
       "run time (`nf_getsockopt()`'s registered `nf_sockopt_ops`)"},
      {ReasonCode::ConfigStub, "config-stub",
       "the chain reaches a `static inline` stub that an `#if` on a `CONFIG_` option "
       "selected (tcp_ao_get_mkts() without CONFIG_TCP_AO); the message names the "
       "condition"},
      {ReasonCode::StructReadTailCheck, "struct-read-tail-check",
       "`copy_struct_from_sockptr()` or `check_zeroed_sockptr()`: the bytes past the "
       "kernel's struct must be zero, which no iterator call checks"},
      {ReasonCode::SockptrNullTest, "sockptr-null-test",
       "`sockptr_is_null(optval)`: an iterator has no NULL form"},
      {ReasonCode::SockptrRawMember, "sockptr-raw-member",
       "`optval.user`/`.kernel`/`.is_kernel`: the code reaches inside the sockptr_t"},
      {ReasonCode::SharedHelper, "shared-helper",
       "a helper that receives optval/optlen also has other callers; for an externally visible inner helper, the callers in other files it converts with could not all convert (the message says why)"},
      {ReasonCode::StoredUserPointer, "stored-user-pointer",
       "optval/optlen are stored in memory that outlives the call"},
      {ReasonCode::PinnedUserPages, "pinned-user-pages",
       "the pages behind optval are pinned (`pin_user_pages*`, `get_user_pages*`)"},
      {ReasonCode::WiderThanCheckedLength, "wider-than-checked-length",
       "optval is written wider than the one length the code checks optlen to be, so "
       "the legacy code writes past the caller's buffer on every call and a plain "
       "conversion would fail on every call; only a `put_user()` of an integer at the "
       "start of optval, on paths that all check that length, is narrowed to it "
       "(`narrowed-store`)"},
      {ReasonCode::ForwardedToLegacyGetsockopt, "forwarded-to-legacy-getsockopt",
       "optval/optlen are handed to another legacy getsockopt callback "
       "(`sk->sk_prot->getsockopt`, an inner socket's ops)"},
      {ReasonCode::SockptrBridge, "sockptr-bridge",
       "optval/optlen are wrapped in `sockptr_t` (`USER_SOCKPTR()`) for a sockptr API"},
      {ReasonCode::PreprocessorHidden, "preprocessor-hidden",
       "an access sits in an `#if` branch this configuration does not compile"},
      {ReasonCode::AccessInMacroBody, "access-in-macro-body",
       "an access sits inside the body of a macro the author wrote"},
      {ReasonCode::DefinitionNotScanned, "definition-not-scanned",
       "the registered function is defined in no scanned translation unit"},
      {ReasonCode::UnrecognizedUse, "unrecognized-use",
       "anything else; unknown is never convertible"},
      {ReasonCode::NotSequential, "not-sequential",
       "an access or cursor move does not land where the previous one ended (sco's "
       "`BT_CODEC` before the cursor rule, a loop leaving gaps): an iterator only "
       "moves forward", true},
      {ReasonCode::UnsupportedContext, "unsupported-context",
       "an access whose result is used where its replacement would change the code's "
       "meaning, such as an optlen store that is the first arm of an if with an else", true},
      {ReasonCode::UnsupportedAccess, "unsupported-access",
       "an access the rewrite has no safe form for: a `get_user()` that converts "
       "types, a size with side effects", true},
      {ReasonCode::EditInMacro, "edit-in-macro",
       "an edit would land inside a macro expansion, or outside the file", true},
      {ReasonCode::ConflictingEdits, "conflicting-edits",
       "two edits of the conversion overlap", true},
      {ReasonCode::NameCollision, "name-collision",
       "no free name for `opt`, or for a typed local the conversion needs", true},
      {ReasonCode::NoIncludeBlock, "no-include-block",
       "the file has no `#include` line to add `<linux/uio.h>` after", true},
      {ReasonCode::RegisteredElsewhere, "registered-elsewhere",
       "the function is also registered in another file, which this conversion cannot "
       "change", true},
  };
  return terms;
}

template <> std::span<const Term<ChangeCode>> vocabulary<ChangeCode>() {
  static constexpr Term<ChangeCode> terms[] = {
      {ChangeCode::ShortBufferEfault, "short-buffer-efault",
       "a fixed-width write to optval on a path where the length read from optlen was "
       "not compared with a bound at least that wide: the legacy code writes past the "
       "caller's declared buffer and succeeds; converted, `copy_to_iter()` stops at "
       "optlen and the call returns `-EFAULT`"},
      {ChangeCode::NarrowedStore, "narrowed-store",
       "a `put_user()` of an integer wider than the one length the code checks optlen "
       "to be (ATM's `SO_SETCLP`: an `unsigned long` where optlen must be 4): the legacy "
       "code writes past the caller's buffer on every call; converted, the value is "
       "written at the checked width, a fix. Where that check does not apply, a caller "
       "gets that width too, and `-EFAULT` with a shorter buffer"},
  };
  return terms;
}

template <> std::span<const Term<Resolution>> vocabulary<Resolution>() {
  static constexpr Term<Resolution> terms[] = {
      {Resolution::Pending, "",
       "not resolved yet: the whole-tree analysis resolves every hand-off before the "
       "report"},
      {Resolution::Followed, "followed",
       "analysed in the unit defining it; its findings are in `reasons[]`"},
      {Resolution::Undefined, "undefined",
       "no unit of the compilation database defines it"},
      {Resolution::ConfigStub, "config-stub",
       "a `static inline` stub that an `#if` on a `CONFIG_` option selected"},
      {Resolution::HeaderInline, "header-inline",
       "a `static inline` function of a header whose body this parse skipped, under no "
       "`#if` on a `CONFIG_` option: the hand-off stays `passed-to-external-function`"},
      {Resolution::TooDeep, "too-deep",
       "defined in a unit of the database, but the chain already crossed 8 units: it is "
       "not followed further, and the hand-off stays `passed-to-external-function`"},
  };
  return terms;
}

template <> std::span<const Term<Bridge>> vocabulary<Bridge>() {
  static constexpr Term<Bridge> terms[] = {
      {Bridge::User, "user",
       "`USER_SOCKPTR()`: a user buffer, from the syscall"},
      {Bridge::Kernel, "kernel",
       "`KERNEL_SOCKPTR()`: a kernel buffer (BPF, io_uring)"},
      {Bridge::Sockptr, "sockptr",
       "a `sockptr_t` the caller received and passes on"},
      {Bridge::Other, "other",
       "any other expression"},
  };
  return terms;
}

namespace {

template <typename E> void write(nlohmann::json &j, E value) { j = nameString(value); }

template <typename E> void read(const nlohmann::json &j, E &value, const char *what) {
  std::optional<E> v = named<E>(j.get<std::string>());
  if (!v)
    throw nlohmann::json::other_error::create(
        501, std::string("unknown ") + what + " \"" + j.get<std::string>() + "\"", &j);
  value = *v;
}

} // namespace

void to_json(nlohmann::json &j, Verdict v) { write(j, v); }
void from_json(const nlohmann::json &j, Verdict &v) { read(j, v, "verdict"); }
void to_json(nlohmann::json &j, Kind v) { write(j, v); }
void from_json(const nlohmann::json &j, Kind &v) { read(j, v, "kind"); }
void to_json(nlohmann::json &j, ReasonCode v) { write(j, v); }
void from_json(const nlohmann::json &j, ReasonCode &v) { read(j, v, "reason code"); }
void to_json(nlohmann::json &j, ChangeCode v) { write(j, v); }
void from_json(const nlohmann::json &j, ChangeCode &v) { read(j, v, "behaviour change"); }
void to_json(nlohmann::json &j, Resolution v) { write(j, v); }
void from_json(const nlohmann::json &j, Resolution &v) { read(j, v, "resolution"); }
void to_json(nlohmann::json &j, Bridge v) { write(j, v); }
void from_json(const nlohmann::json &j, Bridge &v) { read(j, v, "bridge"); }

} // namespace sockopt
