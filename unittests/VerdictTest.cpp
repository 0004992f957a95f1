// model/Verdict: the one place that decides an implementation's kind, its
// verdict and its verdict per option.
#include "model/Verdict.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

Registration registration(const std::string &struct_type, const std::string &field) {
  return {struct_type, field, "ops", {"net/x.c", 10, 1}};
}

Reason reason(ReasonCode code, unsigned line, std::vector<std::string> options = {}) {
  Reason r;
  r.code = code;
  r.message = nameString(code) + " message";
  r.where = {"net/x.c", line, 1};
  r.options = std::move(options);
  return r;
}

TEST(SettleVerdict, ConvertibleWithoutReasons) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt")};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, Verdict::Convertible);
  EXPECT_EQ(impl.kind, Kind::ProtoOps);
}

TEST(SettleVerdict, ManualWithAnyReason) {
  Implementation impl;
  impl.registrations = {registration("proto", "getsockopt")};
  impl.reasons = {reason(ReasonCode::PassedToExternalFunction, 12)};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, Verdict::Manual);
  EXPECT_EQ(impl.kind, Kind::Proto);
  // Settled again once the reasons are gone (a cross-file conversion).
  impl.reasons.clear();
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, Verdict::Convertible);
}

TEST(SettleVerdict, RegisteredAsIterIsAlreadyConvertedWhateverTheReasons) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt"),
                        registration("proto_ops", "getsockopt_iter")};
  impl.reasons = {reason(ReasonCode::OptvalReread, 20)};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, Verdict::AlreadyConverted);
}

TEST(SettleVerdict, KindFromTheRegistrations) {
  Implementation impl;
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, Kind::Other); // no registration yet
  impl.registrations = {registration("inet_connection_sock_af_ops", "getsockopt")};
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, Kind::Other);
  impl.registrations.push_back(registration("proto", "getsockopt"));
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, Kind::Proto);
  impl.registrations.push_back(registration("proto_ops", "getsockopt"));
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, Kind::ProtoOps); // proto_ops wins over proto
  Implementation sockptr;
  sockptr.kind = Kind::Sockptr;
  sockptr.registrations = {registration("proto", "getsockopt")};
  settleVerdict(sockptr);
  EXPECT_EQ(sockptr.kind, Kind::Sockptr); // kept: it comes from the signature
  EXPECT_EQ(sockptr.verdict, Verdict::Convertible);
}

TEST(BlockConversion, TheRewritesReasonsReplaceNone) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt")};
  settleVerdict(impl);
  blockConversion(impl, {});
  EXPECT_EQ(impl.verdict, Verdict::Convertible);
  blockConversion(impl, {reason(ReasonCode::NameCollision, 30)});
  EXPECT_EQ(impl.verdict, Verdict::Manual);
  ASSERT_EQ(impl.reasons.size(), 1u);
  EXPECT_EQ(impl.reasons[0].code, ReasonCode::NameCollision);
}

TEST(SettleOptions, PerOptionWhenSomeReasonsBelongToOptions) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt")};
  impl.option_labels = {"SO_A", "SO_B", "SO_C"};
  impl.reasons = {reason(ReasonCode::OutOfOrderWrite, 5, {"SO_B"}),
                  reason(ReasonCode::ComputedOffsetWrite, 6, {"SO_B", "SO_C"}),
                  reason(ReasonCode::OutOfOrderWrite, 7, {"SO_B"})};
  settleVerdict(impl);
  settleOptions(impl);
  ASSERT_EQ(impl.options.size(), 3u);
  EXPECT_EQ(impl.options[0].option, "SO_A");
  EXPECT_EQ(impl.options[0].verdict, Verdict::Convertible);
  EXPECT_TRUE(impl.options[0].reasons.empty());
  EXPECT_EQ(impl.options[1].verdict, Verdict::Manual);
  EXPECT_EQ(impl.options[1].reasons, (std::vector<ReasonCode>{ReasonCode::OutOfOrderWrite,
                                                              ReasonCode::ComputedOffsetWrite}));
  EXPECT_EQ(impl.options[2].reasons, std::vector<ReasonCode>{ReasonCode::ComputedOffsetWrite});
}

TEST(SettleOptions, NoneWhenNoReasonNamesAnOptionOrNothingIsManual) {
  Implementation whole;
  whole.option_labels = {"SO_A"};
  whole.reasons = {reason(ReasonCode::SharedHelper, 5)};
  settleVerdict(whole);
  settleOptions(whole);
  EXPECT_TRUE(whole.options.empty());
  Implementation convertible;
  convertible.option_labels = {"SO_A"};
  settleVerdict(convertible);
  settleOptions(convertible);
  EXPECT_TRUE(convertible.options.empty());
}

} // namespace
} // namespace sockopt
