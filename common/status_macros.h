// Status propagation macros.
//
// RETURN_IF_ERROR(expr) returns the absl::Status of `expr` from the enclosing
// function when it is not OK. ASSIGN_OR_RETURN(lhs, expr) evaluates an
// absl::StatusOr<T>, returns its status when it is not OK and otherwise moves
// the value into `lhs` (which may be a declaration: `auto x`).
//
// The Debian build of abseil (20220623) ships neither, so Horizon keeps its own.
#ifndef HORIZON_COMMON_STATUS_MACROS_H_
#define HORIZON_COMMON_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

#define HORIZON_STATUS_CONCAT_INNER_(a, b) a##b
#define HORIZON_STATUS_CONCAT_(a, b) HORIZON_STATUS_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                                              \
  do {                                                                     \
    const ::absl::Status horizon_status_ = (expr);                         \
    if (ABSL_PREDICT_FALSE(!horizon_status_.ok())) return horizon_status_; \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  HORIZON_ASSIGN_OR_RETURN_IMPL_(HORIZON_STATUS_CONCAT_(horizon_statusor_, __LINE__), lhs, expr)

#define HORIZON_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)                    \
  auto statusor = (expr);                                                      \
  if (ABSL_PREDICT_FALSE(!statusor.ok())) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

namespace horizon {

// Returns `status` with `context` prepended to its message ("context: message"),
// keeping the code. OK stays OK.
inline absl::Status Annotate(const absl::Status& status, std::string_view context) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(absl::string_view(context.data(), context.size()),
                                                  ": ", status.message()));
}

}  // namespace horizon

#endif  // HORIZON_COMMON_STATUS_MACROS_H_
