// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "identification/measured_frf.h"
#include "io/dataset.h"
#include "io/dataset_catalogue.h"
#include "io/dataset_library.h"
#include "model/profile.h"

#include <catch2/catch.hpp>

#include <random>

namespace dtop::test {

// A 3-storey chain close to the rig (modes near 6.2, 17.5, 25.6 Hz, ζ ≈ 0.1-0.4 %).
inline model::Profile rigLikeChain()
{
    model::Profile p;
    p.name = "synthetic";
    p.masses = {5.04, 4.99, 4.97};
    p.stiffnesses = {34958.0, 43195.0, 43296.0};
    p.dampers = {7.9, 4.0, 5.5};
    return p;
}

// Exact FRF of `profile` (force at inputFloor, every floor measured) on f = step, 2 step, ...
// within [loHz, hiHz], with optional complex Gaussian noise of `noise` × the rms of each
// response (seeded).
inline identification::MeasuredFrf chainFrf(const model::Profile& profile, int inputFloor,
                                            dynamics::FrfQuantity quantity, double loHz,
                                            double hiHz, double stepHz, double noise = 0.0,
                                            unsigned seed = 1)
{
    dynamics::FrfInput in;
    in.profile = profile;
    in.quantity = quantity;
    in.inputFloor = inputFloor;
    for (double f = stepHz; f <= hiHz + 1e-9; f += stepHz)
        if (f >= loHz - 1e-9)
            in.frequenciesHz.push_back(f);
    const dynamics::FrfResult r = dynamics::runFrf(in);
    identification::MeasuredFrf m;
    m.quantity = quantity;
    m.frequencyHz = r.frequencyHz;
    m.excitationFloor = inputFloor;
    m.source = "synthetic";
    const std::size_t n = profile.storeys();
    m.h.resize(Eigen::Index(m.frequencyHz.size()), Eigen::Index(n));
    for (std::size_t o = 0; o < n; ++o) {
        m.floors.push_back(int(o) + 1);
        for (std::size_t k = 0; k < m.frequencyHz.size(); ++k)
            m.h(Eigen::Index(k), Eigen::Index(o)) = r.floors[o][k];
    }
    if (noise > 0.0) {
        std::mt19937 rng(seed);
        std::normal_distribution<double> g(0.0, 1.0);
        for (Eigen::Index o = 0; o < m.h.cols(); ++o) {
            const double rms = std::sqrt(m.h.col(o).squaredNorm() / double(m.h.rows()));
            for (Eigen::Index k = 0; k < m.h.rows(); ++k)
                m.h(k, o) += noise * rms * std::complex<double>(g(rng), g(rng)) / std::sqrt(2.0);
        }
    }
    return m;
}

// The same as an FRF dataset (as a reader would give it).
inline io::Dataset frfDataset(const identification::MeasuredFrf& m, const std::string& id)
{
    io::Dataset d;
    d.info.id = id;
    d.info.kind = io::DatasetKind::Frf;
    d.info.quantity = m.quantity;
    d.info.excitationFloor = m.excitationFloor;
    io::FrfData data;
    for (std::size_t o = 0; o < m.responses(); ++o) {
        io::FrfChannel c;
        c.floor = m.floors[o];
        c.frequencyHz = m.frequencyHz;
        for (std::size_t k = 0; k < m.lines(); ++k) {
            c.values.push_back(m.h(Eigen::Index(k), Eigen::Index(o)));
            c.magnitude.push_back(std::abs(c.values.back()));
        }
        data.channels.push_back(c);
    }
    d.data = data;
    return d;
}

inline io::Dataset bundledDataset(const std::string& id)
{
    auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    REQUIRE(catalogue);
    auto read = io::loadDataset(&catalogue.value(), nullptr, id);
    REQUIRE(read);
    return std::move(read).value();
}

inline double relative(double a, double b) { return std::abs(a - b) / std::abs(b); }

} // namespace dtop::test
