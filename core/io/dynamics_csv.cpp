// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/dynamics_csv.h"

#include <string>

namespace dtop::io {

CsvTable modalResultTable(const dynamics::ModalResult& r)
{
    const Eigen::Index modes = r.undamped.angularFrequencies.size();
    CsvTable t;
    std::vector<double> index;
    for (Eigen::Index i = 0; i < modes; ++i)
        index.push_back(static_cast<double>(i + 1));
    t.addColumn("mode", index);
    t.addColumn("frequency_hz", r.undamped.frequenciesHz());
    // Overdamped roots can make the damped list longer than n; the table keeps n rows.
    auto firstModes = [modes](const std::vector<double>& v) {
        return std::vector<double>(v.begin(), v.begin() + std::min<std::size_t>(v.size(), modes));
    };
    t.addColumn("damped_natural_frequency_hz", firstModes(r.damped.naturalFrequenciesHz));
    t.addColumn("damping_ratio", firstModes(r.damped.dampingRatios));
    for (Eigen::Index floor = 0; floor < r.undamped.shapes.rows(); ++floor) {
        const Eigen::VectorXd row = r.undamped.shapes.row(floor).transpose();
        t.addColumn("shape_floor" + std::to_string(floor + 1),
                    std::vector<double>(row.data(), row.data() + row.size()));
    }
    return t;
}

CsvTable frfResultTable(const dynamics::FrfResult& r)
{
    CsvTable t;
    t.addColumn("frequency_hz", r.frequencyHz);
    for (std::size_t floor = 0; floor < r.floors.size(); ++floor) {
        const std::string prefix = "floor" + std::to_string(floor + 1) + "_";
        std::vector<double> re, im, magnitude;
        for (const auto& v : r.floors[floor]) {
            re.push_back(v.real());
            im.push_back(v.imag());
            magnitude.push_back(std::abs(v));
        }
        t.addColumn(prefix + "re", std::move(re));
        t.addColumn(prefix + "im", std::move(im));
        t.addColumn(prefix + "abs", std::move(magnitude));
    }
    return t;
}

} // namespace dtop::io
