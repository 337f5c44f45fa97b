// Tolerances: how far a usage ratio may stray from 1.0 before the HPA acts.
//
// Upstream keeps one tolerance per direction (the controller flag, optionally
// overridden per HPA by behavior.scaleUp/scaleDown.tolerance). A ratio inside
// the closed interval [1 - down, 1 + up] keeps the current replica count.
#ifndef HORIZON_HPA_CALC_TOLERANCES_H_
#define HORIZON_HPA_CALC_TOLERANCES_H_

namespace horizon::hpa::calc {

struct Tolerances {
  double scale_down = 0.1;
  double scale_up = 0.1;

  bool IsWithin(double usage_ratio) const {
    return (1.0 - scale_down) <= usage_ratio && usage_ratio <= (1.0 + scale_up);
  }
};

}  // namespace horizon::hpa::calc

#endif  // HORIZON_HPA_CALC_TOLERANCES_H_
