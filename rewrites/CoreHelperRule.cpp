// sockopt_init_user() sets up a sockopt_t over a caller's user buffer: what
// a struct proto hook, which keeps its `__user` arguments, needs around
// the call of its converted inner helper (WrapperRule.cpp). It reads and
// checks optlen as the core does for a getsockopt_iter (net/socket.c,
// sockptr_to_sockopt(): -EFAULT when optlen cannot be read, -EINVAL when
// it is negative) and points both iterators at optval. A tree without it
// gets it as a static inline right after the sockopt_t typedef in
// include/linux/net.h, which already includes what it uses: <linux/uio.h>
// (iov_iter_ubuf()) and, through <linux/sockptr.h>, <linux/uaccess.h>.
#include "rewrites/Rules.h"

#include "clang/Lex/Lexer.h"

namespace sockopt {

using namespace clang;

namespace {

constexpr const char *sockopt_init_user_text = R"(

/**
 * sockopt_init_user() - set up a sockopt_t over a user buffer
 * @opt: the sockopt_t to set up
 * @optval: the caller's option buffer
 * @optlen: the caller's length of @optval
 *
 * For a getsockopt that receives __user pointers and hands the option to a
 * helper taking a sockopt_t. Both iterators cover the first *@optlen bytes
 * of @optval, as do_sock_getsockopt() sets them up for getsockopt_iter.
 * The caller copies @opt->optlen back to @optlen when the helper returns.
 *
 * Return: 0, -EFAULT if @optlen cannot be read, -EINVAL if it is negative.
 */
static inline int sockopt_init_user(sockopt_t *opt, char __user *optval,
				    int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	iov_iter_ubuf(&opt->iter_out, ITER_DEST, optval, len);
	iov_iter_ubuf(&opt->iter_in, ITER_SOURCE, optval, len);
	opt->optlen = len;
	return 0;
})";

const NamedDecl *lookUp(ASTContext &ctx, StringRef name) {
  auto found = ctx.getTranslationUnitDecl()->lookup(&ctx.Idents.get(name));
  return found.empty() ? nullptr : found.front();
}

} // namespace

bool treeHasSockoptInitUser(ASTContext &ctx) {
  return isa_and_nonnull<FunctionDecl>(lookUp(ctx, "sockopt_init_user"));
}

void addSockoptInitUser(EditBuilder &b) {
  const auto *typedef_decl = dyn_cast_or_null<TypedefDecl>(lookUp(b.context(), "sockopt_t"));
  const SourceManager &sm = b.sources();
  if (!typedef_decl)
    return b.block(ReasonCode::UnsupportedContext,
                   "the tree has no sockopt_t typedef to add sockopt_init_user() after",
                   sm.getLocForStartOfFile(sm.getMainFileID()));
  SourceLocation end = sm.getExpansionLoc(typedef_decl->getEndLoc());
  b.allowFile(sm.getFileID(end));
  // Past `sockopt_t` and its `;`.
  SourceLocation semi = Lexer::findLocationAfterToken(end, tok::semi, sm,
                                                      b.context().getLangOpts(), false);
  if (semi.isInvalid())
    return b.block(ReasonCode::UnsupportedContext,
                   "the sockopt_t typedef does not end with a ';' of its own", end);
  b.insert(semi, sockopt_init_user_text);
}

} // namespace sockopt
