// analysis/Classifier's path walk (PathWalker::fire(), the transfer
// function over the accesses of one body): each test parses one small
// getsockopt against the fixture tree's kernel headers and checks what
// the walk concluded, reason by reason.
#include "engine/ScanAction.h"
#include "model/Report.h"

#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sockopt {
namespace {

/// The implementations of `body`, the body of t_getsockopt() registered in
/// a struct proto_ops, with `locals` declared before it.
std::vector<Implementation> scanBody(const std::string &locals, const std::string &body) {
  std::string code = R"(
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
)" + locals + R"(
static int t_getsockopt(struct socket *sock, int level, int optname,
                        char __user *optval, int __user *optlen)
{
)" + body + R"(
}
static const struct proto_ops t_ops = {
  .getsockopt = t_getsockopt,
};
)";
  std::string include = std::string(SOCKOPT_FIXTURES_DIR) + "/include";
  TranslationUnitResult result;
  bool ok = clang::tooling::runToolOnCodeWithArgs(
      std::make_unique<ScanAction>(result, ScanAction::Mode::Scan), code,
      {"-nostdinc", "-I" + include, "-D__KERNEL__", "-include", include + "/linux/kconfig.h",
       "-std=gnu11", "-Wno-everything"},
      "net/t/t.c");
  EXPECT_TRUE(ok) << code;
  return result.implementations;
}

std::vector<std::string> codesOf(const Implementation &impl) {
  std::vector<std::string> codes;
  for (const Reason &r : impl.reasons)
    codes.push_back(nameString(r.code));
  std::sort(codes.begin(), codes.end());
  return codes;
}

TEST(PathWalker, ReadLengthThenOneClampedWrite) {
  auto impls = scanBody("", R"(
  int len, val = 1;
  if (get_user(len, optlen))
    return -EFAULT;
  len = min_t(unsigned int, len, sizeof(int));
  if (copy_to_user(optval, &val, len))
    return -EFAULT;
  return put_user(len, optlen);
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(impls[0].verdict, Verdict::Convertible);
  EXPECT_TRUE(impls[0].reasons.empty());
  EXPECT_TRUE(impls[0].behaviour_changes.empty());
}

TEST(PathWalker, WriteAtARunTimeOffset) {
  auto impls = scanBody("", R"(
  int len, val = 1;
  if (get_user(len, optlen))
    return -EFAULT;
  if (len < 8)
    return -EINVAL;
  if (copy_to_user(optval + optname, &val, sizeof(val)))
    return -EFAULT;
  return 0;
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(impls[0].verdict, Verdict::Manual);
  EXPECT_EQ(codesOf(impls[0]), std::vector<std::string>{"computed-offset-write"});
}

TEST(PathWalker, ReadAfterWrite) {
  auto impls = scanBody("", R"(
  int len, val = 1, in;
  if (get_user(len, optlen))
    return -EFAULT;
  if (len < sizeof(int))
    return -EINVAL;
  if (copy_to_user(optval, &val, sizeof(val)))
    return -EFAULT;
  if (copy_from_user(&in, optval, sizeof(in)))
    return -EFAULT;
  return 0;
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(codesOf(impls[0]), std::vector<std::string>{"optval-reread"});
}

TEST(PathWalker, FixedWidthWriteWithoutACheckIsAShortBufferChange) {
  auto impls = scanBody("#define T_FLAG 1\n", R"(
  int len;
  u32 flag = 1;
  if (get_user(len, optlen))
    return -EFAULT;
  switch (optname) {
  case T_FLAG:
    if (put_user(flag, (u32 __user *)optval))
      return -EFAULT;
    break;
  default:
    return -ENOPROTOOPT;
  }
  return 0;
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(impls[0].verdict, Verdict::Convertible);
  ASSERT_EQ(impls[0].behaviour_changes.size(), 1u);
  const BehaviourChange &c = impls[0].behaviour_changes[0];
  EXPECT_EQ(c.code, ChangeCode::ShortBufferEfault);
  EXPECT_EQ(c.width, 4u);
  EXPECT_EQ(c.option, "T_FLAG");
}

TEST(PathWalker, ACheckAsWideAsTheWriteLeavesNoChange) {
  auto impls = scanBody("#define T_FLAG 1\n", R"(
  int len;
  u32 flag = 1;
  if (get_user(len, optlen))
    return -EFAULT;
  if (len < sizeof(u32))
    return -EINVAL;
  if (put_user(flag, (u32 __user *)optval))
    return -EFAULT;
  return 0;
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(impls[0].verdict, Verdict::Convertible);
  EXPECT_TRUE(impls[0].behaviour_changes.empty());
}

TEST(PathWalker, RunTimeLengthWithoutReadingOptlen) {
  auto impls = scanBody("", R"(
  char buf[16] = "";
  int n = optname & 15;
  if (copy_to_user(optval, buf, n))
    return -EFAULT;
  return 0;
)");
  ASSERT_EQ(impls.size(), 1u);
  EXPECT_EQ(codesOf(impls[0]), std::vector<std::string>{"optlen-ignored"});
}

} // namespace
} // namespace sockopt
