// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dataset.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace dtop::io {

const char* datasetKindName(DatasetKind kind)
{
    switch (kind) {
    case DatasetKind::TimeHistory:
        return "time_history";
    case DatasetKind::ModeShapes:
        return "mode_shapes";
    case DatasetKind::Frf:
        break;
    }
    return "frf";
}

bool parseDatasetKind(const std::string& text, DatasetKind& kind)
{
    for (DatasetKind k : {DatasetKind::Frf, DatasetKind::TimeHistory, DatasetKind::ModeShapes})
        if (text == datasetKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

const char* responseQuantityName(ResponseQuantity q)
{
    switch (q) {
    case ResponseQuantity::Displacement:
        return "displacement";
    case ResponseQuantity::Acceleration:
        return "acceleration";
    case ResponseQuantity::Velocity:
        break;
    }
    return "velocity";
}

const char* responseQuantityUnit(ResponseQuantity q)
{
    switch (q) {
    case ResponseQuantity::Displacement:
        return "m";
    case ResponseQuantity::Acceleration:
        return "m/s²";
    case ResponseQuantity::Velocity:
        break;
    }
    return "m/s";
}

bool parseResponseQuantity(const std::string& text, ResponseQuantity& q)
{
    for (ResponseQuantity c : {ResponseQuantity::Displacement, ResponseQuantity::Velocity,
                               ResponseQuantity::Acceleration})
        if (text == responseQuantityName(c)) {
            q = c;
            return true;
        }
    return false;
}

std::string frfQuantityText(const std::optional<dynamics::FrfQuantity>& q)
{
    return q ? dynamics::frfQuantityName(*q) : "unknown";
}

bool parseFrfQuantityText(const std::string& text, std::optional<dynamics::FrfQuantity>& q)
{
    if (text == "unknown") {
        q.reset();
        return true;
    }
    dynamics::FrfQuantity parsed;
    if (!dynamics::parseFrfQuantity(text, parsed))
        return false;
    q = parsed;
    return true;
}

const FrfChannel* FrfData::floor(int floorNumber) const
{
    for (const auto& c : channels)
        if (c.floor == floorNumber)
            return &c;
    return nullptr;
}

bool FrfData::sharesOneAxis() const
{
    return std::all_of(channels.begin(), channels.end(), [this](const FrfChannel& c) {
        return c.frequencyHz == channels.front().frequencyHz;
    });
}

const std::vector<double>* TimeHistoryData::floor(int floorNumber) const
{
    for (const auto& c : channels)
        if (c.floor == floorNumber)
            return &c.values;
    return nullptr;
}

DatasetKind Dataset::kind() const
{
    return isFrf() ? DatasetKind::Frf
                   : isTimeHistory() ? DatasetKind::TimeHistory : DatasetKind::ModeShapes;
}

const FrfData& Dataset::frf() const
{
    if (!isFrf())
        throw std::logic_error("dataset '" + info.id + "' is " + datasetKindName(kind()) +
                               ", not an FRF");
    return std::get<FrfData>(data);
}

const TimeHistoryData& Dataset::timeHistory() const
{
    if (!isTimeHistory())
        throw std::logic_error("dataset '" + info.id + "' is " + datasetKindName(kind()) +
                               ", not a time history");
    return std::get<TimeHistoryData>(data);
}

const ModeShapeData& Dataset::modeShapes() const
{
    if (!isModeShapes())
        throw std::logic_error("dataset '" + info.id + "' is " + datasetKindName(kind()) +
                               ", not mode shapes");
    return std::get<ModeShapeData>(data);
}

namespace {
bool sameBits(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
           (std::isnan(a) && std::isnan(b));
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](double x, double y) { return sameBits(x, y); });
}
} // namespace

bool ModeShapeData::operator==(const ModeShapeData& o) const
{
    if (nodes != o.nodes || modeNumbers != o.modeNumbers || complex != o.complex ||
        direction != o.direction || !sameBits(frequenciesHz, o.frequenciesHz) ||
        !sameBits(dampingRatios, o.dampingRatios) || !sameBits(modalMasses, o.modalMasses) ||
        shapes.rows() != o.shapes.rows() || shapes.cols() != o.shapes.cols() ||
        coordinatesM.size() != o.coordinatesM.size())
        return false;
    for (Eigen::Index i = 0; i < shapes.size(); ++i)
        if (!sameBits(shapes(i).real(), o.shapes(i).real()) ||
            !sameBits(shapes(i).imag(), o.shapes(i).imag()))
            return false;
    for (std::size_t i = 0; i < coordinatesM.size(); ++i)
        for (std::size_t k = 0; k < 3; ++k)
            if (!sameBits(coordinatesM[i][k], o.coordinatesM[i][k]))
                return false;
    return true;
}

namespace {
// Step of a uniform axis, or 0 when the steps differ by more than rounding of the printed
// values (1e-6 of the step).
double uniformStep(const std::vector<double>& axis)
{
    if (axis.size() < 2)
        return 0.0;
    const double step = (axis.back() - axis.front()) / static_cast<double>(axis.size() - 1);
    for (std::size_t i = 1; i < axis.size(); ++i)
        if (std::abs(axis[i] - axis[i - 1] - step) > 1e-6 * step)
            return 0.0;
    return step;
}
} // namespace

void describeSampling(Dataset& dataset)
{
    DatasetInfo& info = dataset.info;
    info.kind = dataset.kind();
    if (dataset.isFrf()) {
        const FrfData& frf = dataset.frf();
        info.frequencyMinHz = info.frequencyMaxHz = info.frequencyStepHz = 0.0;
        bool first = true;
        for (const auto& c : frf.channels) {
            if (c.frequencyHz.empty())
                continue;
            info.frequencyMinHz =
                first ? c.frequencyHz.front() : std::min(info.frequencyMinHz, c.frequencyHz.front());
            info.frequencyMaxHz =
                first ? c.frequencyHz.back() : std::max(info.frequencyMaxHz, c.frequencyHz.back());
            first = false;
        }
        if (!frf.channels.empty() && frf.sharesOneAxis())
            info.frequencyStepHz = uniformStep(frf.channels.front().frequencyHz);
        if (info.units.empty())
            info.units = info.quantity ? dynamics::frfQuantityUnit(*info.quantity) : "unknown";
    } else if (dataset.isModeShapes()) {
        const std::vector<double>& f = dataset.modeShapes().frequenciesHz;
        info.frequencyMinHz = f.empty() ? 0.0 : *std::min_element(f.begin(), f.end());
        info.frequencyMaxHz = f.empty() ? 0.0 : *std::max_element(f.begin(), f.end());
        info.frequencyStepHz = 0.0;
    } else {
        const TimeHistoryData& th = dataset.timeHistory();
        info.response = th.response;
        info.samplingRateHz = th.samplingRateHz;
        info.durationS = th.timeS.empty() ? 0.0 : th.timeS.back() - th.timeS.front();
        if (info.units.empty())
            info.units = std::string(th.hasForce() ? "force N, " : "") +
                         responseQuantityName(th.response) + " " +
                         responseQuantityUnit(th.response);
    }
}

namespace {
int derivativeOrder(dynamics::FrfQuantity q)
{
    switch (q) {
    case dynamics::FrfQuantity::Mobility:
        return 1;
    case dynamics::FrfQuantity::Accelerance:
        return 2;
    case dynamics::FrfQuantity::Receptance:
        break;
    }
    return 0;
}
} // namespace

FrfChannel convertFrfChannel(const FrfChannel& channel, dynamics::FrfQuantity from,
                             dynamics::FrfQuantity to)
{
    const int p = derivativeOrder(to) - derivativeOrder(from);
    FrfChannel out;
    out.floor = channel.floor;
    for (std::size_t i = 0; i < channel.size(); ++i) {
        const double omega = 2.0 * std::numbers::pi * channel.frequencyHz[i];
        if (p < 0 && omega == 0.0)
            continue;
        // (jω)^p for p in −2..2
        std::complex<double> factor(1.0, 0.0);
        for (int k = 0; k < std::abs(p); ++k)
            factor *= std::complex<double>(0.0, omega);
        if (p < 0)
            factor = 1.0 / factor;
        out.frequencyHz.push_back(channel.frequencyHz[i]);
        out.magnitude.push_back(channel.magnitude[i] * std::abs(factor));
        if (channel.hasPhase())
            out.values.push_back(channel.values[i] * factor);
    }
    return out;
}

} // namespace dtop::io
