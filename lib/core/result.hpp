#pragma once
#include <expected>
#include <string>
#include <type_traits>
#include <utility>

namespace mlmon {

/// An operational failure (unreadable file, bad flag, HTTP error): not a finding about the input.
/// The message names the file or thing and says what to do; it never holds a secret.
struct Error {
  std::string message;
};

/// The one way a library function reports a failure: it returns a Result, never an out-parameter
/// error and never an exception across the library's boundary. Propagate with MLMON_TRY.
/// A class rather than an alias of std::expected so that it can be [[nodiscard]] itself: dropping
/// a failure then warns (an error under -Werror) at every call, not only where a function was
/// marked. Everything else is std::expected's: its constructors, value(), error(), bool, ==.
template <class T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using Base = std::expected<T, Error>;
  using Base::Base;
  constexpr Result() = default;
  // From a plain std::expected<T, Error>, implicitly as std::expected's own conversions: the
  // inherited constructors cannot take their own base class.
  constexpr Result(Base base) : Base(std::move(base)) {}

  // std::expected's `x == value` takes an expected: declared again for Result, or clang finds it
  // ambiguous with its C++20 reversed form (-Wambiguous-reversed-operator).
  template <class U>
  friend constexpr bool operator==(const Result& x, const U& v) {
    return static_cast<const Base&>(x) == v;
  }
};

[[nodiscard]] inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

namespace detail {
// MLMON_TRY's value: the expected's value moved out, or nothing for std::expected<void, E>.
// A Result<T> binds here as its base class, std::expected<T, Error>.
template <class T, class E>
T try_value(std::expected<T, E>&& result) {
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}
}  // namespace detail

}  // namespace mlmon

/// `auto x = MLMON_TRY(f());` — the value of f()'s std::expected, or return its error from the
/// enclosing function (which returns a std::expected with the same error type). Works for
/// std::expected<void, E> too, as a statement: `MLMON_TRY(check());`.
/// A GNU statement expression (g++ and clang both have them): C++ has no `?` operator.
#define MLMON_TRY(...)                                                                    \
  ({                                                                                      \
    auto mlmon_try_result_ = (__VA_ARGS__);                                               \
    if (!mlmon_try_result_) return std::unexpected(std::move(mlmon_try_result_).error()); \
    ::mlmon::detail::try_value(std::move(mlmon_try_result_));                             \
  })
