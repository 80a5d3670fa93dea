// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset.h"

#include <QString>

namespace dtop::widgets {

// One line saying what a dataset holds (kind, quantity, force floor, range), as plain text.
// The dataset browser shows it under the title; the import dialog shows it for the file about to
// be imported, so the user sees what was read before choosing what to store.
QString datasetDescription(const io::Dataset& dataset);

} // namespace dtop::widgets
