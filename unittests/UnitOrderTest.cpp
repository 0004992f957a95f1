// runner/UnitOrder: the order in which the whole-tree analysis parses units
// (guessChains(), pickNextUnit()).
#include "runner/UnitOrder.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>

namespace sockopt {
namespace {

using Graph = std::vector<std::vector<size_t>>; // by unit: the units it may call

/// Components numbered as a recursive Tarjan walk from unit 0 upwards
/// numbers them (callees first), each unit's callees in their order.
std::vector<int> referenceComponents(const Graph &callees) {
  size_t n = callees.size();
  std::vector<int> index(n, -1), low(n, 0), component(n, -1);
  std::vector<size_t> stack;
  std::vector<bool> on_stack(n, false);
  int counter = 0, components = 0;
  std::function<void(size_t)> visit = [&](size_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (size_t w : callees[v]) {
      if (index[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] == index[v]) {
      size_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        component[w] = components;
      } while (w != v);
      ++components;
    }
  };
  for (size_t v = 0; v < n; ++v)
    if (index[v] < 0)
      visit(v);
  return component;
}

std::vector<int> componentsOf(const UnitChains &chains) {
  std::vector<int> out;
  for (const UnitPlace &p : chains.places)
    out.push_back(p.component);
  return out;
}

TEST(GuessChains, AChain) {
  // 0 -> 1 -> 2, and 3 alone.
  UnitChains chains = guessChains({{1}, {2}, {}, {}});
  const std::vector<UnitPlace> &p = chains.places;
  ASSERT_EQ(p.size(), 4u);
  std::set<int> distinct = {p[0].component, p[1].component, p[2].component, p[3].component};
  EXPECT_EQ(distinct.size(), 4u);
  EXPECT_GT(p[0].component, p[1].component); // callers after their callees
  EXPECT_GT(p[1].component, p[2].component);
  EXPECT_EQ(p[0].depth, 0u);
  EXPECT_EQ(p[1].depth, 1u);
  EXPECT_EQ(p[2].depth, 2u);
  EXPECT_EQ(p[3].depth, 0u);
  EXPECT_EQ(p[0].height, 2u);
  EXPECT_EQ(p[1].height, 1u);
  EXPECT_EQ(p[2].height, 0u);
  EXPECT_EQ(p[3].height, 0u);
  EXPECT_TRUE(chains.mayCall(p[0].component, p[2].component)); // through 1
  EXPECT_TRUE(chains.mayCall(p[1].component, p[2].component));
  EXPECT_FALSE(chains.mayCall(p[2].component, p[0].component));
  EXPECT_FALSE(chains.mayCall(p[3].component, p[2].component));
  EXPECT_FALSE(chains.mayCall(p[0].component, p[0].component));
  EXPECT_FALSE(chains.mayCall(-1, p[0].component)); // a unit outside the database
  EXPECT_FALSE(chains.mayCall(p[0].component, -1));
}

TEST(GuessChains, UnitsCallingEachOtherAreOneComponent) {
  // net/core/sock.c <-> net/core/filter.c, both calling 2; 3 calls 0.
  UnitChains chains = guessChains({{1, 2}, {0}, {}, {0}});
  const std::vector<UnitPlace> &p = chains.places;
  EXPECT_EQ(p[0].component, p[1].component);
  EXPECT_NE(p[0].component, p[2].component);
  EXPECT_EQ(chains.ancestors.size(), 3u);
  EXPECT_FALSE(chains.mayCall(p[0].component, p[1].component)); // no waiting within
  EXPECT_TRUE(chains.mayCall(p[3].component, p[2].component));
  EXPECT_EQ(p[0].depth, 1u);
  EXPECT_EQ(p[1].depth, 1u);
  EXPECT_EQ(p[2].depth, 2u);
  EXPECT_EQ(p[3].height, 2u);
  EXPECT_EQ(p[0].height, 1u);
  EXPECT_EQ(p[1].height, 1u);
}

TEST(GuessChains, DepthIsTheDeepestCallerHeightTheLongestChain) {
  // 0 -> 3 directly and 0 -> 1 -> 2 -> 3: 3 is at depth 3.
  UnitChains chains = guessChains({{3, 1}, {2}, {3}, {}});
  EXPECT_EQ(chains.places[3].depth, 3u);
  EXPECT_EQ(chains.places[0].height, 3u);
}

TEST(GuessChains, NumberedAsTarjanFromUnitZeroUpwards) {
  // The numbering the schedule has always had, on graphs with cycles,
  // self-calls, repeated edges and units nothing reaches.
  std::mt19937 random(12345);
  for (int round = 0; round < 300; ++round) {
    size_t n = 1 + random() % 40;
    Graph callees(n);
    unsigned density = 1 + random() % 4;
    for (size_t v = 0; v < n; ++v)
      for (size_t k = random() % (density + 1); k > 0; --k)
        callees[v].push_back(random() % n);
    UnitChains chains = guessChains(callees);
    ASSERT_EQ(componentsOf(chains), referenceComponents(callees)) << "round " << round;
    for (size_t v = 0; v < n; ++v)
      for (size_t w : callees[v]) {
        int cv = chains.places[v].component, cw = chains.places[w].component;
        EXPECT_TRUE(cv == cw || (cv > cw && chains.mayCall(cv, cw))) << "round " << round;
        EXPECT_FALSE(chains.mayCall(cw, cv) && cv != cw) << "round " << round;
      }
  }
}

TEST(GuessChains, ADeepChainAndNoUnits) {
  EXPECT_TRUE(guessChains({}).places.empty());
  size_t n = 20000;
  Graph callees(n);
  for (size_t v = 0; v + 1 < n; ++v)
    callees[v].push_back(v + 1);
  UnitChains chains = guessChains(callees);
  EXPECT_EQ(chains.places[n - 1].depth, n - 1);
  EXPECT_EQ(chains.places[0].height, n - 1);
}

/// Units 0..n-1 with given places, for pickNextUnit().
struct Ready {
  std::vector<UnitPlace> places;
  UnitChains chains;
  std::optional<size_t> pick(const std::vector<size_t> &ready,
                             const std::map<int, unsigned> &unfinished, bool idle = false) {
    std::optional<size_t> at = pickNextUnit(
        ready, [&](size_t i) -> const UnitPlace & { return places[i]; }, unfinished, chains,
        idle);
    if (!at)
      return std::nullopt;
    EXPECT_LT(*at, ready.size());
    return ready[*at]; // the unit, not its position
  }
};

/// 0 -> 1 -> 2 and 3 -> 4: each unit is its own component.
Ready twoChains(std::vector<uint64_t> sizes = {10, 10, 10, 10, 10}) {
  Ready r;
  r.chains = guessChains({{1}, {2}, {}, {4}, {}});
  r.places = r.chains.places;
  for (size_t i = 0; i < sizes.size(); ++i)
    r.places[i].size = sizes[i];
  return r;
}

int comp(const Ready &r, size_t unit) { return r.places[unit].component; }

TEST(PickNextUnit, AUnitWaitsOnlyForUnitsThatMayCallIt) {
  Ready r = twoChains();
  // 0 is unfinished: 2 (which it may reach) waits, 4 does not.
  EXPECT_EQ(r.pick({2, 4}, {{comp(r, 0), 1}}), 4u);
  EXPECT_EQ(r.pick({2}, {{comp(r, 0), 1}}), std::nullopt);
  // Unfinished units of the other chain, or below it, hold nothing back.
  EXPECT_EQ(r.pick({2}, {{comp(r, 3), 1}, {comp(r, 4), 1}}), 2u);
  EXPECT_EQ(r.pick({1}, {{comp(r, 2), 1}}), 1u);
  // Nor does the unit's own component.
  EXPECT_EQ(r.pick({2}, {{comp(r, 2), 1}}), 2u);
}

TEST(PickNextUnit, CallersInOneComponentDoNotWaitForEachOther) {
  Ready r;
  r.chains = guessChains({{1}, {0}});
  r.places = r.chains.places;
  EXPECT_EQ(r.pick({1}, {{comp(r, 0), 1}}), 1u);
}

TEST(PickNextUnit, LongestChainFirst) {
  Ready r = twoChains({1, 1, 1, 1000, 1000});
  // 0 heads a chain of two below it, 3 one of one: 0 first, though smaller.
  EXPECT_EQ(r.pick({3, 0}, {}), 0u);
  EXPECT_EQ(r.pick({4, 1}, {}), 1u);
}

TEST(PickNextUnit, ThenTheShallowest) {
  Ready r = twoChains();
  // 1 and 3 both head a chain of one; 3 is called by no unit.
  EXPECT_EQ(r.pick({1, 3}, {}), 3u);
}

TEST(PickNextUnit, ThenTheLargestFile) {
  Ready r = twoChains({10, 10, 500, 10, 20});
  // 2 and 4 end their chains at depth 2 and 1: depth first.
  EXPECT_EQ(r.pick({2, 4}, {}), 4u);
  Ready same = twoChains({10, 10, 10, 300, 10});
  same.places[0].height = same.places[3].height;
  EXPECT_EQ(same.pick({0, 3}, {}), 3u);
  same.places[0].size = 301;
  EXPECT_EQ(same.pick({0, 3}, {}), 0u);
}

TEST(PickNextUnit, ThenTheLowestNumber) {
  Ready r = twoChains();
  r.places[1] = r.places[3];
  EXPECT_EQ(r.pick({3, 1}, {}), 1u);
  EXPECT_EQ(r.pick({1, 3}, {}), 1u);
}

TEST(PickNextUnit, WhenEveryUnitWaitsAndNothingRunsTheShallowest) {
  Ready r = twoChains();
  std::map<int, unsigned> unfinished = {{comp(r, 0), 1}, {comp(r, 3), 1}};
  EXPECT_EQ(r.pick({2, 1, 4}, unfinished, /*idle=*/false), std::nullopt);
  // The guessed graph was wrong: never a deadlock.
  EXPECT_EQ(r.pick({2, 1, 4}, unfinished, /*idle=*/true), 1u);
  r.places[4].depth = 1;
  EXPECT_EQ(r.pick({4, 1}, unfinished, /*idle=*/true), 1u); // equal depths: the lower number
}

TEST(PickNextUnit, NothingReady) {
  Ready r = twoChains();
  EXPECT_EQ(r.pick({}, {}, /*idle=*/true), std::nullopt);
}

} // namespace
} // namespace sockopt
