#pragma once
#include <expected>
#include <string>

namespace mlmon {

/// An operational failure (unreadable file, bad flag, HTTP error): not a finding about the input.
/// The message names the file or thing and says what to do; it never holds a secret.
struct Error {
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) { return std::unexpected(Error{std::move(message)}); }

}  // namespace mlmon
