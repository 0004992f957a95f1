// model/Report: an implementation's reasons, and the small comparisons and
// keys the report's producers share.
#include "engine/TreeAnalysis.h"
#include "model/Report.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

Reason reason(ReasonCode code, unsigned line, unsigned column,
              std::vector<std::string> options = {}) {
  Reason r;
  r.code = code;
  r.message = nameString(code) + " message";
  r.where = {"net/x.c", line, column};
  r.options = std::move(options);
  return r;
}

TEST(AddReason, OnePerCodeAndPoint) {
  std::vector<Reason> reasons;
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 1, {"SO_A"}));
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 1, {"SO_B", "SO_A"}));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].options, (std::vector<std::string>{"SO_A", "SO_B"}));
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 2, {"SO_A"})); // another column
  addReason(reasons, reason(ReasonCode::OptvalReread, 1, 1, {"SO_A"})); // another code
  EXPECT_EQ(reasons.size(), 3u);
}

TEST(AddReason, APathOutsideEveryOptionConcernsThemAll) {
  std::vector<Reason> reasons;
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 1, {"SO_A"}));
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 1));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_TRUE(reasons[0].options.empty());
  addReason(reasons, reason(ReasonCode::OutOfOrderWrite, 1, 1, {"SO_B"})); // still every option
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
