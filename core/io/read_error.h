// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace dtop::io {

// Why a file could not be read: the file as the caller named it, the 1-based line (0 when
// the problem concerns the whole file, e.g. it cannot be opened) and what was expected versus
// found. text() is what a user sees: "bad.csv line 7: expected 4 comma-separated numbers,
// found 3".
struct ReadError {
    std::string file;
    std::size_t line = 0;
    std::string message;

    std::string text() const;
};

// Either a value or the ReadError that prevented it. Readers return this and never throw.
template <class T>
class ReadResult {
public:
    ReadResult(T value) : m_state(std::move(value)) {}
    ReadResult(ReadError error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    // value() on a failed result (or error() on a good one) is a programming error.
    const T& value() const& { return checkedValue(); }
    T& value() & { return const_cast<T&>(checkedValue()); }
    T&& value() && { return std::move(const_cast<T&>(checkedValue())); }
    const ReadError& error() const
    {
        if (ok())
            throw std::logic_error("ReadResult::error() called on a successful result");
        return std::get<1>(m_state);
    }

private:
    const T& checkedValue() const
    {
        if (!ok())
            throw std::logic_error("ReadResult::value() called on a failed result: " +
                                   std::get<1>(m_state).text());
        return std::get<0>(m_state);
    }

    std::variant<T, ReadError> m_state;
};

} // namespace dtop::io
