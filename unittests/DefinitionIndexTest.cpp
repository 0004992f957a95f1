// engine/DefinitionIndex: which files define which functions, and which
// functions a file hands optval/optlen to, from the raw source text.
#include "engine/DefinitionIndex.h"

#include "TestFiles.h"

#include <gtest/gtest.h>

namespace sockopt {
namespace {

using testing::TempDir;
using Names = std::vector<std::string>;
using NameSet = std::set<std::string>;

TEST(DefinitionsIn, FunctionDefinitionsAtFileScope) {
  EXPECT_EQ(DefinitionIndex::definitionsIn("int f(int a) { return a; }\n"
                                           "static int __init g(void)\n{\n\treturn 0;\n}\n"
                                           "int h(char *p, int (*cb)(int))\n{\n}\n"),
            (Names{"f", "g", "h"}));
}

TEST(DefinitionsIn, AttributesAndAnnotationsAroundTheName) {
  EXPECT_EQ(DefinitionIndex::definitionsIn(
                "__attribute__((unused)) int f(int a) __acquires(l) {}\n"
                "static int __attribute__((noinline)) g(struct sock *sk)\n{\n}\n"),
            (Names{"f", "g"}));
}

TEST(DefinitionsIn, NotDeclarationsNorData) {
  EXPECT_EQ(DefinitionIndex::definitionsIn(
                "int d(int);\n"
                "extern int e(struct sock *sk, int optname);\n"
                "int (*fp)(int) = d;\n"
                "struct s { int (*get)(int); };\n"
                "static const struct proto_ops ops = {\n\t.getsockopt = d,\n};\n"
                "int table[] = { 1, 2 };\n"
                "enum { A = sizeof(int) };\n"),
            Names{});
}

TEST(DefinitionsIn, NotInsideBodies) {
  EXPECT_EQ(DefinitionIndex::definitionsIn("int outer(void)\n{\n"
                                           "\tif (inner(1)) { return 1; }\n"
                                           "\twhile (x()) {}\n"
                                           "\treturn 0;\n}\n"),
            Names{"outer"});
}

TEST(DefinitionsIn, NotInCommentsStringsOrDirectives) {
  EXPECT_EQ(DefinitionIndex::definitionsIn(
                "// int c1(void) { }\n"
                "/* int c2(void)\n { } */\n"
                "const char *s = \"int s1(void) { }\";\n"
                "#define M(x) { x }\n"
                "#define N(x) \\\n\t{ x }\n"
                "#include <linux/net.h>\n"
                "int real(void) { return 0; }\n"),
            Names{"real"});
}

TEST(DefinitionsIn, BracesInCommentsAndStringsDoNotCount) {
  EXPECT_EQ(DefinitionIndex::definitionsIn("int a(void) { return puts(\"}\"); }\n"
                                           "int b(void) { /* { */ return '{'; }\n"
                                           "int c(void) { return 0; }\n"),
            (Names{"a", "b", "c"}));
}

TEST(DefinitionsIn, BothBranchesOfAConditional) {
  // No preprocessing: a name defined under an #if that the configuration
  // does not compile is found too (its parse then ends as "undefined").
  EXPECT_EQ(DefinitionIndex::definitionsIn("#if IS_ENABLED(CONFIG_X)\n"
                                           "int f(void) { return 1; }\n"
                                           "#else\n"
                                           "static inline int g(void) { return 0; }\n"
                                           "#endif\n"),
            (Names{"f", "g"}));
}

TEST(OptvalCalleesIn, CallsWithOptvalOrOptlenInTheArguments) {
  NameSet callees = DefinitionIndex::optvalCalleesIn(
      "static int get(struct socket *sock, int level, int optname,\n"
      "               char __user *optval, int __user *optlen)\n{\n"
      "\tint len = 0;\n"
      "\tlock_sock(sock->sk);\n"
      "\tput_user(len, optlen);\n"
      "\treturn helper(sock, wrap(optval), len);\n"
      "}\n");
  // The parameter list names them too: `get` counts, as a guess may.
  EXPECT_TRUE(callees.count("put_user"));
  EXPECT_TRUE(callees.count("helper")); // through the nested call
  EXPECT_TRUE(callees.count("wrap"));
  EXPECT_FALSE(callees.count("lock_sock"));
}

TEST(OptvalCalleesIn, NotInCommentsOrStrings) {
  NameSet callees = DefinitionIndex::optvalCalleesIn("int f(void)\n{\n"
                                                     "\t/* g(optval) */\n"
                                                     "\t// h(optlen)\n"
                                                     "\tpr_info(\"k(optval)\");\n"
                                                     "\treturn optvalue(1) + n(opt_len);\n"
                                                     "}\n");
  EXPECT_EQ(callees, NameSet{});
}

TEST(Index, AcrossFiles) {
  TempDir dir;
  std::string a = dir.write("a.c", "int caller(char __user *optval)\n"
                                   "{\n\treturn callee(optval) + other(1);\n}\n");
  std::string b = dir.write("b.c", "int callee(char __user *p) { return 0; }\n"
                                   "int other(int x);\n");
  std::string c = dir.write("c.c", "int callee(char __user *p) { return 1; }\n");
  std::string gone = dir.file("gone.c");
  DefinitionIndex index({a, b, c, gone});
  EXPECT_EQ(index.filesDefining("caller"), Names{a});
  EXPECT_EQ(index.filesDefining("callee"), (Names{b, c})); // in the order of the files
  EXPECT_EQ(index.filesDefining("other"), Names{});       // declared only
  EXPECT_EQ(index.filesDefining("nowhere"), Names{});
  EXPECT_TRUE(index.optvalCallees(a).count("callee"));
  EXPECT_FALSE(index.optvalCallees(a).count("other"));
  EXPECT_EQ(index.optvalCallees(b), NameSet{});
  EXPECT_EQ(index.optvalCallees(gone), NameSet{}); // unreadable: nothing
  EXPECT_EQ(index.optvalCallees(dir.file("never-indexed.c")), NameSet{});
}

TEST(DefinitionIndex, RegistrationsWhateverTheSpacing) {
  for (const char *text : {
           "static const struct proto_ops o = { .getsockopt = f, };",
           "static const struct proto_ops o = {\n\t.getsockopt\n\t\t= f,\n};",
           "static const struct proto_ops o = { . getsockopt = f };",
           "static const struct proto_ops o = { .getsockopt /* legacy */ = f };",
           "static const struct proto_ops o = { getsockopt: f };",
           "static const struct proto_ops o = { .family = 1, getsockopt: f };",
           "void g(struct socket *s) { s->ops->getsockopt = f; }",
           "static const struct proto_ops o = { .getsockopt_iter = f };",
       })
    EXPECT_TRUE(DefinitionIndex::registersGetsockoptIn(text)) << text;
  for (const char *text : {
           "int f(struct socket *s) { return s->ops->getsockopt(s, 0, 0, 0, 0); }",
           "int f(struct socket *s) { return s->ops->getsockopt == NULL; }",
           "/* .getsockopt = f */",
           "const char *s = \".getsockopt = f\";",
           "int g(int getsockopt) { return x ? getsockopt : 0; }",
       })
    EXPECT_FALSE(DefinitionIndex::registersGetsockoptIn(text)) << text;
}

} // namespace
} // namespace sockopt
