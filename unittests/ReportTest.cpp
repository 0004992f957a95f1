// model/Report: the verdict of an implementation, its reasons, and the
// small comparisons and keys the report's producers share.
#include "model/Report.h"
#include "engine/TreeAnalysis.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

Registration registration(const std::string &struct_type, const std::string &field) {
  return {struct_type, field, "ops", {"net/x.c", 10, 1}};
}

Reason reason(const std::string &code, unsigned line, unsigned column,
              std::vector<std::string> options = {}) {
  Reason r;
  r.code = code;
  r.message = code + " message";
  r.where = {"net/x.c", line, column};
  r.options = std::move(options);
  return r;
}

TEST(SettleVerdict, ConvertibleWithoutReasons) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt")};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, "convertible");
  EXPECT_EQ(impl.kind, "proto_ops");
}

TEST(SettleVerdict, ManualWithAnyReason) {
  Implementation impl;
  impl.registrations = {registration("proto", "getsockopt")};
  impl.reasons = {reason("passed-to-external-function", 12, 3)};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, "manual");
  EXPECT_EQ(impl.kind, "proto");
  // Settled again once the reasons are gone (a cross-file conversion).
  impl.reasons.clear();
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, "convertible");
}

TEST(SettleVerdict, RegisteredAsIterIsAlreadyConvertedWhateverTheReasons) {
  Implementation impl;
  impl.registrations = {registration("proto_ops", "getsockopt"),
                        registration("proto_ops", "getsockopt_iter")};
  impl.reasons = {reason("optlen-written-twice", 20, 5)};
  settleVerdict(impl);
  EXPECT_EQ(impl.verdict, "already-converted");
}

TEST(SettleVerdict, KindFromTheRegistrations) {
  Implementation impl;
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, "other"); // no registration yet
  impl.registrations = {registration("inet_connection_sock_af_ops", "getsockopt")};
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, "other");
  impl.registrations.push_back(registration("proto", "getsockopt"));
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, "proto");
  impl.registrations.push_back(registration("proto_ops", "getsockopt"));
  settleVerdict(impl);
  EXPECT_EQ(impl.kind, "proto_ops"); // proto_ops wins over proto
  Implementation sockptr;
  sockptr.kind = "sockptr";
  sockptr.registrations = {registration("proto", "getsockopt")};
  settleVerdict(sockptr);
  EXPECT_EQ(sockptr.kind, "sockptr"); // kept: it comes from the signature
  EXPECT_EQ(sockptr.verdict, "convertible");
}

TEST(AddReason, OnePerCodeAndPoint) {
  std::vector<Reason> reasons;
  addReason(reasons, reason("a", 1, 1, {"SO_A"}));
  addReason(reasons, reason("a", 1, 1, {"SO_B", "SO_A"}));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].options, (std::vector<std::string>{"SO_A", "SO_B"}));
  addReason(reasons, reason("a", 1, 2, {"SO_A"})); // another column
  addReason(reasons, reason("b", 1, 1, {"SO_A"})); // another code
  EXPECT_EQ(reasons.size(), 3u);
}

TEST(AddReason, APathOutsideEveryOptionConcernsThemAll) {
  std::vector<Reason> reasons;
  addReason(reasons, reason("a", 1, 1, {"SO_A"}));
  addReason(reasons, reason("a", 1, 1));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_TRUE(reasons[0].options.empty());
  addReason(reasons, reason("a", 1, 1, {"SO_B"})); // still every option
  EXPECT_TRUE(reasons[0].options.empty());
}

TEST(SamePoint, FileLineAndColumn) {
  SourcePoint p{"net/x.c", 3, 7};
  EXPECT_TRUE(samePoint(p, SourcePoint{"net/x.c", 3, 7}));
  EXPECT_FALSE(samePoint(p, SourcePoint{"net/y.c", 3, 7}));
  EXPECT_FALSE(samePoint(p, SourcePoint{"net/x.c", 4, 7}));
  EXPECT_FALSE(samePoint(p, SourcePoint{"net/x.c", 3, 8}));
}

TEST(FunctionKey, FileThenFunction) {
  EXPECT_EQ(functionKey("/tree/net/atm/common.c", "vcc_getsockopt"),
            "/tree/net/atm/common.c|vcc_getsockopt");
  EXPECT_NE(functionKey("a", "b"), functionKey("b", "a"));
}

TEST(CallContextKey, EveryFieldCounts) {
  CallContext c;
  c.pointers = {{1, "optval"}, {2, "optlen"}};
  EXPECT_EQ(c.key(), "optval@1,optlen@2,len,optname@-1,unread");
  CallContext d = c;
  d.checked_bound = 4;
  EXPECT_EQ(d.key(), "optval@1,optlen@2,len,optname@-1,unread,bound=4");
  d.checked_unknown = true; // an unknown check hides the bound
  EXPECT_EQ(d.key(), "optval@1,optlen@2,len,optname@-1,unread,checked");
  CallContext e = c;
  e.length_values = {3};
  e.optname = 0;
  e.optlen_read = true;
  EXPECT_EQ(e.key(), "optval@1,optlen@2,len@3,optname@0,read");
}

TEST(FollowKey, FileFunctionAndContext) {
  CallContext context;
  context.pointers = {{1, "optval"}};
  EXPECT_EQ(followKey("/tree/net/atm/common.c", "vcc_getsockopt", context),
            "/tree/net/atm/common.c|vcc_getsockopt|" + context.key());
  CallContext other = context;
  other.optlen_read = true;
  EXPECT_NE(followKey("f.c", "f", context), followKey("f.c", "f", other));
}

} // namespace
} // namespace sockopt
