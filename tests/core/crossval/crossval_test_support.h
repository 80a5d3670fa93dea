// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf.h"
#include "io/dataset.h"
#include "io/dataset_catalogue.h"
#include "model/profile.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace dtop::test {

// A bundled dataset (data/manifest.json) by id.
inline io::Dataset bundledDataset(const std::string& id)
{
    const auto catalogue = io::loadBundledCatalogue(DTOP_DATA_DIR);
    if (!catalogue.ok())
        throw std::runtime_error(catalogue.error().text());
    auto d = io::readCatalogueDataset(catalogue.value(), id);
    if (!d.ok())
        throw std::runtime_error(d.error().text());
    return std::move(d).value();
}

// The exact FRFs of a profile as a complex FRF dataset, as if measured on `grid`.
inline io::Dataset datasetFromProfile(const model::Profile& profile, const std::string& id,
                                      dynamics::FrfQuantity quantity, int inputFloor,
                                      const std::vector<double>& grid)
{
    dynamics::FrfInput in;
    in.profile = profile;
    in.quantity = quantity;
    in.inputFloor = inputFloor;
    in.frequenciesHz = grid;
    const dynamics::FrfResult r = dynamics::runFrf(in);
    io::Dataset d;
    d.info.id = id;
    d.info.title = id;
    d.info.quantity = quantity;
    d.info.excitationFloor = inputFloor;
    io::FrfData frf;
    for (std::size_t i = 0; i < r.floors.size(); ++i) {
        io::FrfChannel c;
        c.floor = static_cast<int>(i + 1);
        c.frequencyHz = grid;
        c.values = r.floors[i];
        for (const auto& v : c.values)
            c.magnitude.push_back(std::abs(v));
        frf.channels.push_back(std::move(c));
    }
    d.data = std::move(frf);
    io::describeSampling(d);
    return d;
}

inline std::vector<double> uniformGrid(double lo, double hi, std::size_t n)
{
    std::vector<double> g(n);
    for (std::size_t i = 0; i < n; ++i)
        g[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
    return g;
}

} // namespace dtop::test
