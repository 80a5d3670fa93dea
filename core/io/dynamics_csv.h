// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/frf.h"
#include "dynamics/modal_analysis.h"
#include "io/csv_table.h"

namespace dtop::io {

// mode, frequency_hz, damped_natural_frequency_hz, damping_ratio, shape_floor1..n
CsvTable modalResultTable(const dynamics::ModalResult& result);
// frequency_hz, floorN_re, floorN_im, floorN_abs for every floor
CsvTable frfResultTable(const dynamics::FrfResult& result);

} // namespace dtop::io
