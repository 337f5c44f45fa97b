#include "common/clock.h"

#include <thread>

#include "gtest/gtest.h"

namespace horizon {
namespace {

TEST(FakeClockTest, StandsStillUntilAdvanced) {
  const absl::Time start = absl::FromUnixSeconds(1000);
  FakeClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(absl::Seconds(15));
  EXPECT_EQ(clock.Now(), start + absl::Seconds(15));
  clock.SetTime(start);
  EXPECT_EQ(clock.Now(), start);
}

TEST(FakeClockTest, SleeperWakesWhenTimeReachesDeadline) {
  FakeClock clock(absl::FromUnixSeconds(0));
  bool woke = false;
  std::thread sleeper([&] {
    clock.SleepUntil(absl::FromUnixSeconds(10));
    woke = true;
  });
  clock.Advance(absl::Seconds(5));
  clock.Advance(absl::Seconds(5));
  sleeper.join();
  EXPECT_TRUE(woke);
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(10));
}

TEST(RealClockTest, SleepUntilPastDeadlineReturnsAtOnce) {
  RealClock* clock = RealClock::Get();
  const absl::Time before = clock->Now();
  clock->SleepUntil(before - absl::Seconds(1));
  EXPECT_LT(clock->Now() - before, absl::Seconds(1));
}

}  // namespace
}  // namespace horizon
