// Time sources.
//
// Clock is the one way Horizon code asks for the current time, so tests can
// drive time by hand: RealClock reads the system clock, FakeClock only moves
// when told to. The decision core takes time as a parameter and needs neither.
#ifndef HORIZON_COMMON_CLOCK_H_
#define HORIZON_COMMON_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace horizon {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
  // Blocks the calling thread until Now() >= deadline (or returns at once).
  virtual void SleepUntil(absl::Time deadline) = 0;
};

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  void SleepUntil(absl::Time deadline) override;
  // A process-wide instance.
  static RealClock* Get();
};

// A clock that stands still until Advance() or SetTime() moves it. Sleepers
// wake when the fake time reaches their deadline. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  void SleepUntil(absl::Time deadline) override;
  void Advance(absl::Duration d);
  void SetTime(absl::Time t);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace horizon

#endif  // HORIZON_COMMON_CLOCK_H_
