// model/Vocabulary: every table in the order of its enumerators, with
// unique names, and JSON that refuses a name it does not know.
#include "model/Vocabulary.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace sockopt {
namespace {

template <typename E> void expectWellFormed(size_t count) {
  std::span<const Term<E>> terms = vocabulary<E>();
  ASSERT_EQ(terms.size(), count);
  std::set<std::string_view> names;
  for (size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(terms[i].value), i) << terms[i].name;
    EXPECT_TRUE(names.insert(terms[i].name).second) << terms[i].name;
    EXPECT_FALSE(terms[i].meaning.empty()) << terms[i].name;
    EXPECT_EQ(named<E>(terms[i].name), terms[i].value);
    nlohmann::json j = terms[i].value;
    EXPECT_EQ(j.get<E>(), terms[i].value);
  }
}

TEST(Vocabulary, EveryTableInEnumeratorOrder) {
  expectWellFormed<Verdict>(3);
  expectWellFormed<Kind>(5);
  expectWellFormed<ReasonCode>(static_cast<size_t>(ReasonCode::RegisteredElsewhere) + 1);
  expectWellFormed<ChangeCode>(static_cast<size_t>(ChangeCode::NarrowedStore) + 1);
  expectWellFormed<Resolution>(static_cast<size_t>(Resolution::TooDeep) + 1);
  expectWellFormed<Bridge>(4);
}

TEST(Vocabulary, NamesAsTheReportSpellsThem) {
  EXPECT_EQ(nameOf(Verdict::AlreadyConverted), "already-converted");
  EXPECT_EQ(nameOf(Kind::ProtoOps), "proto_ops");
  EXPECT_EQ(nameOf(ReasonCode::ForwardedToLegacyGetsockopt), "forwarded-to-legacy-getsockopt");
  EXPECT_EQ(nameOf(ChangeCode::ShortBufferEfault), "short-buffer-efault");
  EXPECT_EQ(nameOf(ChangeCode::NarrowedStore), "narrowed-store");
  EXPECT_EQ(nameOf(Resolution::Pending), "");
  EXPECT_EQ(nameOf(Bridge::Kernel), "kernel");
}

TEST(Vocabulary, RewriteReasonsComeLast) {
  bool rewrite = false;
  for (const Term<ReasonCode> &t : vocabulary<ReasonCode>()) {
    EXPECT_TRUE(!rewrite || t.from_rewrite) << t.name;
    rewrite |= t.from_rewrite;
  }
  EXPECT_TRUE(termOf(ReasonCode::NotSequential).from_rewrite);
  EXPECT_FALSE(termOf(ReasonCode::UnrecognizedUse).from_rewrite);
}

TEST(Vocabulary, AnUnknownNameIsAnError) {
  EXPECT_EQ(named<ReasonCode>("no-such-code"), std::nullopt);
  EXPECT_THROW(nlohmann::json("no-such-code").get<ReasonCode>(), nlohmann::json::exception);
  EXPECT_THROW(nlohmann::json("convertable").get<Verdict>(), nlohmann::json::exception);
}

} // namespace
} // namespace sockopt
