// API-server validation of autoscaling/v2 HorizontalPodAutoscaler on create.
//
// ValidateHorizontalPodAutoscaler reports every problem the API server reports
// for a new HPA (pkg/apis/autoscaling/validation/validation.go together with
// the create options of pkg/registry/.../horizontalpodautoscaler/strategy.go),
// as a list of FieldErrors with upstream's field paths, error types, values
// and messages, in upstream's order. FieldError::ToString renders one error
// exactly like upstream's field.Error.Error():
//   spec.metrics[1].resource.target.averageUtilization: Invalid value: 0: must be greater than 0
//
// The object is expected to be defaulted first (SetDefaults in hpa_defaults.h)
// and to carry its final name (generateName already expanded), as on the
// server. Feature gates that change what the server accepts are passed in
// ValidationOptions; fields of a disabled gate are dropped by the server
// before validation (DropDisabledFields), so validation ignores them.
#ifndef HORIZON_KUBE_HPA_VALIDATION_H_
#define HORIZON_KUBE_HPA_VALIDATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "kube/hpa.h"

namespace horizon::kube {

// FieldError::type values: the words upstream prints for each
// field.ErrorType.
inline constexpr char kFieldValueRequired[] = "Required value";
inline constexpr char kFieldValueInvalid[] = "Invalid value";
inline constexpr char kFieldValueNotSupported[] = "Unsupported value";
inline constexpr char kFieldValueForbidden[] = "Forbidden";
inline constexpr char kFieldValueTooLong[] = "Too long";

// One field-level validation error (upstream field.Error).
struct FieldError {
  std::string field;  // JSON path, e.g. "spec.behavior.scaleUp.policies[0].value"
  std::string type;   // one of the kFieldValue* constants
  // The offending value as upstream prints it: strings Go-quoted ("\"..\""),
  // integers in decimal, quantities in canonical form ("500m"). Empty for the
  // types that print no value (Required, Forbidden, Too long).
  std::string value;
  std::string detail;  // human-readable reason; may be empty

  // "<field>: <type>[: <value>][: <detail>]", as field.Error.Error().
  std::string ToString() const;
  // The machine-readable cause type of metav1.StatusCause.reason
  // ("FieldValueInvalid", ...), for building API Status objects.
  std::string Reason() const;

  friend bool operator==(const FieldError& a, const FieldError& b) {
    return a.field == b.field && a.type == b.type && a.value == b.value && a.detail == b.detail;
  }
};

// Feature gates of the API server that change validation.
struct ValidationOptions {
  // HPAScaleToZero: minReplicas may be 0 (given an Object or External metric).
  bool scale_to_zero = true;
  // HPAConfigurableTolerance: behavior.scaleUp/scaleDown.tolerance is accepted
  // (and must be >= 0); when off the server drops the field.
  bool configurable_tolerance = true;
  // HPAConfigurableSyncPeriod: spec.syncPeriodSeconds is accepted (3..3600);
  // when off the server drops the field.
  bool configurable_sync_period = false;
};

// Bounds the API server enforces: the policy period and stabilization window
// limits of validation.go, and the range of the alpha syncPeriodSeconds field.
inline constexpr int32_t kMaxPeriodSeconds = 1800;
inline constexpr int32_t kMaxStabilizationWindowSeconds = 3600;
inline constexpr int32_t kMinSyncPeriodSeconds = 3;
inline constexpr int32_t kMaxSyncPeriodSeconds = 3600;

// Validates a new HPA. An empty result means the server would accept it.
std::vector<FieldError> ValidateHorizontalPodAutoscaler(const HorizontalPodAutoscaler& hpa,
                                                        const ValidationOptions& options = {});

// Clears the fields whose feature gate is off, as the API server does before
// validating a create: behavior tolerances without HPAConfigurableTolerance,
// spec.syncPeriodSeconds without HPAConfigurableSyncPeriod. A null pointer is
// ignored.
void DropDisabledFields(HorizontalPodAutoscaler* hpa, const ValidationOptions& options);

// OK for no errors; otherwise InvalidArgument whose message lists every
// distinct error (ToString) joined by "; ", in order. Identical messages are
// listed once, as upstream's aggregate error does.
absl::Status ToStatus(const std::vector<FieldError>& errors);

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_HPA_VALIDATION_H_
